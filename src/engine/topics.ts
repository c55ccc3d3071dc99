import type { Catalog, DelegateNetwork, Topic } from '../catalog/schema.js';
import type { SearchIndex } from './search-index.js';
import { allowedTypos, beginsAny, compactKey, editDistance, sortedKeys, tokenize } from './text.js';
import type { NamedParts, TopicAnswer, TopicMatch } from './types.js';
import { QUESTION_WORDS, SMALL_TALK_WORDS } from './words.js';

/**
 * The Delegate's own network as answers: which topic of data/delegate.yml a question asks about
 * ("prod3", "NO_PROXY", "ip allowlist", "delegate behind a proxy"), and what of the network each
 * topic shows. Pure: the index is built once per catalog, like the provider index.
 */

/** Topics shown for one question at most: a question is rarely about more. */
export const MAX_TOPICS = 3;

/**
 * How much a phrase says about a topic. `strong`: words only a topic uses ("proxy", "prod3") or a
 * direction ("inbound"), an answer beside any provider named. `weak`: other question words ("reach harness") or
 * a word of three letters or fewer ("ip", "eu"), a topic only when no provider or port is named.
 * `subject`: "delegate" alone, the Delegate topic only when nothing else is asked.
 */
export type TopicStrength = 'strong' | 'weak' | 'subject';

/** A topic a query named, and how. */
export interface TopicHit {
  topic: Topic;
  matchedBy: 'alias' | 'fuzzy';
  /** The words that named it, as the query has them (normalised). */
  term: string;
  strength: TopicStrength;
}

/** What a query says about topics, and its words with the topic phrases taken out. */
export interface TopicScan {
  hits: TopicHit[];
  /** The words left for the provider scanner: a topic phrase of its own words becomes "and". */
  rest: string[];
}

/**
 * Words that, once a topic answered, are part of the question, not names that went unrecognised:
 * "wss is blocked", "which cluster", and the ends of contractions ("we're" reads "we re").
 */
export const TOPIC_FILLER = new Set(
  `blocked block blocking cluster clusters corporate region regions re ve ll s t m d isn don doesn
  our company customer open firewalls only support supported cloud subnet subnets mask am`.split(/\s+/),
);

/**
 * Question words that still say which topic: asked "does splunk need inbound ports?", the answer is
 * Splunk's card and that the Delegate needs nothing inbound.
 */
const DIRECTION_WORDS = new Set(['inbound', 'ingress', 'incoming']);

/** The words that name the Delegate itself: its topic only when the question asks nothing else. */
const SUBJECT = new Set(['delegate', 'delegates']);

/**
 * Words that ask what the Delegate needs of providers, not of Harness: "which permissions does the
 * delegate need?" is answered with how to ask about a provider, not with the Delegate topic.
 */
const PROVIDER_QUESTION_WORDS = new Set(
  'permission permissions perms privilege privileges role roles policy policies'.split(' '),
);

interface TypoRecord {
  compact: string;
  /** Its place among all the records: the first of equally close ones wins. */
  order: number;
  /** How many words the alias has: one word is only ever a typo of a one-word alias. */
  words: number;
  topic: Topic;
  strength: TopicStrength;
}

function strengthOf(words: readonly string[]): TopicStrength {
  if (words.length === 1 && SUBJECT.has(words[0]!)) return 'subject';
  if (words.some((word) => DIRECTION_WORDS.has(word))) return 'strong';
  if (words.every((word) => QUESTION_WORDS.has(word))) return 'weak';
  if (words.length === 1 && words[0]!.length <= 3) return 'weak';
  return 'strong';
}

const NO_TOPIC: { length: number; hit?: TopicHit } = Object.freeze({ length: 0 });

class TopicIndex {
  readonly network: DelegateNetwork | undefined;
  readonly longest: number;
  private readonly exact = new Map<string, { topic: Topic; strength: TopicStrength }>();
  /** The aliases a typo may be of, by length of their compact key, each list in catalog order. */
  private readonly typosByLength = new Map<number, TypoRecord[]>();
  private typoCount = 0;
  /** The topics' keys, sorted: what a phrase may begin. */
  private readonly keys: string[];

