import type { Logger } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { RecentIds, skipDuplicateEvents } from '../../src/slack/retries.js';
import { MemoryStore } from '../../src/slack/store.js';
import { realCatalog } from '../helpers/catalog.js';
import {
  appMentionEvent,
  eventCallbackBody,
  postSigned,
  type RunningTestApp,
  startTestApp,
} from '../helpers/slack.js';
import { type FakeSlack, fakeSlack } from '../slack/support.js';

/**
 * Slack re-delivers an event it thinks was not acknowledged, with X-Slack-Retry-Num and
 * X-Slack-Retry-Reason. A re-delivery of an event that was handled must not be answered twice,
 * wherever it lands; an event whose first delivery never arrived must still be answered. Two app
 * instances stand for a load balancer's pool: nothing is shared between them but the catalog.
 */

const catalog = realCatalog();
let first: RunningTestApp;
let second: RunningTestApp;
let slack: FakeSlack;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestApp(catalog), startTestApp(catalog)]);
});
afterAll(async () => {
  await Promise.all([first.stop(), second.stop()]);
});
beforeEach(() => {
  slack = fakeSlack();
});
afterEach(() => {
  slack.dispose();
});

let eventCount = 0;
/** One mention, as one event id that every delivery of it keeps. */
function mention(text: string) {
  eventCount += 1;
  const ts = `1732560${String(eventCount).padStart(3, '0')}.000100`;
  return eventCallbackBody(appMentionEvent(text, { ts }), { eventId: `Ev0RETRY${eventCount}` });
}

/** Delivers an event to an instance, as a retry when `retry` is given; Bolt must acknowledge it. */
async function deliver(app: RunningTestApp, body: string, retry?: { num: number; reason: string }) {
  const headers: Record<string, string> = retry
    ? { 'x-slack-retry-num': String(retry.num), 'x-slack-retry-reason': retry.reason }
    : {};
  const response = await postSigned(app.baseUrl, body, 'application/json', { headers });
  expect(response.status).toBe(200);
  await Promise.all([slack.settle(first.bot), slack.settle(second.bot)]);
}

const postedThreads = () =>
  slack.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.thread_ts);

describe('Events API re-deliveries', () => {
  it('answers once when the first delivery was handled and the retries (http_timeout) land on any instance', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000001' });
    const body = mention('splunk');
    await deliver(first, body);
    await deliver(second, body, { num: 1, reason: 'http_timeout' });
    await deliver(first, body, { num: 2, reason: 'http_timeout' });
    await deliver(second, body, { num: 3, reason: 'http_timeout' });
    expect(postedThreads()).toEqual([JSON.parse(body).event.ts]);
    expect(String(slack.calls[0]!.args.text)).toContain('Splunk');
    const skipped = [...first.logs, ...second.logs].filter((l) =>
      l.includes('skipping a re-delivered event'),
    );
    expect(skipped).toHaveLength(3);
  });

  it('answers a retry whose first delivery never arrived (connection_failed), on whichever instance gets it', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000002' });
    const body = mention('jenkins');
    await deliver(second, body, { num: 1, reason: 'connection_failed' });
    expect(postedThreads()).toEqual([JSON.parse(body).event.ts]);
    expect(String(slack.calls[0]!.args.text)).toContain('Jenkins');
  });

  it('answers a retry after an HTTP error in front of the app (http_error): the first delivery may not have arrived', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000003' });
    await deliver(first, mention('nexus'), { num: 1, reason: 'http_error' });
    expect(postedThreads()).toHaveLength(1);
  });

  it('does not answer twice when a retry that must be answered reaches the instance that already answered', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000004' });
    const body = mention('datadog');
    await deliver(first, body);
    await deliver(first, body, { num: 1, reason: 'http_error' });
    await deliver(first, body, { num: 2, reason: 'connection_failed' });
    expect(postedThreads()).toHaveLength(1);
    expect(first.logs.filter((l) => l.includes('skipping an event already handled here'))).toHaveLength(2);
  });

  it('answers different events that arrive at the same time, once each', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000005' }, 3);
    const bodies = [mention('splunk'), mention('jenkins'), mention('nexus')];
    const responses = await Promise.all(
      bodies.map((body, i) => postSigned((i % 2 ? second : first).baseUrl, body, 'application/json')),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await Promise.all([slack.settle(first.bot), slack.settle(second.bot)]);
    expect(postedThreads().sort()).toEqual(bodies.map((b) => JSON.parse(b).event.ts).sort());
  });
});

describe('skipDuplicateEvents (the middleware)', () => {
  const logger: Logger = createLogger('error', () => {});
  /** Runs the middleware on an envelope; true when it let the event through to the listeners. */
  async function passes(
    middleware: ReturnType<typeof skipDuplicateEvents>,
    eventId: string,
    context: { retryNum?: number; retryReason?: string } = {},
  ): Promise<boolean> {
    let passed = false;
    await middleware({
      body: { type: 'event_callback', event_id: eventId, event: { type: 'app_mention' } },
      context,
      logger,
      next: async () => {
        passed = true;
      },
    } as unknown as Parameters<typeof middleware>[0]);
    return passed;
  }

  it("drops Socket Mode's 'timeout' retries as it drops http_timeout ones", async () => {
    const middleware = skipDuplicateEvents(new MemoryStore());
    expect(await passes(middleware, 'Ev1', { retryNum: 1, retryReason: 'timeout' })).toBe(false);
    expect(await passes(middleware, 'Ev2', { retryNum: 1, retryReason: 'http_timeout' })).toBe(false);
    expect(await passes(middleware, 'Ev3', { retryNum: 1, retryReason: 'connection_failed' })).toBe(true);
    expect(await passes(middleware, 'Ev3', { retryNum: 2, retryReason: 'connection_failed' })).toBe(false);
  });

  it('lets every request that is not an Events API event through', async () => {
    const middleware = skipDuplicateEvents(new MemoryStore());
    let passed = 0;
    for (let i = 0; i < 2; i++) {
      await middleware({
        body: { type: 'block_actions', event_id: 'same' },
        context: {},
        logger,
        next: async () => {
          passed++;
        },
      } as unknown as Parameters<typeof middleware>[0]);
    }
    expect(passed).toBe(2);
  });

  it('remembers a bounded number of event ids, forgetting the oldest first', () => {
    const recent = new RecentIds(3);
    expect(['a', 'b', 'c', 'd'].map((id) => recent.add(id))).toEqual([true, true, true, true]);
    expect(recent.add('d')).toBe(false);
    expect(recent.add('b')).toBe(false);
    expect(recent.add('a')).toBe(true);
  });
});
