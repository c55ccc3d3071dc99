#!/usr/bin/env node
// Validates a catalog file: `npm run catalog:check [path]`. Runs the built code in dist/.
import { existsSync } from 'node:fs';

const built = new URL('../dist/catalog/check.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('catalog-check: dist/catalog/check.js not found; run `npm run build` first\n');
  process.exit(1);
}
const { runCatalogCheck } = await import(built.href);
process.exitCode = runCatalogCheck(process.argv.slice(2), process.stdout, process.stderr);
