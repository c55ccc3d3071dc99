import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import { directMessageEvent, eventCallbackBody, postSigned, SLACK_API_HOST } from '../helpers/slack.js';
import { useTestApp } from './support.js';

/** A "moment" of 50 ms, so a Slack that takes 300 ms to take the answer makes the answer slow. */
const t = useTestApp(realCatalog(), { statusDelayMs: 50 });

describe('a slow answer in the DM', () => {
  it('shows "looking up…" in the message\'s thread while it waits, then answers there', async () => {
    t.slack.api('assistant.threads.setStatus');
    let posted: Record<string, unknown> | undefined;
    nock(SLACK_API_HOST)
      .post('/api/chat.postMessage')
      .delay(300)
      .reply(200, (_uri, body) => {
        posted = (typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body) as Record<
          string,
          unknown
        >;
        return { ok: true, channel: 'D0DIRECT', ts: '1732560000.000950' };
      });
    const response = await postSigned(
      t.running.baseUrl,
      eventCallbackBody(directMessageEvent('Ports for Splunk', { ts: '1732560000.000333' })),
      'application/json',
    );
    expect(response.status).toBe(200);
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls.map((c) => [c.method, c.args.channel_id, c.args.thread_ts, c.args.status])).toEqual([
      ['assistant.threads.setStatus', 'D0DIRECT', '1732560000.000333', 'is looking up ports…'],
    ]);
    expect(posted?.thread_ts).toBe('1732560000.000333');
    expect(posted?.channel).toBe('D0DIRECT');
    expect(posted?.text).toBe('Delegate permissions and ports: Splunk and Splunk connector');
    const blocks = typeof posted?.blocks === 'string' ? JSON.parse(posted.blocks) : posted?.blocks;
    expect(slackLimitViolations({ text: posted?.text, blocks })).toEqual([]);
  });
});
