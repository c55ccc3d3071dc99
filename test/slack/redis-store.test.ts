import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { RedisStore, type RedisStoreOptions } from '../../src/slack/redis-store.js';
import { MessageBusyError } from '../../src/slack/store.js';
import { freePort } from '../helpers/main-process.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

/** The Redis store on a real redis-server: two stores stand for two instances. */

let redis: TestRedis;
let raw: Redis;
const stores: RedisStore[] = [];
const OPTIONS: RedisStoreOptions = { lockTtlMs: 2_000, lockWaitMs: 2_000 };

beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  raw.disconnect();
  await redis.stop();
});

async function store(url = redis.url, options = OPTIONS) {
  const logs: string[] = [];
  const created = new RedisStore(
    url,
    createLogger('debug', (line) => logs.push(line)),
    options,
  );
  stores.push(created);
  await created.connect(url === redis.url ? 3_000 : 300);
  return { store: created, logs };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

describe('RedisStore', () => {
  it('lets one instance claim an event id; the other sees it claimed', async () => {
    const [{ store: a }, { store: b }] = await Promise.all([store(), store()]);
    expect(await a.claimEvent('Ev0CLAIM1')).toBe(true);
    expect(await b.claimEvent('Ev0CLAIM1')).toBe(false);
    expect(await a.claimEvent('Ev0CLAIM1')).toBe(false);
    const ttl = await raw.ttl('harness-ports:event:Ev0CLAIM1');
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it('runs updates of one message one at a time across instances, and releases the lock after', async () => {
    const [{ store: a }, { store: b }] = await Promise.all([store(), store()]);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? b : a).exclusive('C0CHANNEL:1.000001', async () => {
          running += 1;
          most = Math.max(most, running);
          await pause();
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    expect(await raw.exists('harness-ports:lock:C0CHANNEL:1.000001')).toBe(0);
  });

  it('gives up with MessageBusyError when another holds the message past the wait, and never frees a lock it does not own', async () => {
    const { store: patient } = await store(redis.url, { lockTtlMs: 2_000, lockWaitMs: 150 });
    await raw.set('harness-ports:lock:C0CHANNEL:1.000002', 'someone-else', 'PX', 5_000);
    let ran = false;
    await expect(
      patient.exclusive('C0CHANNEL:1.000002', async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(MessageBusyError);
    expect(ran).toBe(false);
    expect(await raw.get('harness-ports:lock:C0CHANNEL:1.000002')).toBe('someone-else');
  });

  it('shares the latest checklist state, and ignores a value it did not write', async () => {
    const [{ store: a }, { store: b }] = await Promise.all([store(), store()]);
    const state = {
      entries: [{ providerId: 'splunk', itemKey: 'port-0', tick: { userId: 'U0BOB', at: 1732561234 } }],
      revision: 4,
    };
    await a.keepChecklist('C0CHANNEL:1.000003', state);
    expect(await b.keptChecklist('C0CHANNEL:1.000003')).toEqual(state);
    expect(await raw.ttl('harness-ports:checklist:C0CHANNEL:1.000003')).toBeGreaterThan(6 * 24 * 3600);
    await raw.set('harness-ports:checklist:C0CHANNEL:1.000004', '{"revision":9,"items":["<!channel>"]}');
    expect(await b.keptChecklist('C0CHANNEL:1.000004')).toBeUndefined();
  });

  it('works without Redis when it cannot be reached: no shared answers, one warning, health "down"', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const { store: alone, logs } = await store(closed);
    expect(alone.health()).toEqual({ redis: 'down' });
    expect(await alone.claimEvent('Ev0DOWN1')).toBeUndefined();
    let ran = false;
    await alone.exclusive('C0CHANNEL:1.000005', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    const state = { entries: [{ providerId: 'nexus', itemKey: 'port-0' }], revision: 1 };
    await alone.keepChecklist('C0CHANNEL:1.000005', state);
    expect(await alone.keptChecklist('C0CHANNEL:1.000005')).toEqual(state);
    const warnings = logs.filter((l) => l.includes('"level":"warn"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Redis unreachable: answering anyway');
  });
});
