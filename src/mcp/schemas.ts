import { z } from 'zod';
import { GRANT_KINDS } from '../catalog/grants.js';
import { CATEGORIES, EDITIONS } from '../catalog/schema.js';
import { MAX_QUERY_LENGTH } from '../engine/answer.js';
import { RULE_FORMAT_IDS } from '../engine/rules.js';
import type { Intent, MatchKind } from '../engine/types.js';

/**
 * The MCP tools' schemas: what each tool takes, and what its `structuredContent` is. The outputs are
 * the CLI's `--json` shapes (src/render/json.ts, rules/response.ts, policy-json.ts) written as zod, so
 * a client can check them; test/mcp/schemas.test.ts keeps each one equal to its TypeScript type.
 */

const INTENTS = [
  'provider',
  'port',
  'topic',
  'checklist',
  'list',
  'help',
  'smalltalk',
  'none',
] as const satisfies readonly Intent[];
const MATCH_KINDS = [
  'name',
  'alias',
  'fuzzy',
  'group',
  'maker',
  'category',
  'port',
  'list',
  'sameAs',
] as const satisfies readonly MatchKind[];
const ALL_EDITIONS = [...EDITIONS, 'organisation'] as const;

const SourceOutput = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  edition: z.enum(ALL_EDITIONS),
  editionLabel: z.string(),
  path: z.string().nullable(),
  commit: z.string().nullable(),
});

const FactOutput = z.object({ text: z.string(), source: SourceOutput });
/** Where pages disagree: the question and every statement with its page (none is picked). */
const DisagreementOutput = z.object({ question: z.string(), statements: z.array(FactOutput) });

const TopicOutput = z.object({
  id: z.string(),
  title: z.string(),
  matchedBy: z.enum(['alias', 'fuzzy']),
  term: z.string(),
  notDocumented: z.boolean(),
  notDocumentedText: z.string().nullable(),
  facts: z.array(FactOutput),
  named: z.object({
    clusters: z.array(z.string()),
    proxyVariables: z.array(z.string()),
    endpoints: z.array(z.string()),
  }),
  clusters: z.array(z.object({ cluster: z.string(), host: z.string(), source: SourceOutput })),
  findCluster: FactOutput.nullable(),
  endpoints: z.array(
    z.object({
      host: z.string(),
      required: z.boolean(),
      purpose: z.string(),
      ports: z.array(
        z.object({ port: z.number(), protocol: z.string(), label: z.string(), inferred: z.boolean() }),
      ),
      disable: z.object({ variable: z.string(), value: z.string() }).nullable(),
      source: SourceOutput,
    }),
  ),
  proxyVariables: z.array(z.object({ name: z.string(), meaning: z.string(), source: SourceOutput })),
  imageRegistries: z.array(z.object({ name: z.string(), location: z.string(), source: SourceOutput })),
  network: z.enum(['delegate', 'platform']),
  disagreements: z.array(DisagreementOutput),
});

const ProviderOutput = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  categoryLabel: z.string(),
  group: z.string().nullable(),
  matchedBy: z.enum(MATCH_KINDS),
  permissions: z.array(z.string()),
  ports: z.array(
    z.object({
      port: z.number(),
      protocol: z.string(),
      label: z.string(),
      conditional: z.boolean(),
      condition: z.string().nullable(),
      sourceLabel: z.string().nullable(),
      inferred: z
        .boolean()
        .describe("true: Harness's docs do not state this port; it is the product's usual port"),
    }),
  ),
  portNote: z.string().nullable(),
  facts: z.array(FactOutput),
  disagreements: z.array(DisagreementOutput),
  connectivity: z
    .object({
      delegate: z.string().nullable(),
      platform: z.string().nullable(),
      allowlist: z.string().nullable(),
    })
    .nullable(),
  references: z.array(z.object({ title: z.string(), url: z.string() })),
  notes: z.array(z.string()),
  organisation: z
    .object({
      destinations: z.array(z.string()),
      team: z.string().nullable(),
      channel: z.string().nullable(),
      notes: z.array(z.string()),
      aliases: z.array(z.string()),
      addedProvider: z.boolean(),
    })
    .nullable(),
  edition: z.enum(ALL_EDITIONS),
  source: SourceOutput,
  sameAs: z.array(z.string()),
  revisions: z.array(
    z.object({
      kind: z.enum(['wording', 'link']),
      held: z.string(),
      other: z.string(),
      source: SourceOutput,
    }),
  ),
});

