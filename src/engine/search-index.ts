import Fuse, { type IFuseOptions } from 'fuse.js';
import { CATEGORIES, type Catalog, type Provider, providerTerms } from '../catalog/schema.js';
import { catalogProviders, isTableRow, usesOnlyInferred } from './providers.js';
import { allowedTypos, beginsAny, compactKey, editDistance, sortedKeys, tokenize } from './text.js';
import type { Scope } from './types.js';
import { CATEGORY_PHRASES, MAKERS, TOPIC_TERMS } from './words.js';

/** The loosest fuse.js score still offered as "did you mean" (0 is a perfect match). */
export const SUGGESTION_MAX_SCORE = 0.45;
/**
 * The loosest fuse.js score a typo candidate may have: loose enough for a swapped pair in a short
 * name ("stmp" scores 0.5 against "smtp"); findTypo confirms every candidate by edit distance.
 */
export const TYPO_MAX_SCORE = 0.6;
/** Candidate records a search looks at, whatever the catalog's size. */
const MAX_CANDIDATES = 40;
/** The most bigrams a term and a query can share (candidates() counts them in 16 bits). */
const MAX_SHARED = 0xffff;
/** Room for a record's place among those candidates() touched: more than any catalog's terms. */
const PLACE_RANGE = 2 ** 22;
/** Candidate records fuse.js scores for suggestions. */
const MAX_SUGGESTION_CANDIDATES = 12;

/** The options a query is scored with against one text, as `Fuse.match` takes them (less the threshold). */
export const FUSE_OPTIONS: IFuseOptions<string> = { includeScore: true, ignoreLocation: true };

/** The options of the one Fuse that scores a query's candidates (SearchIndex.score): field-length norm off. */
export function candidateFuseOptions(threshold: number): IFuseOptions<string> {
  return { ...FUSE_OPTIONS, threshold, ignoreFieldNorm: true, shouldSort: false };
}

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
}

/** A provider named exactly, by its name (or id) or one of its aliases. */
export interface ExactHit {
  matchedBy: 'name' | 'alias';
  provider: Provider;
  /** A subject more than a name ("iam"): it counts only when nothing more specific is named. */
  topical: boolean;
}

/**
 * Providers asked for as a whole by one phrase: a group ("aws"), a maker ("microsoft") or a
 * category ("verification providers"). A new kind of set is new data here, not new scanning code.
 */
export interface ProviderSet {
  scope: Exclude<Scope, { kind: 'all' }>;
  matchedBy: 'group' | 'maker' | 'category';
  providers: Provider[];
  /** A category is a topic: it counts only when nothing more specific is named ("nexus artifacts"). */
  topical: boolean;
}

/** What a phrase of a query names: one provider, or a set of them. */
export type Term = ({ kind: 'provider' } & ExactHit) | ({ kind: 'set' } & ProviderSet);

/** A word without its plural ending, so a category written in the singular is found in the plural ("artifact repos"). */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

const singularKey = (words: readonly string[]) => words.map(singular).join('');

export interface FuzzyHit {
  provider: Provider;
  distance: number;
  /** The term the words are a typo of, as words ("aws secrets manager"). */
  words: string;
}

/**
 * Everything the engine needs to search one catalog, built once per catalog: the terms phrases can
 * name (names, aliases, ids, groups, categories), ports, and a bigram index that picks the few
 * terms fuse.js then scores for typos and suggestions.
 */
