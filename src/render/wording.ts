import {
  ALLOWLIST_PAGE,
  CATEGORY_LABELS,
  EDITION_LABELS,
  type Edition,
  INFERRED_PORT_LABEL,
  type PortRule,
  type Provider,
  type Revision,
  type Source,
} from '../catalog/schema.js';
import { isTableRow, usesOnlyInferred } from '../engine/providers.js';
import { tokenize } from '../engine/text.js';
import type { Answer, Focus, Scope } from '../engine/types.js';

/** Named providers shown as full cards in one message; more become a compact list. */
export const MAX_FULL_CARDS = 3;

/**
 * True when a provider answer is a compact list, one line per provider: a set, or many names. The
 * other edition's entry of a product named (`sameAs`) is its second card, not another name.
 */
export function isCompact(result: Answer): boolean {
  if (result.matches.length <= 1) return false;
  if (result.scope !== undefined) return true;
  let named = 0;
  for (const match of result.matches) if (match.matchedBy !== 'sameAs') named++;
  return named > MAX_FULL_CARDS;
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
  if (rule.inferred) text += ` (${INFERRED_PORT_LABEL})`;
  return text;
}

/** How inferred ports are flagged, for one port or several. */
export function inferredLabel(count: number): string {
  return count === 1 ? INFERRED_PORT_LABEL : "the product's usual ports, not stated by Harness";
}

/** True when every port of the provider is inferred: one-line lists then flag them once, at the end. */
function allInferred(provider: Provider): boolean {
  return provider.ports.length > 0 && provider.ports.every((rule) => rule.inferred === true);
}

/**
 * A port in a one-line list: "TCP 8089", "HTTPS 443 (conditional)"; an inferred port says so, unless
 * all the provider's ports are inferred and the line says it once (`inferredTail`).
 */
export function shortPortText(rule: PortRule, provider: Provider): string {
  // One parenthesis for the port's flags, so that a flag never reads as the next port's.
  const flags = [
    ...(rule.conditional ? ['conditional'] : []),
    ...(rule.inferred && !allInferred(provider) ? [INFERRED_PORT_LABEL] : []),
  ];
  return flags.length ? `${portNumberText(rule)} (${flags.join('; ')})` : portNumberText(rule);
}

/** " (the product's usual ports, not stated by Harness)" after a one-line list whose ports are all inferred. */
export function inferredTail(provider: Provider): string {
  return allInferred(provider) ? ` (${inferredLabel(provider.ports.length)})` : '';
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
  const about = [
    ...(purpose ? [inSentence(purpose, provider)] : []),
    ...(rule.inferred ? [INFERRED_PORT_LABEL] : []),
  ];
  return about.length ? `${portNumberText(rule)} (${about.join(': ')})` : portNumberText(rule);
}

