import type { Catalog, Provider } from '../../catalog/schema.js';
import { type FirewallRule, holdReason, RULE_FORMAT_IDS, type RuleFormat } from '../../engine/rules.js';
import { type RulesRequest, type RulesSelection, rulesFor } from '../../engine/rules-request.js';
import { renderRules } from './index.js';

/** The format a face writes when neither the query nor an option names one. */
export const DEFAULT_RULE_FORMAT: RuleFormat = 'k8s';

/** How to ask for rules, for a request that selects nothing. */
export const RULES_USAGE =
  'Name at least one provider ("rules splunk jenkins") or the Delegate ("rules delegate prod1"); add a format word: ' +
  `${RULE_FORMAT_IDS.join(', ')}.`;

const quoted = (words: readonly string[]) => words.map((word) => `"${word}"`).join(', ');

/** The line for words that name no provider, with the close names the search offers. */
export function noProviderCalled(unmatched: readonly string[], suggestions: readonly Provider[]): string {
  const offers = suggestions.map((provider) => provider.name);
  return `No provider is called ${quoted(unmatched)}.${offers.length ? ` Did you mean ${offers.join(', ')}?` : ''}`;
}

/** The lines for words of a rules request that named nothing (unknown names, numbers that are no port). */
function unknownWords(request: RulesRequest): string[] {
  const lines: string[] = [];
  if (request.unmatched.length) lines.push(noProviderCalled(request.unmatched, request.suggestions));
  if (request.search.invalidPorts.length) {
    lines.push(`${quoted(request.search.invalidPorts)}: not a port number (1 to 65535).`);
  }
  return lines;
}

/** Whether a rules request selects anything to write rules for (a provider, or the Delegate). */
const selectsSomething = (request: RulesRequest) => request.providers.length > 0 || request.delegate;

/**
 * What stops a rules request from being answered, one plain-text line each (user words quoted, not
 * escaped: a Slack face escapes them). Empty when the rules can be written. Words that name nothing
 * stop it only when nothing else was named: otherwise the rules are written for what is known and
 * rulesNotices says first which words were left out.
 */
export function rulesProblems(request: RulesRequest, catalog: Catalog): string[] {
  const problems: string[] = selectsSomething(request) ? [] : unknownWords(request);
  if (request.unknownFormat !== undefined) {
    problems.push(
      `No rules format is called "${request.unknownFormat}". Formats: ${RULE_FORMAT_IDS.join(', ')}.`,
    );
  }
  if (request.unknownCluster !== undefined) {
    const clusters = (catalog.delegate?.clusters ?? []).map((cluster) => cluster.cluster);
    problems.push(
      `No Harness cluster is called "${request.unknownCluster}". Clusters: ${clusters.join(', ')}.`,
    );
  }
  if (problems.length === 0 && !selectsSomething(request)) problems.push(RULES_USAGE);
  return problems;
}

/**
 * What a face says before rules it can write when some words named nothing ("rules jenkins nexus
 * sonarqube"): which words were left out, and for whom the rules are. Empty when every word was known.
 */
export function rulesNotices(request: RulesRequest): string[] {
  const unknown = selectsSomething(request) ? unknownWords(request) : [];
  if (!unknown.length) return [];
  const named = request.providers.map((provider) => provider.name);
  if (request.delegate) named.unshift('the Delegate');
  return [...unknown, `Left out of the rules below, which are for ${named.join(', ')} only.`];
}

/** A rule as JSON shows it: the model's fields, and why it is held (null when it can be opened). */
function ruleJson(rule: FirewallRule) {
  return { ...rule, hold: holdReason(rule) ?? null };
}

/** A rules request as the CLI's --json prints it: what was read, the rules, and the text in the format. */
export function rulesJson(request: RulesRequest, format: RuleFormat, rules: readonly FirewallRule[]) {
  return {
    query: request.query,
    intent: 'rules' as const,
    format,
    providers: request.providers.map((provider) => ({ id: provider.id, name: provider.name })),
    delegate: request.delegate,
    cluster: request.cluster ? { name: request.cluster.cluster, host: request.cluster.host } : null,
    unmatched: request.unmatched,
    invalidPorts: request.search.invalidPorts,
    notices: rulesNotices(request),
    rules: rules.map(ruleJson),
    text: renderRules(format, rules),
  };
}

/** A selection's rules in one format: the engine's rules and the format's text of them. */
export interface WrittenRules {
  format: RuleFormat;
  rules: FirewallRule[];
  /** The format's text, as its renderer writes it (ending in its own line break). */
  text: string;
}

/** Builds a selection's rules (the engine) and writes them in `format` (its renderer). */
export function writeRules(selection: RulesSelection, format: RuleFormat, catalog: Catalog): WrittenRules {
  const rules = rulesFor(selection, catalog);
  return { format, rules, text: renderRules(format, rules) };
}

/**
 * A typed rules request, answered once for every face: what stops it (a word, format or cluster it
 * does not know: rules that silently leave out something asked for are worse than none), or its
 * rules in the format asked for (the default otherwise) with the notices said before them.
 */
export type RulesReply = { ok: false; problems: string[] } | ({ ok: true; notices: string[] } & WrittenRules);

export function rulesReply(request: RulesRequest, catalog: Catalog): RulesReply {
  const problems = rulesProblems(request, catalog);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    notices: rulesNotices(request),
    ...writeRules(request, request.format ?? DEFAULT_RULE_FORMAT, catalog),
  };
}
