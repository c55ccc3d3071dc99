import type { FirewallRule } from '../../engine/rules.js';
import { AWS_NOTES, awsCidr, awsDescription } from './aws-sg.js';
import { headerLines, held, ruleComment } from './common.js';
import { requiredVar, shellQuote } from './quote.js';

const NOTES = ["Set DELEGATE_SG_ID to the security group of the Delegate's instances first.", ...AWS_NOTES];

function command(rule: FirewallRule): string {
  const { ipv6, cidr } = awsCidr(rule);
  const permission = {
    IpProtocol: (rule.transport ?? 'REPLACE_WITH_TCP_OR_UDP').toLowerCase(),
    FromPort: rule.port,
    ToPort: rule.port,
    ...(ipv6
      ? { Ipv6Ranges: [{ CidrIpv6: cidr, Description: awsDescription(rule) }] }
      : { IpRanges: [{ CidrIp: cidr, Description: awsDescription(rule) }] }),
  };
  return (
    `aws ec2 authorize-security-group-egress --group-id ${requiredVar('DELEGATE_SG_ID')}` +
    ` --ip-permissions ${shellQuote(JSON.stringify([permission]))}`
  );
}

/** `aws ec2 authorize-security-group-egress` commands, one per port and destination. */
export function renderAwsCli(rules: readonly FirewallRule[]): string {
  const lines = headerLines(NOTES);
  for (const rule of rules) {
    lines.push('', ruleComment(rule));
    if (rule.port !== null) lines.push(...held(rule, [command(rule)]));
  }
  return `${lines.join('\n')}\n`;
}
