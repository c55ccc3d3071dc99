import { readFileSync } from 'node:fs';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, GetPromptResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Catalog, Provider, Topic } from '../catalog/schema.js';
import {
  type GivenDestination,
  givenDestinationProblems,
  parseGivenDestination,
} from '../engine/check-plan.js';
import { portLookup } from '../engine/port-lookup.js';
import { catalogProviders, findProvider } from '../engine/providers.js';
import { type FaceOptions, readRequest, readRequestAs, searchOf } from '../engine/request.js';
import { findCluster, rulesFor } from '../engine/rules-request.js';
import type { TopicMatch } from '../engine/types.js';
import { policyProblems, renderPolicy } from '../render/grants.js';
import { answerJson } from '../render/json.js';
import { providerMarkdown, topicMarkdown } from '../render/markdown.js';
import { policyJson } from '../render/policy-json.js';
import {
  DEFAULT_RULE_FORMAT,
  noProviderCalled,
  RULES_USAGE,
  rulesJson,
  rulesNotices,
  rulesProblems,
} from '../render/rules/response.js';
import { renderText } from '../render/text.js';
import { topicsText } from '../render/topic-text.js';
import { categoryText, editionText, topicAnswerLine } from '../render/wording.js';
import {
  AnswerOutput,
  CheckPlanInput,
  CheckPlanOutput,
  DelegateNetworkInput,
  DelegateNetworkOutput,
  FirewallRulesInput,
  LookupInput,
  PermissionSnippetsInput,
  PolicyOutput,
  PortInput,
  RulesOutput,
} from './schemas.js';

/**
 * The MCP face: the catalog's tools, resources and prompts on an McpServer. Thin: each tool reads its
 * arguments into the engine's request (answer, portLookup, rulesRequest, policyRequest), and returns
 * the CLI's `--json` projection as `structuredContent` with the terminal text beside it. Transports
 * (stdio, Streamable HTTP, in-memory in tests) connect to the server this returns.
 */

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Every tool only reads the bundled catalog: nothing changes, nothing leaves the process. */
const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

const SOURCED =
  'Every fact carries the page it comes from (sources): cite it. A port with inferred: true is the ' +
  "product's usual port, not stated by Harness: say so, never present it as Harness's requirement.";

const INSTRUCTIONS = `harness-ports answers which permissions and firewall ports the Harness Delegate needs for each provider (Splunk, Nexus, AWS, GitHub, Vault…) and what the Delegate itself needs to reach Harness (clusters, proxy, allowlist, mTLS), from a catalog of Harness's own pages. Prefer these tools to memory for Harness ports and permissions. ${SOURCED} A word the catalog does not know is never guessed into a provider: the answer says so and may suggest close names; ask the user which they meant.`;

export const PROVIDER_URI = 'harness-ports://provider/';
export const DELEGATE_URI = 'harness-ports://delegate/';
const MARKDOWN = 'text/markdown';
/** JSON-RPC's error for a resource that does not exist (MCP specification, "Resources"). */
const RESOURCE_NOT_FOUND = -32002;

/** A tool's failure the caller can fix: MCP's tool error, one line, the same words as the CLI's. */
const toolError = (problems: readonly string[]): CallToolResult => ({
  content: [{ type: 'text', text: problems.join(' ') }],
  isError: true,
});

const result = (structuredContent: Record<string, unknown>, text: string): CallToolResult => ({
  structuredContent,
  content: [{ type: 'text', text }],
});

/** The one variable of a URI template's match (the SDK gives a list for exploded variables), decoded. */
function variable(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    // Not valid percent-encoding ("%zz"): no id looks like that, so it is simply not found.
    return raw;
  }
}

const topicsOf = (catalog: Catalog): readonly Topic[] => catalog.delegate?.topics ?? [];

/** A topic's card as every face finds it: the answer to its title, the Home tab's way of opening one. */
function topicMatch(catalog: Catalog, topic: Topic): TopicMatch | undefined {
  return searchOf(readRequest(topic.title, catalog, { as: 'answer' })).topics?.find(
    (match) => match.topic.id === topic.id,
  );
}

const clusterProblem = (catalog: Catalog, name: string) =>
  `No Harness cluster is called "${name}". Clusters: ${(catalog.delegate?.clusters ?? []).map((c) => c.cluster).join(', ')}.`;

