import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { applyOverlay, OverlaySchema } from './overlay.js';
import { type Catalog, CatalogSchema, LayerSchema } from './schema.js';

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
  /** The layer files the catalog named, with the SHA-256 of each as it was read. */
  layers?: Array<{ path: string; sha256: string }>;
  /** The catalog document with its layers merged in, before validation. */
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
    if (
      i === 1 &&
      (path[0] === 'providers' || path[0] === 'connectors' || path[0] === 'add') &&
      typeof key === 'number' &&
      node &&
      typeof node === 'object'
    ) {
      const entry = node as Record<string, unknown>;
      const label =
        typeof entry.id === 'string'
          ? `id "${entry.id}"`
          : typeof entry.name === 'string'
            ? `name "${entry.name}"`
            : '';
      if (label) text += ` (${label})`;
    }
    if (i === 2 && path[0] === 'grants' && typeof key === 'number' && node && typeof node === 'object') {
      const value = (node as Record<string, unknown>).value;
      if (typeof value === 'string') text += ` (value "${value}")`;
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

/**
 * The documents of the last few YAML texts parsed in this process, by their text: the same text
 * gives the same document, and the parser is the slow part of a load (198 ms for six of the default
 * catalog's files against 4 ms for a copy, on the busy 2-core machine). Each caller gets its own copy (layers are
 * merged into the document they are given). Texts that fail to parse are not kept.
 */
const parsedTexts = new Map<string, unknown>();
const PARSED_TEXTS_KEPT = 16;

/** Parses YAML text (of which JSON is a subset); `file` names it in errors. */
function parseYaml(text: string, file: string): unknown {
  const kept = parsedTexts.get(text);
  if (kept !== undefined) return structuredClone(kept);
  const { parse, YAMLParseError } = yaml();
  try {
    const document: unknown = parse(text, { uniqueKeys: true, prettyErrors: true });
    if (document !== undefined && document !== null) {
      if (parsedTexts.size >= PARSED_TEXTS_KEPT) parsedTexts.delete(parsedTexts.keys().next().value!);
      parsedTexts.set(text, document);
    }
    return structuredClone(document);
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
}

/** Parses catalog text without layers (YAML, of which JSON is a subset). */
export function parseCatalogText(text: string, file = 'catalog'): Catalog {
  return parseCatalog(parseYaml(text, file), file);
}

/** Keys a layer file adds to the catalog; lists are appended in the order the layers are named. */
const LAYER_LISTS = ['sources', 'connectors', 'revisions'] as const;

/** A catalog document with the layer files it names merged in, and what was read. */
export interface MergedDocument {
  document: unknown;
  layers: Array<{ path: string; sha256: string }>;
}

function readText(path: string, what: string): string {
  const file = displayPath(path);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CatalogError(`${file}: ${what} not found`);
    if (code === 'EISDIR') throw new CatalogError(`${file}: is a directory, expected a ${what}`);
    throw new CatalogError(`${file}: cannot read ${what} (${code ?? String(error)})`);
  }
}

/**
 * Reads the layer files a catalog document names (`layers:`, paths relative to it), validates each
 * one on its own (errors name the layer file) and merges their sources, connectors, Delegate network,
 * revisions and grants (by provider id: one file per provider) into the document. Everything is validated again, together, by parseCatalog.
 */
export function mergeLayers(raw: unknown, path: string): MergedDocument {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { document: raw, layers: [] };
  const document = { ...(raw as Record<string, unknown>) };
  const names = document.layers;
  if (!Array.isArray(names)) return { document, layers: [] };
  const layers: MergedDocument['layers'] = [];
  const topics: Array<{ file: string; topics: unknown[] }> = [];
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const layerPath = resolve(dirname(path), name);
    const file = displayPath(layerPath);
    const text = readText(layerPath, 'catalog layer file');
    layers.push({ path: layerPath, sha256: sha256(text) });
    const layerRaw = parseYaml(text, file);
    const parsed = LayerSchema.safeParse(layerRaw);
    if (!parsed.success) throw new CatalogError(formatIssues(file, parsed.error, layerRaw));
    const layer = layerRaw as Record<string, unknown>;
    for (const key of LAYER_LISTS) {
      if (Array.isArray(layer[key])) {
        const before = Array.isArray(document[key]) ? (document[key] as unknown[]) : [];
        document[key] = [...before, ...(layer[key] as unknown[])];
      }
    }
    if (layer.delegate !== undefined) {
      if (document.delegate !== undefined) {
        throw new CatalogError(`${file}: delegate: is already given by another file of this catalog`);
      }
      document.delegate = layer.delegate;
    }
    if (Array.isArray(layer.topics) && layer.topics.length) topics.push({ file, topics: layer.topics });
    if (layer.grants && typeof layer.grants === 'object') {
      const before = (document.grants ?? {}) as Record<string, unknown>;
      for (const id of Object.keys(layer.grants)) {
        if (Object.hasOwn(before, id)) {
          throw new CatalogError(`${file}: grants.${id}: is already given by another file of this catalog`);
        }
      }
      document.grants = { ...before, ...(layer.grants as Record<string, unknown>) };
    }
  }
  // Topics of Harness's own network beyond the Delegate's (Self-Managed, Harness Cloud) join its topics.
  for (const added of topics) {
    const delegate = document.delegate;
    if (!delegate || typeof delegate !== 'object' || Array.isArray(delegate)) {
      throw new CatalogError(`${added.file}: topics: no file of this catalog gives the Delegate's network`);
    }
    const own = (delegate as Record<string, unknown>).topics;
    document.delegate = {
      ...(delegate as Record<string, unknown>),
      topics: [...(Array.isArray(own) ? own : []), ...added.topics],
    };
  }
  return { document, layers };
}

