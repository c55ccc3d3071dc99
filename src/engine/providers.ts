import type { Catalog, Provider } from '../catalog/schema.js';

/**
 * The catalog's providers as one list: the FirstGen table's rows first, then the NextGen connectors.
 * The engine searches them alike; renderers tell them apart by their source's edition.
 */

const all = new WeakMap<Catalog, { list: readonly Provider[]; byId: Map<string, Provider> }>();

function entry(catalog: Catalog) {
  let found = all.get(catalog);
  if (!found) {
    const list = [...catalog.providers, ...catalog.connectors];
    found = { list, byId: new Map(list.map((provider) => [provider.id, provider])) };
    all.set(catalog, found);
  }
  return found;
}

/** Every provider of the catalog: the table's rows, then the NextGen connectors. */
export function catalogProviders(catalog: Catalog): readonly Provider[] {
  return entry(catalog).list;
}

/** A table row or NextGen connector by id. */
export function findProvider(catalog: Catalog, id: string): Provider | undefined {
  return entry(catalog).byId.get(id);
}

/** True for a row of the FirstGen table; false for a NextGen connector. */
export function isTableRow(provider: Provider): boolean {
  return provider.source.edition === 'firstgen-table';
}

/** True when the provider uses `port` only as the product's usual port, which Harness does not state. */
export function usesOnlyInferred(provider: Provider, port: number): boolean {
  let uses = false;
  for (const rule of provider.ports) {
    if (rule.port !== port) continue;
    if (!rule.inferred) return false;
    uses = true;
  }
  return uses;
}
