import Fuse from 'fuse.js';
import type { Catalog, Category, Provider } from '../catalog/schema.js';
import { allowedTypos, compactKey, editDistance, tokenize } from './text.js';
import { CATEGORY_PHRASES } from './words.js';

/** The loosest fuse.js score still offered as "did you mean" (0 is a perfect match). */
const SUGGESTION_MAX_SCORE = 0.45;

interface TermRecord {
  /** The term as words ("pivotal cloud foundry"). */
  words: string;
  /** The term without spaces ("pivotalcloudfoundry"). */
  compact: string;
  provider: Provider;
  kind: 'name' | 'alias';
}

export interface ExactHit {
  kind: 'name' | 'alias';
  provider: Provider;
}

export interface FuzzyHit {
  provider: Provider;
  distance: number;
}

/**
 * Everything the engine needs to search one catalog, built once per catalog:
 * exact lookups by name/alias/id, groups, categories, ports, and a fuse.js index for typos.
 */
export class SearchIndex {
  readonly catalog: Catalog;
  /** Longest term, in words: how far the phrase scanner looks ahead. */
  readonly longestTerm: number;
  /** Longest term without spaces, in characters: a longer phrase cannot be a typo of any term. */
  private readonly longestCompact: number;
  private readonly exact = new Map<string, ExactHit>();
  private readonly groups = new Map<string, Provider[]>();
  private readonly categoryPhrases = new Map<string, Category>();
  private readonly byPort = new Map<number, Provider[]>();
  private readonly fuse: Fuse<TermRecord>;
  private readonly order = new Map<string, number>();

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    const records: TermRecord[] = [];
    let longest = 1;
    catalog.providers.forEach((provider, index) => {
      this.order.set(provider.id, index);
      const terms: Array<[string, 'name' | 'alias']> = [
        [provider.name, 'name'],
        // "Google Cloud Platform (GCP)" is also asked for as "Google Cloud Platform".
        [provider.name.replace(/\s*\([^)]*\)/g, ''), 'name'],
        [provider.id, 'name'],
        ...provider.aliases.map((alias): [string, 'alias'] => [alias, 'alias']),
      ];
      for (const [term, kind] of terms) {
        const words = tokenize(term);
        const compact = words.join('');
        if (!compact) continue;
        longest = Math.max(longest, words.length);
        if (!this.exact.has(compact)) {
          this.exact.set(compact, { kind, provider });
          records.push({ words: words.join(' '), compact, provider, kind });
        }
      }
      if (provider.group) {
        const members = this.groups.get(provider.group) ?? [];
        members.push(provider);
        this.groups.set(provider.group, members);
      }
      for (const rule of provider.ports) {
        const users = this.byPort.get(rule.port) ?? [];
        if (!users.includes(provider)) users.push(provider);
        this.byPort.set(rule.port, users);
      }
    });
    for (const [category, phrases] of Object.entries(CATEGORY_PHRASES)) {
      for (const phrase of phrases) this.categoryPhrases.set(compactKey(phrase), category as Category);
      longest = Math.max(longest, ...phrases.map((p) => tokenize(p).length));
    }
    this.longestTerm = longest;
    this.longestCompact = Math.max(...records.map((record) => record.compact.length));
    this.fuse = new Fuse(records, {
      keys: ['words', 'compact'],
      includeScore: true,
      // Loose enough to propose a swapped pair in a short name ("stmp" scores 0.5 against "smtp");
      // findTypo confirms every candidate by edit distance, suggest() keeps only the close ones.
      threshold: 0.6,
      ignoreLocation: true,
      shouldSort: true,
    });
  }

  /** A provider whose name, id or alias is exactly these words (spacing and case ignored). */
  findExact(words: readonly string[]): ExactHit | undefined {
    return this.exact.get(words.join(''));
  }

  findGroup(words: readonly string[]): { group: string; providers: Provider[] } | undefined {
    const key = words.join('-');
    const providers = this.groups.get(key);
    return providers ? { group: key, providers } : undefined;
  }

  findCategory(words: readonly string[]): { category: Category; providers: Provider[] } | undefined {
    const category = this.categoryPhrases.get(words.join(''));
    if (!category) return undefined;
    return { category, providers: this.providersInCategory(category) };
  }

  providersInCategory(category: Category): Provider[] {
    return this.catalog.providers.filter((provider) => provider.category === category);
  }

  providersOnPort(port: number): Provider[] {
    return this.byPort.get(port) ?? [];
  }

  /**
   * The provider these words are a typo of, if any: fuse.js proposes candidates, and a candidate
   * counts only when its whole term is within a few edits of the whole phrase, so a common word
   * that happens to sit inside a long name ("cloud" in "AWS Cloud") never matches.
   */
  findTypo(words: readonly string[]): FuzzyHit | undefined {
    const compact = words.join('');
    const budget = allowedTypos(compact.length);
    if (budget === 0 || compact.length > this.longestCompact + budget) return undefined;
    let best: FuzzyHit | undefined;
    for (const result of this.fuse.search(words.join(' '), { limit: 20 })) {
      const distance = editDistance(compact, result.item.compact, budget);
      if (distance > budget) continue;
      if (!best || distance < best.distance) best = { provider: result.item.provider, distance };
    }
    return best;
  }

  /** Loosely similar providers, for "did you mean" (never an answer). */
  suggest(text: string, limit = 3): Provider[] {
    const seen: Provider[] = [];
    const query = tokenize(text).join(' ');
    // Far longer than any name, the text is no name at all (and fuse.js is slow on long patterns).
    if (query.length < 2 || query.length > 2 * this.longestCompact) return seen;
    for (const result of this.fuse.search(query, { limit: 20 })) {
      if ((result.score ?? 1) > SUGGESTION_MAX_SCORE) continue;
      if (!seen.includes(result.item.provider)) seen.push(result.item.provider);
      if (seen.length === limit) break;
    }
    return seen;
  }

  /** Catalog order of a provider, for stable sorting. */
  rank(provider: Provider): number {
    return this.order.get(provider.id) ?? Number.MAX_SAFE_INTEGER;
  }
}

const indexes = new WeakMap<Catalog, SearchIndex>();

/** The search index of a catalog, built on first use and kept for the catalog's lifetime. */
export function indexFor(catalog: Catalog): SearchIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new SearchIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}
