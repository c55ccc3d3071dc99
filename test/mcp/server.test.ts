import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogProviders } from '../../src/engine/providers.js';
import { isRulesQuery } from '../../src/engine/rules-request.js';
import {
  AnswerOutput,
  CheckPlanOutput,
  DelegateNetworkOutput,
  PolicyOutput,
  RulesOutput,
} from '../../src/mcp/schemas.js';
import { HELP_EXAMPLES } from '../../src/render/wording.js';
import { realCatalog } from '../helpers/catalog.js';
import { asJson, cliJson, connectedClient, resourceText, resultText, schemaProblem } from '../helpers/mcp.js';

const catalog = realCatalog();
let client: Client;
let close: () => Promise<void>;
const tools = new Map<string, Tool>();

beforeAll(async () => {
  ({ client, close } = await connectedClient(catalog));
  for (const tool of (await client.listTools()).tools) tools.set(tool.name, tool);
});
afterAll(() => close());

/** Calls a tool and, unless it failed, checks its structured content against the schema it advertises. */
async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (!result.isError) {
    expect(result.structuredContent, `${name} returned no structured content`).toBeDefined();
    expect(schemaProblem(tools.get(name)?.outputSchema, asJson(result.structuredContent))).toBeUndefined();
  }
  return result;
}

/** A failed call: MCP's tool error with one line saying what was wrong. */
async function failure(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(name, args);
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const text = resultText(result);
  expect(text).not.toContain('\n');
  return text;
}

