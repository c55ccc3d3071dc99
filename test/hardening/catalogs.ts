import { parseCatalog } from '../../src/catalog/load.js';
import type { Catalog, Provider } from '../../src/catalog/schema.js';
import { realCatalog } from '../helpers/catalog.js';
import { HOSTILE_STRINGS } from './hostile.js';

/** Catalogs the bot could be given that push its limits: a hundred times bigger, and hostile in every field. */

/** Cuts or pads text to exactly `length` UTF-16 units (the schema's maximum for a field), never ending in half a pair. */
function sized(text: string, length: number): string {
  let out = text;
  while (out.length < length) out += ` ${text}`;
  out = out.slice(0, length);
  if (/[\uD800-\uDBFF]$/.test(out)) out = `${out.slice(0, -1)}x`;
  return out.trim() || 'x';
}

const hostile = (i: number) => HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!;

/** A provider with every field as long and as hostile as the schema allows. */
function maxedProvider(base: Provider, suffix: string, i: number): Record<string, unknown> {
  const name = `${sized(`${hostile(i)} ${base.name} 🚀 ${hostile(i + 1)}`, 100 - suffix.length - 1)} ${suffix}`;
  return {
    id: `${base.id}-${suffix}`,
    name,
    category: base.category,
    ...(base.group ? { group: base.group } : {}),
    aliases: Array.from(
      { length: 8 },
      // Its whole id keeps each alias distinct from every other provider's, as the search reads them
      // (punctuation and spacing ignored): "azure-repos-connector" and "azure-connector", never one key.
      (_, k) => `${sized(hostile(i + k), 60 - base.id.length - suffix.length - 4)} ${base.id} ${suffix}${k}`,
    ),
    permissions: Array.from({ length: 30 }, (_, k) => sized(`${hostile(i + k)} permission ${k} & more`, 500)),
    ports: Array.from({ length: 30 }, (_, k) => ({
      port: k === 0 ? 65535 : 1 + ((i * 31 + k * 977) % 65535),
      protocol: sized(`TCP${hostile(k)}`, 20),
      label: sized(`${hostile(i + k)} label`, 200),
      conditional: k % 2 === 0,
      ...(k % 2 === 0 ? { condition: sized(`${hostile(k)} only when`, 300) } : {}),
      sourceLabel: sized(`${hostile(k + 3)} source`, 200),
    })),
    portNote: sized(`${hostile(i)} note about ports`, 500),
    references: Array.from({ length: 12 }, (_, k) => ({
      title: sized(`${hostile(i + k)} docs | title`, 200),
      url: `https://docs.example.com/${suffix}/${k}/${'a&b=<c>|d'.repeat(180)}`.slice(0, 2000),
    })),
    notes: Array.from({ length: 15 }, (_, k) => sized(`${hostile(i + k)} note ${k}`, 500)),
  };
}

/** A real provider, copied under a new id, name and aliases. */
/** A loaded table row or connector as the catalog file writes it: without its resolved source, revisions and grants. */
function entryOf(provider: Provider): Record<string, unknown> {
  const {
    source: _source,
    revisions: _revisions,
    grants: _grants,
    facts,
    disagreements,
    ...entry
  } = provider;
  const unresolved = (fact: Provider['facts'][number]) => ({ ...fact, source: fact.source.id });
  return {
    ...entry,
    facts: facts.map(unresolved),
    disagreements: disagreements.map((d) => ({
      question: d.question,
      statements: d.statements.map(unresolved),
    })),
  };
}

/** What a maxed connector adds: facts, disagreements and both ways to connect, as long as the schema allows. */
function maxedConnectorFields(base: Provider, i: number): Record<string, unknown> {
  const fact = (k: number) => ({
    text: sized(`${hostile(i + k)} fact ${k} & more`, 600),
    source: base.source.id,
    quote: sized(`${hostile(i + k + 1)} quote`, 600),
  });
  return {
    facts: Array.from({ length: 30 }, (_, k) => fact(k)),
    disagreements: Array.from({ length: 3 }, (_, k) => ({
      question: sized(`${hostile(i + k)} question?`, 300),
      statements: [fact(k), fact(k + 1), fact(k + 2)],
    })),
    connectivity: {
      delegate: sized(`${hostile(i)} through a delegate`, 500),
      platform: sized(`${hostile(i + 1)} through Harness Platform`, 500),
    },
  };
}

