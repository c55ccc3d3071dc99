import type { ChecklistState } from '../engine/checklist-state.js';

/**
 * What the bot's instances share: which Slack events were already answered, and the latest state
 * of each checklist message with a lock per message, so two clicks on one message never redraw it
 * from the same old copy. Without REDIS_URL it is this process's memory (one instance keeps every
 * guarantee); with it, Redis (src/slack/redis-store.ts) shares it between instances.
 */
export interface SharedStore {
  /**
   * Records that an event arrived. True: the first delivery any instance has seen; false: seen
   * before; undefined: no shared answer (memory only, or Redis unreachable), so the caller falls
   * back to what one instance knows. Never rejects.
   */
  claimEvent(eventId: string): Promise<boolean | undefined>;
  /**
   * Runs `update` with the message to itself: no other update of the same message runs meanwhile
   * (in this process; with Redis, on any instance). Rejects with MessageBusyError when the message
   * stays locked too long.
   */
  exclusive<T>(messageKey: string, update: () => Promise<T>): Promise<T>;
  /** The latest checklist state kept for a message, if any. Never rejects. */
  keptChecklist(messageKey: string): Promise<ChecklistState | undefined>;
  /** Keeps a message's checklist state once Slack has it. Never rejects. */
  keepChecklist(messageKey: string, state: ChecklistState): Promise<void>;
  /** Waits (a bounded time) for the store to answer before the bot takes requests; never rejects. */
  connect(): Promise<void>;
  /** For /healthz: whether Redis answers (absent without Redis). */
  health(): { redis?: 'up' | 'down' };
  close(): Promise<void>;
}

/** A message stayed locked by other updates longer than a click may wait. */
export class MessageBusyError extends Error {
  override readonly name = 'MessageBusyError';
}

/**
 * The workspace a request comes from, as the key of everything kept per workspace (missed queries,
 * checklist states, event ids): `<enterprise id or ->:<team id or ->`, so two workspaces of one
 * Enterprise Grid org stay apart too.
 */
export function workspaceKey(ids: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
}): string {
  return `${ids.enterpriseId ?? '-'}:${ids.teamId ?? '-'}`;
}

/** The key of one Slack message in the store, within its workspace (workspaceKey). */
export function messageKey(workspace: string, channel: string, ts: string): string {
  return `${workspace}:${channel}:${ts}`;
}

/** Runs tasks one at a time per key, in arrival order; different keys run side by side. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with tasks queued or running. */
  get size(): number {
    return this.tails.size;
  }
}

/** A map that forgets its least recently used entries past `capacity`. */
export class BoundedMap<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Checklist messages whose latest state one instance keeps in memory. */
export const KEPT_CHECKLISTS = 10_000;

/**
 * The store of a single instance: its own memory. Updates of one message run one after another
 * and each click applies to the latest state this process knows; nothing is shared with other
 * instances (their clicks still reach this one's messages through the revision in the message).
 */
export class MemoryStore implements SharedStore {
  private readonly queue = new KeyedQueue();
  private readonly checklists = new BoundedMap<ChecklistState>(KEPT_CHECKLISTS);

  async claimEvent(_eventId: string): Promise<boolean | undefined> {
    return undefined;
  }

  exclusive<T>(key: string, update: () => Promise<T>): Promise<T> {
    return this.queue.run(key, update);
  }

  async keptChecklist(key: string): Promise<ChecklistState | undefined> {
    return this.checklists.get(key);
  }

  async keepChecklist(key: string, state: ChecklistState): Promise<void> {
    this.checklists.set(key, state);
  }

  async connect(): Promise<void> {}

  health(): { redis?: 'up' | 'down' } {
    return {};
  }

  async close(): Promise<void> {}
}
