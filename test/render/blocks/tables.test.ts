import type { KnownBlock, TableBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { answer } from '../../../src/engine/answer.js';
import { buildChecklist } from '../../../src/engine/checklist.js';
import { renderAnswerMessage } from '../../../src/render/blocks/answer.js';
import { renderChecklistSummary } from '../../../src/render/blocks/checklist.js';
import { table } from '../../../src/render/blocks/kit.js';
import { slackLimitViolations } from '../../helpers/block-limits.js';
import { providerById, realCatalog } from '../../helpers/catalog.js';

const catalog = realCatalog();
const options = { surface: 'public', command: '/harness-ports', tables: true } as const;
const tablesIn = (blocks: KnownBlock[]) => blocks.filter((b): b is TableBlock => b.type === 'table');
const cells = (block: TableBlock | undefined) =>
  (block?.rows ?? []).map((row) => row.map((cell) => ('text' in cell ? String(cell.text) : '')));

describe('table blocks', () => {
  it('take a header and up to 99 rows of at most 20 cells, and nothing larger', () => {
    const row = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect(
      table(
        row(20),
        Array.from({ length: 99 }, () => row(20)),
      )?.rows,
    ).toHaveLength(100);
    expect(
      table(
        row(3),
        Array.from({ length: 100 }, () => row(3)),
      ),
    ).toBeUndefined();
    expect(table(row(21), [row(21)])).toBeUndefined();
    expect(table(row(3), [row(2)])).toBeUndefined();
    expect(table(['a', 'b'], [['', 'x']])?.rows[1]).toEqual([
      { type: 'raw_text', text: '–' },
      { type: 'raw_text', text: 'x' },
    ]);
  });

  it('show the whole catalog list as one table (the 29 rows, then the NextGen connectors), with the rows in the top-level text', () => {
    const message = renderAnswerMessage(answer('list', catalog), options);
    const [only] = tablesIn(message.blocks);
    const every = catalog.providers.length + catalog.connectors.length;
    expect(cells(only)).toHaveLength(every + 1);
    expect(message.text.split('\n')).toHaveLength(every + 1);
    expect(message.text).toContain('Splunk · Verification provider · TCP 8089');
    expect(message.text).toContain(
      "HashiCorp Vault · Secret manager · HTTPS 8200 (the product's usual port, not stated by Harness)",
    );
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('are left out unless asked for (Home tab, modals, the CLI)', () => {
    expect(
      tablesIn(renderAnswerMessage(answer('443', catalog), { ...options, tables: false }).blocks),
    ).toEqual([]);
  });

  it("show a checklist's ports to open, port by port, with conditional ones marked", () => {
    const checklist = buildChecklist([providerById('splunk'), providerById('aws-cloud')]);
    const summary = renderChecklistSummary(checklist, { command: '/harness-ports', tables: true });
    const [only] = tablesIn(summary.blocks);
    expect(cells(only)).toEqual([
      ['Port', 'Protocol', 'Needed by', 'Conditional'],
      ...checklist.ports.map((p) => [
        String(p.port),
        p.protocols.join('/'),
        p.providers.map((x) => x.name).join(' and '),
        p.conditional ? 'yes' : 'no',
      ]),
    ]);
    expect(cells(only).some((row) => row[3] === 'yes')).toBe(true);
    expect(slackLimitViolations(summary)).toEqual([]);
  });
});