/**
 * The tools and prompts read their arguments through the one request path (src/engine/request.ts),
 * each fixing the kind it answers, as the CLI's flags do.
 */
function requestPath(catalog: Catalog) {
  return {
    lookupAnswer: (query: string) => searchOf(readRequest(query, catalog, { as: 'answer' })),
    rulesOf: (words: string, options: Omit<FaceOptions, 'as'>) =>
      readRequestAs('rules', words, catalog, options).rules,
    checkOf: (words: string, options: Omit<FaceOptions, 'as'>) =>
      readRequestAs('check', words, catalog, options),
    policyOf: (words: string) => readRequestAs('policy', words, catalog).policy,
  };
}

function registerTools(server: McpServer, catalog: Catalog): void {
  const { lookupAnswer, rulesOf, checkOf, policyOf } = requestPath(catalog);
  const topics = topicsOf(catalog);

  server.registerTool(
    'lookup',
    {
      title: 'Look up Harness Delegate ports and permissions',
      description: `Answers a question about what the Harness Delegate needs for providers: their permissions (accounts, token scopes, IAM, roles), ports (protocol, number, conditions), links, and the Delegate's own network, from Harness's pages. Use it for any question naming providers ("splunk", "jenkins and nexus", "github token scopes", "aws"), a port ("8089") or a Delegate topic ("proxy", "prod3"). The result is the CLI's --json answer. ${SOURCED} Words that name nothing come back in unmatched, with close names in suggestions: never an answer.`,
      inputSchema: LookupInput,
      outputSchema: AnswerOutput.shape,
      annotations: { title: 'Look up', ...READ_ONLY },
    },
    ({ query }) => {
      const found = lookupAnswer(query);
      const structured: z.infer<typeof AnswerOutput> = answerJson(found);
      return result(structured, renderText(found, ''));
    },
  );

  server.registerTool(
    'providers_for_port',
    {
      title: 'Which providers use a port',
      description: `Reverse lookup: which providers the Harness Delegate reaches on a port (and, optionally, over one protocol: tcp, udp, https, ldaps…), those whose Harness page states the port first, then those it is only the usual port of (inferred). The result is the CLI's --json answer for the port. ${SOURCED}`,
      inputSchema: PortInput,
      outputSchema: AnswerOutput.shape,
      annotations: { title: 'Providers for a port', ...READ_ONLY },
    },
    ({ port, protocol }) => {
      const found = portLookup(port, protocol, catalog);
      const structured: z.infer<typeof AnswerOutput> = answerJson(found);
      const text = renderText(found, '');
      return result(structured, protocol ? `Over ${protocol.toUpperCase()} only.\n\n${text}` : text);
    },
  );

  server.registerTool(
    'delegate_network',
    {
      title: "The Delegate's own network",
      description: `What the Harness Delegate itself needs on the network, by topic: ${topics.map((t) => `${t.id} (${t.title})`).join(', ')}. Give a topic id or the words people use (NO_PROXY, ip allowlist, inbound ports), and your cluster to get its host first. ${SOURCED}`,
      inputSchema: DelegateNetworkInput,
      outputSchema: DelegateNetworkOutput.shape,
      annotations: { title: 'Delegate network', ...READ_ONLY },
    },
    ({ topic, cluster }) => {
      const chosen = cluster === undefined ? undefined : findCluster(catalog, cluster);
      if (cluster !== undefined && !chosen) return toolError([clusterProblem(catalog, cluster)]);
      const ask = (words: string) => lookupAnswer([words, chosen?.cluster].filter(Boolean).join(' '));
      // The words as people type them; a topic id they do not find ("reach-harness") is asked by its title.
      const byId = topics.find((t) => t.id === topic.toLowerCase());
      let found = ask(topic);
      if (byId && !found.topics?.some((match) => match.topic.id === byId.id)) found = ask(byId.title);
      if (!found.topics?.length) {
        return toolError([
          `No Delegate network topic matches "${topic}". Topics: ${topics.map((t) => t.id).join(', ')}.`,
        ]);
      }
      const json = answerJson(found);
      const structured: z.infer<typeof DelegateNetworkOutput> = {
        query: json.query,
        cluster: chosen ? { name: chosen.cluster, host: chosen.host } : null,
        topics: json.topics,
        topicAnswer: json.topicAnswer,
      };
      const yesOrNo = topicAnswerLine(found);
      return result(structured, [...(yesOrNo ? [yesOrNo] : []), ...topicsText(found.topics)].join('\n\n'));
    },
  );

  server.registerTool(
    'firewall_rules',
    {
      title: 'Firewall rules for the Delegate',
      description: `Egress rules for the Harness Delegate to reach providers (and, with delegate or a cluster, Harness itself), written in a firewall format (k8s NetworkPolicy, aws-sg Terraform, aws-cli, azure-nsg, gcp, iptables, csv), with the structured rules. A starting point to review, never to apply blindly: destinations are placeholders unless the organisation's overlay names them, and rules for inferred or conditional ports are written commented out with why (hold). Names that match no provider are left out and listed in unmatched and notices: tell the user. The result is the CLI's rules --json.`,
      inputSchema: FirewallRulesInput,
      outputSchema: RulesOutput.shape,
      annotations: { title: 'Firewall rules', ...READ_ONLY },
    },
    ({ providers, format, cluster, delegate }) => {
      const request = rulesOf(['rules', ...providers].join(' '), { format, cluster, delegate });
      const problems = rulesProblems(request, catalog);
      if (problems.length) return toolError(problems);
      const chosen = request.format ?? DEFAULT_RULE_FORMAT;
      const structured: z.infer<typeof RulesOutput> = rulesJson(request, chosen, rulesFor(request, catalog));
      // Words that named nothing are said first, as the CLI says them on stderr.
      return result(structured, [...structured.notices, structured.text].join('\n\n'));
    },
  );

  server.registerTool(
    'check_plan',
    {
      title: 'What a connectivity check would probe',
      description: `What \`harness-ports check\` would probe from the Delegate's network for these providers (and the Delegate's own egress to Harness): each destination, port and protocol with its steps (DNS, TCP, TLS, HTTP, WSS), whether it is required, and the rules it does not probe with what to do (a destination to give, a port Harness does not state). Nothing is probed here: tell the user to run the command (in the result) on the Delegate's host or as the Kubernetes Job in deploy/check-job.yaml. The proxy is read from the Delegate's environment when the check runs, not here. ${SOURCED}`,
      inputSchema: CheckPlanInput,
      outputSchema: CheckPlanOutput.shape,
      annotations: { title: 'Check plan', ...READ_ONLY },
    },
    ({ providers, delegate, cluster, to, all }) => {
      const words = [...providers, ...(delegate ? ['delegate'] : [])].join(' ');
      const given: GivenDestination[] = [];
      const toProblems: string[] = [];
      for (const text of to) {
        const destination = parseGivenDestination(text);
        if (typeof destination === 'string') toProblems.push(destination.replace(/^--to /, 'to: '));
        else given.push(destination);
      }
      const { rules: request, plan } = checkOf(words, { cluster, check: { all, to: given } });
      const problems = rulesProblems(request, catalog).filter((problem) => problem !== RULES_USAGE);
      if (request.providers.length === 0 && !request.delegate && problems.length === 0) {
        problems.push('Name at least one provider, or set delegate: true.');
      }
      problems.push(...toProblems);
      problems.push(...givenDestinationProblems(given, request).map((p) => p.replace(/^--to /, 'to: ')));
      if (problems.length) return toolError(problems);
      const command = [
        'harness-ports check',
        ...request.providers.map((p) => p.id),
        ...(request.delegate ? ['delegate'] : []),
        ...(request.cluster ? ['--cluster', request.cluster.cluster.toLowerCase()] : []),
        ...given.map((g) => `--to ${g.providerId}=${g.host}${g.port ? `:${g.port}` : ''}`),
        ...(all ? ['--all'] : []),
      ].join(' ');
      const structured: z.infer<typeof CheckPlanOutput> = {
        command,
        probes: plan.targets.map((t) => ({
          id: t.id,
          providerId: t.providerId,
          providerName: t.providerName,
          host: t.host,
          port: t.port,
          protocol: t.protocol,
          steps: t.steps,
          required: t.required,
          optional: t.optional ?? null,
          marks: t.marks,
          destinationFrom: t.destinationFrom,
          rulesCommand: t.rulesCommand,
        })),
        notProbed: plan.notProbed.map((n) => ({ ...n, port: n.port ?? null })),
        notices: rulesNotices(request),
      };
      const lines = [
        ...structured.notices,
        `Run on the Delegate's host: ${command}`,
        ...structured.probes.map(
          (p) =>
            `- ${p.providerName}: ${p.protocol} ${p.host}:${p.port} (${p.steps.join(' → ')})${p.required ? '' : `, optional${p.optional ? `: ${p.optional}` : ''}`}`,
        ),
        ...structured.notProbed.map(
          (n) => `- not probed: ${n.providerName} ${n.protocol}${n.port ? ` ${n.port}` : ''}: ${n.text}`,
        ),
      ];
      return result(structured, lines.join('\n'));
    },
  );

  server.registerTool(
    'permission_snippets',
    {
      title: 'Permission snippets',
      description:
        "The exact grants Harness pages name for providers (AWS IAM policies and actions, token scopes, GCP and Azure roles, Vault ACL paths), as code to review, each with the sentence and page it comes from. Only what a source names: a provider whose page names no exact grant has none (use lookup for its permission sentences). The result is the CLI's --permissions --json.",
      inputSchema: PermissionSnippetsInput,
      outputSchema: PolicyOutput.shape,
      annotations: { title: 'Permission snippets', ...READ_ONLY },
    },
    ({ providers }) => {
      const query = providers.join(' ');
      const request = policyOf(query);
      const problems = policyProblems(request, 'providers ["aws-connector", "hashicorp-vault"]');
      if (problems.length) return toolError(problems);
      const structured: z.infer<typeof PolicyOutput> = policyJson(query, request.providers);
      return result(structured, renderPolicy(request.providers));
    },
  );
}

