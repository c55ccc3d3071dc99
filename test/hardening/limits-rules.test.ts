import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/schema.js';
import { RULE_FORMAT_IDS } from '../../src/engine/rules.js';
import { rulesRequest } from '../../src/engine/rules-request.js';
import type { SlackMessage } from '../../src/render/blocks/kit.js';
import { MAX_RULES_MESSAGES } from '../../src/render/blocks/rules.js';
import { blocksTextLength, SLACK_LIMITS } from '../../src/render/limits.js';
import { rulesMessages, typedRulesMessages } from '../../src/slack/rules.js';
import { binaryString } from '../helpers/arbitraries.js';
import { realCatalog } from '../helpers/catalog.js';
import { hostileCatalog } from './catalogs.js';
import { HOSTILE_STRINGS } from './hostile.js';
import { RUNS_SCALE, sendProblems } from './sendable.js';

/**
 * Slack's limits for firewall rules in Slack, whatever is asked: typed requests ("rules …") with
 * random and adversarial words, and the modal's choices over random providers, formats and clusters,
 * on the real catalog and on one whose every text is hostile.
 */

function expectSendableRules(messages: readonly SlackMessage[], catalog: Catalog, what: string) {
  expect(messages.length, what).toBeGreaterThan(0);
  expect(messages.length, what).toBeLessThanOrEqual(MAX_RULES_MESSAGES);
  for (const message of messages) {
    expect(sendProblems(message, catalog), what).toEqual([]);
    expect(blocksTextLength(message.blocks), what).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocksText);
  }
}

function typedQuery(catalog: Catalog): fc.Arbitrary<string> {
  const terms = catalog.providers.flatMap((p) => [p.id, p.name, ...p.aliases]);
  const clusters = (catalog.delegate?.clusters ?? []).map((c) => c.cluster);
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...terms) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ...RULE_FORMAT_IDS,
        'as',
        'terraform',
        'delegate',
        'cluster',
        'checklist',
        ...clusters,
      ),
    },
    { weight: 1, arbitrary: binaryString({ maxLength: 30 }) },
  );
  return fc
    .tuple(fc.constantFrom('rules', 'firewall rules for', 'egress rules'), fc.array(word, { maxLength: 14 }))
    .map(([head, words]) => `${head} ${words.join(' ')}`);
}

function modalChoice(catalog: Catalog) {
  const ids = catalog.providers.map((p) => p.id);
  const clusters = (catalog.delegate?.clusters ?? []).map((c) => c.cluster);
  return fc.record({
    providerIds: fc.subarray(ids, { minLength: 1, maxLength: Math.min(30, ids.length) }),
    format: fc.constantFrom(...RULE_FORMAT_IDS),
    cluster: clusters.length
      ? fc.option(fc.constantFrom(...clusters), { nil: undefined })
      : fc.constant(undefined),
  });
}

describe("Slack's limits for firewall rules", () => {
  for (const [name, load, runs] of [
    ['the real catalog', realCatalog, 150],
    ['a catalog whose every text field is hostile', hostileCatalog, 60],
  ] as const) {
    it(`holds for typed requests on ${name}`, () => {
      const catalog = load();
      fc.assert(
        fc.property(typedQuery(catalog), (query) => {
          for (const surface of ['ephemeral', 'public'] as const)
            expectSendableRules(
              typedRulesMessages(catalog, rulesRequest(query, catalog), { surface }),
              catalog,
              query.slice(0, 120),
            );
        }),
        { numRuns: runs * RUNS_SCALE },
      );
    });

    it(`holds for the modal's choices on ${name}`, () => {
      const catalog = load();
      fc.assert(
        fc.property(modalChoice(catalog), (choice) => {
          const asked = { ...choice, delegate: choice.cluster !== undefined };
          const messages = rulesMessages(catalog, asked, {
            surface: 'ephemeral',
            threadTs: '1732560000.000100',
          });
          expectSendableRules(messages ?? [], catalog, JSON.stringify(choice).slice(0, 200));
        }),
        { numRuns: runs * RUNS_SCALE },
      );
    });
  }
});
