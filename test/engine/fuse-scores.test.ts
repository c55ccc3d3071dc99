import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/engine/text.js';
import { realCatalog } from '../helpers/catalog.js';

/**
 * The search index scores a query's typo candidates with one Fuse over their texts, field-length
 * norm off (SearchIndex.score), where it used to call Fuse.match once per text. This pins that the
 * two give the same scores and the same matches, so a fuse.js upgrade that changes it fails here.
 */
const OPTIONS = { includeScore: true, ignoreLocation: true } as const;
const terms = realCatalog()
  .providers.flatMap((p) => [p.name, ...p.aliases])
  .map((t) => tokenize(t).join(' '));

describe('one Fuse over the candidates scores as Fuse.match does', () => {
  it('for typed words against the catalog’s terms, at the typo and suggestion thresholds', () => {
    const typed = fc.oneof(
      fc.constantFrom(...terms),
      fc.constantFrom(
        'splnuk',
        'promethues',
        'datadgo',
        'sumo logik',
        'kubernets',
        'mainframe cobol',
        'foobar',
      ),
      // Never blank: the index scores no blank query (fuse.js would list every text, unscored).
      fc
        .string({
          unit: fc.constantFrom('a', 'e', 'n', 's', 'k', 'l', 'u', 'p', ' '),
          minLength: 2,
          maxLength: 14,
        })
        .filter((query) => query.trim() !== ''),
    );
    fc.assert(
      fc.property(
        typed,
        fc.shuffledSubarray(terms, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(0.45, 0.6),
        (query, texts, threshold) => {
          const fuse = new Fuse(texts, { ...OPTIONS, threshold, ignoreFieldNorm: true, shouldSort: false });
          const together = new Map(fuse.search(query).map((r) => [r.refIndex, r.score]));
          texts.forEach((text, i) => {
            const alone = Fuse.match(query, text, { ...OPTIONS, threshold });
            expect(together.get(i)).toBe(alone.isMatch ? alone.score : undefined);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
