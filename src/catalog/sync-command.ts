import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Output } from './check.js';
import { CatalogError, displayPath, loadCatalog } from './load.js';
import { diffPage, formatDifferences, parsePermissionsPage } from './sync.js';

const USAGE = 'usage: npm run catalog:sync -- <page.md> [path/to/catalog.yml]';

/**
 * `npm run catalog:sync -- <page.md>`: compares the markdown of "Permissions and Ports for Harness
 * Connections" (as harness/developer-hub publishes it) with data/ and prints every difference, row
 * by row. Returns the exit code: 0 no difference, 1 differences, 2 wrong usage or unreadable input.
 */
export function runCatalogSync(argv: string[], out: Output, err: Output): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const [page, catalogPath, ...extra] = argv;
  if (!page || extra.length) {
    err.write(`expected the page's markdown file (and at most a catalog path); ${USAGE}\n`);
    return 2;
  }
  let markdown: string;
  try {
    markdown = readFileSync(resolve(page), 'utf8');
  } catch (error) {
    err.write(`${page}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return 2;
  }
  const rows = parsePermissionsPage(markdown);
  if (rows.length === 0) {
    err.write(`${page}: no table rows found; expected the page's markdown table\n`);
    return 2;
  }
  try {
    const catalog = catalogPath ? loadCatalog(resolve(catalogPath)) : loadCatalog();
    const differences = diffPage(rows, catalog);
    out.write(formatDifferences(differences, rows.length, displayPath(resolve(page))));
    return differences.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    err.write(`${error.message}\n`);
    return 2;
  }
}
