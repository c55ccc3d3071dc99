import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/**
 * Several global middleware as one, in order: each gets its own copy of Bolt's arguments with a
 * `next` that runs the following one, the last one's running Bolt's own `next`. Bolt makes a
 * closure and awaits a promise for every global middleware it runs; chained, that happens once per
 * request instead of once per middleware. As in Bolt, a middleware that calls `next` twice gets an
 * error.
 *
 * Bolt's arguments object is never written to. Setting its `next` for each middleware (as this
 * chain once did) made V8 keep every request's objects through the next young-generation
 * collection: with allocation-site pretenuring on (V8's default), about 1.9 MB survived each
 * scavenge instead of 0.5 MB, and each scavenge paused the bot 2.5 to 3 ms instead of 1.2 to 1.4,
 * which set the p99 of its acks (bench/BASELINE.md, 2026-12-02 06:34 session).
 *
 * Kept after the `npm run bench` of 2026-12-07 12:37 UTC (shared 2-core machine, load average 3.4):
 * in its parts section (bench/parts.js), a Bolt App processing a slash command through three
 * pass-through middleware of the bot's shapes spent 15.1 µs of CPU per event with them chained here
 * against 25.2 µs with them registered one by one with `app.use` (0.66x, median of the paired rounds).
 */
export function chainMiddleware(
  ...chain: Array<Middleware<AnyMiddlewareArgs>>
): Middleware<AnyMiddlewareArgs> {
  return (args) => {
    const boltNext = args.next;
    let called = -1;
    const run = (index: number): Promise<void> => {
      if (index <= called) return Promise.reject(new Error('next() called multiple times'));
      called = index;
      const middleware = chain[index];
      if (!middleware) return boltNext();
      return middleware({ ...args, next: () => run(index + 1) });
    };
    return run(0);
  };
}
