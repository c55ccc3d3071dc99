import { CatalogError, loadCatalog } from './catalog/load.js';
import type { Catalog } from './catalog/schema.js';
import { type Config, ConfigError, loadConfig } from './config.js';

/** What a start has read before it runs a face, or the lines that say why it cannot start. */
export type Startup = { ok: true; config: Config; catalog: Catalog } | { ok: false; lines: string[] };

/**
 * The first step of every start (src/start.ts): the configuration from the environment, then the
 * catalog and the overlay it names. A known problem is not thrown: it comes back as the lines the
 * entry point prints before it exits 1, one per variable or catalog entry at fault, each
 * "harness-ports: <what>: <problem>". Anything else (a bug) is thrown as it is.
 */
export function readStartup(env: Record<string, string | undefined>): Startup {
  try {
    const config = loadConfig(env);
    const catalog = loadCatalog(config.catalogPath, undefined, config.overlayPath);
    return { ok: true, config, catalog };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogError) {
      // A ConfigError names every variable at fault, one per line.
      return { ok: false, lines: error.message.split('\n').map((line) => `harness-ports: ${line}`) };
    }
    throw error;
  }
}