const ScopeOutput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), group: z.string() }),
  z.object({ kind: z.literal('maker'), maker: z.string() }),
  z.object({ kind: z.literal('category'), category: z.enum(CATEGORIES) }),
  z.object({ kind: z.literal('all') }),
]);

const TopicAnswerOutput = z.object({ answer: z.enum(['yes', 'no']), fact: FactOutput }).nullable();

/** `lookup` and `providers_for_port`: the CLI's `--json` answer (AnswerJson). */
export const AnswerOutput = z.object({
  query: z.string(),
  intent: z.enum(INTENTS),
  headline: z.string().describe('the answer in one line, plain text'),
  scope: ScopeOutput.nullable(),
  port: z.number().nullable(),
  ports: z.array(z.number()),
  providers: z.array(ProviderOutput),
  suggestions: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('close names for words that named nothing: never an answer'),
  unmatched: z.array(z.string()),
  invalidPorts: z.array(z.string()),
  notes: z
    .array(z.string())
    .describe('what the answer says of words it did not use: not recognised, not a valid port, what to try'),
  yesNo: z.boolean(),
  focus: z.array(
    z.object({
      id: z.string(),
      port: z.number().nullable(),
      protocol: z.string().nullable(),
      uses: z.boolean(),
      ports: z.array(z.number()),
      inferred: z.boolean(),
    }),
  ),
  topics: z.array(TopicOutput),
  topicAnswer: TopicAnswerOutput,
  sources: z.array(SourceOutput),
});

/** `delegate_network`: the topics found, the cluster named, and a yes/no the topic's data answers. */
export const DelegateNetworkOutput = z.object({
  query: z.string(),
  cluster: z.object({ name: z.string(), host: z.string() }).nullable(),
  topics: z.array(TopicOutput),
  topicAnswer: TopicAnswerOutput,
});

const DestinationOutput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cidr'), value: z.string(), family: z.union([z.literal(4), z.literal(6)]) }),
  z.object({ kind: z.literal('host'), value: z.string(), fromCatalog: z.literal(true).optional() }),
  z.object({ kind: z.literal('placeholder'), value: z.string() }),
]);

/** `firewall_rules`: the CLI's `rules … --json`. */
export const RulesOutput = z.object({
  query: z.string(),
  intent: z.literal('rules'),
  format: z.enum(RULE_FORMAT_IDS),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  delegate: z.boolean(),
  cluster: z.object({ name: z.string(), host: z.string() }).nullable(),
  unmatched: z
    .array(z.string())
    .describe('words that named no provider: left out of the rules, never guessed'),
  invalidPorts: z.array(z.string()),
  notices: z.array(z.string()).describe('what to tell the user before the rules: the words left out'),
  rules: z.array(
    z.object({
      providerId: z.string(),
      providerName: z.string(),
      name: z.string(),
      protocol: z.string(),
      transport: z.enum(['TCP', 'UDP']).optional(),
      port: z.number().nullable(),
      direction: z.literal('egress'),
      destination: DestinationOutput,
      note: z.string(),
      conditional: z.boolean(),
      condition: z.string().optional(),
      inferred: z.boolean(),
      inferredReason: z.string().optional(),
      sources: z.array(z.object({ title: z.string(), url: z.string().optional() })).optional(),
      hold: z.string().nullable().describe('why the rule is written commented out; null: it can be opened'),
    }),
  ),
  text: z.string().describe('the rules in the format, to review before applying'),
});

/** `permission_snippets`: the CLI's `--permissions --json`. */
export const PolicyOutput = z.object({
  query: z.string(),
  providers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      grants: z.array(
        z.object({
          kind: z.enum(GRANT_KINDS),
          value: z.string(),
          when: z.string().optional(),
          alternative: z.string().optional(),
          capabilities: z.array(z.string()).optional(),
          resource: z.string().optional(),
          token: z.string().optional(),
          hold: z.string().optional(),
          statement: z.string().describe("the catalog's permission sentence the grant comes from, exactly"),
          source: z.object({
            id: z.string(),
            title: z.string(),
            url: z.string().optional(),
            edition: z.enum(ALL_EDITIONS),
            path: z.string().optional(),
            commit: z.string().optional(),
          }),
        }),
      ),
    }),
  ),
});

