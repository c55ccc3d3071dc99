import type { Catalog, PortRule, Provider } from '../catalog/schema.js';
import { MatchList } from './matches.js';
import { catalogProviders, isTableRow } from './providers.js';
import { readQuery } from './query.js';
import { type Leftover, type NamedPhrase, scanPhrases } from './scanner.js';
import { type FuzzyHit, indexFor, type SearchIndex } from './search-index.js';
import { allowedTypos, tokenize } from './text.js';
import {
  joinClusterNames,
  scanTopics,
  TOPIC_FILLER,
  topicAnswerFor,
  topicsFor,
  topicsOnPorts,
} from './topics.js';
import type { Answer, Focus, Intent, MatchKind, ProviderMatch, TopicMatch } from './types.js';
import {
  CHECKLIST_WORDS,
  HELP_WORDS,
  LIST_FILLER,
  LIST_WORDS,
  PROTOCOL_PORTS,
  QUESTION_WORDS,
  SMALL_TALK_WORDS,
  THANKS_WORDS,
  YES_NO_OPENERS,
} from './words.js';

/** Queries are cut to this many characters before parsing: no provider question needs more. */
export const MAX_QUERY_LENGTH = 500;

/**
 * Resolves leftover words as typos: the end of the phrase before them ("sumo logik",
 * "aws codedeplyo"), then the whole run ("pivotl cloud foundry"), then word by word.
 * Returns the words that stayed unrecognised.
 */