function registerResources(server: McpServer, catalog: Catalog): void {
  const providers = catalogProviders(catalog);
  const topics = topicsOf(catalog);
  const describe = (provider: Provider) => `${categoryText(provider)} · ${editionText(provider)}`;

  server.registerResource(
    'provider',
    new ResourceTemplate(`${PROVIDER_URI}{id}`, {
      list: () => ({
        resources: providers.map((provider) => ({
          uri: `${PROVIDER_URI}${provider.id}`,
          name: provider.id,
          title: provider.name,
          description: describe(provider),
          mimeType: MARKDOWN,
        })),
      }),
      complete: { id: (value) => providers.map((p) => p.id).filter((id) => id.startsWith(value)) },
    }),
    {
      title: 'Provider card',
      description: "A provider's card: permissions, ports, links and the page its facts come from.",
      mimeType: MARKDOWN,
    },
    (uri, variables) => {
      const provider = findProvider(catalog, variable(variables.id));
      if (!provider)
        throw new McpError(RESOURCE_NOT_FOUND, `No provider has the id "${variable(variables.id)}".`);
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: providerMarkdown(provider) }] };
    },
  );

  server.registerResource(
    'delegate-topic',
    new ResourceTemplate(`${DELEGATE_URI}{topic}`, {
      list: () => ({
        resources: topics.map((topic) => ({
          uri: `${DELEGATE_URI}${topic.id}`,
          name: topic.id,
          title: topic.title,
          description: "The Harness Delegate's own network",
          mimeType: MARKDOWN,
        })),
      }),
      complete: { topic: (value) => topics.map((t) => t.id).filter((id) => id.startsWith(value)) },
    }),
    {
      title: 'Delegate network topic',
      description: "A topic of the Delegate's own network: its facts, hosts, variables and sources.",
      mimeType: MARKDOWN,
    },
    (uri, variables) => {
      const topic = topics.find((t) => t.id === variable(variables.topic));
      const match = topic && topicMatch(catalog, topic);
      if (!match)
        throw new McpError(
          RESOURCE_NOT_FOUND,
          `No Delegate topic has the id "${variable(variables.topic)}".`,
        );
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: topicMarkdown(match) }] };
    },
  );
}

