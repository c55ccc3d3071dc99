import type { Provider } from '../catalog/schema.js';
import { grantsFor, type ProviderGrant } from '../engine/grants.js';

/** One grant in `--permissions --json`: the engine's grant without the provider it sits under. */
export type GrantJson = Omit<ProviderGrant, 'providerId' | 'providerName'>;

/** The CLI's `--permissions --json` output (and the MCP `permission_snippets` tool's): a public interface. */
export interface PolicyJson {
  query: string;
  providers: Array<{ id: string; name: string; grants: GrantJson[] }>;
}

/** The permission snippets of the providers a request named, as JSON: each provider with its grants. */
export function policyJson(query: string, providers: readonly Provider[]): PolicyJson {
  return {
    query,
    providers: providers.map((provider) => ({
      id: provider.id,
      name: provider.name,
      grants: grantsFor(provider).map(({ providerId: _id, providerName: _name, ...grant }) => grant),
    })),
  };
}