  constructor(catalog: Catalog) {
    this.network = catalog.delegate;
    let longest = 0;
    for (const topic of this.network?.topics ?? []) {
      // The title too: the Home tab's search box asks for a topic by its title.
      for (const alias of [...topic.aliases, topic.title]) {
        const words = tokenize(alias);
        const compact = words.join('');
        if (!compact || this.exact.has(compact)) continue;
        const strength = strengthOf(words);
        this.exact.set(compact, { topic, strength });
        longest = Math.max(longest, words.length);
        // A name with a digit ("prod3") is never guessed: "prod5" is no cluster, not Prod3 mistyped.
        if (compact.length >= 4 && !/\d/.test(compact))
          this.addTypoRecord({ compact, words: words.length, topic, strength, order: this.typoCount++ });
      }
    }
    this.longest = longest;
    this.keys = sortedKeys(this.exact.keys());
  }

  private addTypoRecord(record: TypoRecord): void {
    const list = this.typosByLength.get(record.compact.length);
    if (list) list.push(record);
    else this.typosByLength.set(record.compact.length, [record]);
  }

  /** The longest topic phrase at `start`, in words (0 for none). */
  exactAt(words: readonly string[], start: number): { length: number; hit?: TopicHit } {
    const limit = Math.min(this.longest, words.length - start);
    let joined = '';
    let longest = 0;
    // Word by word while the words still begin some topic's key: most words begin none.
    for (let length = 1; length <= limit; length++) {
      joined += words[start + length - 1];
      if (this.exact.has(joined)) longest = length;
      if (!beginsAny(this.keys, joined)) break;
    }
    if (longest === 0) return NO_TOPIC;
    const phrase = words.slice(start, start + longest);
    const found = this.exact.get(phrase.join(''))!;
    return { length: longest, hit: { ...found, matchedBy: 'alias', term: phrase.join(' ') } };
  }

  /**
   * The topic a word, or two words, are a typo of ("allowlsit", "rate limt"), spacing ignored, and
   * how far it is (the closest; the first of equals).
   */
  typoOf(phrase: readonly string[]): { hit: TopicHit; distance: number } | undefined {
    const compact = phrase.join('');
    const budget = allowedTypos(compact.length);
    if (budget === 0 || /\d/.test(compact)) return undefined;
    let best: { hit: TopicHit; distance: number; order: number } | undefined;
    // Only aliases whose length is within the budget can be within it.
    for (let length = compact.length - budget; length <= compact.length + budget; length++) {
      for (const record of this.typosByLength.get(length) ?? []) {
        // "cluster" is no typo of "eu cluster": one word is a typo of one word only.
        if (phrase.length === 1 && record.words > 1) continue;
        const distance = editDistance(compact, record.compact, budget);
        if (distance > budget) continue;
        if (!best || distance < best.distance || (distance === best.distance && record.order < best.order)) {
          best = {
            hit: {
              topic: record.topic,
              strength: record.strength,
              matchedBy: 'fuzzy',
              term: phrase.join(' '),
            },
            distance,
            order: record.order,
          };
        }
      }
    }
    return best && { hit: best.hit, distance: best.distance };
  }
}

const indexes = new WeakMap<Catalog, TopicIndex>();

function topicIndexFor(catalog: Catalog): TopicIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new TopicIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

/** How many words from `start` name a provider or a set exactly (0 for none). */
function providerPhraseAt(providers: SearchIndex, words: readonly string[], start: number): number {
  return providers.termAt(words, start)?.phrase.length ?? 0;
}

/** A word no provider or question reads: one a topic typo may be made of. */
const isLoose = (word: string | undefined): word is string =>
  word !== undefined && !QUESTION_WORDS.has(word) && !SMALL_TALK_WORDS.has(word);

/**
 * A typo of a topic at `start`: two words first ("rate limt"), then one ("proxxy"), each only
 * when no provider is closer to it (a provider typo wins a tie).
 */
