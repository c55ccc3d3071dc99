import { CATEGORY_LABELS, type PortRule, type Provider } from '../catalog/schema.js';
import { tokenize } from '../engine/text.js';
import type { Answer, Focus, Scope } from '../engine/types.js';

/** Named providers shown as full cards in one message; more become a compact list. */
export const MAX_FULL_CARDS = 3;

/** True when a provider answer is a compact list, one line per provider: a set, or many names. */
export function isCompact(result: Answer): boolean {
  return result.matches.length > 1 && (result.scope !== undefined || result.matches.length > MAX_FULL_CARDS);
}

/** "TCP 8089" */
export function portNumberText(rule: PortRule): string {
  return `${rule.protocol} ${rule.port}`;
}

/** Words that say nothing about a port beside its protocol and number ("TCP port 9090"). */
const PORT_WORDS = new Set(['port', 'tcp', 'udp']);

/**
 * What a port is for, from its label, without what the protocol and number already say: "HTTPS"
 * beside HTTPS 443 and "TCP port 9090" beside TCP 9090 say nothing (undefined), and "Secure LDAP
 * (LDAPS)" beside LDAPS 636 is "Secure LDAP". The catalog's label itself is unchanged.
 */
export function portPurpose(rule: PortRule): string | undefined {
  const said = new Set([rule.protocol.toLowerCase(), String(rule.port), ...PORT_WORDS]);
  const saysNothing = (text: string) => tokenize(text).every((word) => said.has(word));
  if (saysNothing(rule.label)) return undefined;
  const purpose = rule.label
    .replace(/\s*\(([^)]*)\)/g, (whole, inside: string) => (saysNothing(inside) ? '' : whole))
    .trim();
  return purpose || undefined;
}

/** "TCP 8089: Splunk REST API (conditional: …) [source: "HTTP: 443"]" */
export function portLineText(rule: PortRule): string {
  const purpose = portPurpose(rule);
  let text = purpose ? `${portNumberText(rule)}: ${purpose}` : portNumberText(rule);
  if (rule.conditional) text += ` (conditional: ${rule.condition ?? 'see the provider docs'})`;
  if (rule.sourceLabel) text += ` [source says "${rule.sourceLabel}"]`;
  return text;
}

/**
 * A label as it reads inside a sentence: "Secure LDAP" becomes "secure LDAP", "Well-known port"
 * "well-known port". Names stay as they are: a first word the provider is called by ("Splunk REST
 * API"), or one followed by another capitalised word ("Data Access API").
 */
function inSentence(label: string, provider: Provider): string {
  const [first = '', second = ''] = label.split(/\s+/);
  const names = new Set([provider.name, ...provider.aliases].flatMap((term) => tokenize(term)));
  const isCapitalised = (word: string) =>
    /^[A-Z][a-z]/.test(word) && word.slice(1) === word.slice(1).toLowerCase();
  if (!isCapitalised(first) || isCapitalised(second) || names.has(tokenize(first)[0] ?? '')) return label;
  return first[0]!.toLowerCase() + label.slice(1);
}

/** "LDAPS 636 (secure LDAP)": a port rule inside a sentence. */
function ruleInSentence(rule: PortRule, provider: Provider): string {
  const purpose = portPurpose(rule);
  return purpose ? `${portNumberText(rule)} (${inSentence(purpose, provider)})` : portNumberText(rule);
}

