import type { Catalog, Cluster, Provider } from '../catalog/schema.js';
import { answer, MAX_QUERY_LENGTH } from './answer.js';
import {
  buildRules,
  delegateRules,
  type FirewallRule,
  isRuleFormat,
  type RuleFormat,
  ruleProvider,
} from './rules.js';
import { joinClusterNames } from './topics.js';
import type { Answer } from './types.js';

/**
 * The `rules` intent: "rules splunk jenkins", "firewall rules for nexus and artifactory as terraform",
 * "rules checklist aws", "rules delegate prod3". Pure: every face (CLI, console, Slack) reads a request
 * here and builds its rules with rulesFor. The providers come from the same search as every other
 * answer (answer()); a word it does not know is reported, never guessed.
 */

/** What the rules are for: providers, and whether the Delegate's own egress (to which cluster) comes first. */
export interface RulesSelection {
  providers: Provider[];
  /** Include the Delegate's own egress (to Harness, and the optional endpoints held). */
  delegate: boolean;
  /** The Harness cluster whose host the Delegate's rule goes to; none: Prod1's, with a note. */
  cluster?: Cluster;
}

/** A rules query read: what it selects, the format it asked for, and what it did not understand. */
export interface RulesRequest extends RulesSelection {
  query: string;
  /** The format asked for (a word in the query, or the face's option); none: the face's default. */
  format?: RuleFormat;
  /** A format word the query or option gave that is not one of the formats ("as yaml2"). */
  unknownFormat?: string;
  /** A cluster the query or option named that the catalog does not have ("cluster prod9"). */
  unknownCluster?: string;
  /** Words that looked like provider names but matched nothing (the search's own `unmatched`). */
  unmatched: string[];
  /** Close names for those words, as the search offers them; never used as the request. */
  suggestions: Provider[];
  /** The search answer for the provider words, for faces that show how they were read. */
  search: Answer;
}

/** What a face's own controls say (CLI flags, the Slack modal); each wins over the query's words. */
export interface RulesOptions {
  format?: string | undefined;
  cluster?: string | undefined;
  delegate?: boolean | undefined;
}

/** The format people mean by a word or phrase of a rules query. */
const FORMAT_PHRASES: ReadonlyArray<[string, RuleFormat]> = [
  ['k8s', 'k8s'],
  ['networkpolicy', 'k8s'],
  ['network policy', 'k8s'],
  ['netpol', 'k8s'],
  ['yaml', 'k8s'],
  ['aws-sg', 'aws-sg'],
  ['aws sg', 'aws-sg'],
  ['terraform', 'aws-sg'],
  ['tf', 'aws-sg'],
  ['security group', 'aws-sg'],
  ['security groups', 'aws-sg'],
  ['aws-cli', 'aws-cli'],
  ['aws cli', 'aws-cli'],
  ['awscli', 'aws-cli'],
  ['azure-nsg', 'azure-nsg'],
  ['azure nsg', 'azure-nsg'],
  ['nsg', 'azure-nsg'],
  ['gcloud', 'gcp'],
  ['iptables', 'iptables'],
  ['ip6tables', 'iptables'],
  ['csv', 'csv'],
];

/**
 * Words that name a provider as well as a format: a format only right after "as" or "format", or right
 * before "format" ("rules splunk as gcp", "in gcp format"); elsewhere they name the provider.
 */
const PROVIDER_FORMAT_WORDS: ReadonlyMap<string, RuleFormat> = new Map([
  ['kubernetes', 'k8s'],
  ['gcp', 'gcp'],
  ['google', 'gcp'],
  ['azure', 'azure-nsg'],
]);

/** Words that make a query a rules request: first ("rules splunk"), or "firewall/egress rules" anywhere. */
const RULES_WORDS = new Set(['rules', 'rule']);
const RULES_QUALIFIERS = new Set(['firewall', 'egress', 'network']);
/** Verbs a rules or permission-snippets request may open with: "generate rules for splunk", "show policy for vault". */
export const REQUEST_OPENERS: ReadonlySet<string> = new Set([
  'generate',
  'make',
  'write',
  'create',
  'give',
  'me',
  'get',
  'show',
  'the',
  'some',
]);
const FORMAT_CUES = new Set(['as', 'format']);
const DELEGATE_WORDS = new Set(['delegate', 'delegates', "delegate's"]);
const CLUSTER_WORDS = new Set(['cluster']);

