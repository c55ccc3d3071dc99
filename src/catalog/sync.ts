import type { Catalog, Provider, Revision } from './schema.js';

/**
 * Compares the markdown of Harness's page "Permissions and Ports for Harness Connections", as
 * harness/developer-hub publishes it, with the catalog's 29 table rows. Pure: text in, differences
 * out (`npm run catalog:sync` does the reading and printing).
 */

export interface PageLink {
  title: string;
  url: string;
}

/** One row of the page's table, its cells as written (HTML and markdown included). */
export interface PageRow {
  name: string;
  permissions: string;
  ports: string;
  references: PageLink[];
  /** Links inside the permissions cell (the FirstGen copy links Harness's own docs there). */
  permissionLinks: PageLink[];
}

export type DifferenceKind =
  | 'row-added'
  | 'row-removed'
  | 'ports'
  | 'permissions'
  | 'grant'
  | 'permission-link'
  | 'link'
  | 'link-title';

export interface Difference {
  /** The row's name as the catalog has it (or as the page has it, for an added row). */
  row: string;
  kind: DifferenceKind;
  /** What the page says. */
  page: string;
  /** What data/ says. */
  data: string;
  /** Set when data/source-versions.yml already records this difference: the version it names. */
  recorded?: string;
}

const LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;

/** Cell text as people read it: tags and entities become spaces, links their titles. */
function readable(cell: string): string {
  return cell
    .replace(LINK, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letters and digits only, lower case: how two texts are compared (spacing and punctuation ignored). */
function compact(text: string): string {
  return readable(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function linksIn(cell: string): PageLink[] {
  return [...cell.matchAll(LINK)].map((m) => ({ title: m[1]!.trim(), url: m[2]! }));
}

/** Splits a markdown table line into its cells (the outer pipes removed). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** The table rows of the page's markdown; header, separator and empty rows are skipped. */
export function parsePermissionsPage(markdown: string): PageRow[] {
  const rows: PageRow[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const [name, permissions, ports, references] = cells(line);
    if (name === undefined || permissions === undefined || ports === undefined || references === undefined)
      continue;
    if (!name || /^-+$/.test(name) || name.startsWith('**')) continue;
    rows.push({
      name: readable(name),
      permissions: permissions.replace(LINK, ''),
      ports,
      references: linksIn(references),
      permissionLinks: linksIn(permissions),
    });
  }
  return rows;
}

/** Every port number a ports cell names ("HTTP: 80 or 443." → 80, 443). */
export function portsIn(cell: string): number[] {
  const numbers = [...readable(cell).matchAll(/\b\d{1,5}\b/g)].map((m) => Number(m[0]));
  return [...new Set(numbers.filter((n) => n >= 1 && n <= 65535))].sort((a, b) => a - b);
}

/** A URL without the Google Analytics `_ga` parameter the page adds to one link. */
export function comparableUrl(url: string): string {
  return url.replace(/([?&])_ga=[^&#]*&?/, '$1').replace(/[?&](#|$)/, '$1');
}

/** The catalog's editorial labels before a permission ("Policy: ", "One of: "), not the page's words. */
const EDITORIAL_PREFIX = /^(Policy|One of):\s*/;
/** List headings the page writes once for several permissions the catalog lists one by one. */
const PAGE_HEADINGS = ['oneofthefollowing', 'policies', 'policy'];

function rowKeys(provider: Provider): string[] {
  return [provider.name, provider.name.replace(/\s*\([^)]*\)/g, ''), provider.id, ...provider.aliases].map(
    (term) => term.toLowerCase().replace(/[^a-z0-9]+/g, ''),
  );
}

function findRow(catalog: Catalog, name: string): Provider | undefined {
  const key = name
    .replace(/\s*\([^)]*\)/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  const full = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return catalog.providers.find((provider) => {
    const keys = rowKeys(provider);
    return keys.includes(key) || keys.includes(full);
  });
}

/** The permission text the page has and data/ lacks, and the data/ permissions the page lacks. */
function permissionGap(
  pageCell: string,
  permissions: readonly string[],
): { pageOnly: string; dataOnly: string[] } {
  let rest = compact(pageCell);
  const dataOnly: string[] = [];
  for (const permission of permissions) {
    const key = compact(permission.replace(EDITORIAL_PREFIX, ''));
    const at = key ? rest.indexOf(key) : -1;
    if (at === -1) dataOnly.push(permission);
    else rest = `${rest.slice(0, at)}|${rest.slice(at + key.length)}`;
  }
  const pageOnly = rest
    .split('|')
    .filter((piece) => piece && !PAGE_HEADINGS.includes(piece))
    .join(' … ');
  return { pageOnly, dataOnly };
}

function recordedIn(
  revisions: readonly Revision[],
  kind: Revision['kind'],
  matches: (other: string) => boolean,
) {
  const revision = revisions.find((r) => r.kind === kind && matches(r.other));
  return revision ? revision.source.title : undefined;
}

function rowDifferences(row: PageRow, provider: Provider): Difference[] {
  const differences: Difference[] = [];
  const add = (kind: DifferenceKind, page: string, data: string, recorded?: string) =>
    differences.push({ row: provider.name, kind, page, data, ...(recorded ? { recorded } : {}) });

  const pagePorts = portsIn(row.ports);
  const dataPorts = [...new Set(provider.ports.map((rule) => rule.port))].sort((a, b) => a - b);
  if (pagePorts.join(',') !== dataPorts.join(',')) {
    add(
      'ports',
      pagePorts.join(', ') || readable(row.ports),
      dataPorts.join(', ') || (provider.portNote ?? ''),
    );
  }

  const gap = permissionGap(row.permissions, provider.permissions);
  if (gap.pageOnly || gap.dataOnly.length) {
    const pageText = readable(row.permissions);
    const recorded = recordedIn(provider.revisions, 'wording', (other) =>
      compact(pageText).includes(compact(other.replace(EDITORIAL_PREFIX, ''))),
    );
    add('permissions', pageText, provider.permissions.join(' | '), recorded);
  }

  // A grant quotes one permission sentence (its value within it): the cell must still have that sentence.
  const cell = compact(row.permissions);
  for (const grant of provider.grants) {
    if (!provider.permissions.includes(grant.statement)) continue;
    if (!cell.includes(compact(grant.statement.replace(EDITORIAL_PREFIX, '')))) {
      add(
        'grant',
        readable(row.permissions),
        `${provider.id} grant ${grant.value}, from "${grant.statement}"`,
      );
    }
  }

  for (const link of row.permissionLinks) {
    add('permission-link', `${link.title} (${link.url})`, 'no link in the permissions');
  }

  const count = Math.max(row.references.length, provider.references.length);
  for (let i = 0; i < count; i++) {
    const page = row.references[i];
    const data = provider.references[i];
    if (!page || !data) {
      add(
        'link',
        page ? `${page.title} (${page.url})` : 'no link',
        data ? `${data.title} (${data.url})` : 'no link',
      );
      continue;
    }
    if (comparableUrl(page.url) !== comparableUrl(data.url)) {
      add(
        'link',
        page.url,
        data.url,
        recordedIn(provider.revisions, 'link', (other) => other === page.url),
      );
    }
    if (page.title !== data.title) add('link-title', page.title, data.title);
  }
  return differences;
}

/** Every difference between the page's rows and the catalog's table rows, in the page's order. */
export function diffPage(rows: readonly PageRow[], catalog: Catalog): Difference[] {
  const differences: Difference[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const provider = findRow(catalog, row.name);
    if (!provider) {
      differences.push({
        row: row.name,
        kind: 'row-added',
        page: `${row.name}: ports ${portsIn(row.ports).join(', ') || readable(row.ports)}`,
        data: 'no such row',
      });
      continue;
    }
    seen.add(provider.id);
    differences.push(...rowDifferences(row, provider));
  }
  for (const provider of catalog.providers) {
    if (!seen.has(provider.id)) {
      differences.push({ row: provider.name, kind: 'row-removed', page: 'no such row', data: provider.name });
    }
  }
  return differences;
}

const KIND_LABELS: Record<DifferenceKind, string> = {
  'row-added': 'row on the page, not in data/',
  'row-removed': 'row in data/, not on the page',
  ports: 'ports differ',
  permissions: 'permissions differ',
  grant: 'grant no longer on the page',
  'permission-link': 'the page links Harness docs in the permissions cell',
  link: 'reference link differs',
  'link-title': 'reference link title differs',
};

/** The report `catalog:sync` prints: one block per difference, row by row, then a summary line. */
export function formatDifferences(
  differences: readonly Difference[],
  pageRows: number,
  file: string,
): string {
  const lines = [`${file}: ${pageRows} rows on the page, compared with data/ row by row.`];
  for (const d of differences) {
    lines.push(`${d.row}: ${KIND_LABELS[d.kind]}`);
    lines.push(`  page:  ${d.page}`);
    lines.push(`  data/: ${d.data}`);
    if (d.recorded) lines.push(`  (recorded in data/source-versions.yml, from "${d.recorded}")`);
  }
  const count = (kind: DifferenceKind) => differences.filter((d) => d.kind === kind).length;
  lines.push(
    differences.length === 0
      ? 'No differences.'
      : `${differences.length} difference${differences.length === 1 ? '' : 's'}: ports ${count('ports')}, permissions ${count('permissions')}, grants ${count('grant')}, ` +
          `links ${count('link') + count('link-title') + count('permission-link')}, rows added ${count('row-added')}, removed ${count('row-removed')}.`,
  );
  return `${lines.join('\n')}\n`;
}
