import type { FirewallRule } from '../../engine/rules.js';
import { headerLines, held, ruleComment } from './common.js';
import { shellQuote } from './quote.js';

const NOTES = [
  "Run as root on the Delegate's host. -A appends: the lines must come before any DROP or REJECT rule in OUTPUT.",
  'A host name is resolved once, when its rule is added; replace each REPLACE_WITH_ placeholder with an address or CIDR.',
];

function command(rule: FirewallRule): string {
  const ipv6 = rule.destination.kind === 'cidr' && rule.destination.family === 6;
  const transport = rule.transport?.toLowerCase() ?? 'REPLACE_WITH_TCP_OR_UDP';
  return [
    ipv6 ? 'ip6tables' : 'iptables',
    '-A OUTPUT',
    `-p ${transport}`,
    `-d ${shellQuote(rule.destination.value)}`,
    `--dport ${rule.port}`,
    `-m comment --comment ${shellQuote(rule.name)}`,
    '-j ACCEPT',
  ].join(' ');
}

/** `iptables -A OUTPUT` lines (ip6tables for IPv6 destinations), one per port and destination. */
export function renderIptables(rules: readonly FirewallRule[]): string {
  const lines = headerLines(NOTES);
  for (const rule of rules) {
    lines.push('', ruleComment(rule));
    if (rule.port !== null) lines.push(...held(rule, [command(rule)]));
  }
  return `${lines.join('\n')}\n`;
}
