import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderChecklistItemMessages } from '../../src/render/blocks/checklist.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { AWS_IDS, providerById, realCatalog } from '../helpers/catalog.js';
import { postSigned, slashCommandBody } from '../helpers/slack.js';
import {
  blocksText,
  buttonsOf,
  expectBotToken,
  selectValues,
  slashAck,
  tableRows,
  useTestApp,
} from './support.js';

const catalog = realCatalog();
const t = useTestApp(catalog);

interface EphemeralAnswer {
  response_type: string;
  text: string;
  blocks: unknown[];
}

/** Runs the slash command and returns the answer Slack would show, from the HTTP response itself. */
async function command(text: string, overrides: Record<string, string> = {}): Promise<EphemeralAnswer> {
  const body = (await slashAck(t, text, overrides)) as unknown as EphemeralAnswer;
  expect(t.slack.calls).toEqual([]);
  expect(t.slack.responses).toEqual([]);
  expect(slackLimitViolations(body)).toEqual([]);
  return body;
}

describe('/harness-ports answered privately in the acknowledgement', () => {
  it('answers "splunk" with the Splunk card, its port, its doc link and a share button', async () => {
    const body = await command('splunk');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Splunk');
    const text = blocksText(body.blocks);
    expect(text).toContain('*Splunk*');
    expect(text).toContain('`TCP 8089` Splunk REST API');
    expect(text).toContain('User account with Read permissions on eventtypes objects.');
    expect(text).toContain(
      '<http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88|Set permissions for objects in a Splunk app>',
    );
    // Its NextGen connector's card follows, with its own rules button.
    expect(text).toContain('*Splunk connector*');
    expect(text).toContain('`HTTPS 8089` Splunk REST API');
    expect(buttonsOf(body.blocks)).toEqual([
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'splunk' },
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'splunk-connector' },
      { text: 'Share in channel', action_id: 'hp_share', value: JSON.stringify({ q: 'splunk' }) },
    ]);
  });

  it('answers the port "8089" with Splunk and its NextGen connector, a table row each', async () => {
    const body = await command('8089');
    const text = blocksText(body.blocks);
    expect(text).toContain('Port `8089` is used by *2 providers*:');
    expect(tableRows(body.blocks)).toEqual([
      ['Provider', 'Category', 'Ports'],
      ['Splunk', 'Verification provider', 'TCP 8089'],
      ['Splunk connector', 'Verification provider', 'HTTPS 8089'],
    ]);
    expect(selectValues(body.blocks)).toEqual(['splunk', 'splunk-connector']);
    expect(String(body.text).split('\n')).toEqual([
      'Port 8089: Splunk and Splunk connector',
      'Splunk · Verification provider · TCP 8089',
      'Splunk connector · Verification provider · HTTPS 8089',
    ]);
    expect(buttonsOf(body.blocks).map((b) => b.value)).toEqual([JSON.stringify({ q: '8089' })]);
  });

  it('answers the port "443" with a table of its providers and an "Open a provider" menu', async () => {
    // The table rows, then the NextGen connectors whose page states 443.
    const users = [...catalog.providers, ...catalog.connectors].filter((p) =>
      p.ports.some((rule) => rule.port === 443 && !rule.inferred),
    );
    // The NextGen connectors 443 is only the usual port of, listed after the table under their own title.
    const usual = catalog.connectors.filter((p) =>
      p.ports.some((rule) => rule.port === 443 && rule.inferred),
    );
    expect(users.length).toBeGreaterThan(3);
    const body = await command('443');
    expect(blocksText(body.blocks)).toContain(`Port \`443\` is used by *${users.length} providers*:`);
    expect(blocksText(body.blocks)).toContain(
      `Port \`443\` is also the product's usual port (not stated by Harness) for *${usual.length} more*:`,
    );
    const rows = tableRows(body.blocks);
    expect(rows[0]).toEqual(['Provider', 'Category', 'Ports']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(users.map((p) => p.name));
    expect(rows.find((row) => row[0] === 'Splunk')).toBeUndefined();
    for (const row of rows.slice(1)) expect(row[2]).toMatch(/\b443\b/);
    expect(selectValues(body.blocks)).toEqual(users.map((p) => p.id));
    const names = (providers: typeof users) =>
      providers
        .map((p) => p.name)
        .join(', ')
        .replace(/, ([^,]+)$/, ' and $1');
    expect(String(body.text).split('\n')).toEqual([
      `Port 443: ${names(users)}; ${names(usual)} (the product's usual port, not stated by Harness)`,
      ...rows.slice(1).map((row) => row.join(' · ')),
    ]);
    expect(buttonsOf(body.blocks).at(-1)).toMatchObject({
      action_id: 'hp_share',
      value: JSON.stringify({ q: '443' }),
    });
  });

  it('answers "aws" with the five AWS providers and their ports', async () => {
    const body = await command('aws');
    const text = blocksText(body.blocks);
    expect(text).toContain('*AWS*: 6 providers.');
    const openButtons = buttonsOf(body.blocks).filter((b) => b.action_id === 'hp_open_provider');
    expect(openButtons.map((b) => b.value)).toEqual([...AWS_IDS, 'aws-connector']);
    for (const id of AWS_IDS) {
      const provider = providerById(id);
      expect(text).toContain(`*${provider.name}*`);
      for (const rule of provider.ports) expect(text).toContain(`${rule.protocol} ${rule.port}`);
    }
  });

  it('answers "we\'re on prod3, which host?" with the cluster\'s host, every cluster and the source footer', async () => {
    const body = await command("we're on prod3, which host?");
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('Delegate network: Harness host per SaaS cluster');
    const text = blocksText(body.blocks);
    expect(text).toContain('*Harness host per SaaS cluster*  ·  Delegate network');
    expect(text).toContain('• *Prod3: `app3.harness.io`* _[1]_');
    expect(text).toContain('• EU: `accounts.eu.harness.io`');
    expect(text).toContain('Account Settings → Account Details → Harness Cluster');
    expect(text).toContain(
      '*Sources:* [1] <https://developer.harness.io/docs/platform/references/allowlist-harness-domains-and-ips|',
    );
    expect(text).toContain('|Allowlist Harness Platform IPs and CIDR> (Delegate docs)');
  });

  it('answers "fedramp" as not documented, naming no host', async () => {
    const text = blocksText((await command('fedramp')).blocks);
    expect(text).toContain('Not documented');
    expect(text).not.toMatch(/harness\.io/);
  });

  it('says no provider matches "mongodb", echoing the query', async () => {
    const body = await command('mongodb');
    expect(blocksText(body.blocks)).toContain('No provider matches `mongodb`.');
    expect(body.text).toBe('No provider matches "mongodb".');
    expect(blocksText(body.blocks)).toContain('`/harness-ports list`');
  });

  it.each(['help', '', '   '])('shows the usage for %j', async (text) => {
    const body = await command(text);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('How to use harness-ports');
    const shown = blocksText(body.blocks);
    expect(shown).toContain('*Harness Delegate: ports and permissions*');
    expect(shown).toContain('`/harness-ports splunk`');
    expect(shown).toContain('`/harness-ports checklist');
  });

  it('echoes hostile text escaped, so "<!channel>" typed by someone pings no one', async () => {
    // Slack sends what the user typed with &, < and > escaped.
    const body = await command('&lt;!channel&gt; &amp; &lt;@U0EVE&gt;');
    // What Slack shows: the text and the blocks (the share button's value is not displayed).
    const shown = `${body.text}\n${blocksText(body.blocks)}`;
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<@U0EVE>');
    // The no-match names the words it did not recognise, as text.
    expect(blocksText(body.blocks)).toContain('No provider matches `channel` or `u0eve`.');
    expect(body.text).toBe('No provider matches "channel" or "u0eve".');
  });

  it('drops a live "@channel" (sent as <!channel> with should_escape) instead of echoing it', async () => {
    const body = await command('<!channel> splunk');
    expect(`${body.text}\n${blocksText(body.blocks)}`).not.toContain('<!channel>');
    expect(blocksText(body.blocks)).toContain('`TCP 8089` Splunk REST API');
  });
});

