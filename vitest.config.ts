import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects over `test/`:
 * - `pure`: the engine, the renderers and the catalog, tested with plain values. Their files share
 *   one module graph per worker (`isolate: false`): nothing there keeps state between files, so
 *   each file need not import the catalog, engine and renderers afresh.
 * - `app`: everything that starts the Bolt app, intercepts HTTP with nock (global per process),
 *   starts servers or spawns the bot: each file gets fresh modules, as vitest does by default.
 * The Dockerfile's steps install packages for a minute or more: `npm run test:packaging`.
 */
const PURE = ['engine/**/*.test.ts', 'render/**/*.test.ts', 'catalog/**/*.test.ts'];
const shared = {
  dir: 'test',
  environment: 'node',
  testTimeout: 20_000,
  hookTimeout: 30_000,
  passWithNoTests: false,
  execArgv: ['--max-semi-space-size=32'],
} as const;

export default defineConfig({
  test: {
    // One test file per core. Vitest's default leaves one core free, which on a 2-core machine is a
    // single worker: measured on an idle 2-core machine, 96 s with it, 70 s with both cores.
    maxWorkers: availableParallelism(),
    projects: [
      { test: { ...shared, name: 'pure', include: PURE, isolate: false } },
      {
        test: {
          ...shared,
          name: 'app',
          isolate: false,
          include: ['**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packaging/**', ...PURE],
        },
      },
    ],
  },
});
