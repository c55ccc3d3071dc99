import { z } from 'zod';
import { checkGrants, type Grant, GrantsSchema } from './grants.js';
import { compactKey } from './terms.js';

/** Kinds of connection, in the words of the source page's introduction. */
export const CATEGORIES = [
  'artifact-server',
  'cloud-provider',
  'source-repository',
  'verification-provider',
  'security-provider',
  'collaboration',
  'secret-manager',
  'ticketing',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** How each category is shown to people, singular and plural. */
export const CATEGORY_LABELS: Record<Category, { one: string; many: string }> = {
  'artifact-server': { one: 'Artifact server', many: 'Artifact servers' },
  'cloud-provider': {
    one: 'Cloud provider / deployment target',
    many: 'Cloud providers and deployment targets',
  },
  'source-repository': { one: 'Source repository', many: 'Source repositories' },
  'verification-provider': { one: 'Verification provider', many: 'Verification providers' },
  'security-provider': { one: 'Security provider', many: 'Security providers' },
  collaboration: { one: 'Collaboration', many: 'Collaboration providers' },
  'secret-manager': { one: 'Secret manager', many: 'Secret managers' },
  ticketing: { one: 'Ticketing system', many: 'Ticketing systems' },
};

/**
 * Which kind of page a fact comes from: the 29-row FirstGen table ("Permissions and Ports for
 * Harness Connections"), a NextGen connector page, or the Delegate's own docs.
 */
export const EDITIONS = ['firstgen-table', 'nextgen-docs', 'delegate-docs'] as const;
/** A catalog file cites the editions above; `organisation` is your organisation's overlay (CATALOG_OVERLAY). */
export type Edition = (typeof EDITIONS)[number] | 'organisation';
export const EDITION_LABELS: Record<Edition, string> = {
  'firstgen-table': 'FirstGen table',
  'nextgen-docs': 'NextGen docs',
  'delegate-docs': 'Delegate docs',
  organisation: 'Your organisation',
};

/**
 * The page that says where Harness's current addresses are listed: what a provider reached through
 * "Connect through Harness Platform" must accept. The answer points here and never lists IPs.
 */
export const ALLOWLIST_PAGE = {
  title: 'Allowlist Harness Platform IPs and CIDR',
  url: 'https://developer.harness.io/docs/platform/references/allowlist-harness-domains-and-ips',
} as const;

/** How a port the docs do not state is labelled wherever it is shown. */
export const INFERRED_PORT_LABEL = "the product's usual port, not stated by Harness";

const nonEmpty = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .trim()
  .min(1, 'must not be empty');

export const PortRuleSchema = z.strictObject({
  port: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535'),
  protocol: nonEmpty.max(20),
  label: nonEmpty.max(200),
  conditional: z.boolean().default(false),
  /** Why the port is conditional, in the source's words (required when conditional). */
  condition: nonEmpty.max(300).optional(),
  /** The source's own wording for this port when the catalog normalised it, e.g. "HTTP: 443". */
  sourceLabel: nonEmpty.max(200).optional(),
  /** True when Harness's docs do not state this port: the product's usual port (never on a table row). */
  inferred: z.boolean().optional(),
});

export const ReferenceSchema = z.strictObject({
  title: nonEmpty.max(200),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000, 'must be at most 2000 characters'),
});

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const idSchema = z
  .string()
  .regex(idPattern, 'must be lower-case words joined by "-" (e.g. "aws-ec2")')
  .max(64);

