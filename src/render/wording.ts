import { CATEGORY_LABELS, type PortRule, type Provider } from '../catalog/schema.js';

/** "TCP 8089" */
export function portNumberText(rule: PortRule): string {
  return `${rule.protocol} ${rule.port}`;
}

/** "TCP 8089: Splunk REST API (conditional: …) [source: "HTTP: 443"]" */
export function portLineText(rule: PortRule): string {
  let text = `${portNumberText(rule)}: ${rule.label}`;
  if (rule.conditional) text += ` (conditional: ${rule.condition ?? 'see the provider docs'})`;
  if (rule.sourceLabel) text += ` [source says "${rule.sourceLabel}"]`;
  return text;
}

export function categoryText(provider: Provider): string {
  return CATEGORY_LABELS[provider.category].one;
}

/** Providers as "Splunk, Jenkins and Nexus". */
export function namesText(providers: readonly Provider[]): string {
  const names = providers.map((p) => p.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export const HELP_EXAMPLES: ReadonlyArray<{ query: string; what: string }> = [
  { query: 'splunk', what: 'permissions, ports and docs for one provider (names, aliases and typos work)' },
  { query: '8089', what: 'which providers use a port' },
  { query: 'what ports does the delegate need for splunk and jenkins?', what: 'a question in plain English' },
  { query: 'aws', what: 'a whole group; or a category such as "verification providers"' },
  { query: 'checklist splunk jenkins nexus', what: 'a shared checklist the team ticks off' },
  { query: 'list', what: 'every provider in the catalog' },
];

export const ABOUT_TEXT =
  'Which permissions and firewall ports the Harness Delegate needs to reach artifact servers, ' +
  'cloud providers, verification providers and security providers. The Delegate itself only connects ' +
  'out to the Harness Manager over HTTPS 443; these are the extra connections it makes to your providers.';

/** Suggested prompts pinned at the top of the bot's Messages tab (the agent messaging experience). */
export const SUGGESTED_PROMPTS = {
  title: 'Ask about Delegate ports and permissions',
  prompts: [
    {
      title: 'What does the Delegate need to reach Harness?',
      message: 'What does the Delegate need to reach Harness?',
    },
    { title: 'Ports for Splunk', message: 'Ports for Splunk' },
    { title: 'Checklist for AWS', message: 'Checklist for AWS' },
  ],
} as const;

/** The "Look up ports" shortcut on a message that names nothing the catalog knows. */
export const NOTHING_MENTIONED =
  'That message names no provider, port or topic I know. Try `/harness-ports list` for every provider.';
