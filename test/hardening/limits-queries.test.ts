import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Catalog } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import { binaryString } from '../helpers/arbitraries.js';
import { realCatalog } from '../helpers/catalog.js';
import { hostileCatalog } from './catalogs.js';
import { HOSTILE_STRINGS } from './hostile.js';
import { expectSendable, RUNS_SCALE } from './sendable.js';

/**
 * Slack's limits, whatever the query: random and adversarial queries go through the engine and
 * every Slack renderer (answers on both surfaces, shared, in threads, provider cards, checklist
 * summaries, item messages before and after clicks), and nothing may throw.
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

function queryArbitrary(catalog: Catalog): fc.Arbitrary<string> {
  // Provider terms and the Delegate-network topics' aliases: answers mixing both are the longest.
  const terms = [
    ...catalog.providers.flatMap((p) => [p.id, p.name, ...p.aliases]),
    ...(catalog.delegate?.topics ?? []).flatMap((topic) => topic.aliases),
  ];
  const word = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...terms) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'checklist',
        'list',
        'help',
        'what',
        'ports',
        'does',
        'the',
        'delegate',
        'need',
        'for',
        'and',
        'on',
        'in',
        'aws',
        'verification providers',
        'artifact servers',
        'all',
        '?',
        ',',
      ),
    },
    { weight: 2, arbitrary: fc.integer({ min: -10, max: 10_000_000 }).map(String) },
    { weight: 1, arbitrary: binaryString({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: loneSurrogate, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
  );
  return fc.oneof(
    { weight: 20, arbitrary: fc.array(word, { maxLength: 12 }).map((words) => words.join(' ')) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 400, maxLength: 3000 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...HOSTILE_STRINGS, '"', '\\', '\u0001', '🚀'),
          fc.integer({ min: 1, max: 2000 }),
        )
        .map(([text, times]) => text.repeat(times)),
    },
  );
}

describe("Slack's limits for answers the engine gives", () => {
  it('holds for thousands of random and adversarial queries on the real catalog', () => {
    const catalog = realCatalog();
    fc.assert(
      fc.property(queryArbitrary(catalog), (query) => expectSendable(answer(query, catalog), catalog)),
      { numRuns: 800 * RUNS_SCALE },
    );
  });

  it('holds on a catalog whose every text field is hostile', () => {
    const catalog = hostileCatalog();
    fc.assert(
      fc.property(queryArbitrary(catalog), (query) => expectSendable(answer(query, catalog), catalog)),
      { numRuns: 250 * RUNS_SCALE },
    );
  });
});