/** Reads a catalog file and the layers it names, unvalidated. */
export function readCatalogDocument(path: string): MergedDocument & { text: string } {
  const text = readText(path, 'catalog file');
  return { text, ...mergeLayers(parseYaml(text, displayPath(path)), path) };
}

/** The snapshot's catalog if the snapshot exists and was made from exactly this text and these layers. */
function snapshotOf(text: string, snapshotPath: string): unknown {
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as Partial<Snapshot>;
  } catch {
    return undefined;
  }
  if (snapshot.sourceSha256 !== sha256(text)) return undefined;
  for (const layer of snapshot.layers ?? []) {
    let layerText: string;
    try {
      layerText = readFileSync(layer.path, 'utf8');
    } catch {
      return undefined;
    }
    if (sha256(layerText) !== layer.sha256) return undefined;
  }
  return snapshot.catalog;
}

/**
 * Reads your organisation's overlay file (CATALOG_OVERLAY) and applies it to a catalog: validated like
 * the catalog, every problem one line naming the file and the field. See src/catalog/overlay.ts.
 */
export function loadOverlay(catalog: Catalog, path: string): Catalog {
  const file = displayPath(path);
  const raw = parseYaml(readText(path, 'overlay file'), file);
  if (raw === null || raw === undefined) {
    throw new CatalogError(`${file}: the file is empty; expected an overlay with "providers" or "add"`);
  }
  const parsed = OverlaySchema.safeParse(raw);
  if (!parsed.success) throw new CatalogError(formatIssues(file, parsed.error, raw));
  const applied = applyOverlay(catalog, parsed.data, file);
  if (!Array.isArray(applied)) return applied;
  const [first, ...rest] = applied;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  throw new CatalogError(`${file}: ${describeIssuePath(first!.path, raw)}: ${first!.message}${more}`);
}

/**
 * Reads and validates a catalog file, and your organisation's overlay if one is given; throws
 * CatalogError with one clear line on any problem. The default catalog starts from the build's
 * snapshot while the YAML is unchanged.
 */
export function loadCatalog(
  path: string = DEFAULT_CATALOG_PATH,
  /** A snapshot to start from; null for none. By default, the build's, for the default catalog only. */
  snapshotPath: string | null = path === DEFAULT_CATALOG_PATH ? DEFAULT_SNAPSHOT_PATH : null,
  /** Your organisation's overlay file (CATALOG_OVERLAY), if any. */
  overlayPath?: string,
): Catalog {
  const file = displayPath(path);
  const text = readText(path, 'catalog file');
  const snapshot = snapshotPath ? snapshotOf(text, snapshotPath) : undefined;
  const catalog =
    snapshot !== undefined
      ? parseCatalog(snapshot, file)
      : parseCatalog(mergeLayers(parseYaml(text, file), path).document, file);
  return overlayPath === undefined ? catalog : loadOverlay(catalog, overlayPath);
}
