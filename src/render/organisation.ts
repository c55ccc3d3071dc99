import type { Provider } from '../catalog/schema.js';

/** The heading every face puts above what your organisation's overlay adds (CATALOG_OVERLAY). */
export const ORGANISATION_HEADING = 'Your organisation';

/**
 * What the overlay adds to a provider, one plain-text line each (not escaped: each face escapes), or
 * none. A provider of your own says that no Harness source states its facts.
 */
export function organisationLines(provider: Provider): string[] {
  const facts = provider.organisation;
  if (!facts) return [];
  const lines: string[] = [];
  if (facts.addedProvider) lines.push('Added by your organisation: no Harness source states these facts.');
  if (facts.destinations.length) lines.push(`Destinations: ${facts.destinations.join(', ')}`);
  const owner = [facts.team, facts.channel].filter(Boolean).join(', ');
  if (owner) lines.push(`Owner: ${owner}`);
  for (const note of facts.notes) lines.push(`Note: ${note}`);
  if (facts.aliases.length) lines.push(`Also called: ${facts.aliases.join(', ')}`);
  return lines;
}

/** What the overlay adds, on one line for a list row ("Your organisation: Destinations: …; Owner: …"), or "". */
export function organisationSummary(provider: Provider): string {
  const lines = organisationLines(provider);
  return lines.length ? `${ORGANISATION_HEADING}: ${lines.join('; ')}` : '';
}