/** Items as "a, b and c" (or "a, b or c"), whatever the items contain. */
export function listText(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/**
 * The lines that answer what a question focused on, before the cards: "Yes: Active Directory LDAP
 * uses LDAPS 636 (secure LDAP)." for a yes/no question, "WinRM uses HTTPS 5986 (WinRM over HTTPS)
 * and HTTPS 443." for "winrm over https".
 */
export function focusLines(result: Answer): string[] {
  const focus = result.focus ?? [];
  const yesNo = result.yesNo === true;
  // Not asked yes or no, a provider that does not use what was asked has nothing to point to.
  const pointed = yesNo ? focus : focus.filter((one) => one.rules.length > 0);
  if (!isCompact(result)) return pointed.map((one) => focusLine(one, yesNo));
  // Many providers: one line per thing asked, the list below shows each provider's ports.
  const lines: string[] = [];
  for (const { asked } of focus.filter((one) => one.provider === focus[0]!.provider)) {
    const same = focus.filter((one) => sameAsked(one.asked, asked));
    lines.push(focusSummary(same, yesNo));
  }
  return lines;
}

const askedText = (asked: Focus['asked']) => ('port' in asked ? `port ${asked.port}` : asked.protocol);

const sameAsked = (a: Focus['asked'], b: Focus['asked']) => askedText(a) === askedText(b);

/** "Yes: 3 of the 5 use port 443: A, B and C." for many providers at once. */
function focusSummary(focus: readonly Focus[], yesNo: boolean): string {
  const what = askedText(focus[0]!.asked);
  const users = focus.filter((one) => one.rules.length > 0).map((one) => one.provider.name);
  const prefix = yesNo ? (users.length ? 'Yes: ' : 'No: ') : '';
  if (users.length === 0) return `${prefix}none of the ${focus.length} uses ${what}.`;
  if (users.length === focus.length) return `${prefix}all ${focus.length} use ${what}.`;
  return `${prefix}${users.length} of the ${focus.length} ${users.length === 1 ? 'uses' : 'use'} ${what}: ${listText(users)}.`;
}

function focusLine({ provider, asked, rules }: Focus, yesNo: boolean): string {
  const what = askedText(asked);
  if (rules.length > 0) {
    const uses = `${provider.name} uses ${listText(rules.map((rule) => ruleInSentence(rule, provider)))}.`;
    return yesNo ? `Yes: ${uses}` : uses;
  }
  const instead = provider.ports.length
    ? ` It uses ${listText(provider.ports.map((rule) => ruleInSentence(rule, provider)))}.`
    : provider.portNote
      ? ` ${provider.portNote}`
      : '';
  return `${yesNo ? 'No: ' : ''}${provider.name} does not use ${what}.${instead}`;
}

/** One line for a provider in a long answer: "AWS EC2: HTTPS 443 · also HTTP 80, TCP 9090". */
export function compactLineText(provider: Provider, highlightPorts: readonly number[] = []): string {
  if (provider.ports.length === 0) return `${provider.name}: ${provider.portNote ?? 'no fixed port'}`;
  const text = (rule: PortRule) => `${portNumberText(rule)}${rule.conditional ? ' (conditional)' : ''}`;
  const matching = provider.ports.filter((rule) => highlightPorts.includes(rule.port));
  const others = provider.ports.filter((rule) => !highlightPorts.includes(rule.port));
  if (matching.length === 0) return `${provider.name}: ${others.map(text).join(', ')}`;
  const also = others.length ? ` · also ${others.map(text).join(', ')}` : '';
  return `${provider.name}: ${matching.map(text).join(', ')}${also}`;
}

/** The no-match sentence: it names the words not recognised, or else the numbers that are not ports. */
export function noMatchText(result: Answer, code: (text: string) => string): string {
  if (result.unmatched.length) return `No provider matches ${listText(result.unmatched.map(code), 'or')}.`;
  if (result.invalidPorts.length) {
    const numbers = result.invalidPorts.map(code);
    return `${listText(numbers)} ${numbers.length === 1 ? 'is not a valid port' : 'are not valid ports'} (1–65535).`;
  }
  return `No provider matches ${code(result.query)}.`;
}

/** The one-line reply to small talk, with one example to try. */
export function smallTalkText(result: Answer, example: string): string {
  return result.thanks
    ? `You're welcome! Ask me again any time, e.g. ${example}.`
    : `Hi! Ask me which ports and permissions the Harness Delegate needs, e.g. ${example}.`;
}

export function categoryText(provider: Provider): string {
  return CATEGORY_LABELS[provider.category].one;
}

/** Providers as "Splunk, Jenkins and Nexus" (or "Splunk, Jenkins or Nexus"). */
export function namesText(providers: readonly Provider[], conjunction: 'and' | 'or' = 'and'): string {
  return listText(
    providers.map((p) => p.name),
    conjunction,
  );
}

export const HELP_EXAMPLES: ReadonlyArray<{ query: string; what: string }> = [
  { query: 'splunk', what: 'permissions, ports and docs for one provider (names, aliases and typos work)' },
  { query: '8089', what: 'which providers use a port' },
  { query: 'what ports does the delegate need for splunk and jenkins?', what: 'a question in plain English' },
  { query: 'aws', what: 'a whole group; or a category such as "verification providers"' },
  {
    query: 'prod3',
    what: "the Delegate's own network: Harness host per cluster, proxy and NO_PROXY, allowlist, inbound",
  },
  { query: 'checklist splunk jenkins nexus', what: 'a shared checklist the team ticks off' },
  {
    query: 'rules splunk jenkins as terraform',
    what: 'firewall rules to review (k8s, aws-sg, aws-cli, azure-nsg, gcp, iptables, csv)',
  },
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

/** The ports an answer points to: those asked about, and those of the protocols asked about. */
export function highlightedPorts(result: Answer): number[] {
  const ports = new Set(result.ports);
  for (const focus of result.focus ?? []) for (const rule of focus.rules) ports.add(rule.port);
  return [...ports];
}

/** A scope as a title: "AWS", "Microsoft", "Verification providers". */
export function scopeName(scope: Scope): string {
  switch (scope.kind) {
    case 'group':
      return scope.group.toUpperCase();
    case 'maker':
      return scope.maker;
    case 'category':
      return CATEGORY_LABELS[scope.category].many;
    case 'all':
      return 'All providers';
  }
}
