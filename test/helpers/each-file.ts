import nock from 'nock';
import { afterAll, afterEach, expect } from 'vitest';
import { appsStillBusy } from './live-apps.js';

/**
 * Run before every test file (vitest.config.ts `setupFiles`). Files share one module graph per
 * worker (`isolate: false`) and nock's rules are process-wide: a scope left pending, or net connect
 * left disabled, by one file would reach the next file in the same worker. Each file starts clean.
 * nock is therefore active in every file, as an HTTP interceptor (an APM agent) may be in the bot's
 * process: what must not depend on node:http's plumbing (the check's probes) is tested under it.
 *
 * And a test (and so its file) ends only when no app the file started still processes a request
 * (test/helpers/live-apps.ts): a request left running would call Slack during a later test or file.
 */
nock.cleanAll();
nock.enableNetConnect();

afterEach(async () => {
  const busy = await appsStillBusy(3_000);
  expect(busy, 'apps still processing requests after the test').toEqual([]);
});
afterAll(async () => {
  const busy = await appsStillBusy(3_000, true);
  expect(busy, 'apps of this file still processing requests after its last test').toEqual([]);
});