/** A card as a prompt's embedded resource, so the assistant has the facts, not only their names. */
const embedded = (uri: string, text: string): GetPromptResult['messages'][number] => ({
  role: 'user',
  content: { type: 'resource', resource: { uri, mimeType: MARKDOWN, text } },
});

function registerPrompts(server: McpServer, catalog: Catalog): void {
  const { lookupAnswer, rulesOf, policyOf } = requestPath(catalog);
  const providersArg = z
    .string()
    .trim()
    .min(1, 'must name at least one provider')
    .max(500)
    .describe('the providers, separated by spaces or commas: "splunk, jenkins, nexus"');

  server.registerPrompt(
    'plan_delegate_network',
    {
      title: "Plan the Delegate's network",
      description:
        'Plan what to open for a Harness Delegate that reaches these providers: their ports and the Delegate’s own egress to Harness, with sources.',
      argsSchema: {
        providers: providersArg,
        cluster: z.string().trim().max(40).optional().describe('your Harness cluster: prod1, prod3, eu…'),
      },
    },
    ({ providers, cluster }) => {
      const request = rulesOf(providers.replaceAll(',', ' '), {
        ...(cluster ? { cluster } : {}),
        delegate: true,
      });
      // A plan that silently leaves out a provider asked for is worse than none.
      const unknown = request.unmatched.length
        ? [noProviderCalled(request.unmatched, request.suggestions)]
        : [];
      const problems = [...unknown, ...rulesProblems(request, catalog)];
      if (problems.length) throw new McpError(-32602, problems.join(' '));
      const reach = topicsOf(catalog).find((topic) => topic.id === 'reach-harness');
      const reachMatch =
        reach && lookupAnswer([reach.title, request.cluster?.cluster].filter(Boolean).join(' '));
      const names = request.providers.map((provider) => provider.name).join(', ');
      return {
        description: `The Delegate's network for ${names}`,
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Plan the network of a Harness Delegate that connects to ${names}${request.cluster ? ` on the ${request.cluster.cluster} cluster (${request.cluster.host})` : ''}. Use only the facts in the cards below (from harness-ports, each with its source page). List the egress to open per provider (protocol, port, conditions), then the Delegate's own egress to Harness. Cite each fact's page. Flag every port marked as "the product's usual port, not stated by Harness" as not stated by Harness. Then offer firewall rules with the firewall_rules tool in the format the user's firewall takes.`,
            },
          },
          ...request.providers.map((provider) =>
            embedded(`${PROVIDER_URI}${provider.id}`, providerMarkdown(provider)),
          ),
          ...(reachMatch?.topics ?? []).map((match) =>
            embedded(`${DELEGATE_URI}${match.topic.id}`, topicMarkdown(match)),
          ),
        ],
      };
    },
  );

  server.registerPrompt(
    'least_privilege_permissions',
    {
      title: 'Least-privilege permissions',
      description:
        'Review the exact grants Harness pages name for these providers and propose the least the user needs.',
      argsSchema: { providers: providersArg },
    },
    ({ providers }) => {
      const request = policyOf(providers.replaceAll(',', ' '));
      const problems = policyProblems(request, 'providers "aws-connector, hashicorp-vault"');
      if (problems.length) throw new McpError(-32602, problems.join(' '));
      const names = request.providers.map((provider) => provider.name).join(', ');
      return {
        description: `Least-privilege permissions for ${names}`,
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Help me grant the Harness Delegate's accounts the least they need for ${names}. Below are the permission snippets harness-ports wrote from Harness's pages (only grants a source names; lines commented out apply only to the use named, or are one of several ways) and each provider's card. Ask which uses I need, then give the grants for those only, citing each grant's sentence and page. Do not add grants the sources do not name.\n\n${renderPolicy(request.providers)}`,
            },
          },
          ...request.providers.map((provider) =>
            embedded(`${PROVIDER_URI}${provider.id}`, providerMarkdown(provider)),
          ),
        ],
      };
    },
  );
}

/** An MCP server over the catalog: five read-only tools, provider and topic resources, two prompts. */
export function createMcpServer(catalog: Catalog): McpServer {
  const server = new McpServer(
    { name: 'harness-ports', title: 'Harness Delegate ports and permissions', version: PACKAGE.version },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, catalog);
  registerResources(server, catalog);
  registerPrompts(server, catalog);
  return server;
}