/** A chunk of the query as a word: lower case, without the sentence punctuation around it. */
export const wordOf = (chunk: string): string =>
  chunk
    .toLowerCase()
    .replace(/^[("'`[{]+/, '')
    .replace(/[)"'`\]},.;:!?]+$/, '');

/** True when the query asks for firewall rules (see RULES_WORDS); every face routes it to rulesRequest. */
export function isRulesQuery(query: string): boolean {
  const words = query.trim().slice(0, MAX_QUERY_LENGTH).split(/\s+/).map(wordOf).filter(Boolean);
  const first = words.findIndex((word) => !REQUEST_OPENERS.has(word));
  const opening = words[first] ?? '';
  if (RULES_WORDS.has(opening)) return true;
  if (RULES_QUALIFIERS.has(opening) && RULES_WORDS.has(words[first + 1] ?? '')) return true;
  return words.some((word, i) => i > 0 && RULES_WORDS.has(word) && words[i - 1] === 'firewall');
}

/**
 * The catalog's cluster a word names: its name ("prod3", "EU"), its host ("app3.harness.io") or
 * the start of its host when that has a digit and so names one cluster ("app3", never "app").
 */
export function findCluster(catalog: Catalog, word: string): Cluster | undefined {
  const key = word.trim().toLowerCase();
  const clusters = catalog.delegate?.clusters ?? [];
  const hostStart = (cluster: Cluster) => cluster.host.split('.')[0]!;
  return (
    clusters.find((c) => c.cluster.toLowerCase() === key) ??
    // A host several clusters share (app.harness.io: Prod1 and Prod2) names the first of them.
    clusters.find((c) => c.host === key) ??
    clusters.find((c) => /\d/.test(hostStart(c)) && hostStart(c) === key)
  );
}

interface ReadWords {
  rest: string[];
  format?: RuleFormat;
  unknownFormat?: string;
  delegate: boolean;
  cluster?: Cluster;
  unknownCluster?: string;
}

/** Takes the rules words, format, Delegate and cluster words out of a query; the rest names providers. */
function readRulesWords(chunks: readonly string[], catalog: Catalog): ReadWords {
  const words = chunks.map(wordOf);
  const read: ReadWords = { rest: [], delegate: false };
  const setFormat = (format: RuleFormat) => {
    read.format ??= format;
  };
  for (let i = 0; i < chunks.length; i++) {
    const word = words[i]!;
    const next = words[i + 1] ?? '';
    const pair = `${word} ${next}`;
    const phrase =
      FORMAT_PHRASES.find(([text]) => text === pair) ?? FORMAT_PHRASES.find(([text]) => text === word);
    if (phrase) {
      setFormat(phrase[1]);
      i += phrase[0].includes(' ') ? 1 : 0;
      continue;
    }
    if (FORMAT_CUES.has(word) && next && !RULES_WORDS.has(next)) {
      // "as gcp", "format terraform": the word after names a format, known or not.
      const format = PROVIDER_FORMAT_WORDS.get(next) ?? FORMAT_PHRASES.find(([text]) => text === next)?.[1];
      if (format) setFormat(format);
      else read.unknownFormat ??= next;
      i += 1;
      continue;
    }
    if (next === 'format' && PROVIDER_FORMAT_WORDS.has(word)) {
      setFormat(PROVIDER_FORMAT_WORDS.get(word)!);
      i += 1;
      continue;
    }
    if (DELEGATE_WORDS.has(word)) {
      read.delegate = true;
      continue;
    }
    if (CLUSTER_WORDS.has(word)) {
      if (next && !findCluster(catalog, next) && /\d/.test(next)) {
        read.unknownCluster ??= next;
        i += 1;
      }
      continue;
    }
    const cluster = findCluster(catalog, word);
    if (cluster) {
      read.cluster ??= cluster;
      continue;
    }
    // "rules", "firewall", "egress" say what is asked, not for what; so do the verbs before them.
    if (RULES_WORDS.has(word) || RULES_QUALIFIERS.has(word)) continue;
    if (REQUEST_OPENERS.has(word) && read.rest.length === 0) continue;
    read.rest.push(chunks[i]!);
  }
  return read;
}

/**
 * The providers a search answer names, for a request that acts on them (rules, permission
 * snippets): only what was named, not the other edition an answer shows beside it (`sameAs`), and
 * none for help or small talk.
 */
export function providersNamedBy(search: Answer): Provider[] {
  if (search.intent === 'help' || search.intent === 'smalltalk') return [];
  return [...new Set(search.matches.filter((m) => m.matchedBy !== 'sameAs').map((match) => match.provider))];
}

/**
 * Reads a rules query. `options` are what the face's own controls say (CLI flags, the modal) and win
 * over the query's words. A cluster (in the query or the options) includes the Delegate's own egress.
 */
export function rulesRequest(rawQuery: string, catalog: Catalog, options: RulesOptions = {}): RulesRequest {
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  // "Prod-3", "prod 3": the cluster's name, as every answer reads it.
  const read = readRulesWords(joinClusterNames(query).split(/\s+/).filter(Boolean), catalog);
  const search = answer(read.rest.join(' '), catalog);
  const providers = providersNamedBy(search);

  let { format, unknownFormat, cluster, unknownCluster } = read;
  if (options.format !== undefined) {
    const key = options.format.trim().toLowerCase();
    const chosen = isRuleFormat(key)
      ? key
      : (FORMAT_PHRASES.find(([text]) => text === key)?.[1] ?? PROVIDER_FORMAT_WORDS.get(key));
    format = chosen;
    unknownFormat = chosen ? undefined : options.format;
  }
  if (options.cluster !== undefined) {
    cluster = findCluster(catalog, options.cluster);
    unknownCluster = cluster ? undefined : options.cluster;
  }
  const delegate =
    options.delegate ?? (read.delegate || cluster !== undefined || unknownCluster !== undefined);
  return {
    query,
    providers,
    delegate: delegate && catalog.delegate !== undefined,
    ...(cluster ? { cluster } : {}),
    ...(format ? { format } : {}),
    ...(unknownFormat ? { unknownFormat } : {}),
    ...(unknownCluster ? { unknownCluster } : {}),
    unmatched: search.unmatched,
    suggestions: search.suggestions,
    search,
  };
}

/**
 * The rules of a selection, in order: the Delegate's own egress first (when asked for and the catalog
 * has its network), then each provider's, per port and destination (the overlay's, else a placeholder).
 */
export function rulesFor(selection: RulesSelection, catalog: Catalog): FirewallRule[] {
  const own =
    selection.delegate && catalog.delegate ? delegateRules(catalog.delegate, selection.cluster) : [];
  return buildRules(selection.providers.map(ruleProvider), own);
}
