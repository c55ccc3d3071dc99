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
 * Kept after the `npm run bench` of 2026-12-07 08:02 UTC (shared machine, load 2.9; figures are ratios within that run):
 * the whole bot acks a slash command for 0.226 ms of server CPU against bare Bolt's 0.207 (1.09x), p99 at
 * concurrency 8 0.61x bare Bolt's, throughput 0.854x. The bench compares the whole bot with bare Bolt, not
 * this part with Bolt's own, so the part's own figure is still the A/B above (bench/BASELINE.md).
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
