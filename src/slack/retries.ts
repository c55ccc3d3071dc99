import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { type SharedStore, workspaceKey } from './store.js';

/**
 * Retry reasons meaning an earlier delivery of the same event reached the app: the app got it but
 * answered Slack too slowly. Without a shared store those retries are dropped whichever instance
 * they land on, since the first delivery is (or was) being answered. Every other retry
 * (`connection_failed`, `http_error`, …) may be the first delivery to reach any instance, so it is
 * answered.
 *
 * With Redis (REDIS_URL) the event id decides instead: the first delivery to reach any instance
 * claims it (SET NX), every later one is dropped, and a retry whose first delivery never arrived
 * (a proxy held it) is answered. Without Redis, or while it is unreachable, the headers are the
 * only guard shared by every instance, so two gaps remain: an `http_timeout` whose request a proxy
 * held without passing it on is not answered, and a `connection_failed`/`http_error` retry of a
 * delivery that another instance did answer is answered again.
 */
export const DELIVERED_RETRY_REASONS = new Set(['http_timeout', 'timeout']);

/** A bounded set of recently handled event ids: the second guard, for duplicates within one process. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}

  /** Records the id; returns false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}

/**
 * Skips Events API re-deliveries that would make the bot answer twice: by event id across
 * instances when the store shares them (Redis), otherwise by the retry reason, and within one
 * instance also by event id.
 */
export function skipDuplicateEvents(
  store: Pick<SharedStore, 'claimEvent'>,
  recent = new RecentIds(),
): Middleware<AnyMiddlewareArgs> {
  const skip: Middleware<AnyMiddlewareArgs> = async ({ body, context, next, logger }) => {
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type === 'event_callback' && typeof envelope.event_id === 'string') {
      const { retryNum, retryReason } = context;
      const detail = { eventId: envelope.event_id, retryNum, retryReason };
      const first = await store.claimEvent(`${workspaceKey(context)}:${envelope.event_id}`);
      if (first === false) {
        logger.info('skipping an event already handled (shared store)', detail);
        return;
      }
      if (first === undefined && retryNum && retryReason && DELIVERED_RETRY_REASONS.has(retryReason)) {
        logger.info('skipping a re-delivered event', detail);
        return;
      }
      if (!recent.add(`${workspaceKey(context)}:${envelope.event_id}`)) {
        logger.info('skipping an event already handled here', detail);
        return;
      }
    }
    await next();
  };
  // Everything but an Events API delivery (slash commands, clicks) goes straight on: no async frame
  // of its own on the ack path.
  return (args) => {
    const envelope = args.body as { type?: unknown };
    return envelope.type === 'event_callback' ? skip(args) : args.next();
  };
}
