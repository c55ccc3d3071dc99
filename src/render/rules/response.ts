import type { Catalog, Provider } from '../../catalog/schema.js';
import { type FirewallRule, holdReason, RULE_FORMAT_IDS, type RuleFormat } from '../../engine/rules.js';
import type { RulesRequest } from '../../engine/rules-request.js';
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

/**
 * What stops a rules request from being answered, one plain-text line each (user words quoted, not
 * escaped: a Slack face escapes them). Empty when the rules can be written. A word the search did not
 * know stops the rules: rules that silently leave out a provider asked for are worse than none.
 */
export function rulesProblems(request: RulesRequest, catalog: Catalog): string[] {
  const problems: string[] = [];
  if (request.unmatched.length) problems.push(noProviderCalled(request.unmatched, request.suggestions));
  if (request.search.invalidPorts.length) {
    problems.push(`${quoted(request.search.invalidPorts)}: not a port number (1 to 65535).`);
  }
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
  if (problems.length === 0 && request.providers.length === 0 && !request.delegate)
    problems.push(RULES_USAGE);
  return problems;
}

/** A rule as JSON shows it: the model's fields, and why it is held (null when it can be opened). */
function ruleJson(rule: FirewallRule) {
  return { ...rule, hold: holdReason(rule) ?? null };
}

/** A rules request as the CLI's --json prints it: what was read, the rules, and the text in the format. */
export function rulesJson(request: RulesRequest, format: RuleFormat, rules: readonly FirewallRule[]) {
  return {
    query: request.query,
    format,
    providers: request.providers.map((provider) => ({ id: provider.id, name: provider.name })),
    delegate: request.delegate,
    cluster: request.cluster ? { name: request.cluster.cluster, host: request.cluster.host } : null,
    rules: rules.map(ruleJson),
    text: renderRules(format, rules),
  };
}
