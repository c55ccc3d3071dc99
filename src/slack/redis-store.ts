import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Logger } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { ChecklistState } from '../engine/checklist-state.js';
import { decodeChecklistState, encodeChecklistState } from './checklist-ids.js';
import { errorMessage } from './errors.js';
import { MemoryStore, MessageBusyError, type SharedStore } from './store.js';

const require = createRequire(import.meta.url);
/**
 * ioredis, loaded when a store is made: without REDIS_URL the bot never pays for it (174 ms on the
 * 2-core machine, `node -e` timing its import alone).
 */
const ioredis = (): typeof import('ioredis') => require('ioredis') as typeof import('ioredis');

/**
 * The store shared by every instance through Redis (REDIS_URL).
 *
 * - Event ids: `SET harness-ports:event:<id> 1 NX EX 3600`; Slack re-sends an event for at most
 *   about an hour with the same event_id, whichever instance each delivery reaches.
 * - Checklist messages: a lock per message (`SET … NX PX` with a random token, released only by its
 *   owner) around read-latest, redraw, keep; the latest state is kept for a week.
 *
 * Redis never stops an answer. Commands fail at once while it is unreachable (no offline queue, a
 * short command timeout) and each caller falls back: events are answered (de-duplicated only by
 * this instance), clicks are serialised within this instance only and applied to the latest state
 * it knows. The first failure of an outage is a warning; `/healthz` says `redis: "down"` until the
 * client reconnects (it keeps trying, every 2 s at most).
 */
export interface RedisStoreOptions {
  /** How long a message lock lasts if its owner never releases it (longer than a Slack call). */
  lockTtlMs: number;
  /** How long a click waits for a message another click holds. */
  lockWaitMs: number;
  /** How long one Redis command may take before the caller falls back. */
  commandTimeoutMs?: number;
}

const PREFIX = 'harness-ports:';
/** Seconds an event id is remembered: Slack's retries of one event end well within an hour. */
const EVENT_TTL_SECONDS = 3600;
/** Seconds a checklist message's latest state is kept (a message the bot never saw falls back to its payload). */
const CHECKLIST_TTL_SECONDS = 7 * 24 * 3600;
/** Deletes the lock only if it still holds this owner's token. */
const RELEASE =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisStore implements SharedStore {
  /** The bot's one Redis client (the installation store shares it: src/slack/installations.ts). */
  readonly client: Redis;
  /** Per-message order within this process, and the fallback while Redis is down. */
  private readonly local = new MemoryStore();
  /** Set once an outage was reported, so one outage is one warning. */
  private warned = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly options: RedisStoreOptions,
  ) {
    this.client = new (ioredis().Redis)(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    });
    this.client.on('ready', () => {
      if (this.warned) logger.info('Redis is reachable again: sharing state between instances');
      this.warned = false;
    });
    // Connection errors arrive here on every attempt; the first call that fails reports the outage.
    this.client.on('error', (error: Error) => logger.debug('Redis connection error', error.message));
  }

  /** Logs the first failure of an outage as a warning (later ones at debug level). */
  private degraded(doing: string, error: unknown): void {
    const detail = { doing, error: errorMessage(error) ?? String(error) };
    if (this.warned) {
      this.logger.debug('Redis unreachable', detail);
      return;
    }
    this.warned = true;
    this.logger.warn(
      'Redis unreachable: answering anyway (events de-duplicated by this instance only, checklist clicks serialised within it)',
      detail,
    );
  }

  async claimEvent(eventId: string): Promise<boolean | undefined> {
    try {
      const set = await this.client.set(`${PREFIX}event:${eventId}`, '1', 'EX', EVENT_TTL_SECONDS, 'NX');
      return set === 'OK';
    } catch (error) {
      this.degraded('de-duplicating an event', error);
      return undefined;
    }
  }

  exclusive<T>(key: string, update: () => Promise<T>): Promise<T> {
    return this.local.exclusive(key, async () => {
      const lock = `${PREFIX}lock:${key}`;
      const token = await this.acquire(lock);
      try {
        return await update();
      } finally {
        if (token) {
          await this.client
            .eval(RELEASE, 1, lock, token)
            .catch((error: unknown) => this.degraded('releasing a checklist lock', error));
        }
      }
    });
  }

  /** The lock's token once held; undefined when Redis cannot be asked (then only this process orders clicks). */
  private async acquire(lock: string): Promise<string | undefined> {
    const token = randomUUID();
    const deadline = Date.now() + this.options.lockWaitMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 50)) {
      try {
        if ((await this.client.set(lock, token, 'PX', this.options.lockTtlMs, 'NX')) === 'OK') return token;
      } catch (error) {
        this.degraded('locking a checklist message', error);
        return undefined;
      }
      if (Date.now() >= deadline) throw new MessageBusyError(`${lock} stayed locked`);
      await sleep(wait + Math.random() * wait);
    }
  }

  async keptChecklist(key: string): Promise<ChecklistState | undefined> {
    try {
      const text = await this.client.get(`${PREFIX}checklist:${key}`);
      return text === null ? undefined : decodeChecklistState(text);
    } catch (error) {
      this.degraded('reading a checklist state', error);
      return this.local.keptChecklist(key);
    }
  }

  async keepChecklist(key: string, state: ChecklistState): Promise<void> {
    await this.local.keepChecklist(key, state);
    try {
      await this.client.set(
        `${PREFIX}checklist:${key}`,
        encodeChecklistState(state),
        'EX',
        CHECKLIST_TTL_SECONDS,
      );
    } catch (error) {
      this.degraded('keeping a checklist state', error);
    }
  }

  /** Waits up to `timeoutMs` for Redis; if it is not there by then, warns and lets the bot start anyway. */
  async connect(timeoutMs = 3_000): Promise<void> {
    if (this.client.status === 'ready') return;
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
    if (ready)
      this.logger.info('connected to Redis: sharing event ids and checklist states between instances');
    else this.degraded('connecting at start', new Error(`no answer within ${timeoutMs} ms`));
  }

  health(): { redis?: 'up' | 'down' } {
    return { redis: this.client.status === 'ready' ? 'up' : 'down' };
  }

  async close(): Promise<void> {
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect());
    } else {
      this.client.disconnect();
    }
  }
}
