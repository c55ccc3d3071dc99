import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AnswerOutput, PolicyOutput, RulesOutput } from '../../src/mcp/schemas.js';
import type { AnswerJson } from '../../src/render/json.js';
import type { PolicyJson } from '../../src/render/policy-json.js';
import type { rulesJson } from '../../src/render/rules/response.js';

/**
 * The MCP tools' output schemas are the CLI's --json types written as zod: these checks run in
 * `tsc --noEmit` (npm test's typecheck), so a field added to one and not the other fails the build.
 */
describe('MCP output schemas', () => {
  it('lookup and providers_for_port: exactly the CLI --json answer (AnswerJson)', () => {
    expectTypeOf<z.infer<typeof AnswerOutput>>().toEqualTypeOf<AnswerJson>();
  });

  it('permission_snippets: the CLI --permissions --json, each assignable to the other', () => {
    // Not toEqualTypeOf: zod writes an optional field as `?: T | undefined`, the engine as `?: T`.
    expectTypeOf<PolicyJson>().toExtend<z.infer<typeof PolicyOutput>>();
    expectTypeOf<z.infer<typeof PolicyOutput>>().toExtend<PolicyJson>();
  });

  it('firewall_rules: every CLI rules --json fits the schema, and the schema has no field it lacks', () => {
    type Rules = ReturnType<typeof rulesJson>;
    expectTypeOf<Rules>().toExtend<z.infer<typeof RulesOutput>>();
    expectTypeOf<keyof z.infer<typeof RulesOutput>>().toEqualTypeOf<keyof Rules>();
    expectTypeOf<keyof z.infer<typeof RulesOutput>['rules'][number]>().toEqualTypeOf<
      keyof Rules['rules'][number]
    >();
  });
});