describe('a renamed slash command', () => {
  it('is answered too, and its help names it as installed', async () => {
    const body = await command('help', { command: '/ports' });
    const text = blocksText(body.blocks);
    expect(text).toContain('`/ports splunk`');
    expect(text).not.toContain('/harness-ports');
  });
});

describe('/harness-ports checklist, posted for everyone', () => {
  const summaryTs = '1732560000.000900';

  it('acks at once, posts the summary with the distinct ports, then the items in its thread', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: summaryTs });
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732560000.000901' });
    const response = await postSigned(
      t.running.baseUrl,
      slashCommandBody('checklist splunk jenkins nexus'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await t.slack.settle(t.running.bot);

    expectBotToken(t.slack.calls);
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'C0CHANNEL', undefined],
      ['chat.postMessage', 'C0CHANNEL', summaryTs],
    ]);
    const [summary, items] = t.slack.calls.map((c) => c.args);
    const ports = [
      ['Port', 'Protocol', 'Needed by', 'Conditional'],
      ['443', 'HTTPS', 'Jenkins', 'no'],
      ['8081', 'TCP', 'Nexus', 'no'],
      ['8089', 'TCP', 'Splunk', 'no'],
    ];
    expect(tableRows(summary!.blocks)).toEqual(ports);
    expect(summary!.text).toBe(
      [
        'Harness Delegate checklist: Splunk, Jenkins and Nexus',
        'Ports to open:',
        ...ports.slice(1).map((r) => r.join(' · ')),
      ].join('\n'),
    );
    const summaryText = blocksText(summary!.blocks);
    expect(summaryText).toContain('*Ports to open (3 distinct)*');
    expect(summaryText).toContain(
      'Started by <@U0ALICE> with `/harness-ports checklist splunk jenkins nexus`',
    );
    expect(summary!.unfurl_links).toBe('false');

    const itemText = blocksText(items!.blocks);
    expect(itemText).toContain('*0 of');
    expect(itemText).toContain('Allow the Delegate to reach Splunk on TCP 8089');
    expect(itemText).toContain('Allow the Delegate to reach Jenkins on HTTPS 443');
    expect(itemText).toContain('Allow the Delegate to reach Nexus on TCP 8081');
    const ticks = buttonsOf(items!.blocks);
    expect(ticks.length).toBeGreaterThanOrEqual(6);
    expect(ticks.every((b) => b.action_id === 'hp_tick_item' && b.text === 'Done')).toBe(true);
    for (const call of t.slack.calls) expect(slackLimitViolations(call.args)).toEqual([]);
  });

  it("posts a long checklist as several item messages, all in the summary's thread", async () => {
    // Every provider whose page states 443: the table rows, then the NextGen connectors.
    const users = [...catalog.providers, ...catalog.connectors].filter((p) =>
      p.ports.some((rule) => rule.port === 443 && !rule.inferred),
    );
    const expected = renderChecklistItemMessages(buildChecklist(users), itemBlockId);
    expect(expected.length).toBeGreaterThan(1);
    let next = 0;
    t.slack.api(
      'chat.postMessage',
      () => ({ ok: true, channel: 'C0CHANNEL', ts: `1732560001.00000${next++}` }),
      1 + expected.length,
    );
    await postSigned(
      t.running.baseUrl,
      slashCommandBody('checklist 443'),
      'application/x-www-form-urlencoded',
    );
    await t.slack.settle(t.running.bot);

    const [summary, ...items] = t.slack.calls;
    expect(summary!.args.thread_ts).toBeUndefined();
    const port443 = tableRows(summary!.args.blocks).find((row) => row[0] === '443')!;
    expect(port443.slice(0, 2)).toEqual(['443', 'HTTPS/TCP']);
    expect(port443[2]).toMatch(/^Active Directory LDAP, /);
    expect(items.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual(
      expected.map(() => ['chat.postMessage', 'C0CHANNEL', '1732560001.000000']),
    );
    expect(items.map((c) => c.args.blocks)).toEqual(expected.map((m) => m.blocks));
    for (const call of t.slack.calls) expect(slackLimitViolations(call.args)).toEqual([]);
  });

  it('explains on the response URL when the bot is not in the channel', async () => {
    t.slack.api('chat.postMessage', { ok: false, error: 'not_in_channel' });
    t.slack.responseUrl('/commands/T0001/1/abc');
    const response = await postSigned(
      t.running.baseUrl,
      slashCommandBody('checklist splunk jenkins nexus', { channel_id: 'C0PRIVATE' }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls.map((c) => [c.method, c.args.channel])).toEqual([['chat.postMessage', 'C0PRIVATE']]);
    expect(t.slack.responses).toEqual([
      {
        path: '/commands/T0001/1/abc',
        body: {
          response_type: 'ephemeral',
          text: expect.stringContaining('I cannot post in this conversation. Invite me first'),
        },
      },
    ]);
  });

  it('asks for provider names when the checklist names none, privately and without posting', async () => {
    const body = await command('checklist');
    expect(blocksText(body.blocks)).toContain(
      'Name the providers for the checklist, e.g. `/harness-ports checklist splunk jenkins nexus`.',
    );
  });
});
