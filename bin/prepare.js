#!/usr/bin/env node
// npm runs `prepare` after `npm ci` and `npm install`. With the dev dependencies installed (a clone
// being set up), it builds dist/ so that `npm ci && npm start` works. A production install
// (`npm ci --omit=dev`, as in the Dockerfile's runtime stage) has no TypeScript: it keeps dist/ as
// it was built and builds nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function hasTypeScript() {
  try {
    require.resolve('typescript/package.json');
    return true;
  } catch {
    return false;
  }
}

if (!hasTypeScript()) {
  const built = existsSync(new URL('../dist/main.js', import.meta.url));
  process.stderr.write(
    built
      ? 'harness-ports: production install, using dist/ as built\n'
      : 'harness-ports: dist/ is not built and TypeScript is not installed: run `npm ci` (with dev dependencies) to build it\n',
  );
  process.exit(0);
}
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
