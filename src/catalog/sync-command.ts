import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Output } from './check.js';
import { diffDocs, formatDocsDifferences, readDocsFolder } from './docs-sync.js';
import { loadInventory } from './inventory.js';
import { CatalogError, displayPath, loadCatalog } from './load.js';
import { diffPage, formatDifferences, parsePermissionsPage } from './sync.js';

const USAGE =
  'usage: npm run catalog:sync -- <page.md> [path/to/catalog.yml]\n' +
  '       npm run catalog:sync -- --docs <developer-hub copy or folder of pages> [path/to/catalog.yml]';

/**
 * `--docs <dir>`: every fact read from a developer-hub page, against a local copy of the repository
 * (or a folder of its pages): pages moved or gone, quotes, stated ports and grants no longer there, and
 * connector pages the catalog does not know. Exit 0 no difference, 1 differences, 2 wrong input.
 */
function runDocsSync(dir: string, catalogPath: string | undefined, out: Output, err: Output): number {
  try {
    if (!statSync(resolve(dir)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    err.write(`${dir}: not a folder (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return 2;
  }
  const folder = readDocsFolder(resolve(dir));
  if (folder.files.length === 0) {
    err.write(
      `${dir}: no markdown pages found; expected a copy of harness/developer-hub or some of its pages\n`,
    );
    return 2;
  }
  try {
    const catalog = catalogPath ? loadCatalog(resolve(catalogPath)) : loadCatalog();
    const known = catalogPath ? [] : loadInventory().map((page) => page.path);
    const differences = diffDocs(catalog, folder, known);
    const pages = new Set(catalog.sources.flatMap((source) => (source.path ? [source.path] : []))).size;
    out.write(formatDocsDifferences(differences, pages, displayPath(resolve(dir))));
    return differences.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    err.write(`${error.message}\n`);
    return 2;
  }
}

/**
 * `npm run catalog:sync -- <page.md>`: compares the markdown of "Permissions and Ports for Harness
 * Connections" (as harness/developer-hub publishes it) with data/ and prints every difference, row
 * by row (a grant whose statement the row's permissions no longer have among them). Returns the exit code: 0 no difference, 1 differences, 2 wrong usage or unreadable input.
 */
export function runCatalogSync(argv: string[], out: Output, err: Output): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (argv[0] === '--docs') {
    const [, dir, catalogPath, ...extra] = argv;
    if (!dir || extra.length) {
      err.write(`expected a folder after --docs (and at most a catalog path); ${USAGE}\n`);
      return 2;
    }
    return runDocsSync(dir, catalogPath, out, err);
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
