import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Retry reasons meaning an earlier delivery of the same event reached the app: the app got it but
 * answered Slack too slowly. Those retries are dropped whichever instance they land on, since the
 * first delivery is (or was) being answered. Every other retry (`connection_failed`, `http_error`,
 * …) may be the first delivery to reach any instance, so it is answered.
 *
 * The headers are the only guard shared by every instance, so two gaps remain without a shared
 * store: an `http_timeout` whose request a proxy held without passing it on is not answered, and a
 * `connection_failed`/`http_error` retry of a delivery that another instance did answer is answered
 * again. Bolt acknowledges events before any listener runs, so both need a fault between Slack and
 * the app; a shared set of event ids (e.g. Redis SET NX with a TTL) would close them.
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
 * Skips Events API re-deliveries that would make the bot answer twice. Works across instances
 * without shared memory (the retry reason says whether a delivery already arrived), and within
 * one instance also by event id.
 */
export function skipDuplicateEvents(recent = new RecentIds()): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next, logger }) => {
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type === 'event_callback' && typeof envelope.event_id === 'string') {
      const { retryNum, retryReason } = context;
      if (retryNum && retryReason && DELIVERED_RETRY_REASONS.has(retryReason)) {
        logger.info('skipping a re-delivered event', { eventId: envelope.event_id, retryNum, retryReason });
        return;
      }
      if (!recent.add(envelope.event_id)) {
        logger.info('skipping an event already handled here', {
          eventId: envelope.event_id,
          retryNum,
          retryReason,
        });
        return;
      }
    }
    await next();
  };
}