/** A page facts come from. `id` is what facts cite; the table's own page has the id "table". */
export const SourceSchema = z.strictObject({
  id: idSchema,
  title: nonEmpty.max(200),
  /** The published page, or the file in its repository. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  edition: z.enum(EDITIONS, { error: `must be one of: ${EDITIONS.join(', ')}` }),
  /** The file in harness/developer-hub, when the fact was read there. */
  path: nonEmpty.max(300).optional(),
  /** The harness/developer-hub commit the file was read at, when known. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/, 'must be a 40-character git commit hash')
    .optional(),
});

/** The table's own page, as data/catalog.yml names it (`source:`). */
export const TableSourceSchema = z.strictObject({
  title: nonEmpty.max(200),
  url: z.url({ protocol: /^https?$/ }).optional(),
  edition: z.literal('firstgen-table', { error: 'must be firstgen-table' }).default('firstgen-table'),
  /** Which version of the page the rows' links come from (see data/source-versions.yml). */
  linksFrom: nonEmpty.max(300).optional(),
});

/**
 * Words copied exactly from a page (whitespace and markdown emphasis aside), so that
 * `catalog:sync --docs` can tell when the page stops saying them.
 */
const quoteSchema = nonEmpty.max(600);

/** One statement with the id of the source that states it (and, where it was read, the page's own words). */
export const FactSchema = z.strictObject({
  text: nonEmpty.max(600),
  source: idSchema,
  quote: quoteSchema.optional(),
});

/**
 * Two pages (or two places of one page) that answer one question differently: every statement is
 * shown with its page, and the answer says they disagree; the catalog never picks one silently.
 */
export const DisagreementSchema = z.strictObject({
  question: nonEmpty.max(300),
  statements: z.array(FactSchema).min(2, 'must give at least two statements'),
});

/** The page's own words behind a provider's permissions and stated ports (its own source unless named). */
export const EvidenceSchema = z.strictObject({
  quote: quoteSchema,
  source: idSchema.optional(),
});

export const ProviderSchema = z
  .strictObject({
    id: idSchema,
    name: nonEmpty.max(100),
    category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` }),
    /** A family of rows people ask for with one word, e.g. "aws". */
    group: z.string().regex(idPattern, 'must be lower-case words joined by "-"').optional(),
    aliases: z.array(nonEmpty.max(60)).default([]),
    permissions: z
      .array(nonEmpty.max(500))
      .min(1, 'must list at least one permission (write "None." if none)'),
    ports: z.array(PortRuleSchema).default([]),
    /** What the source says when there is no fixed port, or a caveat on all of them. */
    portNote: nonEmpty.max(500).optional(),
    references: z.array(ReferenceSchema).default([]),
    notes: z.array(nonEmpty.max(500)).default([]),
    /** The source id of a NextGen connector (table rows take the table's page). */
    source: idSchema.optional(),
    /** On a NextGen connector: the table rows of the same product ("github-repo"). */
    sameAs: z.array(idSchema).default([]),
    /**
     * Where the connector offers both ways to connect: what its page says of connecting through a
     * delegate and of "Connect through Harness Platform" (then the provider must accept Harness's
     * addresses: the answer points to the allowlist page, never to IPs).
     */
    connectivity: z
      .strictObject({ delegate: nonEmpty.max(500).optional(), platform: nonEmpty.max(500).optional() })
      .optional(),
    /** Facts a page other than the provider's own `source` states (a health-source page, say). */
    facts: z.array(FactSchema).default([]),
    /** The page's own words behind the permissions and stated ports, checked by `catalog:sync --docs`. */
    evidence: z.array(EvidenceSchema).default([]),
    /** Where pages disagree about this provider: each statement with its page. */
    disagreements: z.array(DisagreementSchema).default([]),
  })
  .superRefine(checkProvider);

/** A provider's own rules: a port or a portNote saying why none; a condition on every conditional port. */
export function checkProvider(
  provider: {
    ports: Array<{ conditional: boolean; condition?: string | undefined }>;
    portNote?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (provider.ports.length === 0 && !provider.portNote) {
    ctx.addIssue({
      code: 'custom',
      path: ['ports'],
      message: 'must list at least one port, or give a portNote saying why there is none',
    });
  }
  provider.ports.forEach((rule, index) => {
    if (rule.conditional && !rule.condition) {
      ctx.addIssue({
        code: 'custom',
        path: ['ports', index, 'condition'],
        message: 'is required when the port is conditional',
      });
    }
  });
}

const hostSchema = z
  .string()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a host name, e.g. "app.harness.io"')
  .max(253);

/** A Harness SaaS cluster and the host its delegates connect to. */
export const ClusterSchema = z.strictObject({
  cluster: nonEmpty.max(40),
  host: hostSchema,
  source: idSchema,
});

/** A host, other than the cluster's own, that the Delegate may connect to. */
export const EndpointSchema = z.strictObject({
  host: hostSchema,
  /** false: only needed for the purpose given (and can be turned off where `disable` says how). */
  required: z.boolean(),
  purpose: nonEmpty.max(400),
  ports: z.array(PortRuleSchema).default([]),
  disable: z.strictObject({ variable: nonEmpty.max(80), value: nonEmpty.max(40) }).optional(),
  source: idSchema,
});

export const ProxyVariableSchema = z.strictObject({
  name: nonEmpty.max(80),
  meaning: nonEmpty.max(400),
  source: idSchema,
});

export const ImageRegistrySchema = z.strictObject({
  name: nonEmpty.max(80),
  location: nonEmpty.max(300),
  source: idSchema,
});

/** The structured parts of the Delegate's network a topic can show below its facts. */
export const TOPIC_SECTIONS = ['clusters', 'endpoints', 'proxy-variables', 'image-registries'] as const;

/**
 * How a yes/no question that names a topic by one of these aliases is answered, and the topic's
 * fact (by its place in `facts`) that says so: "does the delegate need inbound ports?" is a No,
 * "is the delegate outbound only?" a Yes, both from "connections … are outbound-only".
 */
const TopicYesNoSchema = z.strictObject({
  no: z.array(nonEmpty.max(60)).default([]),
  yes: z.array(nonEmpty.max(60)).default([]),
  fact: z.number().int().min(0),
});

/** One thing people ask about the Delegate's network ("proxy", "prod3", "allowlist"). */
export const TopicSchema = z
  .strictObject({
    id: idSchema,
    title: nonEmpty.max(120),
    /** What people type for it, lower case; like provider aliases, each names one thing only. */
    aliases: z.array(nonEmpty.max(60)).min(1, 'must list at least one alias'),
    facts: z.array(FactSchema).default([]),
    /** Where pages disagree on this topic: each statement with its page. */
    disagreements: z.array(DisagreementSchema).default([]),
    /** Whose network it is: the Delegate's, or Harness's own platform (Self-Managed, Harness Cloud, CI VMs). */
    network: z.enum(['delegate', 'platform']).default('delegate'),
    shows: z.array(z.enum(TOPIC_SECTIONS)).default([]),
    /** The docs do not say (e.g. Gov/FedRAMP hosts): the topic answers "not documented". */
    notDocumented: z.boolean().default(false),
    yesNo: TopicYesNoSchema.optional(),
  })
  .superRefine((topic, ctx) => {
    if (!topic.yesNo) return;
    if (topic.yesNo.fact >= topic.facts.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['yesNo', 'fact'],
        message: `must be the place of one of the topic's ${topic.facts.length} facts (0 is the first)`,
      });
    }
    for (const answer of ['no', 'yes'] as const) {
      topic.yesNo[answer].forEach((phrase, i) => {
        if (!topic.aliases.includes(phrase)) {
          ctx.addIssue({
            code: 'custom',
            path: ['yesNo', answer, i],
            message: `"${phrase}" is not an alias of the topic`,
          });
        }
        if (answer === 'yes' && topic.yesNo!.no.includes(phrase)) {
          ctx.addIssue({
            code: 'custom',
            path: ['yesNo', answer, i],
            message: `"${phrase}" cannot answer both yes and no`,
          });
        }
      });
    }
  });

