import { cidrOrPlaceholder, type FirewallRule } from '../../engine/rules.js';
import { headerLines, held, ruleComment, ruleDescription } from './common.js';
import { description, quotedString } from './quote.js';

/** AWS's limit on a security group rule's description. */
const MAX_DESCRIPTION = 255;

export const AWS_NOTES = [
  'Security group rules take addresses, not host names: replace each REPLACE_WITH_ placeholder with a CIDR.',
  'A security group that still has an allow-all egress rule (the default for a new group outside Terraform) is restricted by none of these.',
];

/** The address field and value of a rule's destination: IPv6 CIDRs go to the IPv6 field. */
export function awsCidr(rule: FirewallRule): { ipv6: boolean; cidr: string } {
  const cidr = cidrOrPlaceholder(rule.destination);
  return { ipv6: rule.destination.kind === 'cidr' && rule.destination.family === 6, cidr };
}

export function awsDescription(rule: FirewallRule): string {
  return description(ruleDescription(rule), MAX_DESCRIPTION);
}

function resource(rule: FirewallRule): string[] {
  const { ipv6, cidr } = awsCidr(rule);
  const attributes: Array<[string, string]> = [
    ['security_group_id', 'var.delegate_security_group_id'],
    ['description', quotedString(awsDescription(rule), true)],
    ['ip_protocol', quotedString((rule.transport ?? 'REPLACE_WITH_TCP_OR_UDP').toLowerCase(), true)],
    ['from_port', String(rule.port)],
    ['to_port', String(rule.port)],
    [ipv6 ? 'cidr_ipv6' : 'cidr_ipv4', quotedString(cidr, true)],
  ];
  const width = Math.max(...attributes.map(([key]) => key.length));
  return [
    `resource "aws_vpc_security_group_egress_rule" "${rule.name}" {`,
    ...attributes.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`),
    '}',
  ];
}

/** Terraform: one `aws_vpc_security_group_egress_rule` per port and destination. */
export function renderAwsSg(rules: readonly FirewallRule[]): string {
  const lines = [
    ...headerLines(AWS_NOTES),
    '',
    'variable "delegate_security_group_id" {',
    '  description = "The security group of the Harness Delegate\'s instances"',
    '  type        = string',
    '}',
  ];
  for (const rule of rules) {
    lines.push('', ruleComment(rule));
    if (rule.port !== null) lines.push(...held(rule, resource(rule)));
  }
  return `${lines.join('\n')}\n`;
}
