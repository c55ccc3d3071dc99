import type { Catalog, Provider } from '../catalog/schema.js';
import { indexFor, type SearchIndex } from './search-index.js';
import { tokenize } from './text.js';
import type { Answer, Intent, MatchKind, ProviderMatch, Scope } from './types.js';
import {
  CHECKLIST_WORDS,
  CONTEXT_WORDS,
  HELP_WORDS,
  LIST_FILLER,
  LIST_WORDS,
  PROTOCOL_PORTS,
  QUESTION_WORDS,
} from './words.js';

const MAX_PORT = 65535;
/** Queries are cut to this many characters before parsing: no provider question needs more. */
export const MAX_QUERY_LENGTH = 500;

interface Resolution {
  matches: MatchList;
  scope?: Scope;
  ports: number[];
  invalidPorts: string[];
  /** Runs of unrecognised, non-question words, in query order. */
  leftovers: Leftover[];
}

/** A phrase that named a provider ("sumo") or asked for a whole group ("aws"). */
interface NamedPhrase {
  words: string[];
  providers: Provider[];
  group: boolean;
}

/** A run of unrecognised words, with the phrase right before it, if any ("sumo" in "sumo logik"). */
interface Leftover {
  words: string[];
  after?: NamedPhrase;
  /** Question words right after the run, which may end a mistyped name ("service" in "tanzu aplication service"). */
  followedBy: string[];
}

const isNumber = (word: string) => /^\d+$/.test(word);

/** Matches in order, each provider once: the first (best) reason wins. Adding is O(1). */
class MatchList {
  items: ProviderMatch[] = [];
  private readonly ids = new Set<string>();

  get length(): number {
    return this.items.length;
  }

  add(provider: Provider, matchedBy: MatchKind, term: string): void {
    if (this.ids.has(provider.id)) return;
    this.ids.add(provider.id);
    this.items.push({ provider, matchedBy, term });
  }

  addAll(matches: readonly ProviderMatch[]): void {
    for (const match of matches) this.add(match.provider, match.matchedBy, match.term);
  }

  has(provider: Provider): boolean {
    return this.ids.has(provider.id);
  }

  /**
   * Takes back the matches a phrase made, once it turned out to be part of a longer name: "aws" in
   * "aws ecs" qualifies one member of the group, "elastic" in "elastic laod balancer" starts another name.
   */
  dropMatchesOf(phrase: NamedPhrase): void {
    const term = phrase.words.join(' ');
    const members = new Set(phrase.providers.map((p) => p.id));
    this.items = this.items.filter((match) => {
      const drop = match.term === term && members.has(match.provider.id);
      if (drop) this.ids.delete(match.provider.id);
      return !drop;
    });
  }
}

/**
 * Reads a query left to right, longest phrase first: names and aliases ("aws ec2" before "aws"),
 * then groups and categories. Words that match nothing are kept as leftover runs for the typo pass.
 */
