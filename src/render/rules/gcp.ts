import { cidrOrPlaceholder, type FirewallRule } from '../../engine/rules.js';
import { headerLines, held, ruleComment, ruleDescription } from './common.js';
import { description, requiredVar, shellQuote } from './quote.js';

const MAX_DESCRIPTION = 2048;

const NOTES = [
  "Set NETWORK to the VPC network and DELEGATE_TAG to the network tag of the Delegate's VMs or nodes first.",
  'VPC firewall rules take addresses, not host names: replace each REPLACE_WITH_ placeholder with a CIDR.',
  'A VPC allows all egress by default (the implied allow egress rule): these rules restrict nothing until a deny egress rule with a larger priority number exists.',
];

function command(rule: FirewallRule): string {
  const transport = rule.transport?.toLowerCase() ?? 'REPLACE_WITH_TCP_OR_UDP';
  return [
    `gcloud compute firewall-rules create ${rule.name}`,
    `--network=${requiredVar('NETWORK')}`,
    '--direction=EGRESS',
    '--action=ALLOW',
    `--rules=${transport}:${rule.port}`,
    `--destination-ranges=${shellQuote(cidrOrPlaceholder(rule.destination))}`,
    `--target-tags=${requiredVar('DELEGATE_TAG')}`,
    `--description=${shellQuote(description(ruleDescription(rule), MAX_DESCRIPTION))}`,
  ].join(' ');
}

/** `gcloud compute firewall-rules create … --direction=EGRESS`, one per port and destination. */
export function renderGcp(rules: readonly FirewallRule[]): string {
  const lines = headerLines(NOTES);
  for (const rule of rules) {
    lines.push('', ruleComment(rule));
    if (rule.port !== null) lines.push(...held(rule, [command(rule)]));
  }
  return `${lines.join('\n')}\n`;
}
