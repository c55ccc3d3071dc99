import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    dir: 'test',
    include: ['**/*.test.ts'],
    // The Dockerfile's steps install packages for a minute or more: `npm run test:packaging`.
    exclude: [...configDefaults.exclude, 'packaging/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    passWithNoTests: false,
    // One test file per core. Vitest's default leaves one core free, which on a 2-core machine is a
    // single worker: measured on an idle 2-core machine, 96 s with it, 70 s with both cores.
    maxWorkers: availableParallelism(),
  },
});