describe('the MCP server, through the SDK client over an in-memory transport', () => {
  it('lists its six read-only tools, each with an input and an output schema', () => {
    expect([...tools.keys()]).toEqual([
      'lookup',
      'providers_for_port',
      'delegate_network',
      'firewall_rules',
      'check_plan',
      'permission_snippets',
    ]);
    for (const tool of tools.values()) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        openWorldHint: false,
      });
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description).toMatch(/source|review/);
    }
    expect(tools.get('lookup')?.description).toContain('not stated by Harness');
    expect(tools.get('lookup')?.inputSchema.required).toEqual(['query']);
  });

  it('says who it is and how to use its answers', () => {
    expect(client.getServerVersion()?.name).toBe('harness-ports');
    expect(client.getInstructions()).toContain('never guessed into a provider');
  });

  describe('lookup', () => {
    // The product's own examples (the help's), as every face answers them, and typos and misses.
    const queries = [
      ...HELP_EXAMPLES.map((example) => example.query).filter((query) => !isRulesQuery(query)),
      'jenkins and nexus',
      'github token scopes',
      'vault',
      'splnuk',
      'frobnicator',
      'does the delegate need inbound ports?',
    ];

    it.each(queries.filter((query) => !query.startsWith('policy')))(
      'answers "%s" exactly as the CLI --json does',
      async (query) => {
        const result = await call('lookup', { query });
        expect(asJson(result.structuredContent)).toEqual(cliJson(...query.split(' ')));
      },
    );

    it('looks up the providers of a snippets request ("policy aws ec2"), whose snippets are permission_snippets\'s', async () => {
      const answer = AnswerOutput.parse(
        (await call('lookup', { query: 'policy aws ec2' })).structuredContent,
      );
      expect(answer.providers.map((p) => p.id)).toEqual(['aws-ec2']);
      const snippets = await call('permission_snippets', { providers: ['aws', 'ec2'] });
      expect(asJson(snippets.structuredContent)).toEqual({
        ...(cliJson('policy', 'aws', 'ec2') as object),
        query: 'aws ec2',
      });
    });

    it("gives Splunk's card: TCP 8089, its permission and its source, as structure and as text", async () => {
      const result = await call('lookup', { query: 'splunk' });
      const answer = AnswerOutput.parse(result.structuredContent);
      expect(answer.providers.map((p) => p.id)).toEqual(['splunk', 'splunk-connector']);
      expect(answer.providers[0]?.ports).toEqual([
        expect.objectContaining({ port: 8089, protocol: 'TCP', inferred: false }),
      ]);
      expect(answer.sources[0]?.title).toBe('Permissions and Ports for Harness Connections');
      expect(resultText(result)).toContain('TCP 8089: Splunk REST API');
    });

    it('flags an inferred port: Vault 8200 is not stated by Harness', async () => {
      const answer = AnswerOutput.parse((await call('lookup', { query: 'vault' })).structuredContent);
      const vault = answer.providers.find((p) => p.id === 'hashicorp-vault');
      expect(vault?.ports).toContainEqual(expect.objectContaining({ port: 8200, inferred: true }));
    });

    it('never invents a provider: an unknown word is unmatched, with close names offered for a typo', async () => {
      const miss = AnswerOutput.parse((await call('lookup', { query: 'frobnicator' })).structuredContent);
      expect(miss).toMatchObject({ intent: 'none', providers: [], unmatched: ['frobnicator'] });
      const typo = await call('lookup', { query: 'splnuk' });
      expect(AnswerOutput.parse(typo.structuredContent).providers.map((p) => p.id)).toEqual([
        'splunk',
        'splunk-connector',
      ]);
    });

    it('refuses an empty or over-long query with one line', async () => {
      expect(await failure('lookup', { query: '  ' })).toContain('must not be empty');
      expect(await failure('lookup', { query: 'x'.repeat(501) })).toContain('at most 500 characters');
      expect(await failure('lookup', {})).toContain('query');
    });
  });

  describe('providers_for_port', () => {
    it('answers 8089 and 443 exactly as the CLI --json does', async () => {
      for (const port of [8089, 443, 53]) {
        const result = await call('providers_for_port', { port });
        expect(asJson(result.structuredContent)).toEqual(cliJson(String(port)));
      }
    });

    it('lists the providers that state 443 before those it is only the usual port of', async () => {
      const answer = AnswerOutput.parse((await call('providers_for_port', { port: 443 })).structuredContent);
      const inferred = answer.providers.map((p) =>
        p.ports.filter((r) => r.port === 443).every((r) => r.inferred),
      );
      expect(inferred.indexOf(true)).toBeGreaterThan(0);
      expect(inferred.slice(inferred.indexOf(true)).every(Boolean)).toBe(true);
    });

    it('narrows by protocol: the catalog word (ldaps) or the transport (tcp keeps HTTPS, udp keeps nothing)', async () => {
      const ids = async (port: number, protocol: string) =>
        AnswerOutput.parse(
          (await call('providers_for_port', { port, protocol })).structuredContent,
        ).providers.map((p) => p.id);
      expect(await ids(636, 'ldaps')).toEqual(['active-directory-ldap']);
      expect(await ids(443, 'tcp')).toEqual(AnswerOutput.parse(cliJson('443')).providers.map((p) => p.id));
      expect(await ids(443, 'udp')).toEqual([]);
      const text = resultText(await call('providers_for_port', { port: 8089, protocol: 'udp' }));
      expect(text).toBe('Over UDP only.\n\nNo provider in the catalog uses port 8089.');
    });

    it('refuses a port out of range or not a number, and a protocol that is not a word', async () => {
      expect(await failure('providers_for_port', { port: 70000 })).toContain('must be 1 to 65535');
      expect(await failure('providers_for_port', { port: 0 })).toContain('must be 1 to 65535');
      expect(await failure('providers_for_port', { port: '8089' })).toContain('port');
      expect(await failure('providers_for_port', { port: 80.5 })).toContain('whole number');
      expect(await failure('providers_for_port', { port: 443, protocol: 'tcp; rm' })).toContain(
        'one protocol word',
      );
    });
  });

  describe('delegate_network', () => {
    it('gives the proxy topic\'s facts and variables, the same as the CLI\'s topics for "proxy"', async () => {
      const result = await call('delegate_network', { topic: 'proxy' });
      const network = DelegateNetworkOutput.parse(result.structuredContent);
      expect(network.cluster).toBeNull();
      expect(asJson(network.topics)).toEqual(AnswerOutput.parse(cliJson('proxy')).topics);
      expect(network.topics[0]?.proxyVariables.map((v) => v.name)).toContain('NO_PROXY');
      expect(resultText(result)).toContain('Delegate behind a proxy  (Delegate network)');
    });

    it('takes a topic id, and names the cluster first with its host', async () => {
      const result = await call('delegate_network', { topic: 'reach-harness', cluster: 'prod3' });
      const network = DelegateNetworkOutput.parse(result.structuredContent);
      expect(network.cluster).toEqual({ name: 'Prod3', host: 'app3.harness.io' });
      expect(network.topics.map((t) => t.id)).toContain('reach-harness');
      expect(network.topics.flatMap((t) => t.named.clusters)).toContain('Prod3');
    });

    it('answers a yes/no question its data answers: the Delegate needs no inbound ports', async () => {
      const result = await call('delegate_network', { topic: 'does the delegate need inbound ports?' });
      expect(DelegateNetworkOutput.parse(result.structuredContent).topicAnswer?.answer).toBe('no');
    });

    it('refuses a topic it does not have, and a cluster Harness does not have, naming the ones it has', async () => {
      const topic = await failure('delegate_network', { topic: 'frobnicate' });
      expect(topic).toMatch(/^No Delegate network topic matches "frobnicate"\. Topics: .*proxy.*mtls/);
      const cluster = await failure('delegate_network', { topic: 'proxy', cluster: 'prod9' });
      expect(cluster).toMatch(/^No Harness cluster is called "prod9"\. Clusters: Prod1, /);
    });
  });

  describe('firewall_rules', () => {
    it('writes the rules exactly as the CLI rules --json does, in each format asked', async () => {
      for (const format of ['k8s', 'csv', 'aws-sg']) {
        const result = await call('firewall_rules', { providers: ['splunk', 'jenkins'], format });
        expect(asJson(result.structuredContent)).toEqual(
          cliJson('rules', 'splunk', 'jenkins', '--format', format),
        );
        expect(resultText(result)).toBe(RulesOutput.parse(result.structuredContent).text);
      }
      const withCluster = await call('firewall_rules', { providers: ['nexus'], cluster: 'prod3' });
      expect(asJson(withCluster.structuredContent)).toEqual(cliJson('rules', 'nexus', '--cluster', 'prod3'));
    });

    it("includes the Delegate's own egress to Harness when asked, without any provider", async () => {
      const result = await call('firewall_rules', { delegate: true, format: 'csv' });
      const rules = RulesOutput.parse(result.structuredContent);
      expect(rules.delegate).toBe(true);
      expect(rules.rules.map((rule) => rule.destination.value)).toContain('app.harness.io');
    });

    it('writes the rules for the names it knows and says first which named nothing, as the CLI does', async () => {
      const result = await call('firewall_rules', { providers: ['splunk', 'frobnicator'], format: 'csv' });
      const rules = RulesOutput.parse(result.structuredContent);
      expect(asJson(rules)).toEqual(cliJson('rules', 'splunk', 'frobnicator', '--format', 'csv'));
      expect(rules.providers.map((p) => p.id)).toEqual(['splunk']);
      expect(rules.unmatched).toEqual(['frobnicator']);
      expect(resultText(result)).toBe(
        `No provider is called "frobnicator".\n\nLeft out of the rules below, which are for Splunk only.\n\n${rules.text}`,
      );
    });

    it('refuses an unknown provider, cluster or format, and a request for nothing, with one line', async () => {
      expect(await failure('firewall_rules', { providers: ['frobnicator'] })).toBe(
        'No provider is called "frobnicator".',
      );
      expect(await failure('firewall_rules', { providers: ['splunk'], cluster: 'prod9' })).toContain(
        'No Harness cluster is called "prod9"',
      );
      expect(await failure('firewall_rules', { providers: ['splunk'], format: 'yaml2' })).toContain('format');
      expect(await failure('firewall_rules', {})).toContain('Name at least one provider');
    });
  });

  describe('check_plan', () => {
    it("plans Splunk's stated port to the destination given, and the Delegate's path to Prod3, with the command to run", async () => {
      const result = await call('check_plan', {
        providers: ['splunk'],
        delegate: true,
        cluster: 'prod3',
        to: ['splunk=splunk.corp.example.com:8089'],
      });
      const plan = CheckPlanOutput.parse(result.structuredContent);
      expect(plan.command).toBe(
        'harness-ports check splunk delegate --cluster prod3 --to splunk=splunk.corp.example.com:8089',
      );
      const splunk = plan.probes.find((p) => p.providerId === 'splunk');
      expect(splunk).toMatchObject({
        host: 'splunk.corp.example.com',
        port: 8089,
        protocol: 'TCP',
        required: true,
      });
      expect(splunk?.steps).toEqual(['dns', 'tcp']);
      const harness = plan.probes.find((p) => p.providerId === 'harness' && p.port === 443 && p.required);
      expect(harness?.host).toBe('app3.harness.io');
      expect(harness?.steps).toContain('wss');
      expect(plan.probes.every((p) => p.host !== '' && !p.host.includes('REPLACE'))).toBe(true);
      expect(resultText(result)).toContain("Run on the Delegate's host: harness-ports check splunk");
    });

    it('holds a port Harness does not state unless all is asked', async () => {
      const held = CheckPlanOutput.parse(
        (await call('check_plan', { providers: ['vault'], to: ['hashicorp-vault=vault.corp.example.com'] }))
          .structuredContent,
      );
      expect(held.probes).toEqual([]);
      expect(held.notProbed).toContainEqual(expect.objectContaining({ port: 8200, reason: 'held' }));
      const all = CheckPlanOutput.parse(
        (
          await call('check_plan', {
            providers: ['vault'],
            to: ['hashicorp-vault=vault.corp.example.com'],
            all: true,
          })
        ).structuredContent,
      );
      expect(all.probes).toEqual([
        expect.objectContaining({
          port: 8200,
          required: false,
          marks: ['inferred'],
          host: 'vault.corp.example.com',
        }),
      ]);
    });

    it('refuses a request that names nothing, a bad destination or a destination for a provider not checked', async () => {
      expect(await failure('check_plan', { providers: [] })).toContain('Name at least one provider');
      expect(await failure('check_plan', { providers: ['splunk'], to: ['splunk'] })).toContain('to: splunk');
      expect(await failure('check_plan', { providers: ['splunk'], to: ['nexus=nexus.corp:8081'] })).toContain(
        'nexus is not among the providers checked',
      );
    });
  });

  describe('permission_snippets', () => {
    it('gives the grants exactly as the CLI --permissions --json does', async () => {
      for (const providers of [['aws ec2'], ['hashicorp-vault', 'github'], ['splunk']]) {
        const result = await call('permission_snippets', { providers });
        expect(asJson(result.structuredContent)).toEqual(
          cliJson('--permissions', ...providers.flatMap((name) => name.split(' '))),
        );
      }
    });

    it('writes the snippets as code, each grant with its sentence', async () => {
      const result = await call('permission_snippets', { providers: ['aws ec2'] });
      const policy = PolicyOutput.parse(result.structuredContent);
      const grant = policy.providers[0]?.grants.find((g) => g.value === 'ec2:DescribeRegions');
      expect(grant?.statement).toBeTruthy();
      expect(resultText(result)).toContain('ec2:DescribeRegions');
    });

    it('refuses no provider and an unknown one with one line', async () => {
      expect(await failure('permission_snippets', { providers: [] })).toContain(
        'must name at least one provider',
      );
      expect(await failure('permission_snippets', { providers: ['frobnicator'] })).toBe(
        'No provider is called "frobnicator".',
      );
    });
  });

  it('answers a tool it does not have with a tool error', async () => {
    expect(await failure('no_such_tool', {})).toContain('no_such_tool not found');
  });

  describe('resources', () => {
    it('lists every provider and every Delegate topic', async () => {
      const { resources } = await client.listResources();
      const uris = resources.map((resource) => resource.uri);
      expect(catalogProviders(catalog).length).toBeGreaterThanOrEqual(84);
      expect(catalog.delegate!.topics.length).toBeGreaterThanOrEqual(34);
      for (const provider of catalogProviders(catalog))
        expect(uris).toContain(`harness-ports://provider/${provider.id}`);
      for (const topic of catalog.delegate!.topics)
        expect(uris).toContain(`harness-ports://delegate/${topic.id}`);
      expect(resources.every((resource) => resource.mimeType === 'text/markdown')).toBe(true);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
        'harness-ports://provider/{id}',
        'harness-ports://delegate/{topic}',
      ]);
    });

    it("reads Splunk's card as markdown, whole", async () => {
      const { contents } = await client.readResource({ uri: 'harness-ports://provider/splunk' });
      expect(contents).toEqual([
        {
          uri: 'harness-ports://provider/splunk',
          mimeType: 'text/markdown',
          text: [
            '# Splunk',
            '',
            '_Verification provider · FirstGen table_',
            '',
            '## Permissions',
            '',
            '- User account with Read permissions on eventtypes objects.',
            '',
            '## Ports',
            '',
            '- TCP 8089: Splunk REST API',
            '',
            '## References',
            '',
            '- [Set permissions for objects in a Splunk app](http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88)',
            '',
            'Source: [Permissions and Ports for Harness Connections](https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements) (FirstGen table)',
            '',
          ].join('\n'),
        },
      ]);
    });

    it('reads every provider and topic: its name as the heading, its sources linked', async () => {
      expect(catalogProviders(catalog).length).toBeGreaterThanOrEqual(84);
      expect(catalog.delegate!.topics.length).toBeGreaterThanOrEqual(34);
      for (const provider of catalogProviders(catalog)) {
        const { contents } = await client.readResource({ uri: `harness-ports://provider/${provider.id}` });
        const text = resourceText(contents[0]);
        expect(text.startsWith(`# ${provider.name}\n`)).toBe(true);
        expect(text).toContain(`Source: [${provider.source.title}]`);
      }
      for (const topic of catalog.delegate!.topics) {
        const { contents } = await client.readResource({ uri: `harness-ports://delegate/${topic.id}` });
        const text = resourceText(contents[0]);
        expect(text.startsWith(`# ${topic.title}\n`)).toBe(true);
        if (!topic.notDocumented) expect(text).toContain('## Sources');
      }
    });

    it('refuses an id it does not have with MCP\'s "resource not found"', async () => {
      const read = client.readResource({ uri: 'harness-ports://provider/frobnicator' });
      await expect(read).rejects.toThrow(McpError);
      await expect(read).rejects.toMatchObject({ code: -32002 });
      for (const uri of ['harness-ports://delegate/nope', 'harness-ports://provider/%zz'])
        await expect(client.readResource({ uri })).rejects.toMatchObject({ code: -32002 });
    });

    it('completes a provider id', async () => {
      const { completion } = await client.complete({
        ref: { type: 'ref/resource', uri: 'harness-ports://provider/{id}' },
        argument: { name: 'id', value: 'spl' },
      });
      expect(completion.values).toEqual(['splunk', 'splunk-connector']);
    });
  });

  describe('prompts', () => {
    it('lists its two prompts', async () => {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((prompt) => prompt.name)).toEqual([
        'plan_delegate_network',
        'least_privilege_permissions',
      ]);
    });

    it("plans the Delegate's network with the providers' cards and the cluster's host embedded", async () => {
      const { messages } = await client.getPrompt({
        name: 'plan_delegate_network',
        arguments: { providers: 'splunk, jenkins', cluster: 'prod3' },
      });
      const first = messages[0]?.content;
      expect(first?.type === 'text' && first.text).toContain(
        'Splunk, Jenkins on the Prod3 cluster (app3.harness.io)',
      );
      const embedded = messages.flatMap((m) => (m.content.type === 'resource' ? [m.content.resource] : []));
      expect(embedded.map((r) => r.uri)).toEqual([
        'harness-ports://provider/splunk',
        'harness-ports://provider/jenkins',
        'harness-ports://delegate/reach-harness',
        'harness-ports://delegate/clusters',
      ]);
      expect(resourceText(embedded[0])).toContain('TCP 8089');
    });

    it('gives the permission snippets to review for least privilege', async () => {
      const { messages } = await client.getPrompt({
        name: 'least_privilege_permissions',
        arguments: { providers: 'aws ec2' },
      });
      const first = messages[0]?.content;
      expect(first?.type === 'text' && first.text).toContain('ec2:DescribeRegions');
    });

    it('refuses a provider it does not know, even beside one it knows', async () => {
      for (const providers of ['frobnicator', 'splunk, frobnicator'])
        await expect(
          client.getPrompt({ name: 'plan_delegate_network', arguments: { providers } }),
        ).rejects.toThrow('No provider is called "frobnicator".');
    });
  });
});