/** The Delegate's own network: what it must reach at Harness, and how. */
export const DelegateNetworkSchema = z.strictObject({
  /** The connection to Harness: outbound only, on this port and protocol, over this transport. */
  harness: z.strictObject({
    direction: z.literal('outbound-only'),
    port: PortRuleSchema,
    transport: nonEmpty.max(80),
    source: idSchema,
  }),
  clusters: z.array(ClusterSchema).min(1),
  findCluster: FactSchema,
  endpoints: z.array(EndpointSchema).default([]),
  proxyVariables: z.array(ProxyVariableSchema).default([]),
  imageRegistries: z.array(ImageRegistrySchema).default([]),
  topics: z.array(TopicSchema).min(1),
});

/**
 * A table row's text or link that another version of the page words differently: the card shows the
 * row as the catalog holds it and offers the other version's, labelled with that version (`source`).
 */
export const RevisionSchema = z.strictObject({
  provider: idSchema,
  kind: z.enum(['wording', 'link']),
  /** The row's text as the catalog holds it (one of its permissions, or one of its reference URLs). */
  held: nonEmpty.max(2000),
  /** The other version's text or URL. */
  other: nonEmpty.max(2000),
  source: idSchema,
});

/** What a layer file (data/nextgen.yml, data/delegate.yml, data/source-versions.yml, data/grants.yml) may hold. */
export const LayerSchema = z.strictObject({
  layer: nonEmpty.max(60),
  sources: z.array(SourceSchema).default([]),
  connectors: z.array(ProviderSchema).default([]),
  delegate: DelegateNetworkSchema.optional(),
  /** More topics of Harness's own network (Self-Managed, Harness Cloud): added to the Delegate's. */
  topics: z.array(TopicSchema).default([]),
  revisions: z.array(RevisionSchema).default([]),
  /** The exact grants the providers' permission sentences name, by provider id (data/grants.yml). */
  grants: GrantsSchema.default({}),
});

