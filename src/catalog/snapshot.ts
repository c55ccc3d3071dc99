import { writeFileSync } from 'node:fs';
import {
  CatalogError,
  DEFAULT_CATALOG_PATH,
  DEFAULT_SNAPSHOT_PATH,
  displayPath,
  parseCatalog,
  readCatalogDocument,
  sha256,
} from './load.js';

/**
 * Writes the build's snapshot of a catalog (see DEFAULT_SNAPSHOT_PATH): run by `npm run build`.
 * A catalog that does not validate fails the build with its one-line error.
 */
export function writeCatalogSnapshot(source = DEFAULT_CATALOG_PATH, target = DEFAULT_SNAPSHOT_PATH): void {
  const { text, document, layers } = readCatalogDocument(source);
  parseCatalog(document, displayPath(source));
  writeFileSync(target, `${JSON.stringify({ sourceSha256: sha256(text), layers, catalog: document })}\n`);
}

/** The build step: writes the snapshot, or prints the catalog's one-line error. Returns the exit code. */
export function runSnapshotBuild(err: { write(text: string): unknown }): number {
  try {
    writeCatalogSnapshot();
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    err.write(`harness-ports: ${error.message}\n`);
    return 1;
  }
}