function resolveTypos(index: SearchIndex, leftovers: Leftover[], matches: MatchList): string[] {
  const fuzzy = new MatchList();
  const unmatched: string[] = [];
  /**
   * The provider `words` are a typo of, trying the most of the question words after them first.
   * `accept` sees the hit and the phrase it was found for.
   */
  const typoOf = (
    words: string[],
    followedBy: string[],
    accept: (hit: FuzzyHit, phrase: readonly string[]) => boolean,
  ) => {
    for (let extra = followedBy.length; extra >= 0; extra--) {
      const phrase = [...words, ...followedBy.slice(0, extra)];
      const hit = phrase.length > 1 ? index.findTypo(phrase) : undefined;
      if (hit && accept(hit, phrase)) return { provider: hit.provider, term: phrase.join(' ') };
    }
    return undefined;
  };
  /**
   * True when `words` finish the phrase before them, mistyped: the rest of the same name ("sumo logik"),
   * the member of a group ("aws codedeplyo"), or a longer name the phrase only began ("elastic laod balancer").
   */
  const completes = (
    after: NamedPhrase | undefined,
    words: string[],
    followedBy: string[] = [],
    lead: string[] = [],
  ): boolean => {
    if (!after) return false;
    const start = [...after.words, ...lead];
    // The mistakes must be within what the words typed after the phrase allow (one at least, "aws
    // ec3"): "microsoft sql" is not "microsoft ad" mistyped, however long "microsoft" makes the whole.
    const hit = typoOf([...start, ...words], followedBy, (found, phrase) => {
      const typed = phrase.slice(start.length).join('');
      const budget = Math.max(1, allowedTypos(typed.length));
      // A set's own member ("aws codedeplyo"), or a longer name the set's words only began ("aws secrets mnager").
      const fits =
        !after.set ||
        after.providers.includes(found.provider) ||
        found.words.startsWith(`${after.words.join(' ')} `);
      return fits && found.distance <= budget;
    });
    if (!hit) return false;
    if (after.set || !after.providers.includes(hit.provider)) {
      matches.drop(after.words.join(' '), after.providers);
      fuzzy.add(hit.provider, 'fuzzy', hit.term);
    }
    return true;
  };
  /** The run mistyped at the start of a longer name the phrase after it ends ("zure kubernetes service"). */
  const begins = (run: string[], next: Leftover['next']): boolean => {
    if (!next) return false;
    const budget = Math.max(1, allowedTypos(run.join('').length));
    const hit = typoOf([...run, ...next.words], next.followedBy, (found) => found.distance <= budget);
    if (!hit) return false;
    matches.drop(next.words.join(' '), next.providers);
    fuzzy.add(hit.provider, 'fuzzy', hit.term);
    return true;
  };
  /** The run mistyped at the end of a name whose first words are question words ("secrets mnager", "key vualt"). */
  const ends = (run: string[], lead: string[], followedBy: string[]): boolean => {
    for (let from = 0; from < lead.length; from++) {
      if (!index.startsTerm(lead[from]!)) continue;
      const start = lead.slice(from);
      const hit = typoOf([...start, ...run], followedBy, (found, phrase) => {
        const typed = phrase.slice(start.length).join('');
        return found.distance <= Math.max(1, allowedTypos(typed.length));
      });
      if (hit) {
        fuzzy.add(hit.provider, 'fuzzy', hit.term);
        return true;
      }
    }
    return false;
  };
  /** The run mistyped in the middle of a name the phrases around it begin and end ("google loud secret manager"). */
  const bridges = (after: NamedPhrase | undefined, run: string[], lead: string[], next: Leftover['next']) => {
    if (!after || !next) return false;
    const budget = Math.max(1, allowedTypos(run.join('').length));
    const hit = typoOf(
      [...after.words, ...lead, ...run, ...next.words],
      next.followedBy,
      (found) => found.distance <= budget,
    );
    if (!hit) return false;
    matches.drop(after.words.join(' '), after.providers);
    matches.drop(next.words.join(' '), next.providers);
    fuzzy.add(hit.provider, 'fuzzy', hit.term);
    return true;
  };
  /**
   * Two runs with only question words between them, mistyped together as one name ("custom secret
   * anager": "custom", then "secret", then "anager"): the whole phrase, when it is one name.
   */
  const joins = (first: Leftover, second: Leftover | undefined): boolean => {
    if (!second || second.after || second.lead.length === 0) return false;
    if (first.followedBy.join(' ') !== second.lead.join(' ')) return false;
    const typed = [...first.words, ...second.words].join('');
    const hit = typoOf([...first.words, ...second.lead, ...second.words], second.followedBy, (found) => {
      return found.distance <= Math.max(1, allowedTypos(typed.length));
    });
    if (!hit) return false;
    if (first.after) matches.drop(first.after.words.join(' '), first.after.providers);
    fuzzy.add(hit.provider, 'fuzzy', hit.term);
    return true;
  };
  for (let i = 0; i < leftovers.length; i++) {
    const leftover = leftovers[i]!;
    const { words: run, after, followedBy, lead, next } = leftover;
    if (joins(leftover, leftovers[i + 1])) {
      i++;
      continue;
    }
    if (bridges(after, run, lead, next)) continue;
    if (completes(after, run, followedBy, lead)) continue;
    if (begins(run, next)) continue;
    if (!after && ends(run, lead, followedBy)) continue;
    const whole = typoOf(run, followedBy, () => true);
    if (whole) {
      fuzzy.add(whole.provider, 'fuzzy', whole.term);
      continue;
    }
    run.forEach((word, position) => {
      if (position === 0 && run.length > 1 && completes(after, [word], [], lead)) return;
      const hit = index.findTypo([word]);
      if (hit) fuzzy.add(hit.provider, 'fuzzy', word);
      else unmatched.push(word);
    });
  }
  matches.addAll(fuzzy.items);
  return [...new Set(unmatched)];
}

/** How the members of a set are found: an answer of only these is the set's list. */
const SET_KINDS: ReadonlySet<MatchKind> = new Set(['group', 'maker', 'category']);

function emptyAnswer(intent: Intent, query: string): Answer {
  return {
    intent,
    query,
    matches: [],
    ports: [],
    suggestions: [],
    unmatched: [],
    invalidPorts: [],
    yesNo: false,
    focus: [],
  };
}