/** The main catalog file, with its layers' contents merged in by the loader. */
const CatalogDocumentSchema = z.strictObject({
  version: z.literal(1, { error: 'must be 1' }),
  title: nonEmpty.max(200),
  source: TableSourceSchema,
  about: z.array(nonEmpty.max(1000)).default([]),
  providers: z.array(ProviderSchema).min(1, 'must list at least one provider'),
  /** Layer files next to this one, loaded into the same catalog. */
  layers: z.array(nonEmpty.max(200)).default([]),
  sources: z.array(SourceSchema).default([]),
  connectors: z.array(ProviderSchema).default([]),
  delegate: DelegateNetworkSchema.optional(),
  revisions: z.array(RevisionSchema).default([]),
  /** Grants by provider id; none for a provider with no entry (a catalog may have none at all). */
  grants: GrantsSchema.default({}),
});

type CatalogDocument = z.infer<typeof CatalogDocumentSchema>;
type Issue = { path: PropertyKey[]; message: string };

/** Every cross-reference of a catalog: unique ids and terms, cited sources, revised rows. */
function crossCheck(catalog: CatalogDocument): Issue[] {
  const issues: Issue[] = [];
  const sourceIds = new Set(['table']);
  catalog.sources.forEach((source, index) => {
    if (sourceIds.has(source.id)) {
      issues.push({ path: ['sources', index, 'id'], message: `duplicate source id "${source.id}"` });
    }
    sourceIds.add(source.id);
  });
  const cite = (id: string | undefined, path: PropertyKey[]) => {
    if (id !== undefined && !sourceIds.has(id)) issues.push({ path, message: `unknown source "${id}"` });
  };
  const seenIds = new Map<string, string>();
  const seenTerms = new Map<string, string>();
  const claim = (term: string, owner: string, path: PropertyKey[]) => {
    // Spacing, case and punctuation ignored, as the search reads a term: "code-deploy" is "CodeDeploy".
    const key = compactKey(term);
    const previous = seenTerms.get(key);
    if (previous !== undefined && previous !== owner) {
      issues.push({ path, message: `"${term}" already names ${previous}` });
    } else {
      seenTerms.set(key, owner);
    }
  };
  const rowIds = new Set(catalog.providers.map((provider) => provider.id));
  const entries = [
    ...catalog.providers.map((provider, index) => ({
      provider,
      path: ['providers', index] as PropertyKey[],
    })),
    ...catalog.connectors.map((provider, index) => ({
      provider,
      path: ['connectors', index] as PropertyKey[],
    })),
  ];
  for (const { provider, path } of entries) {
    const first = seenIds.get(provider.id);
    if (first !== undefined) {
      issues.push({
        path: [...path, 'id'],
        message: `duplicate id "${provider.id}" (also used by ${first})`,
      });
    } else {
      seenIds.set(provider.id, `${String(path[0])}[${String(path[1])}]`);
    }
    for (const [term] of providerTerms(provider)) {
      claim(term, `provider "${provider.id}"`, [...path, 'aliases']);
    }
    const isRow = path[0] === 'providers';
    if (isRow) {
      provider.ports.forEach((rule, index) => {
        if (rule.inferred) {
          issues.push({
            path: [...path, 'ports', index, 'inferred'],
            message: 'a table row shows only the ports the table states',
          });
        }
      });
      if (provider.sameAs.length)
        issues.push({ path: [...path, 'sameAs'], message: 'is for NextGen connectors only' });
    } else {
      if (provider.source === undefined) issues.push({ path: [...path, 'source'], message: 'is required' });
      provider.sameAs.forEach((id, index) => {
        if (!rowIds.has(id))
          issues.push({ path: [...path, 'sameAs', index], message: `no table row has id "${id}"` });
      });
    }
    cite(provider.source, [...path, 'source']);
    provider.facts.forEach((fact, i) => {
      cite(fact.source, [...path, 'facts', i, 'source']);
    });
    provider.evidence.forEach((evidence, i) => {
      if (evidence.source) cite(evidence.source, [...path, 'evidence', i, 'source']);
    });
    provider.disagreements.forEach((disagreement, i) => {
      disagreement.statements.forEach((statement, j) => {
        cite(statement.source, [...path, 'disagreements', i, 'statements', j, 'source']);
      });
    });
  }
  const delegate = catalog.delegate;
  if (delegate) {
    cite(delegate.harness.source, ['delegate', 'harness', 'source']);
    cite(delegate.findCluster.source, ['delegate', 'findCluster', 'source']);
    delegate.clusters.forEach((c, i) => {
      cite(c.source, ['delegate', 'clusters', i, 'source']);
    });
    delegate.endpoints.forEach((e, i) => {
      cite(e.source, ['delegate', 'endpoints', i, 'source']);
    });
    delegate.proxyVariables.forEach((v, i) => {
      cite(v.source, ['delegate', 'proxyVariables', i, 'source']);
    });
    delegate.imageRegistries.forEach((r, i) => {
      cite(r.source, ['delegate', 'imageRegistries', i, 'source']);
    });
    const topicIds = new Set<string>();
    delegate.topics.forEach((topic, index) => {
      const path = ['delegate', 'topics', index];
      if (topicIds.has(topic.id))
        issues.push({ path: [...path, 'id'], message: `duplicate topic id "${topic.id}"` });
      topicIds.add(topic.id);
      for (const term of [topic.title, ...topic.aliases])
        claim(term, `topic "${topic.id}"`, [...path, 'aliases']);
      topic.facts.forEach((fact, i) => {
        cite(fact.source, [...path, 'facts', i, 'source']);
      });
      topic.disagreements.forEach((disagreement, i) => {
        disagreement.statements.forEach((statement, j) => {
          cite(statement.source, [...path, 'disagreements', i, 'statements', j, 'source']);
        });
      });
      if (!topic.notDocumented && topic.facts.length === 0 && topic.shows.length === 0) {
        issues.push({
          path: [...path, 'facts'],
          message: 'must state at least one fact, or set notDocumented',
        });
      }
    });
  }
  catalog.revisions.forEach((revision, index) => {
    const path = ['revisions', index];
    cite(revision.source, [...path, 'source']);
    const row = catalog.providers.find((provider) => provider.id === revision.provider);
    if (!row) {
      issues.push({ path: [...path, 'provider'], message: `no table row has id "${revision.provider}"` });
      return;
    }
    const held =
      revision.kind === 'wording' ? row.permissions : row.references.map((reference) => reference.url);
    if (!held.includes(revision.held)) {
      issues.push({
        path: [...path, 'held'],
        message: `is not one of ${revision.kind === 'wording' ? 'the permissions' : 'the reference URLs'} of "${row.id}"`,
      });
    }
  });
  issues.push(...checkGrants(catalog.grants, [...catalog.providers, ...catalog.connectors]));
  return issues;
}
/** A source as facts carry it; only the table's own page may lack a URL (a catalog file may omit it). */
export type Source = Omit<z.infer<typeof SourceSchema>, 'url' | 'edition'> & {
  url?: string;
  edition: Edition;
};
export type Fact = z.infer<typeof FactSchema>;

