import { defineConfig } from 'vitest/config';

/** `npm run test:packaging`: the Dockerfile's steps run as plain commands (installs, a build). */
export default defineConfig({
  test: {
    dir: 'test/packaging',
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 600_000,
    passWithNoTests: false,
  },
});
