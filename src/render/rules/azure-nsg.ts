import { cidrOrPlaceholder, type FirewallRule } from '../../engine/rules.js';
import { headerLines, held, ruleComment, ruleDescription } from './common.js';
import { comment, description, requiredVar, shellQuote } from './quote.js';

/** NSG rule priorities people may use, and Azure's limit on a rule's description. */
const LOWEST_PRIORITY = 100;
const HIGHEST_PRIORITY = 4096;
const FIRST_PRIORITY = 1000;
const STEP = 10;
const MAX_DESCRIPTION = 140;

const NOTES = [
  "Set RESOURCE_GROUP and NSG_NAME to the network security group of the Delegate's subnet or NIC first.",
  'NSG rules take addresses or service tags, not host names: replace each REPLACE_WITH_ placeholder with a CIDR.',
  'An NSG allows outbound traffic to the internet and the virtual network by default (AllowInternetOutBound, AllowVnetOutBound): these rules restrict nothing until a deny rule with a higher priority number follows them.',
];

/**
 * Distinct priorities for `count` rules: from 1000 in steps of 10 (room to add rules between them), or
 * from 100 in steps of 1 when that does not fit under 4096. Undefined past what Azure allows.
 */
export function nsgPriorities(count: number): Array<number | undefined> {
  const spaced = FIRST_PRIORITY + STEP * (count - 1) <= HIGHEST_PRIORITY;
  return Array.from({ length: count }, (_, i) => {
    const priority = spaced ? FIRST_PRIORITY + STEP * i : LOWEST_PRIORITY + i;
    return priority <= HIGHEST_PRIORITY ? priority : undefined;
  });
}

function command(rule: FirewallRule, priority: number): string {
  const transport =
    rule.transport === 'UDP' ? 'Udp' : rule.transport === 'TCP' ? 'Tcp' : 'REPLACE_WITH_TCP_OR_UDP';
  return [
    'az network nsg rule create',
    `--resource-group ${requiredVar('RESOURCE_GROUP')}`,
    `--nsg-name ${requiredVar('NSG_NAME')}`,
    `--name ${rule.name}`,
    `--priority ${priority}`,
    '--direction Outbound',
    '--access Allow',
    `--protocol ${transport}`,
    `--destination-address-prefixes ${shellQuote(cidrOrPlaceholder(rule.destination))}`,
    `--destination-port-ranges ${rule.port}`,
    `--description ${shellQuote(description(ruleDescription(rule), MAX_DESCRIPTION))}`,
  ].join(' ');
}

/** `az network nsg rule create` commands, one per port and destination, with priorities that do not collide. */
export function renderAzureNsg(rules: readonly FirewallRule[]): string {
  const lines = headerLines(NOTES);
  const numbered = rules.filter((rule) => rule.port !== null);
  const priorities = nsgPriorities(numbered.length);
  for (const rule of rules) {
    lines.push('', ruleComment(rule));
    if (rule.port === null) continue;
    const priority = priorities[numbered.indexOf(rule)];
    lines.push(
      ...(priority === undefined
        ? [
            comment(
              `No priority left for ${rule.name}: an NSG takes priorities ${LOWEST_PRIORITY} to ${HIGHEST_PRIORITY}.`,
            ),
          ]
        : held(rule, [command(rule, priority)])),
    );
  }
  return `${lines.join('\n')}\n`;
}
