import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type Catalog, CatalogSchema } from './schema.js';

/** The catalog shipped with the project: data/catalog.yml. */
export const DEFAULT_CATALOG_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../data/catalog.yml',
);

/**
 * The build's snapshot of the default catalog (`npm run build` writes it next to dist/main.js): the
 * validated catalog as JSON with the SHA-256 of the YAML it came from. Starting from it skips
 * loading and parsing YAML (about 0.1 to 0.15 s of start-up); it is used only while the YAML is
 * unchanged, and it is validated again like any catalog.
 */
export const DEFAULT_SNAPSHOT_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../catalog.snapshot.json',
);

interface Snapshot {
  sourceSha256: string;
  catalog: unknown;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const require = createRequire(import.meta.url);
/** The YAML parser, loaded on first use only: a start from the snapshot never needs it. */
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/** A catalog that cannot be used; its message is one line naming the file, the entry and the field. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

/** A path as people read it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Names the entry an issue is about: `providers[3] (id "splunk").ports[0].port`. */
function describeIssuePath(path: PropertyKey[], raw: unknown): string {
  let text = '';
  let node: unknown = raw;
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      text += `[${key}]`;
    } else {
      text += text ? `.${String(key)}` : String(key);
    }
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (i === 1 && path[0] === 'providers' && typeof key === 'number' && node && typeof node === 'object') {
      const entry = node as Record<string, unknown>;
      const label =
        typeof entry.id === 'string'
          ? `id "${entry.id}"`
          : typeof entry.name === 'string'
            ? `name "${entry.name}"`
            : '';
      if (label) text += ` (${label})`;
    }
  });
  return text || '(top level)';
}

function formatIssues(file: string, error: z.ZodError, raw: unknown): string {
  const [firstIssue, ...rest] = error.issues;
  if (!firstIssue) return `${file}: invalid catalog`;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  return `${file}: ${describeIssuePath(firstIssue.path, raw)}: ${firstIssue.message}${more}`;
}

/** Validates an already-parsed catalog document; `file` names it in errors. */
export function parseCatalog(raw: unknown, file = 'catalog'): Catalog {
  if (raw === null || raw === undefined) {
    throw new CatalogError(`${file}: the file is empty; expected a catalog with "version" and "providers"`);
  }
  const result = CatalogSchema.safeParse(raw);
  if (!result.success) throw new CatalogError(formatIssues(file, result.error, raw));
  return result.data;
}

/** Parses catalog text (YAML, of which JSON is a subset). */
export function parseCatalogText(text: string, file = 'catalog'): Catalog {
  let raw: unknown;
  const { parse, YAMLParseError } = yaml();
  try {
    raw = parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0]
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
      const reason =
        error.message.split('\n')[0]?.replace(/ at line \d+, column \d+.*$/, '') ?? 'invalid YAML';
      throw new CatalogError(`${file}: not valid YAML${where}: ${reason}`);
    }
    throw error;
  }
  return parseCatalog(raw, file);
}

/** The snapshot's catalog if the snapshot exists and was made from exactly this text. */
function snapshotOf(text: string, snapshotPath: string): unknown {
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as Partial<Snapshot>;
  } catch {
    return undefined;
  }
  return snapshot.sourceSha256 === sha256(text) ? snapshot.catalog : undefined;
}

/**
 * Reads and validates a catalog file; throws CatalogError with one clear line on any problem.
 * The default catalog starts from the build's snapshot while the YAML is unchanged.
 */
export function loadCatalog(
  path: string = DEFAULT_CATALOG_PATH,
  /** A snapshot to start from; null for none. By default, the build's, for the default catalog only. */
  snapshotPath: string | null = path === DEFAULT_CATALOG_PATH ? DEFAULT_SNAPSHOT_PATH : null,
): Catalog {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CatalogError(`${file}: catalog file not found`);
    if (code === 'EISDIR') throw new CatalogError(`${file}: is a directory, expected a catalog file`);
    throw new CatalogError(`${file}: cannot read catalog file (${code ?? String(error)})`);
  }
  const snapshot = snapshotPath ? snapshotOf(text, snapshotPath) : undefined;
  return snapshot === undefined ? parseCatalogText(text, file) : parseCatalog(snapshot, file);
}
