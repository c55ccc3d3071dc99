import type { SlackEvent } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import {
  appMentionEvent,
  directMessageEvent,
  eventCallbackBody,
  postSigned,
  untypedEvent,
} from '../helpers/slack.js';
import { blocksText, buttonsOf, expectBotToken, useTestApp } from './support.js';

const catalog = realCatalog();
const t = useTestApp(catalog);

/** Delivers an event as Slack does, checks Bolt acknowledged it, and waits for the bot to finish. */
async function deliver(event: SlackEvent) {
  const response = await postSigned(t.running.baseUrl, eventCallbackBody(event), 'application/json');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

const SPLUNK_DOC =
  '<http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88|Set permissions for objects in a Splunk app>';

describe('a mention of the bot', () => {
  it('answers in a new thread under the mention, publicly and without a share button', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732560000.000500' });
    await deliver(appMentionEvent('what ports does splunk need?', { ts: '1732560000.000100' }));

    expectBotToken(t.slack.calls);
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'C0CHANNEL', '1732560000.000100'],
    ]);
    const reply = t.slack.calls[0]!.args;
    expect(reply.text).toBe('Delegate permissions and ports: Splunk and Splunk connector');
    const text = blocksText(reply.blocks);
    expect(text).toContain('*Splunk*');
    expect(text).toContain('`TCP 8089` Splunk REST API');
    expect(text).toContain(SPLUNK_DOC);
    expect(buttonsOf(reply.blocks)).toEqual([
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'splunk' },
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'splunk-connector' },
    ]);
    expect(slackLimitViolations(reply)).toEqual([]);
  });

  it('answers inside the thread the mention was made in (thread_ts is the parent)', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732560000.000600' });
    await deliver(
      appMentionEvent('which port does nexus use?', {
        ts: '1732560000.000400',
        thread_ts: '1732559000.000001',
      }),
    );
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'C0CHANNEL', '1732559000.000001'],
    ]);
    expect(blocksText(t.slack.calls[0]!.args.blocks)).toContain('`TCP 8081`');
  });

  it('posts a checklist asked for in a thread into that same thread', async () => {
    t.slack.api(
      'chat.postMessage',
      (args) => ({ ok: true, channel: args.channel, ts: '1732560000.000700' }),
      2,
    );
    await deliver(
      appMentionEvent('checklist splunk nexus', { ts: '1732560000.000400', thread_ts: '1732559000.000001' }),
    );
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'C0CHANNEL', '1732559000.000001'],
      ['chat.postMessage', 'C0CHANNEL', '1732559000.000001'],
    ]);
    expect(blocksText(t.slack.calls[0]!.args.blocks)).toContain('*Ports to open (2 distinct)*');
    expect(blocksText(t.slack.calls[1]!.args.blocks)).toContain(
      'Allow the Delegate to reach Nexus on TCP 8081',
    );
  });

  it('tells the asker privately, in the thread, when Slack refuses the reply', async () => {
    t.slack.api('chat.postMessage', { ok: false, error: 'not_in_channel' });
    t.slack.api('chat.postEphemeral', { ok: true, message_ts: '1732560000.000800' });
    await deliver(appMentionEvent('splunk', { ts: '1732560000.000100' }));
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts, c.args.user])).toEqual([
      ['chat.postMessage', 'C0CHANNEL', '1732560000.000100', undefined],
      ['chat.postEphemeral', 'C0CHANNEL', '1732560000.000100', 'U0ALICE'],
    ]);
    expect(t.slack.calls[1]!.args.text).toContain('Invite me first');
  });

  it('echoes hostile text from a mention escaped, so the reply pings no one', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732560000.000501' });
    await deliver(appMentionEvent('&lt;!channel&gt; mongodb', { ts: '1732560000.000100' }));
    const reply = t.slack.calls[0]!.args;
    const shown = `${reply.text}\n${blocksText(reply.blocks)}`;
    expect(shown).toContain('No provider matches `channel` or `mongodb`.');
    expect(shown).not.toContain('<!channel>');
  });

  it('ignores a mention posted by a bot: no call at all', async () => {
    await deliver(appMentionEvent('splunk', { bot_id: 'B0OTHER', user: 'U0OTHERBOT' }));
    expect(t.slack.calls).toEqual([]);
  });
});

describe('a direct message to the bot', () => {
  it("answers in the message's own thread (the agent messaging experience)", async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'D0DIRECT', ts: '1732560000.000900' });
    await deliver(directMessageEvent('jenkins', { ts: '1732560000.000200' }));
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'D0DIRECT', '1732560000.000200'],
    ]);
    const text = blocksText(t.slack.calls[0]!.args.blocks);
    expect(text).toContain('*Jenkins*');
    expect(text).toContain('`HTTPS 443` Jenkins over HTTPS');
    expect(text).toContain('https://www.jenkins.io/doc/book/security/managing-security/');
  });

  it('answers a DM sent in a thread inside that thread', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'D0DIRECT', ts: '1732560000.000901' });
    await deliver(directMessageEvent('8089', { thread_ts: '1732559999.000001' }));
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'D0DIRECT', '1732559999.000001'],
    ]);
    expect(String(t.slack.calls[0]!.args.text).split('\n')).toEqual([
      'Port 8089: Splunk and Splunk connector',
      'Splunk · Verification provider · TCP 8089',
      'Splunk connector · Verification provider · HTTPS 8089',
    ]);
  });

  it.each([
    ['a bot post (its own included)', { bot_id: 'B0BOT', user: 'U0BOT' }],
    ['an edit', { subtype: 'message_changed' }],
    ['a bot_message subtype', { subtype: 'bot_message', bot_id: 'B0OTHER' }],
    ['a join', { subtype: 'channel_join' }],
  ])('ignores %s: no call at all', async (_what, extra) => {
    await deliver(untypedEvent({ ...directMessageEvent('splunk'), ...extra }));
    expect(t.slack.calls).toEqual([]);
  });

  it('ignores channel messages that are not DMs', async () => {
    await deliver(directMessageEvent('splunk', { channel_type: 'channel', channel: 'C0CHANNEL' }));
    expect(t.slack.calls).toEqual([]);
  });
});
