import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.js';

/** The fake Slack Web API, driven by the real Web API client as the bot drives it. */

let fake: FakeSlackApi;
let client: WebClient;
const blocks = (text: string) => [{ type: 'section', text: { type: 'mrkdwn', text } }];

beforeEach(async () => {
  fake = await startFakeSlackApi();
  client = new WebClient('xoxb-fake', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterEach(async () => {
  await fake.close();
});

describe('the fake Slack Web API', () => {
  it('keeps posted messages by channel and ts, applies chat.update, and returns them as Slack does', async () => {
    const parent = await client.chat.postMessage({
      channel: 'C0OPS',
      text: 'summary',
      blocks: blocks('one'),
    });
    const reply = await client.chat.postMessage({
      channel: 'C0OPS',
      thread_ts: parent.ts!,
      text: 'items',
      blocks: blocks('open'),
    });
    await client.chat.update({ channel: 'C0OPS', ts: reply.ts!, text: 'items', blocks: blocks('done') });

    expect(fake.message('C0OPS', reply.ts!)).toMatchObject({ thread_ts: parent.ts, blocks: blocks('done') });
    const history = await client.conversations.history({ channel: 'C0OPS' });
    expect(history.messages?.map((m) => m.ts)).toEqual([parent.ts]);
    const thread = await client.conversations.replies({ channel: 'C0OPS', ts: parent.ts! });
    expect(thread.messages?.map((m) => [m.ts, m.blocks])).toEqual([
      [parent.ts, blocks('one')],
      [reply.ts, blocks('done')],
    ]);
    await expect(client.chat.update({ channel: 'C0OPS', ts: '1.2', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('records every call generically: method, decoded arguments, token, answer', async () => {
    const view = { type: 'home' as const, blocks: blocks('home') };
    await client.views.publish({ user_id: 'U0ALICE', view });
    await expect(client.apiCall('made.up')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(fake.calls.map((c) => c.method)).toEqual(['views.publish', 'made.up']);
    const [publish] = fake.callsOf('views.publish');
    expect(publish).toMatchObject({
      args: { user_id: 'U0ALICE', view },
      authorization: 'Bearer xoxb-fake',
      status: 200,
      reply: { ok: true, view: { ...view, id: expect.stringMatching(/^V/) } },
    });
    expect(publish!.body).toContain('user_id=U0ALICE');
  });

  it('answers a method as a test says, which may still take the default answer', async () => {
    fake.on('chat.postMessage', (request, asSlack) =>
      request.args.channel === 'C0FULL' ? { status: 500, body: { ok: false } } : asSlack(),
    );
    await expect(client.chat.postMessage({ channel: 'C0FULL', text: 'x' })).rejects.toThrow();
    const posted = await client.chat.postMessage({ channel: 'C0OPS', text: 'y' });
    expect(fake.messages('C0OPS').map((m) => [m.ts, m.text])).toEqual([[posted.ts, 'y']]);
    expect(fake.messages('C0FULL')).toEqual([]);
    expect((await fake.waitForCall('chat.postMessage', 1)).reply).toMatchObject({ ok: true, ts: posted.ts });
  });
});