/**
 * The matches with the same product in the other edition beside each (`sameAs`), the FirstGen table
 * row first: "github" finds the table's GitHub row and then the GitHub connector, "github token
 * scopes" the connector and, before it, the row. A partner the question named itself keeps its place.
 */
function withPartners(
  index: SearchIndex,
  matches: readonly ProviderMatch[],
  /** A set ("aws", "artifact servers"): its members first, the partners after them all. */
  set: boolean,
): ProviderMatch[] {
  if (!matches.some((match) => index.partnersOf(match.provider).length > 0)) return [...matches];
  if (set) {
    const list = new MatchList();
    list.addAll(matches);
    for (const match of matches) {
      for (const partner of index.partnersOf(match.provider)) list.add(partner, 'sameAs', match.term);
    }
    return list.items;
  }
  const named = new Set(matches.map((match) => match.provider.id));
  const list = new MatchList();
  // A partner the question named itself stays where it was named.
  const addPartners = (match: ProviderMatch) => {
    for (const partner of index.partnersOf(match.provider)) {
      if (!named.has(partner.id)) list.add(partner, 'sameAs', match.term);
    }
  };
  for (const match of matches) {
    const row = isTableRow(match.provider);
    if (!row) addPartners(match);
    list.add(match.provider, match.matchedBy, match.term);
    if (row) addPartners(match);
  }
  return list.items;
}

