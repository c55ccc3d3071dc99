import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderChecklistItemMessages } from '../../src/render/blocks/checklist.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import { type FakeSlackApi, type StoredMessage, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import {
  appMentionEvent,
  eventCallbackBody,
  postSigned,
  pressOnStored,
  type RunningTestApp,
  startTestApp,
} from '../helpers/slack.js';

/**
 * Several instances, one workspace: two real Bolt apps (HTTP receiver, signed requests) behind an
 * imaginary load balancer, the loopback fake Slack API keeping every message (each click carries
 * the message as Slack holds it at that moment), and, for the shared store, a real redis-server.
 */

const catalog = realCatalog();
const CHANNEL = 'C0CHANNEL';
let fake: FakeSlackApi;

beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
});

function startInstance(redisUrl?: string): Promise<RunningTestApp> {
  return startTestApp(catalog, {
    config: { slackApiUrl: fake.apiUrl, ...(redisUrl ? { redisUrl } : {}) },
    webApiPolicy: { timeoutMs: 3_000, backoffMs: 20 },
  });
}

/** Posts the first item message of a checklist with at least `items` items (as the bot would); returns it. */
async function postItemMessage(items: number): Promise<StoredMessage> {
  const messages = renderChecklistItemMessages(buildChecklist(catalog.providers), itemBlockId);
  const message = messages.find((m) => itemIds(m.blocks).length >= items);
  if (!message) throw new Error(`no item message of the real catalog has ${items} items`);
  const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test-1234' },
    body: JSON.stringify({ channel: CHANNEL, text: message.text, blocks: message.blocks }),
  });
  const { ts } = (await response.json()) as { ts: string };
  return fake.message(CHANNEL, ts)!;
}

function itemIds(blocks: unknown): string[] {
  return (Array.isArray(blocks) ? blocks : []).flatMap((b: { block_id?: string }) =>
    b.block_id?.startsWith('hp_item:') ? [b.block_id] : [],
  );
}

/** The click Slack sends when `userId` presses the button of item `itemId` on the message as it stands now. */
const clickNow = (ts: string, itemId: string, userId: string) =>
  pressOnStored(fake.message(CHANNEL, ts)!, itemId, userId);

