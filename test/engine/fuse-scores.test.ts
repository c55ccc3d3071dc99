import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { providerTerms } from '../../src/catalog/schema.js';
import { catalogProviders } from '../../src/engine/providers.js';
import {
  candidateFuseOptions,
  FUSE_OPTIONS,
  SUGGESTION_MAX_SCORE,
  TYPO_MAX_SCORE,
} from '../../src/engine/search-index.js';
import { tokenize } from '../../src/engine/text.js';
import { realCatalog } from '../helpers/catalog.js';

/**
 * The search index scores a query's typo candidates with one Fuse over their texts, field-length
 * norm off (SearchIndex.score), where it used to call Fuse.match once per text. This pins that the
 * two give the same scores and the same matches, so a fuse.js upgrade that changes it fails here.
 * The options and thresholds are the index's own, and the texts are the terms it indexes (every
 * table row's and connector's names, id and aliases, as words and without spaces).
 */
const terms = [
  ...new Set(
    catalogProviders(realCatalog()).flatMap((provider) =>
      providerTerms(provider).flatMap(([term]) => {
        const words = tokenize(term);
        return words.length ? [words.join(' '), words.join('')] : [];
      }),
    ),
  ),
];

describe('one Fuse over the candidates scores as Fuse.match does', () => {
  it('takes the index’s own terms: the catalog’s rows and connectors, hundreds of them', () => {
    const catalog = realCatalog();
    expect(catalogProviders(catalog).length).toBe(catalog.providers.length + catalog.connectors.length);
    expect(terms.length).toBeGreaterThan(2 * catalogProviders(catalog).length);
  });
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
        fc.constantFrom(SUGGESTION_MAX_SCORE, TYPO_MAX_SCORE),
        (query, texts, threshold) => {
          const fuse = new Fuse(texts, candidateFuseOptions(threshold));
          const together = new Map(fuse.search(query).map((r) => [r.refIndex, r.score]));
          texts.forEach((text, i) => {
            const alone = Fuse.match(query, text, { ...FUSE_OPTIONS, threshold });
            expect(together.get(i)).toBe(alone.isMatch ? alone.score : undefined);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
