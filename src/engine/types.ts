import type {
  Category,
  Cluster,
  Endpoint,
  ImageRegistry,
  PortRule,
  Provider,
  ProxyVariable,
  ResolvedFact,
  Topic,
} from '../catalog/schema.js';

/** `topic`: only the Delegate's own network was asked about ("prod3", "proxy"): the answer is its topics. */
export type Intent = 'provider' | 'port' | 'topic' | 'checklist' | 'list' | 'help' | 'smalltalk' | 'none';

/**
 * How a provider was found: its name or id, one of its aliases, a typo of either, its group, its
 * maker, its category, a port it uses, a request for the whole catalog, or as the same product in the
 * other edition as a provider found (`sameAs`: a FirstGen table row and its NextGen connector).
 */
export type MatchKind =
  | 'name'
  | 'alias'
  | 'fuzzy'
  | 'group'
  | 'maker'
  | 'category'
  | 'port'
  | 'list'
  | 'sameAs';

export interface ProviderMatch {
  provider: Provider;
  matchedBy: MatchKind;
  /** The words of the query that matched, as the user typed them (normalised). */
  term: string;
  /** Ids of the same product in the other edition (a table row's NextGen connectors, a connector's rows). */
  sameAs?: readonly string[];
}

/** A group ("aws"), maker ("microsoft") or category ("verification providers") asked for as a whole. */
export type Scope =
  | { kind: 'group'; group: string }
  | { kind: 'maker'; maker: string }
  | { kind: 'category'; category: Category }
  | { kind: 'all' };

/**
 * What a question asked of one provider: a port ("does the delegate need 636 for ldaps?") or a
 * protocol ("winrm over https"), and the provider's port rules that answer it (none: it does not).
 */
export interface Focus {
  provider: Provider;
  asked: { port: number } | { protocol: string };
  rules: PortRule[];
}

export interface Answer {
  intent: Intent;
  /** The query as received, trimmed. */
  query: string;
  /** Best match first. */
  matches: ProviderMatch[];
  /** The port numbers asked about (reverse lookup, or a checklist by port). */
  ports: number[];
  /** Set when the query named a whole group or category. */
  scope?: Scope;
  /** Close names for words the engine did not recognise; never presented as an answer. */
  suggestions: Provider[];
  /** Words of the query that looked like provider names but matched nothing. */
  unmatched: string[];
  /** Numbers the query gave that are not valid TCP/UDP ports. */
  invalidPorts: string[];
  /** True when the query is a yes/no question ("does splunk need 443?"): the answer starts with yes or no. */
  yesNo?: boolean;
  /** The ports or protocols asked about, per provider named; the answer points to them first. */
  focus?: Focus[];
  /** Small talk only: whether it thanked. */
  thanks?: boolean;
  /** What the question asked about the Delegate's own network, shown after any provider (see topics.ts). */
  topics?: TopicMatch[];
  /**
   * A yes/no question about one topic that the topic's data answers ("does the delegate need inbound
   * ports?": no), with the fact that says so.
   */
  topicAnswer?: TopicAnswer;
}

export interface TopicAnswer {
  answer: 'yes' | 'no';
  fact: ResolvedFact;
}

/** The parts of the network a question named inside its topic ("prod3", "NO_PROXY"): shown first. */
export interface NamedParts {
  clusters: Cluster[];
  proxyVariables: ProxyVariable[];
  endpoints: Endpoint[];
}

/** One topic of an answer: its facts and the parts of the Delegate's network it shows, every one sourced. */
export interface TopicMatch {
  topic: Topic;
  matchedBy: 'alias' | 'fuzzy';
  term: string;
  named: NamedParts;
  clusters: Cluster[];
  /** How to find your account's cluster, with the clusters. */
  findCluster?: ResolvedFact;
  endpoints: Endpoint[];
  proxyVariables: ProxyVariable[];
  imageRegistries: ImageRegistry[];
}
