import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writesNames, writesValue } from './grants.js';
import type { Catalog, ProviderGrantEntry, Source } from './schema.js';

/**
 * `catalog:sync --docs <dir>`: every catalog fact read from a page of harness/developer-hub, checked
 * against a local copy of that repository (or a folder of its pages). Pure over `DocsFolder`, so
 * tests give it fixture folders and the command gives it the disk.
 */

/** A copy of harness/developer-hub (or some of its pages): the files it has, and their text. */
export interface DocsFolder {
  /** Every markdown file, as a path relative to the folder with "/" separators. */
  files: readonly string[];
  read(file: string): string;
}

export type DocsDifferenceKind = 'gone' | 'moved' | 'quote' | 'port' | 'grant' | 'unknown-page';

export interface DocsDifference {
  kind: DocsDifferenceKind;
  /** The catalog page (its repository path) or, for an unknown page, the folder's file. */
  path: string;
  /** Who holds the fact: a provider or topic id, or the source id. */
  holder?: string;
  /** What changed, in one line. */
  text: string;
}

/** The folders whose pages the catalog means to know in full (a page there and not here is reported). */
export const CONNECTOR_FOLDERS = ['docs/platform/connectors/', 'docs/platform/secrets/'] as const;

/** Page text as compared: markdown emphasis, code marks and link targets dropped, whitespace folded, lower case. */
export function comparableText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, ' ')
    .replace(/[[\]]/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether a page's text has the number as a whole number ("8089" in ":8089", not in "18089"). */
export function statesNumber(text: string, port: number): boolean {
  return new RegExp(`(^|[^0-9])${port}([^0-9]|$)`).test(text);
}

/** Lists the markdown files under `dir`, relative, with "/" separators. */
export function readDocsFolder(dir: string): DocsFolder {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(at, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(name)) files.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  files.sort();
  return { files, read: (file) => readFileSync(join(dir, file), 'utf8') };
}

/** The folder's file for a repository path: the same path, or the one file whose path ends the same way. */
function locate(folder: DocsFolder, path: string): string | undefined {
  if (folder.files.includes(path)) return path;
  const endings = folder.files.filter((file) => path.endsWith(`/${file}`));
  return endings.length === 1 ? endings[0] : undefined;
}

/** Where a page that is no longer at its path went: a file of the same name elsewhere. */
function movedTo(folder: DocsFolder, path: string): string | undefined {
  const name = path.split('/').at(-1);
  const same = folder.files.filter((file) => file.split('/').at(-1) === name);
  return same.length === 1 ? same[0] : undefined;
}

/** Whether the folder is a copy of the whole repository (it has the docs/ tree), not a few pages. */
const isRepository = (folder: DocsFolder) => folder.files.some((file) => file.startsWith('docs/platform/'));

interface Claim {
  holder: string;
  source: Source;
  check:
    | { quote: string }
    | { port: number; protocol: string; pages: Source[] }
    /** `quotes`: the holder's quotes from the grant's page that write the grant's value. */
    | { grant: ProviderGrantEntry; quotes: string[] };
}

/** Every checkable claim the catalog makes about a page: quotes of facts and evidence, stated ports, grants. */
function claimsOf(catalog: Catalog): Claim[] {
  const byId = new Map(catalog.sources.map((source) => [source.id, source]));
  const claims: Claim[] = [];
  for (const provider of [...catalog.providers, ...catalog.connectors]) {
    const quoted = [
      ...provider.evidence.map((evidence) => ({
        quote: evidence.quote,
        source: evidence.source ? byId.get(evidence.source) : provider.source,
      })),
      ...provider.facts.flatMap((fact) => (fact.quote ? [{ quote: fact.quote, source: fact.source }] : [])),
    ];
    for (const { quote, source } of quoted) {
      if (source) claims.push({ holder: provider.id, source, check: { quote } });
    }
    // A grant's statement is the catalog's sentence; the page's own words behind it are the quotes
    // from the grant's page that write its value.
    for (const grant of provider.grants) {
      const quotes = quoted
        .filter(({ quote, source }) => source?.path === grant.source.path && writesValue(grant, quote))
        .map(({ quote }) => quote);
      claims.push({ holder: provider.id, source: grant.source, check: { grant, quotes } });
    }
    // A stated port must be on one of the pages the provider cites (its own, or a page a fact is from).
    const pages = [
      provider.source,
      ...provider.facts.map((fact) => fact.source),
      ...provider.evidence.flatMap((evidence) => (evidence.source ? [byId.get(evidence.source)] : [])),
    ].filter((page): page is Source => page?.path !== undefined);
    for (const rule of provider.ports) {
      if (!rule.inferred && pages.length) {
        claims.push({
          holder: provider.id,
          source: pages[0] as Source,
          check: { port: rule.port, protocol: rule.protocol, pages },
        });
      }
    }
  }
  for (const topic of catalog.delegate?.topics ?? []) {
    for (const fact of topic.facts) {
      if (fact.quote) claims.push({ holder: topic.id, source: fact.source, check: { quote: fact.quote } });
    }
  }
  return claims.filter((claim) => claim.source.path !== undefined);
}

/**
 * Whether a grant is still on its page's text (comparable): the page has its statement, or one of the
 * quotes that write its value; where no quote writes it, the page still writes its value and capabilities.
 */
function grantOnPage(grant: ProviderGrantEntry, quotes: readonly string[], text: string): boolean {
  if (text.includes(comparableText(grant.statement))) return true;
  if (quotes.length) return quotes.some((quote) => text.includes(comparableText(quote)));
  const names = {
    kind: grant.kind,
    value: comparableText(grant.value),
    ...(grant.capabilities ? { capabilities: grant.capabilities.map(comparableText) } : {}),
  };
  return writesNames(names, text);
}

/**
 * The differences between the catalog's page facts and the folder: pages moved or gone, quotes,
 * stated ports and grants no longer on their page, and pages of the connector folders the catalog does not know
 * (`known`: paths the committed inventory lists, besides the sources' own).
 */
export function diffDocs(
  catalog: Catalog,
  folder: DocsFolder,
  known: readonly string[] = [],
): DocsDifference[] {
  const differences: DocsDifference[] = [];
  const texts = new Map<string, string | undefined>();
  const pathsOfSources = new Set<string>();
  for (const source of catalog.sources) {
    if (!source.path || texts.has(source.path)) continue;
    pathsOfSources.add(source.path);
    const file = locate(folder, source.path);
    if (file) {
      texts.set(source.path, comparableText(folder.read(file)));
      continue;
    }
    const moved = movedTo(folder, source.path);
    if (moved) pathsOfSources.add(moved);
    texts.set(source.path, moved ? comparableText(folder.read(moved)) : undefined);
    differences.push(
      moved
        ? { kind: 'moved', path: source.path, holder: source.id, text: `now at ${moved}` }
        : { kind: 'gone', path: source.path, holder: source.id, text: 'no such page in the folder' },
    );
  }
  for (const claim of claimsOf(catalog)) {
    const path = claim.source.path as string;
    const text = texts.get(path);
    if (text === undefined) continue;
    if ('quote' in claim.check) {
      if (!text.includes(comparableText(claim.check.quote))) {
        differences.push({
          kind: 'quote',
          path,
          holder: claim.holder,
          text: `no longer says "${claim.check.quote}"`,
        });
      }
    } else if ('grant' in claim.check) {
      if (!grantOnPage(claim.check.grant, claim.check.quotes, text)) {
        differences.push({
          kind: 'grant',
          path,
          holder: claim.holder,
          text: `${claim.check.grant.value}, from "${claim.check.grant.statement}"`,
        });
      }
    } else if (
      !claim.check.pages.some((page) => {
        const pageText = texts.get(page.path as string);
        return pageText !== undefined && statesNumber(pageText, (claim.check as { port: number }).port);
      })
    ) {
      differences.push({
        kind: 'port',
        path,
        holder: claim.holder,
        text: `no longer states ${claim.check.protocol} ${claim.check.port}`,
      });
    }
  }
  const knownPaths = new Set([...pathsOfSources, ...known]);
  const repository = isRepository(folder);
  for (const file of folder.files) {
    const inConnectorFolders = CONNECTOR_FOLDERS.some((folderPath) => file.startsWith(folderPath));
    if (repository && !inConnectorFolders) continue;
    if (/(^|\/)_[^/]*$/.test(file) || file.includes('/static/') || file.includes('/shared/')) continue;
    const matched = [...knownPaths].some((path) => path === file || path.endsWith(`/${file}`));
    if (!matched) {
      differences.push({ kind: 'unknown-page', path: file, text: 'a page the catalog does not know' });
    }
  }
  return differences;
}

const LABELS: Record<DocsDifferenceKind, string> = {
  gone: 'page gone',
  moved: 'page moved',
  quote: 'quote no longer on the page',
  port: 'stated port no longer on the page',
  grant: 'grant no longer on the page',
  'unknown-page': 'page not in the catalog',
};

/** The report the command prints: one line per difference, grouped by page, then the counts. */
export function formatDocsDifferences(
  differences: readonly DocsDifference[],
  pages: number,
  dir: string,
): string {
  const lines = [`${dir}: ${pages} catalog pages compared with the folder.`];
  for (const d of differences) {
    lines.push(`${d.path}: ${LABELS[d.kind]}${d.holder ? ` (${d.holder})` : ''}: ${d.text}`);
  }
  const count = (kind: DocsDifferenceKind) => differences.filter((d) => d.kind === kind).length;
  lines.push(
    differences.length === 0
      ? 'No differences.'
      : `${differences.length} difference${differences.length === 1 ? '' : 's'}: pages gone ${count('gone')}, moved ${count('moved')}, ` +
          `quotes ${count('quote')}, ports ${count('port')}, grants ${count('grant')}, pages not in the catalog ${count('unknown-page')}.`,
  );
  return `${lines.join('\n')}\n`;
}