/** Names each match's partners in the other edition on the match, for the faces that list them. */
function markPartners(index: SearchIndex, matches: ProviderMatch[]): ProviderMatch[] {
  for (const match of matches) {
    const ids = index.partnerIds(match.provider);
    if (ids) match.sameAs = ids;
  }
  return matches;
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

/** Small talk: "thanks!", "hi there", an emoji. Never a query that also names something. */
function smallTalk(words: readonly string[], onlyEmoji: boolean): Answer['thanks'] | undefined {
  if (onlyEmoji) return false;
  let talk = false;
  let thanks = false;
  for (const word of words) {
    if (SMALL_TALK_WORDS.has(word)) {
      talk = true;
      thanks ||= THANKS_WORDS.has(word);
    } else if (!QUESTION_WORDS.has(word)) return undefined;
  }
  return talk ? thanks : undefined;
}

/** True when a port rule is of the protocol, or says so: "Well-known port (HTTPS)" is HTTPS too. */
const speaks = (rule: PortRule, protocol: string) =>
  rule.protocol === protocol || tokenize(rule.label).includes(protocol.toLowerCase());

/** The ports asked about, else the protocols, for each provider named. */
function focusOf(
  matches: readonly ProviderMatch[],
  ports: readonly number[],
  protocols: readonly string[],
): Focus[] {
  const focus: Focus[] = [];
  for (const { provider } of matches) {
    for (const port of ports) {
      focus.push({ provider, asked: { port }, rules: provider.ports.filter((rule) => rule.port === port) });
    }
    for (const protocol of ports.length ? [] : protocols) {
      focus.push({
        provider,
        asked: { protocol },
        rules: provider.ports.filter((rule) => speaks(rule, protocol)),
      });
    }
  }
  return focus;
}

/**
 * Answers one query against a catalog: which providers it means and why. Pure: no I/O, no Slack.
 * The catalog's search index is built on first use and reused for every later query.
 */
export function answer(rawQuery: string, catalog: Catalog): Answer {
  const index = indexFor(catalog);
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  const { words, onlyEmoji } = readQuery(
    joinClusterNames(query),
    (port) => index.providersOnPort(port).length > 0,
    (phrase) => index.findTerm(phrase) !== undefined,
  );

  const thanks = smallTalk(words, onlyEmoji);
  if (thanks !== undefined) return { ...emptyAnswer('smalltalk', query), thanks };
  // "what does the delegate need to reach harness" is all question words, and a topic.
  const topicScan = scanTopics(catalog, index, words);
  if (topicScan.hits.length === 0 && isHelpQuery(words)) return emptyAnswer('help', query);
  if (isListQuery(words)) {
    const result = emptyAnswer('list', query);
    result.matches = markPartners(
      index,
      catalogProviders(catalog).map((provider) => ({ provider, matchedBy: 'list' as const, term: '' })),
    );
    result.scope = { kind: 'all' };
    return result;
  }

  // "checklist splunk jenkins", and also "give me a checklist for splunk and jenkins".
  const checklist = words.some((word) => CHECKLIST_WORDS.has(word));
  const body = topicScan.rest.filter((word) => !CHECKLIST_WORDS.has(word));
  const scan = scanPhrases(index, body);
  let unmatched = resolveTypos(index, scan.leftovers, scan.matches);
  const { matches, ports, invalidPorts } = scan;
  let scope = scan.scope;
  // A topic ("artifacts") or a set named as context ("in aws") is the request only when nothing else is.
  for (const fallback of [scan.topics, scan.context]) {
    if (matches.length > 0) break;
    matches.addAll(fallback.matches.items);
    scope ??= fallback.scope;
  }

  // The Delegate's own network: beside the providers named, or the whole answer ("prod3", "proxy").
  const topics: TopicMatch[] = checklist
    ? []
    : topicsFor(catalog, topicScan.hits, { providers: matches.length > 0, ports });
  if (topics.length) unmatched = unmatched.filter((word) => !TOPIC_FILLER.has(word));

  const result: Answer = {
    ...emptyAnswer('none', query),
    unmatched,
    invalidPorts,
    ports,
    yesNo: YES_NO_OPENERS.has(words[0] ?? ''),
    ...(scope && matches.items.every((m) => SET_KINDS.has(m.matchedBy)) ? { scope } : {}),
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
    // A question shows a product in both editions; a checklist holds what was named.
    result.matches = checklist
      ? matches.items
      : withPartners(index, matches.items, result.scope !== undefined);
    if (!checklist) result.focus = focusOf(result.matches, ports, scan.protocols);
  } else if (ports.length > 0) {
    result.intent = checklist ? 'checklist' : 'port';
    result.matches = providersOnPorts(index, ports);
    // A port only Harness's own network states ("9879", "32500"): the topics that state it.
    if (result.matches.length === 0 && !checklist && topics.length === 0) {
      const stating = topicsOnPorts(catalog, ports);
      if (stating.length) {
        result.intent = 'topic';
        topics.push(...stating);
      }
    }
    if (checklist) {
      // A checklist by port is the work the docs ask for: the products a port is only the usual
      // port of join it only when no page states the port at all ("checklist 8200").
      const stated = result.matches.filter(({ provider }) =>
        provider.ports.some((rule) => ports.includes(rule.port) && !rule.inferred),
      );
      if (stated.length) result.matches = stated;
    }
  } else if (checklist) {
    result.intent = 'checklist';
  } else if (topics.length > 0) {
    result.intent = 'topic';
  } else if (unmatched.length === 0 && invalidPorts.length === 0) {
    // Only question words ("what ports do i need"): show how to ask.
    result.intent = 'help';
  }
  if (topics.length) result.topics = topics;
  // "Does the delegate need inbound ports?": a yes/no about the Delegate alone, answered by its topic.
  if (result.intent === 'topic' && result.yesNo) {
    const topicAnswer = topicAnswerFor(topics, words);
    if (topicAnswer) result.topicAnswer = topicAnswer;
  }
  // Only words that looked like names get suggestions: "what ports do i need" has none to offer.
  if (unmatched.length > 0) {
    const shown = new MatchList();
    shown.addAll(result.matches);
    result.suggestions = suggestionsFor(index, unmatched, shown);
  }
  markPartners(index, result.matches);
  return result;
}
