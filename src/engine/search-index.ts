import Fuse, { type FuseIndex, type IFuseOptions } from 'fuse.js';
import type { Catalog, Category, Provider } from '../catalog/schema.js';
import { allowedTypos, compactKey, editDistance, tokenize } from './text.js';
import { CATEGORY_PHRASES } from './words.js';

/** The loosest fuse.js score still offered as "did you mean" (0 is a perfect match). */
const SUGGESTION_MAX_SCORE = 0.45;
/**
 * The loosest fuse.js score a typo candidate may have: loose enough for a swapped pair in a short
 * name ("stmp" scores 0.5 against "smtp"); findTypo confirms every candidate by edit distance.
 */
const TYPO_MAX_SCORE = 0.6;
/** Candidate records a search looks at, whatever the catalog's size. */
const MAX_CANDIDATES = 40;
/** Candidate records fuse.js scores for suggestions. */
const MAX_SUGGESTION_CANDIDATES = 12;

const FUSE_OPTIONS: IFuseOptions<TermRecord> = {
  keys: ['words', 'compact'],
  includeScore: true,
  ignoreLocation: true,
  shouldSort: true,
};

/** Character bigrams of a term, with its start and end marked: "k8s" → ^k, k8, 8s, s$. */
function bigrams(compact: string): Set<string> {
  const padded = `^${compact}$`;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) grams.add(padded.slice(i, i + 2));
  return grams;
}

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
 * Everything the engine needs to search one catalog, built once per catalog: exact lookups by
 * name/alias/id, groups, categories, ports, and a bigram index that picks the few terms fuse.js
 * then scores for typos and suggestions.
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
  private readonly byCategory = new Map<Category, Provider[]>();
  private readonly records: TermRecord[] = [];
  /** Character bigrams of each term ("^s", "sp", …, "k$") → the records holding them. */
  private readonly bigramPostings = new Map<string, number[]>();
  /** Scratch counters for candidates(), one per record, reset after each use. */
  private readonly shared: Uint16Array;
  /** fuse.js index entries of every record, made once. */
  private readonly fuseIndex: ReturnType<FuseIndex<TermRecord>['toJSON']>;
  private readonly order = new Map<string, number>();

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    const records = this.records;
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
      const peers = this.byCategory.get(provider.category) ?? [];
      peers.push(provider);
      this.byCategory.set(provider.category, peers);
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
    this.longestCompact = records.reduce((max, record) => Math.max(max, record.compact.length), 0);
    records.forEach((record, id) => {
      for (const gram of bigrams(record.compact)) {
        const posting = this.bigramPostings.get(gram);
        if (posting) posting.push(id);
        else this.bigramPostings.set(gram, [id]);
      }
    });
    this.shared = new Uint16Array(records.length);
    this.fuseIndex = Fuse.createIndex(FUSE_OPTIONS.keys!, records).toJSON();
  }

  /**
   * Blocking before scoring: the records sharing at least `minShared` bigrams with `compact` and
   * whose length is within `maxLengthGap`, most shared first, at most `limit`. Looking up postings
   * costs far less than scoring every term, so fuse.js only scores a handful of records however
   * large the catalog is.
   */
  private candidates(compact: string, minShared: number, maxLengthGap: number, limit: number): number[] {
    const touched: number[] = [];
    for (const gram of bigrams(compact)) {
      for (const id of this.bigramPostings.get(gram) ?? []) {
        if (this.shared[id] === 0) touched.push(id);
        this.shared[id]!++;
      }
    }
    const found: Array<{ id: number; shared: number }> = [];
    for (const id of touched) {
      const shared = this.shared[id]!;
      this.shared[id] = 0;
      if (
        shared >= minShared &&
        Math.abs(this.records[id]!.compact.length - compact.length) <= maxLengthGap
      ) {
        found.push({ id, shared });
      }
    }
    found.sort((a, b) => b.shared - a.shared);
    return found.slice(0, limit).map((f) => f.id);
  }

  /**
   * fuse.js over a few candidate records, best first. Their fuse.js index entries were made once
   * with the whole catalog's, so scoring costs only the search itself.
   */
  private score(query: string, ids: number[], threshold: number) {
    if (ids.length === 0) return [];
    const index = Fuse.parseIndex<TermRecord>({
      keys: this.fuseIndex.keys,
      records: ids.map((id, position) => ({ ...this.fuseIndex.records[id]!, i: position })),
    });
    const records = ids.map((id) => this.records[id]!);
    return new Fuse(records, { ...FUSE_OPTIONS, threshold }, index).search(query);
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
    return this.byCategory.get(category) ?? [];
  }

  providersOnPort(port: number): Provider[] {
    return this.byPort.get(port) ?? [];
  }

  /**
   * The provider these words are a typo of, if any: the bigram index picks candidates, fuse.js
   * ranks them, and a candidate counts only when its whole term is within a few edits of the whole
   * phrase, so a common word that happens to sit inside a long name ("cloud" in "AWS Cloud") never matches.
   */
  findTypo(words: readonly string[]): FuzzyHit | undefined {
    const compact = words.join('');
    const budget = allowedTypos(compact.length);
    if (budget === 0 || compact.length > this.longestCompact + budget) return undefined;
    // q-gram lemma: one edit changes at most two bigrams, a swap of neighbours at most three
    // (one less, for a bigram the phrase repeats).
    const minShared = compact.length - 3 * budget;
    const candidates = this.candidates(compact, Math.max(1, minShared), budget, MAX_CANDIDATES);
    const distances = new Map<number, number>();
    const typed = `${words.join(' ')} `;
    for (const id of candidates) {
      // "microsoft" is not a typo of "microsoft ad": it is the start of several names, for suggestions.
      if (this.records[id]!.words.startsWith(typed)) continue;
      const distance = editDistance(compact, this.records[id]!.compact, budget);
      if (distance <= budget) distances.set(id, distance);
    }
    const close = [...distances.keys()];
    // One term within reach is the answer; fuse.js ranks when several are.
    if (close.length === 1) {
      return { provider: this.records[close[0]!]!.provider, distance: distances.get(close[0]!)! };
    }
    let best: FuzzyHit | undefined;
    for (const result of this.score(words.join(' '), close, TYPO_MAX_SCORE)) {
      const distance = distances.get(close[result.refIndex]!)!;
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
    const compact = query.replace(/ /g, '');
    const candidates = this.candidates(
      compact,
      Math.max(2, Math.ceil(compact.length / 3)),
      compact.length,
      MAX_SUGGESTION_CANDIDATES,
    );
    for (const result of this.score(query, candidates, SUGGESTION_MAX_SCORE)) {
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