function typoAt(
  index: TopicIndex,
  providers: SearchIndex,
  words: readonly string[],
  start: number,
): { hit: TopicHit; length: number } | undefined {
  const [first, second] = [words[start], words[start + 1]];
  if (!isLoose(first)) return undefined;
  // The second word must name nothing itself: "kafka proxy" is the proxy topic and a word unknown.
  const pair =
    isLoose(second) &&
    providerPhraseAt(providers, words, start + 1) === 0 &&
    index.exactAt(words, start + 1).length === 0;
  const phrases = pair ? [[first, second]] : [];
  for (const phrase of [...phrases, [first]]) {
    const typo = index.typoOf(phrase);
    if (!typo) continue;
    const providerTypo = providers.findTypo(phrase);
    if (!providerTypo || typo.distance < providerTypo.distance)
      return { hit: typo.hit, length: phrase.length };
  }
  return undefined;
}

/**
 * Reads a query's words for topics, left to right: the longest topic phrase at each word, unless a
 * provider's name starting there is longer ("docker hub rate limit" is the images topic, "aws
 * gov cloud" stays AWS's if the catalog names it so); else a typo of a topic word that is no
 * closer to a provider ("allowlsit", "heartbaet"). A phrase of question words stays in the words
 * the provider scanner reads, as it always did; any other topic phrase is replaced by "and".
 */
export function scanTopics(catalog: Catalog, providers: SearchIndex, words: readonly string[]): TopicScan {
  const index = topicIndexFor(catalog);
  const hits: TopicHit[] = [];
  const rest: string[] = [];
  if (!index.network) return { hits, rest: [...words] };
  for (let position = 0; position < words.length; ) {
    const provider = providerPhraseAt(providers, words, position);
    const topic = index.exactAt(words, position);
    if (topic.hit && topic.length >= provider) {
      hits.push(topic.hit);
      const phrase = words.slice(position, position + topic.length);
      if (phrase.every((w) => QUESTION_WORDS.has(w))) rest.push(...phrase);
      else rest.push('and');
      position += topic.length;
      continue;
    }
    const typo = provider === 0 ? typoAt(index, providers, words, position) : undefined;
    if (typo) {
      hits.push(typo.hit);
      rest.push('and');
      position += typo.length;
      continue;
    }
    const taken = Math.max(provider, 1);
    rest.push(...words.slice(position, position + taken));
    position += taken;
  }
  const aboutProviders = words.some((word) => PROVIDER_QUESTION_WORDS.has(word));
  return { hits: aboutProviders ? hits.filter((hit) => hit.strength !== 'subject') : hits, rest };
}

/**
 * A cluster written apart, "Prod-3", "prod_3" or "prod 3", as its name "prod3": the number is not a
 * port, and a digit inside a word is otherwise dropped.
 */
export function joinClusterNames(query: string): string {
  return query.replace(/\b(prod)[\s_-]+(\d)\b/gi, '$1$2');
}

/** The host without its top-level domain: "logging.googleapis" of "logging.googleapis.com". */
const hostStem = (host: string) => host.replace(/\.[a-z]+$/, '');

/** The clusters, variables and endpoints a topic phrase names ("prod3", "no proxy", "stackdriver…"). */
function namedBy(network: DelegateNetwork, term: string): NamedParts {
  const words = tokenize(term);
  const compact = words.join('');
  const names = (text: string) => compactKey(text) === compact;
  const clusters = network.clusters.filter(
    (c) =>
      names(c.cluster) ||
      names(c.host) ||
      words.includes(c.cluster.toLowerCase()) ||
      (words.length === 1 && c.host.split('.')[0] === compact),
  );
  return {
    clusters,
    proxyVariables: network.proxyVariables.filter((v) => names(v.name)),
    endpoints: network.endpoints.filter(
      (e) =>
        names(e.host) || names(hostStem(e.host)) || (e.disable !== undefined && names(e.disable.variable)),
    ),
  };
}

const addNew = <T>(into: T[], items: readonly T[]) => {
  for (const item of items) if (!into.includes(item)) into.push(item);
};

/** What else a question named, beside topics. */
export interface NamedBeside {
  providers: boolean;
  ports: readonly number[];
}

/**
 * The topics an answer shows, from what the scan found: with a provider or port named, only the
 * strong ones ("splunk behind a proxy"); otherwise strong and weak ones, or the Delegate topic when
 * "delegate" was all, or when the Delegate was asked about its own port to Harness and no provider
 * ("does the delegate need 443?"). Each topic once (what its phrases named merged), in query order,
 * at most MAX_TOPICS.
 */
