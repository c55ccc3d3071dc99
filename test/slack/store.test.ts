import { describe, expect, it } from 'vitest';
import { BoundedMap, KeyedQueue, MemoryStore, messageKey } from '../../src/slack/store.js';

/** The single-instance store: updates of one message one at a time, a bounded memory of states. */

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, in arrival order, even when one fails', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('m1', task('a')),
      queue.run('m1', task('b', true)),
      queue.run('m1', task('c')),
    ]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(queue.size).toBe(0);
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([queue.run('m1', task('a')), queue.run('m2', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });
});

describe('BoundedMap', () => {
  it('forgets the least recently used entry past its capacity', () => {
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('MemoryStore', () => {
  it('keeps the latest state per message and gives no shared answer about events', async () => {
    const store = new MemoryStore();
    const key = messageKey('-:T0001', 'C0CHANNEL', '1732560000.000100');
    expect(key).toBe('-:T0001:C0CHANNEL:1732560000.000100');
    expect(await store.keptChecklist(key)).toBeUndefined();
    await store.keepChecklist(key, { entries: [{ providerId: 'splunk', itemKey: 'port-0' }], revision: 2 });
    expect(await store.keptChecklist(key)).toEqual({
      entries: [{ providerId: 'splunk', itemKey: 'port-0' }],
      revision: 2,
    });
    expect(await store.claimEvent('Ev1')).toBeUndefined();
    expect(store.health()).toEqual({});
  });
});