/** A table row or NextGen connector as the engine and renderers see it: its source resolved. */
export type Provider = Omit<z.infer<typeof ProviderSchema>, 'source' | 'facts' | 'disagreements'> & {
  source: Source;
  /** Where pages disagree about it, each statement with its page. */
  disagreements: Disagreement[];
  /** Facts other pages state, each with its page. */
  facts: ResolvedFact[];
  /** Where a later version of the table changed this row's text or link (table rows only). */
  revisions: Revision[];
  /** The exact grants its permission sentences (or facts) name, each with the page of its sentence. */
  grants: ProviderGrantEntry[];
  /** What your organisation's overlay adds (CATALOG_OVERLAY); never a source fact. */
  organisation?: OrganisationFacts;
};

/** A fact-bearing entry with its source resolved from the id the file cites. */
type Sourced<T extends { source: string }> = Omit<T, 'source'> & { source: Source };

/** A grant of a provider, with the page of the sentence it quotes. */
export type ProviderGrantEntry = Grant<Source>;
export type Revision = Sourced<z.infer<typeof RevisionSchema>>;
export type ResolvedFact = Sourced<z.infer<typeof FactSchema>>;
export type Topic = Omit<z.infer<typeof TopicSchema>, 'facts' | 'disagreements'> & {
  facts: ResolvedFact[];
  disagreements: Disagreement[];
};
/** Two or more statements of one question that do not agree, each with its page. */
export interface Disagreement {
  question: string;
  statements: ResolvedFact[];
}
export type Cluster = Sourced<z.infer<typeof ClusterSchema>>;
export type Endpoint = Sourced<z.infer<typeof EndpointSchema>>;
export type ProxyVariable = Sourced<z.infer<typeof ProxyVariableSchema>>;
export type ImageRegistry = Sourced<z.infer<typeof ImageRegistrySchema>>;

