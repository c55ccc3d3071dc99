import type { TableBlock } from '@slack/types';
import { CATEGORY_LABELS, INFERRED_PORT_LABEL, type Provider } from '../../catalog/schema.js';
import type { Checklist } from '../../engine/checklist.js';
import { inferredTail, namesText, shortPortText } from '../wording.js';
import { table } from './kit.js';

/**
 * Tables for answers that read better as rows (docs.slack.dev/reference/block-kit/blocks/table-block):
 * a reverse port lookup or a list (provider × category × ports), a checklist's ports to open
 * (port × providers). Cells are raw_text: plain, never mrkdwn. Each returns undefined when Slack's
 * limits (100 rows, 20 cells a row) do not hold; the caller then keeps its mrkdwn blocks.
 */

/**
 * "TCP 8089 · HTTPS 443 (conditional)", or what the source says when there is no fixed port; ports
 * Harness does not state are flagged as the product's usual ports.
 */
function portsText(provider: Provider): string {
  if (provider.ports.length === 0) return provider.portNote ?? 'No fixed port';
  return provider.ports.map((rule) => shortPortText(rule, provider)).join(' · ') + inferredTail(provider);
}

export function providersTable(providers: readonly Provider[]): TableBlock | undefined {
  return table(
    ['Provider', 'Category', 'Ports'],
    providers.map((p) => [p.name, CATEGORY_LABELS[p.category].one, portsText(p)]),
  );
}

export function checklistPortsTable(checklist: Checklist): TableBlock | undefined {
  if (checklist.ports.length === 0) return undefined;
  // A column for ports Harness does not state, only when the checklist has any.
  const flagged = checklist.ports.some((p) => p.inferred);
  return table(
    ['Port', 'Protocol', 'Needed by', 'Conditional', ...(flagged ? ['Stated by Harness'] : [])],
    checklist.ports.map((p) => [
      String(p.port),
      p.protocols.join('/'),
      namesText(p.providers),
      p.conditional ? 'yes' : 'no',
      ...(flagged ? [p.inferred ? `no: ${INFERRED_PORT_LABEL}` : 'yes'] : []),
    ]),
    ['right', 'left', 'left', 'left', ...(flagged ? (['left'] as const) : [])],
  );
}

/** A table as plain lines ("Splunk · Verification provider · TCP 8089"), for a message's top-level text. */
export function tableAsText(block: TableBlock): string {
  return block.rows
    .slice(1)
    .map((row) =>
      row.map((cell) => ('text' in cell && typeof cell.text === 'string' ? cell.text : '')).join(' · '),
    )
    .join('\n');
}