export function topicsFor(catalog: Catalog, hits: readonly TopicHit[], beside: NamedBeside): TopicMatch[] {
  const network = catalog.delegate;
  if (!network) return [];
  const namedOther = beside.providers || beside.ports.length > 0;
  let chosen = hits.filter((hit) => hit.strength === 'strong' || (!namedOther && hit.strength === 'weak'));
  const ownPort = !beside.providers && beside.ports.includes(network.harness.port.port);
  if ((chosen.length === 0 && !namedOther) || ownPort)
    chosen = [...chosen, ...hits.filter((hit) => hit.strength === 'subject')];
  const matches: TopicMatch[] = [];
  for (const hit of chosen) {
    const named = namedBy(network, hit.term);
    const seen = matches.find((match) => match.topic.id === hit.topic.id);
    if (seen) {
      addNew(seen.named.clusters, named.clusters);
      addNew(seen.named.proxyVariables, named.proxyVariables);
      addNew(seen.named.endpoints, named.endpoints);
      continue;
    }
    if (matches.length === MAX_TOPICS) continue;
    const shows = new Set(hit.topic.shows);
    matches.push({
      topic: hit.topic,
      matchedBy: hit.matchedBy,
      term: hit.term,
      named,
      clusters: shows.has('clusters') ? network.clusters : [],
      ...(shows.has('clusters') ? { findCluster: network.findCluster } : {}),
      endpoints: shows.has('endpoints') ? network.endpoints : [],
      proxyVariables: shows.has('proxy-variables') ? network.proxyVariables : [],
      imageRegistries: shows.has('image-registries') ? network.imageRegistries : [],
    });
  }
  return matches;
}

/**
 * The topics whose facts state one of the ports, for a port no provider uses ("9879": Self-Managed
 * Enterprise Edition's gRPC port): the facts say the number, nothing is inferred. At most MAX_TOPICS.
 */
export function topicsOnPorts(catalog: Catalog, ports: readonly number[]): TopicMatch[] {
  const topics = catalog.delegate?.topics ?? [];
  const matches: TopicMatch[] = [];
  for (const port of ports) {
    // The number as a whole token ("port 9879", ":8800", "32500 by default"), in a fact about ports.
    const number = new RegExp(`(^|[\\s:(/])${port}(?![0-9a-z.])`, 'i');
    for (const topic of topics) {
      if (matches.length === MAX_TOPICS) return matches;
      if (matches.some((match) => match.topic.id === topic.id)) continue;
      if (!topic.facts.some((fact) => /\bports?\b/i.test(fact.text) && number.test(fact.text))) continue;
      matches.push({
        topic,
        matchedBy: 'alias',
        term: String(port),
        named: { clusters: [], proxyVariables: [], endpoints: [] },
        clusters: [],
        endpoints: [],
        proxyVariables: [],
        imageRegistries: [],
      });
    }
  }
  return matches;
}

/** Words that turn a yes/no question around ("doesn't", "not"): then no topic answers yes or no. */
const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'without',
  't',
  'nt',
  'dont',
  'doesnt',
  'isnt',
  'arent',
  'cant',
  'cannot',
]);

/**
 * The yes or no a yes/no question gets from its one topic, when the topic's data says which for the
 * alias that named it (`yesNo` in data/delegate.yml): never for a typo, several topics, or a
 * question with a negation in it, whose yes and no would be the other way round.
 */
export function topicAnswerFor(
  topics: readonly TopicMatch[],
  words: readonly string[],
): TopicAnswer | undefined {
  if (topics.length !== 1 || words.some((word) => NEGATIONS.has(word))) return undefined;
  const [{ topic, term, matchedBy }] = topics as [TopicMatch];
  if (matchedBy !== 'alias' || !topic.yesNo) return undefined;
  const key = compactKey(term);
  const names = (phrases: readonly string[]) => phrases.some((phrase) => compactKey(phrase) === key);
  const answer = names(topic.yesNo.no) ? 'no' : names(topic.yesNo.yes) ? 'yes' : undefined;
  const fact = topic.facts[topic.yesNo.fact];
  return answer && fact ? { answer, fact } : undefined;
}
