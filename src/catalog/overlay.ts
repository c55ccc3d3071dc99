import { z } from 'zod';
import { HARNESS_RULE_PROVIDER, parseDestination } from './destination.js';
import type { Catalog } from './schema.js';
import {
  checkProvider,
  type OrganisationFacts,
  type Provider,
  ProviderSchema,
  providerTerms,
  type Source,
} from './schema.js';
import { compactKey } from './terms.js';
import { CATEGORY_PHRASES, MAKERS } from './vocabulary.js';

/**
 * Your organisation's overlay (CATALOG_OVERLAY, or the CLI's --overlay): per provider, the hosts or
 * CIDRs the Delegate reaches (the destinations of its firewall rules), the team or Slack channel that
 * owns the change, notes and extra aliases; and whole providers of your own (an internal artifact
 * server). It never changes a source fact: it only adds, and every face labels what it adds as your
 * organisation's. Loaded by src/catalog/load.ts after the catalog it applies to.
 */

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const DestinationSchema = text(253).refine(
  (value) => parseDestination(value) !== undefined,
  'must be a host name, an IP address or a CIDR (e.g. "splunk.example.com", "10.20.0.0/16")',
);

/** What the overlay may say about a provider, whether the catalog's or its own. */
const organisationFields = {
  destinations: z.array(DestinationSchema).max(50, 'must list at most 50 destinations').default([]),
  team: text(100).optional(),
  channel: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^#[a-z0-9][a-z0-9._-]{0,79}$/, 'must be a Slack channel name such as "#netsec"')
    .optional(),
};

const ProviderOverlaySchema = z.strictObject({
  ...organisationFields,
  notes: z.array(text(500)).default([]),
  aliases: z.array(text(60)).default([]),
});

/** A provider of your own: the catalog's provider fields (no source: you are its source) and the fields above. */
const {
  source: _source,
  sameAs: _sameAs,
  facts: _facts,
  evidence: _evidence,
  disagreements: _disagreements,
  connectivity: _connectivity,
  ...providerFields
} = ProviderSchema.shape;
const AddedProviderSchema = z
  .strictObject({ ...providerFields, ...organisationFields })
  .superRefine(checkProvider);

export const OverlaySchema = z.strictObject({
  /** By provider id: what your organisation adds to a provider of the catalog. */
  providers: z.record(z.string(), ProviderOverlaySchema).default({}),
  /** Providers of your own. */
  add: z.array(AddedProviderSchema).default([]),
});

export type Overlay = z.infer<typeof OverlaySchema>;

/** The source every overlay fact cites: the file, as your organisation's. */
export function organisationSource(file: string): Source {
  return { id: 'organisation', title: `Your organisation (${file})`, edition: 'organisation' };
}

type Problem = { path: PropertyKey[]; message: string };

/**
 * Applies a validated overlay to a catalog: a new catalog whose providers carry `organisation` (and
 * its aliases), with your own providers after the table's rows. Returns the problems instead when an
 * entry names no provider or an alias or id is already taken; the loader reports the first.
 */
export function applyOverlay(catalog: Catalog, overlay: Overlay, file: string): Catalog | Problem[] {
  const problems: Problem[] = [];
  const source = organisationSource(file);
  const owners = new Map<string, string>();
  const claim = (term: string, owner: string) => owners.set(compactKey(term), owner);
  const everyProvider = [...catalog.providers, ...catalog.connectors];
  // Every term the search answers with a provider, as the search index reads them.
  for (const provider of everyProvider) {
    for (const [term] of providerTerms(provider)) claim(term, provider.id);
  }
  for (const topic of catalog.delegate?.topics ?? []) {
    for (const term of [topic.title, ...topic.aliases]) claim(term, `topic "${topic.id}"`);
  }
  // Words that ask for a set of providers ("aws", "microsoft", "artifact servers") stay sets.
  for (const provider of everyProvider)
    if (provider.group) claim(provider.group, `group "${provider.group}"`);
  for (const maker of MAKERS) for (const phrase of maker.phrases) claim(phrase, `maker "${maker.name}"`);
  for (const [category, phrases] of Object.entries(CATEGORY_PHRASES)) {
    for (const phrase of phrases) claim(phrase, `category "${category}"`);
  }
  const checkTerm = (term: string, owner: string, path: PropertyKey[]) => {
    const key = compactKey(term);
    const previous = owners.get(key);
    if (!key) problems.push({ path, message: 'must contain a letter or a digit' });
    else if (previous !== undefined && previous !== owner)
      problems.push({
        path,
        message: `"${term}" already names ${/^(topic|group|maker|category) /.test(previous) ? previous : `provider "${previous}"`}`,
      });
    else owners.set(key, owner);
  };

  const changed = new Map<string, Provider>();
  for (const [id, entry] of Object.entries(overlay.providers)) {
    const provider = everyProvider.find((p) => p.id === id);
    if (!provider) {
      problems.push({ path: ['providers', id], message: `no provider of the catalog has id "${id}"` });
      continue;
    }
    entry.aliases.forEach((alias, index) => {
      checkTerm(alias, id, ['providers', id, 'aliases', index]);
    });
    const organisation: OrganisationFacts = {
      destinations: entry.destinations,
      ...(entry.team ? { team: entry.team } : {}),
      ...(entry.channel ? { channel: entry.channel } : {}),
      notes: entry.notes,
      aliases: entry.aliases,
      addedProvider: false,
    };
    changed.set(id, { ...provider, aliases: [...provider.aliases, ...entry.aliases], organisation });
  }

  const addedIds = new Set<string>();
  const added = overlay.add.map((entry, index): Provider => {
    const { destinations, team, channel, ...fields } = entry;
    if (
      everyProvider.some((p) => p.id === fields.id) ||
      addedIds.has(fields.id) ||
      fields.id === HARNESS_RULE_PROVIDER
    )
      problems.push({
        path: ['add', index, 'id'],
        message: `"${fields.id}" is already the id of a provider`,
      });
    addedIds.add(fields.id);
    for (const [term] of providerTerms(fields)) checkTerm(term, fields.id, ['add', index, 'aliases']);
    return {
      ...fields,
      source,
      sameAs: [],
      facts: [],
      evidence: [],
      disagreements: [],
      revisions: [],
      grants: [],
      organisation: {
        destinations,
        ...(team ? { team } : {}),
        ...(channel ? { channel } : {}),
        notes: [],
        aliases: [],
        addedProvider: true,
      },
    };
  });
  if (problems.length) return problems;
  const apply = (provider: Provider) => changed.get(provider.id) ?? provider;
  return {
    ...catalog,
    providers: [...catalog.providers.map(apply), ...added],
    connectors: catalog.connectors.map(apply),
    sources: [...catalog.sources, source],
    overlay: file,
  };
}