const query = z
  .string()
  .trim()
  .min(1, 'must not be empty: name a provider, a port or a Delegate topic')
  .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`);
const providerName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const providerNames = z
  .array(providerName)
  .min(1, 'must name at least one provider')
  .max(30, 'must name at most 30 providers')
  .describe('provider names, aliases or ids, e.g. ["splunk", "aws ec2", "hashicorp-vault"]');
const cluster = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('your Harness SaaS cluster: prod1, prod2, prod3, prod4, eu (or its host, app3.harness.io)');

export const LookupInput = {
  query: query.describe(
    'a question or names as a person types them: "splunk", "which ports does the delegate need for jenkins and nexus", "github token scopes", "8089", "aws"',
  ),
};

export const PortInput = {
  port: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 to 65535')
    .max(65535, 'must be 1 to 65535'),
  protocol: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,15}$/i, 'must be one protocol word, e.g. tcp, https, ldaps')
    .optional()
    .describe('a protocol word to narrow the lookup: tcp, udp, https, ldaps, ssh…'),
};

export const DelegateNetworkInput = {
  topic: z
    .string()
    .trim()
    .min(1, 'must not be empty: a topic such as proxy, allowlist, mtls')
    .max(200)
    .describe(
      'a topic id (see the harness-ports://delegate/ resources) or the words people use: proxy, NO_PROXY, ip allowlist, mTLS, inbound ports, which cluster, image registry',
    ),
  cluster: cluster.optional(),
};

export const FirewallRulesInput = {
  providers: z
    .array(providerName)
    .max(30, 'must name at most 30 providers')
    .default([])
    .describe('the providers the rules are for, e.g. ["splunk", "nexus"]; may be empty with delegate: true'),
  format: z
    .enum(RULE_FORMAT_IDS)
    .optional()
    .describe('the rules format (default k8s: a Kubernetes NetworkPolicy)'),
  cluster: cluster
    .optional()
    .describe('include the Delegate’s own egress to this Harness cluster (prod1, prod3, eu…)'),
  delegate: z
    .boolean()
    .optional()
    .describe("include the Delegate's own egress to Harness (implied by cluster)"),
};

export const PermissionSnippetsInput = { providers: providerNames };

/** check_plan: what `harness-ports check` would probe from the Delegate's network. */
export const CheckPlanInput = {
  providers: z
    .array(providerName)
    .max(30, 'must name at most 30 providers')
    .default([])
    .describe('the providers to check, e.g. ["splunk", "nexus"]; may be empty with delegate: true'),
  delegate: z.boolean().default(false).describe("also check the Delegate's own egress to Harness"),
  cluster: cluster.optional().describe('the Harness cluster the Delegate connects to (prod1, prod3, eu…)'),
  to: z
    .array(z.string().trim().min(1).max(300))
    .max(30)
    .default([])
    .describe('destinations as provider=host[:port], e.g. ["splunk=splunk.corp.example.com:8089"]'),
  all: z.boolean().default(false).describe('also probe conditional ports and ports Harness does not state'),
};

const ProbeOutput = z.object({
  id: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  host: z.string(),
  port: z.number(),
  protocol: z.string(),
  steps: z.array(z.enum(['dns', 'tcp', 'proxy', 'tls', 'http', 'wss'])),
  required: z.boolean(),
  optional: z.string().nullable(),
  marks: z.array(z.enum(['conditional', 'inferred'])),
  destinationFrom: z.enum(['catalog', 'overlay', 'to']),
  rulesCommand: z.string(),
});

export const CheckPlanOutput = z.object({
  command: z.string(),
  probes: z.array(ProbeOutput),
  notProbed: z.array(
    z.object({
      providerId: z.string(),
      providerName: z.string(),
      port: z.number().nullable(),
      protocol: z.string(),
      reason: z.enum(['needs-destination', 'range', 'udp', 'no-port', 'unknown-protocol', 'held']),
      text: z.string(),
    }),
  ),
  notices: z.array(z.string()),
});
