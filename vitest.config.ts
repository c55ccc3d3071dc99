import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects over `test/`:
 * - `pure`: the engine, the renderers and the catalog, tested with plain values.
 * - `app`: everything that starts the Bolt app, intercepts HTTP with nock, starts servers or spawns
 *   the bot.
 * Both share one module graph per worker (`isolate: false`): each file need not import Bolt, the
 * catalog, the engine and the renderers afresh. Nothing in `pure` keeps state between files; every
 * `app` file starts and stops its own apps, servers and processes, and clears its nock scopes and
 * net-connect rule after each test (test/slack/support.ts), so no file sees another's.
 * The Dockerfile's steps install packages for a minute or more: `npm run test:packaging`.
 *
 * Suite time, measured on the 2-core machine (shared, so noisy), `time npx vitest run`, Node 20:
 * - before (each app file isolated, default semi-space): 130 s and 135 s wall (user+sys 237 s and
 *   235 s); vitest's sums: import 62 s, tests 182 s. The 100x-catalog limits file alone: 33 s,
 *   40% of it in the garbage collector (a CPU profile of the file).
 * - `--max-semi-space-size=32` for the workers: that file 33 s -> 19 s (64 and 128: no better).
 * - `isolate: false` for `app` as well: import 62 s -> 11 s.
 * - the startup failures spawned concurrently (test/hardening/startup.test.ts): that file 12 s -> 10 s.
 * - after, the same machine, quiet: 74 s wall (user+sys 125 s); vitest's sums: import 11 s, tests 132 s.
 *   Back to back under another developer's load (load average 7): before 390 s, after 104 s.
 *   `--maxWorkers=3` was slower (88 s).
 */
const PURE = ['engine/**/*.test.ts', 'render/**/*.test.ts', 'catalog/**/*.test.ts'];
const shared = {
  dir: 'test',
  environment: 'node',
  testTimeout: 20_000,
  hookTimeout: 30_000,
  passWithNoTests: false,
  isolate: false,
  // The young generation's size: the default (16 MB) makes the 100x-catalog limits test spend 40% of
  // its time scavenging.
  execArgv: ['--max-semi-space-size=32'],
};

export default defineConfig({
  test: {
    // One test file per core. Vitest's default leaves one core free, which on a 2-core machine is a
    // single worker: measured on an idle 2-core machine, 96 s with it, 70 s with both cores.
    maxWorkers: availableParallelism(),
    projects: [
      { test: { ...shared, name: 'pure', include: PURE } },
      {
        test: {
          ...shared,
          name: 'app',
          include: ['**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packaging/**', ...PURE],
        },
      },
    ],
  },
});
