import {
  cidrOrPlaceholder,
  type FirewallRule,
  HARNESS_RULE_PROVIDER,
  holdReason,
} from '../../engine/rules.js';
import { HEADER, ruleComment } from './common.js';
import { comment, quotedString } from './quote.js';

/** The label the Delegate's pods carry (`harness.io/name: <delegate name>` in Harness's Delegate YAML). */
export const DELEGATE_POD_LABEL = 'harness.io/name';
export const DELEGATE_NAME_PLACEHOLDER = 'REPLACE_WITH_DELEGATE_NAME';

const NOTES = [
  'Kubernetes NetworkPolicy cannot match host names: every destination is an ipBlock CIDR; replace each REPLACE_WITH_ placeholder with the CIDR the Delegate reaches.',
  `Apply it in the Delegate's namespace (kubectl apply -n <namespace>); the pod selector picks the Delegate's pods by their ${DELEGATE_POD_LABEL} label.`,
];

const DNS_EGRESS = [
  '    # DNS to kube-dns on 53 UDP and TCP, so the policy does not break name resolution.',
  '    - to:',
  '        - namespaceSelector:',
  '            matchLabels:',
  '              kubernetes.io/metadata.name: kube-system',
  '          podSelector:',
  '            matchLabels:',
  '              k8s-app: kube-dns',
  '      ports:',
  '        - protocol: UDP',
  '          port: 53',
  '        - protocol: TCP',
  '          port: 53',
];

/** Rules that go to one destination for one provider: one NetworkPolicy egress rule. */
interface EgressEntry {
  cidr: string;
  rules: FirewallRule[];
}

function entries(rules: readonly FirewallRule[]): EgressEntry[] {
  const byKey = new Map<string, EgressEntry>();
  for (const rule of rules) {
    if (rule.port === null) continue;
    const cidr = cidrOrPlaceholder(rule.destination);
    const key = `${rule.providerId}\u0000${cidr}`;
    const entry = byKey.get(key) ?? { cidr, rules: [] };
    entry.rules.push(rule);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

function portLines(rule: FirewallRule): string[] {
  return [`- protocol: ${rule.transport ?? 'REPLACE_WITH_TCP_OR_UDP'}`, `  port: ${rule.port}`];
}

/**
 * One egress rule per destination. Ports on hold are commented out; when every port of a destination
 * is on hold the whole rule is, since a rule without ports would allow every port.
 */
function entryLines(entry: EgressEntry): string[] {
  const open = entry.rules.some((rule) => !holdReason(rule));
  const head = ['- to:', '    - ipBlock:', `        cidr: ${quotedString(entry.cidr)}`, '  ports:'];
  if (!open) {
    return [
      ...entry.rules.map((rule) => `    ${ruleComment(rule)}`),
      ...[...head, ...entry.rules.flatMap((rule) => portLines(rule).map((line) => `    ${line}`))].map(
        (line) => `    # ${line}`,
      ),
    ];
  }
  const lines = head.map((line) => `    ${line}`);
  for (const rule of entry.rules) {
    lines.push(`        ${ruleComment(rule)}`);
    const mark = holdReason(rule) ? '# ' : '';
    lines.push(...portLines(rule).map((line) => `        ${mark}${line}`));
  }
  return lines;
}

/** Said when the policy lacks the rule to Harness: applied alone, it would cut the Delegate off. */
export const NO_HARNESS_NOTE =
  "This policy has no rule for the Delegate's own egress to Harness (HTTPS 443 to your cluster's host): the Delegate's pods would lose their connection. Ask for the rules with the Delegate (\"rules delegate prod1 …\", or --cluster) or add that rule.";

/** A `networking.k8s.io/v1` NetworkPolicy for the Delegate's pods: egress only, DNS first. */
export function renderK8s(rules: readonly FirewallRule[]): string {
  const toHarness = rules.some((rule) => rule.providerId === HARNESS_RULE_PROVIDER);
  const lines = [
    ...[...HEADER, ...NOTES, ...(toHarness ? [] : [NO_HARNESS_NOTE])].map(comment),
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: harness-delegate-egress',
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    `      ${DELEGATE_POD_LABEL}: ${DELEGATE_NAME_PLACEHOLDER}`,
    '  policyTypes:',
    '    - Egress',
    '  egress:',
    ...DNS_EGRESS,
  ];
  for (const entry of entries(rules)) lines.push(...entryLines(entry));
  for (const rule of rules) if (rule.port === null) lines.push(`    ${ruleComment(rule)}`);
  return `${lines.join('\n')}\n`;
}