function copiedProvider(base: Provider, suffix: string): Record<string, unknown> {
  return {
    ...entryOf(base),
    id: `${base.id}-${suffix}`,
    name: `${base.name} ${suffix}`,
    aliases: base.aliases.map((alias) => `${alias} ${suffix}`),
  };
}

let bigCatalogCache: Catalog | undefined;

/**
 * A synthetic catalog 100 times the size of the real one (every table row and NextGen connector copied 100 times), one copy
 * in seven filled to the schema's maximum with hostile text. Validated by the real schema, so it is a
 * catalog the bot could be given.
 */
export function hundredfoldCatalog(): Catalog {
  if (bigCatalogCache) return bigCatalogCache;
  const real = realCatalog();
  const providers: Record<string, unknown>[] = [];
  const connectors: Record<string, unknown>[] = [];
  for (let copy = 0; copy < 100; copy++) {
    const suffix = `c${copy}`;
    real.providers.forEach((base, i) => {
      providers.push(copy % 7 === 3 ? maxedProvider(base, suffix, copy + i) : copiedProvider(base, suffix));
    });
    // The NextGen connectors too, with their sources and their table rows of the same copy; the
    // maxed ones with every port inferred, the longest way a port is shown.
    real.connectors.forEach((base, i) => {
      const edition = { source: base.source.id, sameAs: base.sameAs.map((id) => `${id}-${suffix}`) };
      if (copy % 7 !== 3) {
        connectors.push({ ...copiedProvider(base, suffix), ...edition });
        return;
      }
      const maxed = maxedProvider(base, suffix, copy + i);
      const ports = (maxed.ports as Array<Record<string, unknown>>).map((rule) => ({
        ...rule,
        inferred: true,
      }));
      connectors.push({ ...maxed, ...edition, ports, ...maxedConnectorFields(base, copy + i) });
    });
  }
  const sources = real.sources.filter((source) => source.id !== 'table');
  bigCatalogCache = parseCatalog(
    { version: 1, title: real.title, source: real.source, about: real.about, providers, connectors, sources },
    'hundredfold catalog',
  );
  return bigCatalogCache;
}

/**
 * Lets the 100x catalog go once its file is done: with `isolate: false` the worker runs other files
 * next, and its heap at the next file's start was 264 MB instead of 40 MB: each of their full
 * collections marked it all again.
 */
export function forgetHundredfoldCatalog(): void {
  bigCatalogCache = undefined;
}

let hostileCatalogCache: Catalog | undefined;

/** The real catalog with every free-text field of every provider made hostile (same size, same ids). */
export function hostileCatalog(): Catalog {
  if (hostileCatalogCache) return hostileCatalogCache;
  const real = realCatalog();
  hostileCatalogCache = parseCatalog(
    {
      version: 1,
      title: real.title,
      source: real.source,
      about: real.about,
      providers: real.providers.map((provider, i) => ({
        ...entryOf(provider),
        name: `${provider.name} ${hostile(i)}`,
        permissions: provider.permissions.map((p, k) => `${p} ${hostile(i + k)}`),
        ports: provider.ports.map((rule, k) => ({
          ...rule,
          label: `${rule.label} ${hostile(i + k)}`,
          ...(rule.condition ? { condition: `${rule.condition} ${hostile(k)}` } : {}),
          ...(rule.sourceLabel ? { sourceLabel: `${rule.sourceLabel} ${hostile(k + 1)}` } : {}),
        })),
        ...(provider.portNote ? { portNote: `${provider.portNote} ${hostile(i)}` } : {}),
        references: provider.references.map((ref, k) => ({
          title: `${ref.title} ${hostile(i + k)}`,
          url: `${ref.url}${ref.url.includes('?') ? '&' : '?'}q=<!channel>|x&y=1`,
        })),
        notes: [...provider.notes, hostile(i + 2)],
      })),
    },
    'hostile catalog',
  );
  return hostileCatalogCache;
}