export class SearchIndex {
  readonly catalog: Catalog;
  /** Longest term, in words: how far the phrase scanner looks ahead. */
  readonly longestTerm: number;
  /** Longest term without spaces, in characters: a longer phrase cannot be a typo of any term. */
  private readonly longestCompact: number;
  private readonly exact = new Map<string, ExactHit>();
  /** Phrases that ask for a set of providers, by compact key: groups, then makers. */
  private readonly sets = new Map<string, ProviderSet>();
  /** Category phrases, by compact key. */
  private readonly categories = new Map<string, ProviderSet>();
  /** The protocols of the catalog's port rules, by lower-case word ("https" → "HTTPS"). */
  readonly protocols = new Map<string, string>();
  /** Per port, the providers using it: those the docs state it for first, then those it is only inferred for. */
  private readonly byPort = new Map<number, Provider[]>();
  /** A table row's NextGen connectors of the same product, and a connector's table rows (`sameAs`). */
  private readonly partners = new Map<Provider, Provider[]>();
  /** The same, as ids (shared arrays: answers name them without copying). */
  private readonly partnerIdLists = new Map<Provider, readonly string[]>();
  private readonly records: TermRecord[] = [];
  /** First words of the terms of more than one word ("secrets" of "secrets manager"). */
  private readonly firstWords = new Set<string>();
  /** Character bigrams of each term ("^s", "sp", …, "k$") → the records holding them. */
  private readonly bigramPostings = new Map<string, number[]>();
  /** Scratch counters for candidates(), one per record, reset after each use. */
  private readonly shared: Uint16Array;
  /** Scratch list of the records candidates() touched, in the order it touched them. */
  private readonly touched: Uint32Array;
  /** Sort keys of the records a search keeps (candidates()), reused by every search. */
  private readonly keys: Float64Array;
  /** Every key findTerm looks up (providers, sets, categories), sorted: what a phrase may begin. */
  private readonly termKeys: string[];
  /** The category keys, sorted: what a phrase in the plural may begin once made singular. */
  private readonly categoryKeys: string[];

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    let longest = 1;
    const groups = new Map<string, Provider[]>();
    const providers = catalogProviders(catalog);
    for (const provider of providers) {
      for (const [term, kind] of providerTerms(provider)) {
        const words = tokenize(term);
        const compact = words.join('');
        if (!compact) continue;
        longest = Math.max(longest, words.length);
        if (!this.exact.has(compact)) {
          this.exact.set(compact, { matchedBy: kind, provider, topical: TOPIC_TERMS.has(words.join(' ')) });
          this.records.push({ words: words.join(' '), compact, provider });
        }
      }
      if (provider.group) groups.set(provider.group, [...(groups.get(provider.group) ?? []), provider]);
      for (const rule of provider.ports) {
        this.protocols.set(rule.protocol.toLowerCase(), rule.protocol);
        const users = this.byPort.get(rule.port) ?? [];
        if (!users.includes(provider)) users.push(provider);
        this.byPort.set(rule.port, users);
      }
    }
    for (const [port, users] of this.byPort) {
      const stated = users.filter((provider) => !usesOnlyInferred(provider, port));
      if (stated.length < users.length) {
        this.byPort.set(port, [...stated, ...users.filter((provider) => usesOnlyInferred(provider, port))]);
      }
    }
    const byId = new Map(providers.map((provider) => [provider.id, provider]));
    for (const connector of providers) {
      for (const rowId of isTableRow(connector) ? [] : connector.sameAs) {
        const row = byId.get(rowId);
        if (!row) continue;
        this.partners.set(connector, [...(this.partners.get(connector) ?? []), row]);
        this.partners.set(row, [...(this.partners.get(row) ?? []), connector]);
      }
    }
    for (const [provider, partners] of this.partners) {
      this.partnerIdLists.set(
        provider,
        partners.map((p) => p.id),
      );
    }
    const addSet = (phrase: string, set: ProviderSet, table = this.sets, key = compactKey(phrase)) => {
      if (!table.has(key)) table.set(key, set);
      longest = Math.max(longest, tokenize(phrase).length);
    };
    for (const [group, providers] of groups) {
      addSet(group, { scope: { kind: 'group', group }, matchedBy: 'group', providers, topical: false });
    }
    for (const maker of MAKERS) {
      const set = this.makerSet(maker.name, maker.products);
      for (const phrase of set ? maker.phrases : []) addSet(phrase, set!);
    }
    for (const category of CATEGORIES) {
      const set: ProviderSet = {
        scope: { kind: 'category', category },
        matchedBy: 'category',
        providers: providers.filter((p) => p.category === category),
        topical: true,
      };
      for (const phrase of CATEGORY_PHRASES[category]) addSet(phrase, set, this.categories);
    }
    this.longestTerm = longest;
    for (const record of this.records) {
      const space = record.words.indexOf(' ');
      if (space > 0) this.firstWords.add(record.words.slice(0, space));
    }
    this.longestCompact = this.records.reduce((max, record) => Math.max(max, record.compact.length), 0);
    this.records.forEach((record, id) => {
      for (const gram of bigrams(record.compact)) {
        const posting = this.bigramPostings.get(gram);
        if (posting) posting.push(id);
        else this.bigramPostings.set(gram, [id]);
      }
    });
    this.shared = new Uint16Array(this.records.length);
    this.keys = new Float64Array(this.records.length);
    this.touched = new Uint32Array(this.records.length);
    this.termKeys = sortedKeys([...this.exact.keys(), ...this.sets.keys(), ...this.categories.keys()]);
    this.categoryKeys = sortedKeys(this.categories.keys());
  }

  /**
   * Blocking before scoring: the records sharing at least `minShared` bigrams with `compact` and
   * whose length is within `maxLengthGap`, most shared first, at most `limit`. Looking up postings
   * costs far less than scoring every term, so only a handful of records are scored however large
   * the catalog is.
   */
  private candidates(compact: string, minShared: number, maxLengthGap: number, limit: number): number[] {
    const { shared, touched } = this;
    let touchedCount = 0;
    for (const gram of bigrams(compact)) {
      const posting = this.bigramPostings.get(gram);
      if (!posting) continue;
      // An indexed loop: the postings of common bigrams are long on a large catalog.
      for (let i = 0; i < posting.length; i++) {
        const id = posting[i]!;
        if (shared[id] === 0) touched[touchedCount++] = id;
        shared[id]!++;
      }
    }
    // Each kept record as one number, most shared first and then in the order first touched:
    // (most possible - shared) * 2^22 + its place among the touched, sorted as numbers.
    // One buffer for every search: a large catalog touches thousands of records per search, and a
    // fresh array each time is garbage the collector pauses for.
    const keys = this.keys;
    let kept = 0;
    for (let place = 0; place < touchedCount; place++) {
      const id = touched[place]!;
      const count = shared[id]!;
      shared[id] = 0;
      if (count >= minShared && Math.abs(this.records[id]!.compact.length - compact.length) <= maxLengthGap) {
        keys[kept++] = (MAX_SHARED - count) * PLACE_RANGE + place;
      }
    }
    const order = keys.subarray(0, kept).sort();
    const found: number[] = [];
    for (let i = 0; i < Math.min(limit, kept); i++) found.push(touched[order[i]! % PLACE_RANGE]!);
    return found;
  }

  /**
   * The candidates fuse.js finds close to the query, best first (0 is a perfect match): each term is
   * scored as words and without spaces, and keeps the better of the two. Equal scores keep the
   * candidates' order. One fuse.js search over the candidates' texts, with fuse.js's field-length
   * norm off, gives each text the score `Fuse.match` would, from one searcher for the query.
   */
  private score(
    query: string,
    ids: readonly number[],
    threshold: number,
  ): Array<{ id: number; score: number }> {
    // fuse.js answers a blank query with every text, unscored; a blank query names nothing.
    if (ids.length === 0 || !query.trim()) return [];
    const texts: string[] = [];
    for (const id of ids) texts.push(this.records[id]!.words, this.records[id]!.compact);
    const fuse = new Fuse(texts, candidateFuseOptions(threshold));
    const best = new Array<number>(ids.length).fill(Number.POSITIVE_INFINITY);
    for (const { refIndex, score } of fuse.search(query)) {
      const at = refIndex >> 1;
      if (score !== undefined && score < best[at]!) best[at] = score;
    }
    const scored: Array<{ id: number; score: number }> = [];
    ids.forEach((id, at) => {
      if (best[at]! <= threshold) scored.push({ id, score: best[at]! });
    });
    return scored.sort((a, b) => a.score - b.score);
  }

  /**
   * A maker's products, by their terms, as one set: the group when they are one group ("amazon" is
   * AWS), else a maker set in catalog order. Undefined when the catalog has none of them.
   */
  private makerSet(maker: string, products: readonly string[]): ProviderSet | undefined {
    const found = products.map((product) => {
      const key = compactKey(product);
      return this.sets.get(key) ?? this.exact.get(key);
    });
    if (found.length === 1 && found[0] && 'scope' in found[0]) return found[0];
    const members = new Set(
      found.flatMap((hit) => (!hit ? [] : 'scope' in hit ? hit.providers : [hit.provider])),
    );
    if (members.size === 0) return undefined;
    const providers = catalogProviders(this.catalog).filter((p) => members.has(p));
    return { scope: { kind: 'maker', maker }, matchedBy: 'maker', providers, topical: false };
  }

  /**
   * How many words from `start` findTerm may name at most: the most whose joined text still begins
   * some term (or, made singular, some category). Most words begin none, so a scanner asks findTerm
   * once or not at all instead of once per length up to longestTerm.
   */
  reach(words: readonly string[], start: number): number {
    const limit = Math.min(this.longestTerm, words.length - start);
    let joined = '';
    let singularJoined = '';
    let reach = 0;
    for (let length = 1; length <= limit; length++) {
      const word = words[start + length - 1]!;
      joined += word;
      singularJoined += singular(word);
      if (!beginsAny(this.termKeys, joined) && !beginsAny(this.categoryKeys, singularJoined)) break;
      reach = length;
    }
    return reach;
  }

  /** The longest phrase from `start` that names a term, and the term; undefined when none does. */
  termAt(words: readonly string[], start: number): { term: Term; phrase: string[] } | undefined {
    for (let length = this.reach(words, start); length >= 1; length--) {
      const phrase = words.slice(start, start + length);
      const term = this.findTerm(phrase);
      if (term) return { term, phrase };
    }
    return undefined;
  }

  /** What these words name (spacing and case ignored): a provider's name, id or alias first, then a set. */
  findTerm(words: readonly string[]): Term | undefined {
    const key = words.join('');
    const hit = this.exact.get(key);
    if (hit) return { kind: 'provider', ...hit };
    const set =
      this.sets.get(key) ??
      this.categories.get(key) ??
      (words.some((word) => word.endsWith('s')) ? this.categories.get(singularKey(words)) : undefined);
    return set ? { kind: 'set', ...set } : undefined;
  }

  /** The providers using a port: those the docs state it for first, then those it is the usual port of. */
  providersOnPort(port: number): Provider[] {
    return this.byPort.get(port) ?? [];
  }

  /** The ids of a provider's partners in the other edition (see partnersOf), or undefined for none. */
  partnerIds(provider: Provider): readonly string[] | undefined {
    return this.partnerIdLists.get(provider);
  }

  /** True when a term of several words starts with this word: it may begin a mistyped name. */
  startsTerm(word: string): boolean {
    return this.firstWords.has(word);
  }

  /** The same product in the other edition: a table row's NextGen connectors, a connector's table rows. */
  partnersOf(provider: Provider): readonly Provider[] {
    return this.partners.get(provider) ?? [];
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
      const record = this.records[close[0]!]!;
      return { provider: record.provider, distance: distances.get(close[0]!)!, words: record.words };
    }
    let best: FuzzyHit | undefined;
    for (const { id } of this.score(words.join(' '), close, TYPO_MAX_SCORE)) {
      const distance = distances.get(id)!;
      if (!best || distance < best.distance) {
        best = { provider: this.records[id]!.provider, distance, words: this.records[id]!.words };
      }
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
    for (const { id } of this.score(query, candidates, SUGGESTION_MAX_SCORE)) {
      const provider = this.records[id]!.provider;
      if (!seen.includes(provider)) seen.push(provider);
      if (seen.length === limit) break;
    }
    return seen;
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
