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
  },
});