/** Waits until both instances have nothing in flight and the fake has had a moment to answer. */
async function settle(instances: RunningTestApp[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && instances.some((i) => i.bot.inflight.size > 0)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Who ticked each item of the message as it stands now ('' for an open item). */
function tickedBy(ts: string): Record<string, string> {
  const blocks = fake.message(CHANNEL, ts)!.blocks;
  return Object.fromEntries(
    itemIds(blocks).map((id) => {
      const [, provider, item, user] = id.split(':');
      return [`${provider}:${item}`, user ?? ''];
    }),
  );
}

/**
 * Twenty people press "Done" on twenty different items of one message at the same moment; each
 * click carries the message as it was before any of them. Returns who ticked what afterwards.
 */
async function twentyTicksAtOnce(instances: RunningTestApp[]) {
  const message = await postItemMessage(20);
  const ids = itemIds(message.blocks).slice(0, 20);
  const updatesBefore = fake.callsOf('chat.update').length;
  const bodies = ids.map((id, i) => clickNow(message.ts, id, `U0USER${String(i).padStart(2, '0')}`));
  const responses = await Promise.all(
    bodies.map((body, i) =>
      postSigned(instances[i % instances.length]!.baseUrl, body, 'application/x-www-form-urlencoded'),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 200));
  await fake.waitForCalls('chat.update', updatesBefore + 20);
  await settle(instances);
  const expected = Object.fromEntries(
    ids.map((id, i) => [id.split(':').slice(1, 3).join(':'), `U0USER${String(i).padStart(2, '0')}`]),
  );
  const final = fake.message(CHANNEL, message.ts)!;
  expect(slackLimitViolations(final)).toEqual([]);
  return { expected, final: tickedBy(message.ts), text: String(final.text), itemCount: ids.length };
}

describe('one instance without Redis', () => {
  let only: RunningTestApp;
  beforeAll(async () => {
    only = await startInstance();
  });
  afterAll(async () => {
    await only.stop();
  });

  it('keeps all twenty ticks pressed at once on one message (each applied to the latest state)', async () => {
    const { expected, final } = await twentyTicksAtOnce([only]);
    expect(final).toMatchObject(expected);
    expect(Object.values(final).filter(Boolean)).toHaveLength(20);
  });

  it('says so in /healthz without a redis field', async () => {
    const response = await fetch(`${only.baseUrl}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });
});

describe('two instances on one Redis', () => {
  let redis: TestRedis;
  let first: RunningTestApp;
  let second: RunningTestApp;
  beforeAll(async () => {
    redis = await startRedis();
    [first, second] = await Promise.all([startInstance(redis.url), startInstance(redis.url)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
  });
  afterEach(async () => {
    await settle([first, second]);
  });

  let mentions = 0;
  /** A new mention (its own event id and ts) in the channel. */
  function mention(text: string) {
    mentions += 1;
    const ts = `1732570${String(mentions).padStart(3, '0')}.000100`;
    return { ts, body: eventCallbackBody(appMentionEvent(text, { ts }), { eventId: `Ev0REDIS${mentions}` }) };
  }
  const answersTo = (ts: string) => fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === ts);
  const retry = (num: number, reason: string) => ({
    headers: { 'x-slack-retry-num': String(num), 'x-slack-retry-reason': reason },
  });

  /** /healthz's status and body once it reports Redis as `state` (or after 10 s, whatever it says then). */
  async function healthOnceRedisIs(
    state: 'up' | 'down',
    instance: RunningTestApp,
  ): Promise<[number, unknown]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await fetch(`${instance.baseUrl}/healthz`);
      const body = (await response.json()) as { redis?: string };
      if (body.redis === state || Date.now() > deadline) return [response.status, body];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('says redis "up" in /healthz on both instances', async () => {
    for (const instance of [first, second]) {
      const response = await fetch(`${instance.baseUrl}/healthz`);
      expect([response.status, await response.json()]).toEqual([200, { ok: true, redis: 'up' }]);
    }
  });

  it('answers an event delivered to both instances at once exactly once', async () => {
    const { ts, body } = mention('splunk');
    // Only this test's log lines: other tests of this file skip their own retries.
    const logged = [first.logs.length, second.logs.length] as const;
    const responses = await Promise.all([
      postSigned(first.baseUrl, body, 'application/json'),
      postSigned(second.baseUrl, body, 'application/json', retry(1, 'connection_failed')),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await fake.waitForCalls('chat.postMessage', 1);
    await settle([first, second]);
    const answers = answersTo(ts);
    expect(answers).toHaveLength(1);
    expect(String(answers[0]!.args.text)).toContain('Splunk');
    const skipped = [...first.logs.slice(logged[0]), ...second.logs.slice(logged[1])].filter((l) =>
      l.includes('already handled (shared store)'),
    );
    expect(skipped).toHaveLength(1);
  });

  it('answers once however many retries of a handled event reach either instance, whatever their reason', async () => {
    const { ts, body } = mention('jenkins');
    await postSigned(first.baseUrl, body, 'application/json');
    await settle([first, second]);
    await postSigned(second.baseUrl, body, 'application/json', retry(1, 'http_error'));
    await postSigned(second.baseUrl, body, 'application/json', retry(2, 'connection_failed'));
    await postSigned(first.baseUrl, body, 'application/json', retry(3, 'http_timeout'));
    await settle([first, second]);
    expect(answersTo(ts)).toHaveLength(1);
  });

  it('answers a timed-out retry whose first delivery never reached any instance (a proxy held it)', async () => {
    const { ts, body } = mention('nexus');
    await postSigned(second.baseUrl, body, 'application/json', retry(1, 'http_timeout'));
    await settle([first, second]);
    expect(answersTo(ts)).toHaveLength(1);
    expect(String(answersTo(ts)[0]!.args.text)).toContain('Nexus');
  });

  it('keeps all twenty ticks pressed at once on one message, split over both instances', async () => {
    const { expected, final, text, itemCount } = await twentyTicksAtOnce([first, second]);
    expect(final).toMatchObject(expected);
    expect(Object.values(final).filter(Boolean)).toHaveLength(20);
    expect(text).toContain(`20 of ${Object.keys(final).length} done`);
    expect(itemCount).toBe(20);
  });

  it('keeps answering while Redis is down, says so in /healthz and a warning, and shares again once it is back', async () => {
    await redis.kill();
    // The client learns of the closed connection within moments.
    expect(await healthOnceRedisIs('down', first)).toEqual([200, { ok: true, redis: 'down' }]);

    const { ts, body } = mention('datadog');
    await postSigned(first.baseUrl, body, 'application/json');
    await postSigned(first.baseUrl, body, 'application/json', retry(1, 'http_timeout'));
    await settle([first, second]);
    expect(answersTo(ts)).toHaveLength(1);
    expect(String(answersTo(ts)[0]!.args.text)).toContain('Datadog');
    expect(first.logs.some((l) => l.includes('"level":"warn"') && l.includes('Redis unreachable'))).toBe(
      true,
    );

    // A click is still applied (within this instance) while Redis is down.
    const message = await postItemMessage(2);
    const [itemId] = itemIds(message.blocks);
    await postSigned(
      second.baseUrl,
      clickNow(message.ts, itemId!, 'U0BOB'),
      'application/x-www-form-urlencoded',
    );
    await settle([first, second]);
    expect(Object.values(tickedBy(message.ts)).filter(Boolean)).toEqual(['U0BOB']);

    await redis.restart();
    expect(await healthOnceRedisIs('up', second)).toEqual([200, { ok: true, redis: 'up' }]);
    expect(second.logs.some((l) => l.includes('Redis is reachable again'))).toBe(true);
  });
});