function scanPhrases(index: SearchIndex, words: string[]): Resolution {
  const exact = new MatchList();
  const grouped = new MatchList();
  const ports: number[] = [];
  const invalidPorts: string[] = [];
  const leftovers: Leftover[] = [];
  let scope: Scope | undefined;
  let run: string[] = [];
  /** The name or group phrase right before the current word, if nothing came between. */
  let previous: NamedPhrase | undefined;
  const contextual = new MatchList();
  let contextScope: Scope | undefined;
  /** The run just ended, while only question words have followed it. */
  let ended: Leftover | undefined;
  const endRun = () => {
    if (run.length) {
      ended = { words: run, followedBy: [], ...(previous ? { after: previous } : {}) };
      leftovers.push(ended);
    }
    run = [];
    previous = undefined;
  };

  let i = 0;
  while (i < words.length) {
    let consumed = 0;
    let named: NamedPhrase | undefined;
    for (let length = Math.min(index.longestTerm, words.length - i); length >= 1 && !consumed; length--) {
      const phrase = words.slice(i, i + length);
      const hit = index.findExact(phrase);
      if (hit) {
        // "aws ecs": a group right before one of its own members only says which member.
        if (run.length === 0 && previous?.group && previous.providers.includes(hit.provider)) {
          grouped.dropMatchesOf(previous);
        }
        exact.add(hit.provider, hit.kind, phrase.join(' '));
        named = { words: phrase, providers: [hit.provider], group: false };
        consumed = length;
        break;
      }
      // "prometheus on aws": a group or category after "on"/"in" is where something runs, not a request.
      const isContext = i > 0 && CONTEXT_WORDS.has(words[i - 1]!);
      const group = index.findGroup(phrase);
      if (group) {
        const target = isContext ? contextual : grouped;
        for (const provider of group.providers) target.add(provider, 'group', phrase.join(' '));
        if (isContext) contextScope ??= { kind: 'group', group: group.group };
        else {
          scope ??= { kind: 'group', group: group.group };
          named = { words: phrase, providers: group.providers, group: true };
        }
        consumed = length;
        break;
      }
      const category = index.findCategory(phrase);
      if (category) {
        const target = isContext ? contextual : grouped;
        for (const provider of category.providers) target.add(provider, 'category', phrase.join(' '));
        if (isContext) contextScope ??= { kind: 'category', category: category.category };
        else scope ??= { kind: 'category', category: category.category };
        consumed = length;
      }
    }
    if (consumed) {
      endRun();
      ended = undefined;
      previous = named;
      i += consumed;
      continue;
    }
    const word = words[i]!;
    if (isNumber(word)) {
      endRun();
      ended = undefined;
      const port = Number(word);
      if (port >= 1 && port <= MAX_PORT && word.length <= 5) {
        if (!ports.includes(port)) ports.push(port);
      } else {
        invalidPorts.push(word);
      }
    } else if (QUESTION_WORDS.has(word)) {
      endRun();
      if (ended && ended.followedBy.length < index.longestTerm) ended.followedBy.push(word);
    } else {
      ended = undefined;
      run.push(word);
    }
    i++;
  }
  endRun();
  const matches = new MatchList();
  matches.addAll(exact.items);
  matches.addAll(grouped.items);
  // With nothing else asked for, "in aws" is the request after all.
  if (matches.length === 0 && contextual.length > 0) {
    matches.addAll(contextual.items);
    scope ??= contextScope;
  }
  return {
    matches,
    ...(scope && exact.length === 0 ? { scope } : {}),
    ports,
    invalidPorts,
    leftovers,
  };
}

/**
 * Resolves leftover words as typos: the end of the phrase before them ("sumo logik",
 * "aws codedeplyo"), then the whole run ("pivotl cloud foundry"), then word by word.
 * Returns the words that stayed unrecognised.
 */
function resolveTypos(index: SearchIndex, leftovers: Leftover[], matches: MatchList): string[] {
  const fuzzy = new MatchList();
  const unmatched: string[] = [];
  /** The provider `words` are a typo of, trying the most of the question words after them first. */
  const typoOf = (words: string[], followedBy: string[], accept: (hit: Provider) => boolean) => {
    for (let extra = followedBy.length; extra >= 0; extra--) {
      const phrase = [...words, ...followedBy.slice(0, extra)];
      const hit = phrase.length > 1 ? index.findTypo(phrase) : undefined;
      if (hit && accept(hit.provider)) return { provider: hit.provider, term: phrase.join(' ') };
    }
    return undefined;
  };
  /**
   * True when `words` finish the phrase before them, mistyped: the rest of the same name ("sumo logik"),
   * the member of a group ("aws codedeplyo"), or a longer name the phrase only began ("elastic laod balancer").
   */
  const completes = (after: NamedPhrase | undefined, words: string[], followedBy: string[] = []): boolean => {
    if (!after) return false;
    const hit = typoOf(
      [...after.words, ...words],
      followedBy,
      (p) => !after.group || after.providers.includes(p),
    );
    if (!hit) return false;
    if (after.group || !after.providers.includes(hit.provider)) {
      matches.dropMatchesOf(after);
      fuzzy.add(hit.provider, 'fuzzy', hit.term);
    }
    return true;
  };
  for (const { words: run, after, followedBy } of leftovers) {
    if (completes(after, run, followedBy)) continue;
    const whole = typoOf(run, followedBy, () => true);
    if (whole) {
      fuzzy.add(whole.provider, 'fuzzy', whole.term);
      continue;
    }
    run.forEach((word, position) => {
      if (position === 0 && run.length > 1 && completes(after, [word])) return;
      const hit = index.findTypo([word]);
      if (hit) fuzzy.add(hit.provider, 'fuzzy', word);
      else unmatched.push(word);
    });
  }
  matches.addAll(fuzzy.items);
  return unmatched;
}

