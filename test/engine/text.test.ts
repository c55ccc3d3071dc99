import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexFor } from '../../src/engine/search-index.js';
import { beginsAny, editDistance, sortedKeys, tokenize } from '../../src/engine/text.js';
import { realCatalog } from '../helpers/catalog.js';

/** The textbook optimal string alignment distance, a full table per call: the reference. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit, and other edits one each', () => {
    expect(editDistance('splnuk', 'splunk')).toBe(1);
    expect(editDistance('promethues', 'prometheus')).toBe(1);
    expect(editDistance('kubernets', 'kubernetes')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('datadgo', 'datadog')).toBe(1);
  });

  it('stops early with max + 1 once the distance must exceed max', () => {
    expect(editDistance('mainframe', 'splunk', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });

  it('agrees with the textbook table on any pair, short or longer than its buffers', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });
    const long = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 60, maxLength: 140 });
    fc.assert(
      fc.property(fc.oneof(word, long), fc.oneof(word, long), (a, b) => {
        expect(editDistance(a, b)).toBe(referenceDistance(a, b));
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const exact = referenceDistance(a, b);
        expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 1000 },
    );
    // Long words a few edits apart: the band around the diagonal, in buffers grown for them.
    const edits = fc.array(fc.tuple(fc.nat(), fc.constantFrom('a', 'b', 'c', '')), { maxLength: 5 });
    fc.assert(
      fc.property(long, edits, fc.integer({ min: 0, max: 6 }), (a, changes, max) => {
        let b = a;
        for (const [at, letter] of changes)
          b = b.slice(0, at % b.length) + letter + b.slice((at % b.length) + 1);
        const exact = referenceDistance(a, b);
        expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('beginsAny', () => {
  it('answers as a scan of every key would', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 20 }), key, (keys, prefix) => {
        expect(beginsAny(sortedKeys(keys), prefix)).toBe(keys.some((k) => k.startsWith(prefix)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('SearchIndex.reach', () => {
  const catalog = realCatalog();
  const index = indexFor(catalog);
  // The catalog's own words, plurals, question words and strays: phrases that name terms and phrases that do not.
  const vocabulary = [
    ...new Set([
      ...catalog.providers.flatMap((p) => [...tokenize(p.name), ...p.aliases.flatMap(tokenize)]),
      ...['providers', 'servers', 'repos', 'artifacts', 'verification', 'security', 'cloud', 'the', 'for'],
      ...['and', 'ports', 'x', 'zzz', 'news', 'relics', 'aws', 'amazon', 'web', 'services'],
    ]),
  ];

  it('is never shorter than the longest phrase findTerm names at that word', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 8 }), (words) => {
        for (let start = 0; start < words.length; start++) {
          let longest = 0;
          for (let length = 1; length <= Math.min(index.longestTerm, words.length - start); length++) {
            if (index.findTerm(words.slice(start, start + length))) longest = length;
          }
          expect(index.reach(words, start)).toBeGreaterThanOrEqual(longest);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('is 0 at a word no term begins with', () => {
    expect(index.reach(['zzqx', 'splunk'], 0)).toBe(0);
    expect(index.reach(['new', 'relic'], 0)).toBe(2);
    expect(index.reach(['artifact', 'servers'], 0)).toBe(2);
  });
});
