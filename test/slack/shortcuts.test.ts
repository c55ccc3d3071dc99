import { describe, expect, it } from 'vitest';
import { slackLimitViolations, viewLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import { globalShortcutBody, messageShortcutBody, postSigned } from '../helpers/slack.js';
import { blocksText, buttonsOf, expectBotToken, tableRows, useTestApp } from './support.js';

const t = useTestApp(realCatalog());
const RESPONSE_PATH = '/actions/T0001/3/ghi';

async function send(body: string) {
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

describe('the global shortcut "Harness ports checklist"', () => {
  it('opens the checklist builder: providers typeahead, a channel picker (no channel comes with it), a note', async () => {
    t.slack.api('views.open');
    await send(globalShortcutBody('hp_checklist_shortcut'));
    expectBotToken(t.slack.calls);
    const [open] = t.slack.calls;
    expect(open!.method).toBe('views.open');
    expect(open!.args.trigger_id).toBe('13345224609.738474920.8088930838d88f008e0');
    const view = open!.args.view as { blocks: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(viewLimitViolations(view)).toEqual([]);
    expect(
      view.blocks
        .filter((b) => b.type === 'input')
        .map((b) => [b.block_id, (b.element as { type: string }).type, b.optional ?? false]),
    ).toEqual([
      ['hp_in_providers', 'multi_external_select', false],
      ['hp_in_channel', 'conversations_select', false],
      ['hp_in_note', 'plain_text_input', true],
    ]);
  });
});

describe('the message shortcut "Look up ports"', () => {
  it('answers privately with what the message mentions, without calling its other words typos', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    await send(
      messageShortcutBody('hp_lookup_shortcut', {
        text: 'Firewall change: the delegate talks to <https://splunk.acme.io|Splunk> and Jenkins; also 8089 &amp; nexus',
      }),
    );
    expect(t.slack.calls).toEqual([]);
    const [reply] = t.slack.responses;
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(reply!.body.replace_original).toBe(false);
    expect(slackLimitViolations(reply!.body)).toEqual([]);
    expect(reply!.body.text).toBe(
      'Delegate permissions and ports: Splunk, Splunk connector, Jenkins, Jenkins connector, Nexus and Nexus 3 connector',
    );
    const text = blocksText(reply!.body.blocks);
    expect(text).not.toContain('Not recognised');
    // One card each: Splunk, Jenkins, Nexus, each with its NextGen connector.
    expect(buttonsOf(reply!.body.blocks).map((b) => b.text)).toEqual([
      'Firewall rules',
      'Firewall rules',
      'Firewall rules',
      'Firewall rules',
      'Firewall rules',
      'Firewall rules',
      'Share in channel',
    ]);
    expect((reply!.body.blocks as Array<{ type: string }>).at(-1)!.type).toBe('context_actions');
  });

  it('answers in the thread of a message that is in one', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    await send(
      messageShortcutBody('hp_lookup_shortcut', {
        text: 'what about port 5985?',
        ts: '1732560000.000777',
        thread_ts: '1732560000.000700',
      }),
    );
    const [reply] = t.slack.responses;
    expect(String(reply!.body.text).split('\n')[0]).toBe(
      'Port 5985: Azure, WinRM and WinRM credential (secret)',
    );
    expect(tableRows(reply!.body.blocks).map((row) => row[0])).toEqual([
      'Provider',
      'Azure',
      'WinRM',
      'WinRM credential (secret)',
    ]);
    const share = buttonsOf(reply!.body.blocks).find((b) => b.action_id === 'hp_share')!;
    expect(JSON.parse(share.value!)).toEqual({ q: 'what about port 5985?', t: '1732560000.000700' });
  });

  it("answers a message about the Delegate's own network with its topics", async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    await send(
      messageShortcutBody('hp_lookup_shortcut', {
        text: 'our delegate is on prod3 and sits behind the corporate proxy, does NO_PROXY take a CIDR?',
      }),
    );
    const [reply] = t.slack.responses;
    expect(reply!.body.text).toBe(
      'Delegate network: Harness host per SaaS cluster, Delegate behind a proxy and Allowlisting Harness (domains and IP addresses)',
    );
    const text = blocksText(reply!.body.blocks);
    expect(text).toContain('• *Prod3: `app3.harness.io`* _[1]_');
    expect(text).toContain('*`NO_PROXY`: Hosts that bypass the proxy. No subnet masks or CIDR');
    expect(slackLimitViolations(reply!.body)).toEqual([]);
  });

  it('says so when the message names nothing the catalog knows', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    await send(messageShortcutBody('hp_lookup_shortcut', { text: 'lunch at noon?' }));
    expect(t.slack.responses.map((r) => r.body.text)).toEqual([
      'That message names no provider, port or topic I know. Try `/harness-ports list` for every provider.',
    ]);
  });
});
