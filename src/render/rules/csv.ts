import { type FirewallRule, holdReason } from '../../engine/rules.js';
import { portText, sourcesText } from './common.js';
import { csvCell, oneLine } from './quote.js';

export const CSV_HEADER = 'provider,protocol,port,direction,destination,conditional,note';

function note(rule: FirewallRule): string {
  const parts = [rule.port === null ? '' : `${portText(rule)}: ${rule.note}`];
  const hold = holdReason(rule);
  if (hold) parts.push(`HOLD, ${hold}`);
  const { destination } = rule;
  if (destination.kind === 'placeholder') parts.push('destination is a placeholder: replace it');
  else if (destination.kind === 'cidr' || !destination.fromCatalog)
    parts.push("destination from your organisation's overlay");
  parts.push(sourcesText(rule));
  return oneLine(parts.filter(Boolean).join('; '));
}

/** One row per rule with the header `provider,protocol,port,direction,destination,conditional,note`. */
export function renderCsv(rules: readonly FirewallRule[]): string {
  const rows = rules.map((rule) =>
    [
      rule.providerName,
      rule.transport ?? rule.protocol,
      rule.port === null ? '' : String(rule.port),
      rule.direction,
      rule.destination.value,
      rule.conditional ? 'yes' : 'no',
      note(rule),
    ]
      .map((cell) => csvCell(oneLine(cell)))
      .join(','),
  );
  return `${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}