function emptyAnswer(intent: Intent, query: string): Answer {
  return { intent, query, matches: [], ports: [], suggestions: [], unmatched: [], invalidPorts: [] };
}

/** "", "help", "help me please": usage. "what ports do i need" has no help word: a search that finds nothing. */
function isHelpQuery(words: string[]): boolean {
  return (
    words.length === 0 ||
    (words.some((w) => HELP_WORDS.has(w)) && words.every((w) => HELP_WORDS.has(w) || QUESTION_WORDS.has(w)))
  );
}

function isListQuery(words: string[]): boolean {
  return words.some((w) => LIST_WORDS.has(w)) && words.every((w) => LIST_WORDS.has(w) || LIST_FILLER.has(w));
}

function providersOnPorts(index: SearchIndex, ports: number[]): ProviderMatch[] {
  const matches = new MatchList();
  for (const port of ports) {
    for (const provider of index.providersOnPort(port)) matches.add(provider, 'port', String(port));
  }
  return matches.items;
}

function suggestionsFor(index: SearchIndex, words: string[], exclude: MatchList): Provider[] {
  const suggestions: Provider[] = [];
  for (const provider of index.suggest(words.join(' '))) {
    if (!exclude.has(provider)) suggestions.push(provider);
  }
  // One word was already looked up as the whole.
  for (const word of words.length > 1 ? words : []) {
    if (suggestions.length >= 3) break;
    for (const provider of index.suggest(word)) {
      if (!suggestions.includes(provider) && !exclude.has(provider)) suggestions.push(provider);
    }
  }
  return suggestions.slice(0, 3);
}

/**
 * Answers one query against a catalog: which providers it means and why. Pure: no I/O, no Slack.
 * The catalog's search index is built on first use and reused for every later query.
 */
export function answer(rawQuery: string, catalog: Catalog): Answer {
  const index = indexFor(catalog);
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  const words = tokenize(query);

  if (isHelpQuery(words)) return emptyAnswer('help', query);
  if (isListQuery(words)) {
    const result = emptyAnswer('list', query);
    result.matches = catalog.providers.map((provider) => ({
      provider,
      matchedBy: 'name' as const,
      term: '',
    }));
    result.scope = { kind: 'all' };
    return result;
  }

  // "checklist splunk jenkins", and also "give me a checklist for splunk and jenkins".
  const checklist = words.some((word) => CHECKLIST_WORDS.has(word));
  const body = words.filter((word) => !CHECKLIST_WORDS.has(word));
  const resolution = scanPhrases(index, body);
  const unmatched = resolveTypos(index, resolution.leftovers, resolution.matches);
  const { matches, ports, invalidPorts } = resolution;

  const result: Answer = {
    ...emptyAnswer('none', query),
    unmatched,
    invalidPorts,
    ports,
    ...(resolution.scope && matches.items.every((m) => m.matchedBy === 'group' || m.matchedBy === 'category')
      ? { scope: resolution.scope }
      : {}),
  };

  // "ssh" alone, or "which providers need ssh": the protocol's one port, when nothing else was named.
  if (matches.length === 0 && ports.length === 0) {
    for (const word of body) {
      const port = PROTOCOL_PORTS.get(word);
      if (port !== undefined && !ports.includes(port)) ports.push(port);
    }
  }
  if (matches.length > 0) {
    result.intent = checklist ? 'checklist' : 'provider';
    result.matches = matches.items;
  } else if (ports.length > 0) {
    result.intent = checklist ? 'checklist' : 'port';
    result.matches = providersOnPorts(index, ports);
  } else if (checklist) {
    result.intent = 'checklist';
  } else if (unmatched.length === 0 && invalidPorts.length === 0) {
    // Only question words ("hi", "what ports do i need"): show how to ask.
    result.intent = 'help';
  }
  // Only words that looked like names get suggestions: "what ports do i need" has none to offer.
  if (unmatched.length > 0) {
    const shown = new MatchList();
    shown.addAll(result.matches);
    result.suggestions = suggestionsFor(index, unmatched, shown);
  }
  return result;
}