/** Items as "a, b and c" (or "a, b or c"), whatever the items contain. */
export function listText(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/**
 * The yes or no a topic's data gives a yes/no question about it, with the fact that says so:
 * "No: All network connections from your local network to Harness SaaS are outbound-only."
 */
export function topicAnswerLine(result: Answer): string | undefined {
  const found = result.topicAnswer;
  return found ? `${found.answer === 'yes' ? 'Yes' : 'No'}: ${found.fact.text}` : undefined;
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
  const users = focus
    .filter((one) => one.rules.some((rule) => !rule.inferred))
    .map((one) => one.provider.name);
  // Those it is only the usual port of: never counted as using it.
  const usual = focus
    .filter((one) => one.rules.length > 0 && one.rules.every((rule) => rule.inferred))
    .map((one) => one.provider.name);
  const also = usual.length ? ` For ${listText(usual)}, ${what} is only ${inferredLabel(1)}.` : '';
  const prefix = yesNo ? (users.length ? 'Yes: ' : usual.length ? 'Not stated by Harness: ' : 'No: ') : '';
  if (users.length === 0)
    return `${prefix}none of the ${focus.length} ${usual.length ? 'is stated to use' : 'uses'} ${what}.${also}`;
  if (users.length === focus.length) return `${prefix}all ${focus.length} use ${what}.${also}`;
  return `${prefix}${users.length} of the ${focus.length} ${users.length === 1 ? 'uses' : 'use'} ${what}: ${listText(users)}.${also}`;
}

function focusLine({ provider, asked, rules }: Focus, yesNo: boolean): string {
  const what = askedText(asked);
  if (rules.length > 0 && rules.every((rule) => rule.inferred)) {
    // The docs do not say: never a plain yes.
    const ports = listText(rules.map((rule) => ruleInSentence({ ...rule, inferred: false }, provider)));
    const usual = `${ports} ${rules.length === 1 ? 'is' : 'are'} the usual port${rules.length === 1 ? '' : 's'} for ${provider.name}`;
    return yesNo ? `Not stated by Harness: ${usual}.` : `${usual} (not stated by Harness).`;
  }
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
  const text = (rule: PortRule) => shortPortText(rule, provider);
  const tail = inferredTail(provider);
  const matching = provider.ports.filter((rule) => highlightPorts.includes(rule.port));
  const others = provider.ports.filter((rule) => !highlightPorts.includes(rule.port));
  if (matching.length === 0) return `${provider.name}: ${others.map(text).join(', ')}${tail}`;
  const also = others.length ? ` · also ${others.map(text).join(', ')}` : '';
  return `${provider.name}: ${matching.map(text).join(', ')}${also}${tail}`;
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
  {
    query: 'policy aws ec2',
    what: 'permission snippets to review: IAM policy, token scopes, GCP and Azure roles, Vault ACL',
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

/** "FirstGen table", "NextGen docs": the edition a provider's facts come from. */
export function editionText(provider: Provider): string {
  return EDITION_LABELS[provider.source.edition];
}

/** The pages an answer's providers come from, each once: the table's page first, then the others in order. */
export function sourcesOf(providers: readonly Provider[]): Source[] {
  const sources: Source[] = [];
  const seen = new Set<string>();
  const sorted = [...providers.filter(isTableRow), ...providers.filter((p) => !isTableRow(p))];
  for (const provider of sorted) {
    for (const source of [provider.source, ...provider.facts.map((fact) => fact.source)]) {
      if (seen.has(source.id)) continue;
      seen.add(source.id);
      sources.push(source);
    }
  }
  return sources;
}

/**
 * How a connector that offers both ways to connect is reached, in its page's words: through a
 * delegate, and through Harness Platform (then the provider must accept Harness's addresses, which
 * the allowlist page lists: never an IP here). `link` writes the allowlist page for the face.
 */
export function connectivityLines(
  provider: Provider,
  link: (page: { title: string; url: string }) => string,
): Array<{ label: string; text: string; after?: string }> {
  const modes = provider.connectivity;
  if (!modes) return [];
  const lines: Array<{ label: string; text: string; after?: string }> = [];
  if (modes.delegate) lines.push({ label: 'Through a delegate', text: modes.delegate });
  if (modes.platform) {
    lines.push({
      label: 'Through Harness Platform',
      text: modes.platform,
      after: `The provider must then accept connections from Harness's addresses: the current list is on ${link(ALLOWLIST_PAGE)}.`,
    });
  }
  return lines;
}

/** "Pages disagree: <question>": how a disagreement between pages is titled on every face. */
export function disagreementTitle(question: string): string {
  return `Pages disagree: ${question}`;
}

/** At most this many more facts on a card; the rest are counted ("and 14 more in --json and on the pages"). */
export const MAX_CARD_FACTS = 5;

/** The facts a card shows (its first few), and how many it leaves to the pages and `--json`. */
export function cardFacts(provider: Provider): { shown: Provider['facts']; more: number } {
  return {
    shown: provider.facts.slice(0, MAX_CARD_FACTS),
    more: Math.max(0, provider.facts.length - MAX_CARD_FACTS),
  };
}

/** "…and 3 more facts on its pages": what a card says of the facts it leaves out. */
export function moreFactsText(more: number): string {
  return `…and ${more} more fact${more === 1 ? '' : 's'} on its pages (all of them in --json).`;
}

/** Pages named one by one in a footer; more are counted ("and 9 more NextGen pages"). */
export const MAX_FOOTER_SOURCES = 4;

/** The pages an answer's footer names (at most MAX_FOOTER_SOURCES), and how many more it only counts. */
export function footerSources(providers: readonly Provider[]): { named: Source[]; more: number } {
  const sources = sourcesOf(providers);
  return {
    named: sources.slice(0, MAX_FOOTER_SOURCES),
    more: Math.max(0, sources.length - MAX_FOOTER_SOURCES),
  };
}

/** "and 12 more NextGen pages (open a provider for its page)" */
export function moreSourcesText(more: number): string {
  return `and ${more} more page${more === 1 ? '' : 's'} (open a provider for its page)`;
}

/**
 * An answer's footer on one line: which pages and editions its facts come from ("Source: Permissions
 * and Ports for Harness Connections (FirstGen table)"). `page` writes one page, e.g. as a link.
 */
export function sourcesFooter(
  providers: readonly Provider[],
  page: (source: Source) => string,
): string | undefined {
  const { named, more } = footerSources(providers);
  if (named.length === 0) return undefined;
  const pages = named.map((source) => `${page(source)} (${EDITION_LABELS[source.edition]})`);
  const label = named.length + more === 1 ? 'Source' : 'Sources';
  return `${label}: ${pages.join(' · ')}${more ? `, ${moreSourcesText(more)}` : ''}`;
}

/** "NextGen docs, Permissions and ports for Harness connections (NextGen)": the version a revision comes from. */
export function revisionLabel(revision: Revision): string {
  return `${EDITION_LABELS[revision.source.edition]}, ${revision.source.title}`;
}

/** The other versions' wording of one of a row's permissions. */
export function wordingRevisions(provider: Provider, permission: string): Revision[] {
  return provider.revisions.filter((r) => r.kind === 'wording' && r.held === permission);
}

/** The other versions' links for one of a row's references. */
export function linkRevisions(provider: Provider, url: string): Revision[] {
  return provider.revisions.filter((r) => r.kind === 'link' && r.held === url);
}

/**
 * The providers of a port answer, split: those a page states the port for, and those it is only the
 * product's usual port of (not stated by Harness), in the answer's order.
 */
export function splitByStated(result: Answer): { stated: Provider[]; inferred: Provider[] } {
  const stated: Provider[] = [];
  const inferred: Provider[] = [];
  for (const { provider } of result.matches) {
    const onlyInferred = result.ports.every(
      (port) => usesOnlyInferred(provider, port) || !provider.ports.some((rule) => rule.port === port),
    );
    (onlyInferred ? inferred : stated).push(provider);
  }
  return { stated, inferred };
}

/**
 * The titles of a port answer: "Port 443 is used by 18 providers:", and for the providers the port is
 * only the usual port of, "Port 443 is also the usual port, not stated by Harness, of 14 more:" (or,
 * when no page states it, "No Harness page states port 8200. It is the usual port of:").
 */
export function portTitles(
  result: Answer,
  port: (port: number) => string,
  /** False when one card follows: "Port 8089 is used by:". */
  counted = true,
  /** Writes a count ("18 providers", "14 more"), e.g. in bold. */
  strong: (count: string) => string = (count) => count,
): { stated?: string; inferred?: string } {
  const { stated, inferred } = splitByStated(result);
  const s = result.ports.length > 1 ? 's' : '';
  const asked = listText(result.ports.map(port));
  const count = (n: number) => (counted ? ` ${strong(`${n} provider${n === 1 ? '' : 's'}`)}` : '');
  const titles: { stated?: string; inferred?: string } = {};
  if (stated.length) {
    titles.stated = `${result.yesNo ? 'Yes: p' : 'P'}ort${s} ${asked} ${s ? 'are' : 'is'} used by${count(stated.length)}:`;
  }
  if (inferred.length) {
    const usual = `${s ? 'the usual ports' : "the product's usual port"} (not stated by Harness)`;
    titles.inferred = stated.length
      ? `Port${s} ${asked} ${s ? 'are' : 'is'} also ${usual} for ${strong(`${inferred.length} more`)}:`
      : `No Harness page states port${s} ${listText(result.ports.map(port), 'or')}. ${s ? 'They are' : 'It is'} ${usual} for${count(inferred.length)}:`;
  }
  return titles;
}

/** How a list names the providers of each edition, as a heading and after a count. */
export const EDITION_GROUPS: Record<Edition, string> = {
  'firstgen-table': 'FirstGen table',
  'nextgen-docs': 'NextGen connectors',
  'delegate-docs': 'Delegate docs',
  organisation: "Your organisation's own",
};

/** "rows of the FirstGen table", "NextGen connectors", "of your organisation's own" after a count. */
export function editionCount(edition: Edition, count: number): string {
  const s = count === 1 ? '' : 's';
  if (edition === 'firstgen-table') return `row${s} of the FirstGen table`;
  if (edition === 'nextgen-docs') return `NextGen connector${s}`;
  if (edition === 'organisation') return `provider${s} of your organisation's own`;
  return `provider${s} from the Delegate docs`;
}

/** Providers grouped by edition, in the order FirstGen table, NextGen docs, your organisation's. */
export function byEdition(providers: readonly Provider[]): Array<[Edition, Provider[]]> {
  const groups = new Map<Edition, Provider[]>();
  for (const edition of Object.keys(EDITION_GROUPS) as Edition[]) groups.set(edition, []);
  for (const provider of providers) groups.get(provider.source.edition)?.push(provider);
  return [...groups].filter(([, members]) => members.length > 0);
}
