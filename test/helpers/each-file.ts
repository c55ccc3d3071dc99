import nock from 'nock';

/**
 * Run before every test file (vitest.config.ts `setupFiles`). Files share one module graph per
 * worker (`isolate: false`) and nock's rules are process-wide: a scope left pending, or net connect
 * left disabled, by one file would reach the next file in the same worker. Each file starts clean.
 * nock is therefore active in every file, as an HTTP interceptor (an APM agent) may be in the bot's
 * process: what must not depend on node:http's plumbing (the check's probes) is tested under it.
 */
nock.cleanAll();
nock.enableNetConnect();