/**
 * The Delegate's own network, every entry with its source: the connection to Harness, the host per
 * SaaS cluster, other endpoints, proxy variables, image registries, and the topics people ask about.
 */
export interface DelegateNetwork {
  harness: Sourced<z.infer<typeof DelegateNetworkSchema>['harness']>;
  clusters: Cluster[];
  findCluster: ResolvedFact;
  endpoints: Endpoint[];
  proxyVariables: ProxyVariable[];
  imageRegistries: ImageRegistry[];
  topics: Topic[];
}

/**
 * The validated catalog: the table's 29 rows (`providers`), the NextGen connectors beside them, and
 * the Delegate's own network, every fact with its source. `sources` cites by id; the resolved
 * `source` objects on providers, revisions and topic facts are the same entries.
 */
export interface Catalog {
  version: 1;
  title: string;
  source: z.infer<typeof TableSourceSchema>;
  about: string[];
  providers: Provider[];
  connectors: Provider[];
  sources: Source[];
  delegate?: DelegateNetwork;
  /** The overlay file applied (CATALOG_OVERLAY), as shown to people. */
  overlay?: string;
}

export const CatalogSchema = CatalogDocumentSchema.superRefine((catalog, ctx) => {
  for (const issue of crossCheck(catalog)) ctx.addIssue({ code: 'custom', ...issue });
}).transform((document): Catalog => {
  const table: Source = {
    id: 'table',
    title: document.source.title,
    ...(document.source.url ? { url: document.source.url } : {}),
    edition: 'firstgen-table',
  };
  const sources = new Map<string, Source>([[table.id, table]]);
  for (const source of document.sources) sources.set(source.id, source);
  const sourceOf = (id: string | undefined): Source =>
    id === undefined ? table : (sources.get(id) ?? table);
  const revisionsOf = (id: string): Revision[] =>
    document.revisions
      .filter((revision) => revision.provider === id)
      .map((revision) => ({ ...revision, source: sourceOf(revision.source) }));
  const resolveDisagreement = (disagreement: z.infer<typeof DisagreementSchema>): Disagreement => ({
    question: disagreement.question,
    statements: disagreement.statements.map((fact) => ({ ...fact, source: sourceOf(fact.source) })),
  });
  const resolve = (provider: z.infer<typeof ProviderSchema>, isRow: boolean): Provider => {
    const source = sourceOf(provider.source);
    const facts = provider.facts.map((fact) => ({ ...fact, source: sourceOf(fact.source) }));
    // A grant's page is its sentence's: for a fact, the fact's page; for a permission, the provider's
    // own page, unless the permission's words were quoted from another page (an evidence quote with
    // its own source that writes the grant's value: Azure Repos' "Code: Full" is on the Source Code
    // Manager page, not on the connector's).
    const unmarked = (text: string) => text.replace(/[*`_]/g, '');
    const pageOf = (grant: { statement: string; value: string }): Source => {
      if (!provider.permissions.includes(grant.statement))
        return facts.find((fact) => fact.text === grant.statement)?.source ?? source;
      const quoted = provider.evidence.find(
        (evidence) => evidence.source !== undefined && unmarked(evidence.quote).includes(grant.value),
      );
      return quoted ? sourceOf(quoted.source) : source;
    };
    return {
      ...provider,
      source,
      facts,
      disagreements: provider.disagreements.map(resolveDisagreement),
      revisions: isRow ? revisionsOf(provider.id) : [],
      grants: (document.grants[provider.id] ?? []).map((grant) => ({
        ...grant,
        source: pageOf(grant),
      })),
    };
  };
  const delegate = document.delegate;
  const cited = <T extends { source: string }>(entry: T): Sourced<T> => ({
    ...entry,
    source: sourceOf(entry.source),
  });
  return {
    version: document.version,
    title: document.title,
    source: document.source,
    about: document.about,
    providers: document.providers.map((provider) => resolve(provider, true)),
    connectors: document.connectors.map((provider) => resolve(provider, false)),
    sources: [...sources.values()],
    ...(delegate
      ? {
          delegate: {
            harness: cited(delegate.harness),
            clusters: delegate.clusters.map(cited),
            findCluster: cited(delegate.findCluster),
            endpoints: delegate.endpoints.map(cited),
            proxyVariables: delegate.proxyVariables.map(cited),
            imageRegistries: delegate.imageRegistries.map(cited),
            topics: delegate.topics.map((topic) => ({
              ...topic,
              facts: topic.facts.map(cited),
              disagreements: topic.disagreements.map(resolveDisagreement),
            })),
          },
        }
      : {}),
  };
});

export type PortRule = z.infer<typeof PortRuleSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;
/**
 * What your organisation's overlay (CATALOG_OVERLAY) adds to a provider. It never changes a source fact;
 * every face shows it labelled as your organisation's.
 */
export interface OrganisationFacts {
  /** Host names or CIDRs the Delegate reaches for this provider: the destinations of its firewall rules. */
  destinations: string[];
  /** The team that owns the change. */
  team?: string;
  /** The Slack channel that owns the change, e.g. "#netsec". */
  channel?: string;
  notes: string[];
  /** Extra words that name the provider (already part of `aliases`, listed here to show where they came from). */
  aliases: string[];
  /** True when the whole provider comes from the overlay (no source states its facts). */
  addedProvider: boolean;
}

/**
 * Every term a provider is asked for by, as the search index reads them: its name, its name without
 * a bracketed part ("Google Cloud Platform" of "Google Cloud Platform (GCP)"), its id and its
 * aliases, each with how it names the provider.
 */
export function providerTerms(provider: {
  id: string;
  name: string;
  aliases: readonly string[];
}): Array<[string, 'name' | 'alias']> {
  return [
    [provider.name, 'name'],
    [provider.name.replace(/\s*\([^)]*\)/g, ''), 'name'],
    [provider.id, 'name'],
    ...provider.aliases.map((alias): [string, 'alias'] => [alias, 'alias']),
  ];
}
