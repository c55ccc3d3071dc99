#!/usr/bin/env node
// Compares a published copy of the table's page with data/: `npm run catalog:sync -- <page.md>`.
import { existsSync } from 'node:fs';

const built = new URL('../dist/catalog/sync-command.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('catalog-sync: dist/catalog/sync-command.js not found; run `npm run build` first\n');
  process.exit(2);
}
const { runCatalogSync } = await import(built.href);
process.exitCode = runCatalogSync(process.argv.slice(2), process.stdout, process.stderr);
