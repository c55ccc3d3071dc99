import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ViewStateValue } from '@slack/bolt';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderChecklistSummary } from '../../src/render/blocks/checklist.js';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { exampleOverlayText } from '../helpers/catalog.js';
import { blockActionsBody, buttonClick, postSigned, viewSubmissionBody } from '../helpers/slack.js';
import { blocksText, useTestApp } from './support.js';

/** Firewall rules in Slack with your organisation's overlay: its destinations in the rules, labelled. */

const scratch = mkdtempSync(join(tmpdir(), 'harness-ports-rules-overlay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const overlayPath = join(scratch, 'overlay.yml');
// The overlay deploy/overlay.example.yaml ships: hosts for Splunk and Jenkins, a provider of its own.
writeFileSync(overlayPath, exampleOverlayText());
const catalog = loadCatalog(undefined, undefined, overlayPath);
const t = useTestApp(catalog);
const RESPONSE_PATH = '/actions/T0001/2/def';

async function send(body: string) {
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

function codeOf(blocks: unknown): string {
  return (blocks as Array<{ type: string; text?: { text: string } }>)
    .flatMap((b) =>
      b.type === 'section' && b.text?.text.startsWith('```\n') ? [b.text.text.slice(4, -4)] : [],
    )
    .join('\n')
    .replace(/&quot;/g, '"');
}

describe('"Firewall rules" with an overlay', () => {
  it("goes to your organisation's destinations: CIDRs as given, a host name as a named placeholder", async () => {
    const summary = renderChecklistSummary(
      buildChecklist(
        ['splunk', 'jenkins', 'acme-artifacts'].map((id) => catalog.providers.find((p) => p.id === id)!),
      ),
      { command: '/harness-ports' },
    );
    // As Slack sends the message back in the click: plain JSON, every block with an id.
    const stored: Array<Record<string, unknown>> = JSON.parse(JSON.stringify(summary.blocks));
    const blocks: Array<Record<string, unknown>> = stored.map((b, i) => ({ block_id: `Slk${i}`, ...b }));
    const actionsBlock = blocks.find((b) => b.type === 'actions')!;
    const button = (actionsBlock.elements as unknown[])[0];
    t.slack.api('views.open');
    const message = { type: 'message' as const, ts: '1732560000.000900', text: summary.text, blocks };
    await send(blockActionsBody(buttonClick(button, actionsBlock.block_id), { message, userId: 'U0ALICE' }));
    const view = t.slack.calls[0]!.args.view as { private_metadata: string };
    expect(JSON.parse(view.private_metadata).p).toBe('splunk jenkins acme-artifacts');

    t.slack.responseUrl(RESPONSE_PATH);
    const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
    const values: Record<string, Record<string, ViewStateValue>> = {
      hp_in_rules_format: { hp_rules_format: { type: 'static_select', selected_option: option('k8s') } },
      hp_in_rules_delegate: { hp_rules_delegate: { type: 'checkboxes', selected_options: [] } },
      hp_in_rules_cluster: { hp_rules_cluster: { type: 'static_select', selected_option: null } },
    };
    await send(viewSubmissionBody('hp_rules_modal', values, view.private_metadata));
    const [post] = t.slack.responses.map((r) => r.body);
    expect(slackLimitViolations(post!)).toEqual([]);
    expect(blocksText(post!.blocks)).toContain('*Firewall rules: Splunk, Jenkins and ACME Artifact Store*');
    const code = codeOf(post!.blocks);
    expect(code).toContain('cidr: "10.20.0.0/16"');
    expect(code).toContain('cidr: "REPLACE_WITH_CIDR_OF_SPLUNK_CORP_EXAMPLE_COM"');
    expect(code).toContain('cidr: "10.30.1.5/32"');
    expect(code).toContain('cidr: "REPLACE_WITH_CIDR_OF_ARTIFACTS_CORP_EXAMPLE_COM"');
    expect(code).toMatch(/port: 8443/);
    expect(code).toContain("(your organisation's overlay)");
    expect(code).not.toContain('REPLACE_WITH_SPLUNK_CIDR');
  });
});
