import { resolve } from 'node:path';
import { CatalogError, DEFAULT_CATALOG_PATH, displayPath, loadCatalog } from './load.js';

/** Where the check writes: process.stdout / process.stderr, or a test's collector. */
export interface Output {
  write(text: string): unknown;
}

const USAGE = 'usage: npm run catalog:check [path/to/catalog.yml]';

/**
 * Validates a catalog file (default: the shipped data/catalog.yml) and reports one line.
 * Returns the exit code: 0 valid, 1 invalid catalog, 2 wrong usage.
 */
export function runCatalogCheck(argv: string[], out: Output, err: Output): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.length > 1) {
    err.write(`expected at most one catalog path, got ${argv.length}; ${USAGE}\n`);
    return 2;
  }
  const path = argv[0] ? resolve(argv[0]) : DEFAULT_CATALOG_PATH;
  try {
    const catalog = loadCatalog(path);
    const ports = catalog.providers.reduce((sum, provider) => sum + provider.ports.length, 0);
    const references = catalog.providers.reduce((sum, provider) => sum + provider.references.length, 0);
    const grants = [...catalog.providers, ...catalog.connectors].reduce((sum, p) => sum + p.grants.length, 0);
    const layers = [
      catalog.connectors.length ? `, ${catalog.connectors.length} NextGen connectors` : '',
      catalog.delegate
        ? `, ${catalog.delegate.topics.filter((t) => t.network === 'delegate').length} Delegate topics, ${catalog.delegate.topics.filter((t) => t.network === 'platform').length} platform topics`
        : '',
      grants ? `, ${grants} grants` : '',
    ].join('');
    out.write(
      `ok: ${displayPath(path)}: ${catalog.providers.length} providers, ${ports} ports, ${references} references${layers}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CatalogError) {
      err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
