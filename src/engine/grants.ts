import type { Grant, GrantKind } from '../catalog/grants.js';
import type { Provider, Source } from '../catalog/schema.js';

/**
 * Permission snippets: the exact grants a source names (an AWS managed policy, an IAM action, a
 * token scope, a GCP or Azure role, a Vault ACL path), read from the catalog's permission sentences.
 * The grants are data (data/grants.yml, schema and checks in src/catalog/grants.ts): the loaded
 * catalog gives each provider its grants, each quoting the sentence it comes from (`statement`) with
 * that sentence's page. A grant whose sentence the provider no longer has is dropped here too, never
 * stated unsourced. Pure: no I/O.
 */

/** A grant as the catalog holds it, without its page. */
export type { GrantEntry as Grant } from '../catalog/grants.js';
export type { GrantKind };

/** A grant with the provider it is for and the page its sentence comes from. */
export interface ProviderGrant extends Grant<Source> {
  providerId: string;
  providerName: string;
}

/** The ids of the providers of a catalog whose sentences name an exact grant (for tests and help). */
export function providersWithGrants(catalog: {
  providers: readonly Provider[];
  connectors: readonly Provider[];
}): string[] {
  return [...catalog.providers, ...catalog.connectors].filter(hasGrants).map((provider) => provider.id);
}

/** The provider's grants whose sentence it still has (a permission sentence, or a fact's text). */
function stated(provider: Provider): Provider['grants'] {
  return provider.grants.filter(
    (grant) =>
      provider.permissions.includes(grant.statement) ||
      provider.facts.some((fact) => fact.text === grant.statement),
  );
}

/** Whether a provider's sentences name any exact grant: grantsFor without building the grants. */
export function hasGrants(provider: Provider): boolean {
  return stated(provider).length > 0;
}

/** The grants a provider's permission sentences name; none when its sentences name no exact grant. */
export function grantsFor(provider: Provider): ProviderGrant[] {
  return stated(provider).map((grant) => ({
    ...grant,
    providerId: provider.id,
    providerName: provider.name,
  }));
}
