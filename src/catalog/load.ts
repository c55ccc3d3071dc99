import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { type Catalog, CatalogSchema } from './schema.js';

/** The catalog shipped with the project: data/catalog.yml. */
export const DEFAULT_CATALOG_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../data/catalog.yml',
);

/** A catalog that cannot be used; its message is one line naming the file, the entry and the field. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

function displayPath(path: string): string {
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
  try {
    raw = parseYaml(text, { uniqueKeys: true, prettyErrors: true });
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

/** Reads and validates a catalog file; throws CatalogError with one clear line on any problem. */
export function loadCatalog(path: string = DEFAULT_CATALOG_PATH): Catalog {
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
  return parseCatalogText(text, file);
}
