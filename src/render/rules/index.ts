import type { FirewallRule, RuleFormat } from '../../engine/rules.js';
import { renderAwsCli } from './aws-cli.js';
import { renderAwsSg } from './aws-sg.js';
import { renderAzureNsg } from './azure-nsg.js';
import { renderCsv } from './csv.js';
import { renderGcp } from './gcp.js';
import { renderIptables } from './iptables.js';
import { renderK8s } from './k8s.js';

export { isRuleFormat, RULE_FORMAT_IDS, type RuleFormat } from '../../engine/rules.js';

/** The formats rules are written in, with what each is for people. */
export const RULE_FORMATS: Record<RuleFormat, string> = {
  k8s: 'Kubernetes NetworkPolicy (YAML)',
  'aws-sg': 'AWS security group rules (Terraform)',
  'aws-cli': 'AWS security group rules (AWS CLI)',
  'azure-nsg': 'Azure NSG rules (az CLI)',
  gcp: 'GCP firewall rules (gcloud)',
  iptables: 'iptables',
  csv: 'CSV (a ticket or a spreadsheet)',
};

const RENDERERS: Record<RuleFormat, (rules: readonly FirewallRule[]) => string> = {
  k8s: renderK8s,
  'aws-sg': renderAwsSg,
  'aws-cli': renderAwsCli,
  'azure-nsg': renderAzureNsg,
  gcp: renderGcp,
  iptables: renderIptables,
  csv: renderCsv,
};

/** Rules in one format, as text ready to save or paste. */
export function renderRules(format: RuleFormat, rules: readonly FirewallRule[]): string {
  return RENDERERS[format](rules);
}
