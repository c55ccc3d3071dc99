import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../src/cli.js';
import type { AnswerJson } from '../src/render/json.js';
import { ABOUT_TEXT } from '../src/render/wording.js';
import { providerById, realCatalog } from './helpers/catalog.js';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const BIN = join(REPO_ROOT, 'bin/harness-ports.js');
const scratch = mkdtempSync(join(tmpdir(), 'harness-ports-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI in-process and collects what it prints. */
function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n'), outCalls: out.length, errCalls: err.length };
}

function writeCatalog(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('runCli', () => {
  it('prints a readable answer for "splunk"', () => {
    const { code, out, err } = cli('splunk');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('Splunk  (Verification provider · FirstGen table)');
    expect(out).toContain('TCP 8089: Splunk REST API');
    expect(out).toContain('http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88');
  });

  it('joins the words of an unquoted question', () => {
    const { out } = cli(
      'what',
      'ports',
      'does',
      'the',
      'delegate',
      'need',
      'for',
      'splunk',
      'and',
      'jenkins?',
    );
    expect(out).toContain('Splunk  (Verification provider · FirstGen table)');
    expect(out).toContain('Jenkins  (Artifact server · FirstGen table)');
  });

  it('prints JSON with --json: "what port does splunk use" is Splunk with port 8089 first', () => {
    const { code, out, outCalls } = cli('--json', 'what port does splunk use');
    expect(code).toBe(0);
    expect(outCalls).toBe(1);
    const output = JSON.parse(out) as AnswerJson;
    expect(output.intent).toBe('provider');
    expect(output.providers[0]).toMatchObject({
      id: 'splunk',
      name: 'Splunk',
      category: 'verification-provider',
    });
    expect(output.providers[0]!.ports[0]).toEqual({
      port: 8089,
      protocol: 'TCP',
      label: 'Splunk REST API',
      conditional: false,
      condition: null,
      sourceLabel: null,
      inferred: false,
    });
    expect(output.providers[0]).toMatchObject({
      edition: 'firstgen-table',
      sameAs: ['splunk-connector'],
      revisions: [],
    });
    // Then its NextGen connector, on HTTPS 8089, from its page and a health-source page.
    expect(output.providers[1]).toMatchObject({
      id: 'splunk-connector',
      edition: 'nextgen-docs',
      sameAs: ['splunk'],
    });
    expect(output.providers[1]!.ports.map((rule) => [rule.protocol, rule.port, rule.inferred])).toEqual([
      ['HTTPS', 8089, false],
    ]);
    expect(output.sources.map((source) => [source.id, source.edition])).toEqual([
      ['table', 'firstgen-table'],
      ['ng-monitoring', 'nextgen-docs'],
      ['ng-splunk-health', 'nextgen-docs'],
    ]);
    expect(output.providers[0]!.references[0]!.url).toBe(
      'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
    );
  });

  it('accepts --json after the query words', () => {
    const output = JSON.parse(cli('what', 'port', 'does', 'splunk', 'use', '--json').out) as AnswerJson;
    expect(output.query).toBe('what port does splunk use');
    expect(output.providers.map((p) => p.id)).toEqual(['splunk', 'splunk-connector']);
  });

  it.each([
    ['8089', 'port', ['splunk', 'splunk-connector']],
    ['which providers use 5985?', 'port', ['azure', 'winrm', 'winrm-credential']],
    ['checklist splunk jenkins nexus', 'checklist', ['splunk', 'jenkins', 'nexus']],
    [
      'aws',
      'provider',
      ['aws-cloud', 'aws-codedeploy', 'aws-ec2', 'aws-elb-alb-ecs', 'aws-s3', 'aws-connector'],
    ],
    ['vault', 'provider', ['hashicorp-vault']],
    ['8200', 'port', ['hashicorp-vault']],
    ['help', 'help', []],
    ['mongodb', 'none', []],
  ])('answers %j with intent %s and providers %j', (query, intent, ids) => {
    const { code, out } = cli('--json', query);
    expect(code).toBe(0);
    const output = JSON.parse(out) as AnswerJson;
    expect(output.intent).toBe(intent);
    expect(output.providers.map((p) => p.id)).toEqual(ids);
  });

  it('answers the Delegate network in text and --json: "we\'re on prod3, which host?"', () => {
    const text = cli("we're on prod3, which host?");
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      'Harness host per SaaS cluster  (Delegate network)\n  > Prod3: app3.harness.io [1]',
    );
    expect(text.out).toMatch(
      /\n {4}\[1\] Allowlist Harness Platform IPs and CIDR \(Delegate docs\): https:\/\//,
    );
    const output = JSON.parse(cli('--json', 'NO_PROXY').out) as AnswerJson;
    expect(output.intent).toBe('topic');
    expect(output.providers).toEqual([]);
    const [topic] = output.topics;
    expect(topic?.id).toBe('proxy');
    expect(topic?.named.proxyVariables).toEqual(['NO_PROXY']);
    expect(topic?.proxyVariables.find((v) => v.name === 'NO_PROXY')?.source.editionLabel).toBe(
      'Delegate docs',
    );
  });

  it('lists the 29 table rows and the 55 NextGen connectors for "list"', () => {
    const output = JSON.parse(cli('--json', 'list').out) as AnswerJson;
    expect(output.intent).toBe('list');
    expect(output.providers).toHaveLength(29 + 55);
    expect(output.providers.filter((p) => p.edition === 'firstgen-table')).toHaveLength(29);
  });

  it('gives suggestions for a near miss', () => {
    const output = JSON.parse(cli('--json', 'cloud').out) as AnswerJson;
    expect(output.intent).toBe('none');
    expect(output.suggestions.map((s) => s.id)).toContain('aws-cloud');
  });

  it('prints the help text with no query', () => {
    const { code, out } = cli();
    expect(code).toBe(0);
    expect(out).toContain(ABOUT_TEXT);
    expect(out).toContain('harness-ports checklist splunk jenkins nexus');
  });

  it('prints usage and examples for --help and -h', () => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = cli(flag);
      expect(code).toBe(0);
      expect(err).toBe('');
      expect(out).toMatch(/^Usage: harness-ports \[--json\] \[--catalog FILE\]/);
      expect(out).toContain('harness-ports 8089');
    }
  });

  it('answers from another catalog given with --catalog', () => {
    const { source: _source, revisions: _revisions, grants: _grants, ...splunk } = providerById('splunk');
    const { title, source, about } = realCatalog();
    const custom = {
      version: 1,
      title,
      source,
      about,
      providers: [{ ...splunk, ports: [{ ...splunk.ports[0]!, port: 18089 }] }],
    };
    const path = writeCatalog('custom.yml', stringify(custom));
    const output = JSON.parse(cli('--catalog', path, '--json', '18089').out) as AnswerJson;
    expect(output.providers.map((p) => p.id)).toEqual(['splunk']);
    expect(JSON.parse(cli('--catalog', path, '--json', 'jenkins').out).intent).toBe('none');
  });

  it('reports a catalog that is not valid YAML in one stderr line and exits 1', () => {
    const path = writeCatalog('broken.yml', 'version: 1\nproviders: [\n');
    const { code, out, err, errCalls } = cli('--catalog', path, 'splunk');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(errCalls).toBe(1);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^harness-ports: .*broken\.yml: not valid YAML at line \d+, column \d+/);
  });

  it('reports a catalog entry that breaks the schema by its id and field, and exits 1', () => {
    const splunk = providerById('splunk');
    const bad = {
      ...realCatalog(),
      providers: [{ ...splunk, ports: [{ ...splunk.ports[0]!, port: 70000 }] }],
    };
    const path = writeCatalog('bad-port.yml', stringify(bad));
    const { code, err } = cli('--catalog', path, 'splunk');
    expect(code).toBe(1);
    expect(err).not.toContain('\n');
    expect(err).toContain('providers[0] (id "splunk").ports[0].port: must be between 1 and 65535');
  });

  it('reports a missing catalog file and exits 1', () => {
    const { code, err } = cli('--catalog', join(scratch, 'nope.yml'), 'splunk');
    expect(code).toBe(1);
    expect(err).toMatch(/^harness-ports: .*nope\.yml: catalog file not found$/);
  });

  it('rejects an unknown flag with usage and exit code 2', () => {
    const { code, out, err } = cli('--jsn', 'splunk');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain("harness-ports: Unknown option '--jsn'");
    expect(err).toContain('Usage: harness-ports');
  });

  it('rejects --catalog without a file with exit code 2', () => {
    const { code, err } = cli('--catalog');
    expect(code).toBe(2);
    expect(err).toContain('--catalog');
  });
});

describe('the built harness-ports command', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 15_000 });

  it('prints Splunk with port 8089 first for --json "what port does splunk use"', () => {
    const { status, stdout, stderr } = run('--json', 'what port does splunk use');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as AnswerJson;
    expect(output.intent).toBe('provider');
    expect(output.providers[0]!.id).toBe('splunk');
    expect(output.providers[0]!.ports[0]!.port).toBe(8089);
  });

  it('prints a readable answer for "splunk"', () => {
    const { status, stdout } = run('splunk');
    expect(status).toBe(0);
    expect(stdout).toContain('TCP 8089: Splunk REST API');
  });

  it('exits 1 with one stderr line for a broken --catalog', () => {
    const path = writeCatalog('broken-spawn.yml', 'version: 1\nproviders: [\n');
    const { status, stdout, stderr } = run('--catalog', path, 'splunk');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('not valid YAML');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown flag', () => {
    const { status, stderr } = run('--nope');
    expect(status).toBe(2);
    expect(stderr).toContain("Unknown option '--nope'");
  });
});

describe('runCli rules', () => {
  it('prints the rules of "rules splunk jenkins" in the format asked for', () => {
    const { code, out, err } = cli('rules', 'splunk', 'jenkins', '--format', 'iptables');
    expect(code).toBe(0);
    expect(err).toBe('');
    const commands = out.split('\n').filter((line) => line.startsWith('iptables'));
    expect(commands).toEqual([
      "iptables -A OUTPUT -p tcp -d 'REPLACE_WITH_SPLUNK_CIDR' --dport 8089 -m comment --comment 'splunk-8089' -j ACCEPT",
      "iptables -A OUTPUT -p tcp -d 'REPLACE_WITH_JENKINS_CIDR' --dport 443 -m comment --comment 'jenkins-443' -j ACCEPT",
    ]);
    expect(out).toContain('A starting point to review, not to apply blindly');
  });

  it('writes a Kubernetes NetworkPolicy by default, and reads a format word in the query', () => {
    expect(cli('rules', 'splunk').out).toContain('kind: NetworkPolicy');
    expect(cli('firewall', 'rules', 'for', 'splunk', 'as', 'terraform').out).toContain(
      'resource "aws_vpc_security_group_egress_rule" "splunk-8089" {',
    );
  });

  it('prints CSV with CRLF rows only (nothing added after the last row)', () => {
    const { out } = cli('rules', 'splunk', '--format', 'csv');
    expect(`${out}\n`).toBe(
      'provider,protocol,port,direction,destination,conditional,note\r\n' +
        'Splunk,TCP,8089,egress,REPLACE_WITH_SPLUNK_CIDR,no,TCP 8089: Splunk REST API; destination is a placeholder: replace it; source: Permissions and Ports for Harness Connections <https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements>\r\n',
    );
  });

  it("--cluster includes the Delegate's own egress to that cluster's host", () => {
    const { code, out } = cli('rules', 'delegate', '--cluster', 'prod3', '--format', 'iptables');
    expect(code).toBe(0);
    expect(out).toContain(
      "\niptables -A OUTPUT -p tcp -d 'app3.harness.io' --dport 443 -m comment --comment 'harness-443' -j ACCEPT\n",
    );
    expect(out).toContain(
      "\n# iptables -A OUTPUT -p tcp -d 'logging.googleapis.com' --dport 443 -m comment --comment 'logging-googleapis-com-443' -j ACCEPT\n",
    );
    expect(cli('rules', 'splunk', '--cluster', 'eu', '--format', 'iptables').out).toContain(
      "-d 'accounts.eu.harness.io' --dport 443",
    );
  });

  it('--json gives the rules structured, with the text in the format', () => {
    const { code, out } = cli('rules', 'splunk', 'delegate', 'prod3', '--format', 'csv', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      query: 'rules splunk delegate prod3',
      format: 'csv',
      providers: [{ id: 'splunk', name: 'Splunk' }],
      delegate: true,
      cluster: { name: 'Prod3', host: 'app3.harness.io' },
    });
    expect(
      json.rules.map((rule: { name: string; port: number; hold: string | null }) => [
        rule.name,
        rule.port,
        rule.hold !== null,
      ]),
    ).toEqual([
      ['harness-443', 443, false],
      ['logging-googleapis-com-443', 443, true],
      ['storage-googleapis-com-443', 443, true],
      ['splunk-8089', 8089, false],
    ]);
    expect(json.text.startsWith('provider,protocol,port,direction,destination,conditional,note\r\n')).toBe(
      true,
    );
  });

  it('says first which words named nothing, then writes the rules for what is known', () => {
    const { code, out, err } = cli('rules', 'jenkins', 'nexus', 'sonarqube');
    expect(code).toBe(0);
    expect(err.split('\n')[0]).toMatch(/^harness-ports: No provider is called "sonarqube"\./);
    expect(err).toContain('Left out of the rules below, which are for Jenkins, Nexus only.');
    expect(out).toContain('8081');
    expect(out).toContain('443');
    const json = JSON.parse(cli('rules', 'jenkins', 'nexus', 'sonarqube', '--json').out);
    expect(json.intent).toBe('rules');
    expect(json.unmatched).toEqual(['sonarqube']);
    expect(json.providers.map((p: { id: string }) => p.id)).toEqual(['jenkins', 'nexus']);
  });

  it('writes nothing and exits 1 when no word of the request named anything', () => {
    const { code, out, err } = cli('rules', 'qwzxv');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^harness-ports: No provider is called "qwzxv"\./);
  });

  it('reports an unknown format or cluster with the ones there are', () => {
    const format = cli('rules', 'splunk', '--format', 'pdf');
    expect(format.code).toBe(1);
    expect(format.err).toBe(
      'harness-ports: No rules format is called "pdf". Formats: k8s, aws-sg, aws-cli, azure-nsg, gcp, iptables, csv.',
    );
    const cluster = cli('rules', 'delegate', '--cluster', 'prod9');
    expect(cluster.code).toBe(1);
    expect(cluster.err).toBe(
      'harness-ports: No Harness cluster is called "prod9". Clusters: Prod1, Prod2, Prod3, Prod0, Prod4, EU.',
    );
  });

  it('says how to ask when the request names nothing', () => {
    const { code, err } = cli('rules');
    expect(code).toBe(1);
    expect(err).toContain(
      'Name at least one provider ("rules splunk jenkins") or the Delegate ("rules delegate prod1")',
    );
  });

  it('runs through bin/harness-ports.js', () => {
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      [BIN, 'rules', 'splunk', '--format', 'gcp'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 15_000 },
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('gcloud compute firewall-rules create splunk-8089 ');
    expect(stdout).toContain('--direction=EGRESS --action=ALLOW --rules=tcp:8089');
  });
});

describe('runCli --overlay', () => {
  it("uses your organisation's destinations in rules and shows its facts on cards", () => {
    const path = writeCatalog(
      'overlay.yml',
      'providers:\n  splunk:\n    destinations: [10.20.0.0/16]\n    channel: "#netsec"\n  jenkins:\n    destinations: [jenkins.corp.example.com]\n',
    );
    const rules = cli('rules', 'splunk', 'jenkins', '--format', 'iptables', '--overlay', path);
    expect(rules.code).toBe(0);
    expect(rules.out.split('\n').filter((line) => line.startsWith('iptables'))).toEqual([
      "iptables -A OUTPUT -p tcp -d '10.20.0.0/16' --dport 8089 -m comment --comment 'splunk-8089' -j ACCEPT",
      "iptables -A OUTPUT -p tcp -d 'jenkins.corp.example.com' --dport 443 -m comment --comment 'jenkins-443' -j ACCEPT",
    ]);
    const card = cli('splunk', '--overlay', path);
    expect(card.out).toContain('  Your organisation\n    - Destinations: 10.20.0.0/16\n    - Owner: #netsec');
  });

  it('exits 1 with one line naming the overlay file and the field', () => {
    const path = writeCatalog('bad-overlay.yml', 'providers:\n  splunk:\n    destinations: [999.1.1.1]\n');
    const { code, out, err } = cli('splunk', '--overlay', path);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      /^harness-ports: .*bad-overlay\.yml: providers\.splunk\.destinations\[0\]: must be a host name, an IP address or a CIDR/,
    );
    expect(err).not.toContain('\n');
  });
});

describe('runCli --permissions', () => {
  it('prints the permission snippets of the providers named, by the same search', () => {
    const { code, out, err } = cli('--permissions', 'aws', 'ec2', 'and', 'hashicorp-vault');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('# == AWS IAM ==\n');
    expect(out).toContain('# attach: AmazonEC2FullAccess\n');
    expect(out).toContain('    {"Effect":"Allow","Action":["ec2:DescribeRegions"],"Resource":"*"}\n');
    expect(out).toContain('path "sys/mounts" {\n  capabilities = ["read"]\n}');
  });

  it('says which providers have no exact grant in the sources', () => {
    expect(cli('--permissions', 'splunk').out).toContain('# No exact grant in the sources for: Splunk ');
  });

  it('--json gives each provider its grants with their sentences and sources', () => {
    const { code, out } = cli('--permissions', '--json', 'aws s3');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.providers.map((p: { id: string }) => p.id)).toEqual(['aws-s3']);
    expect(json.providers[0].grants).toEqual([
      expect.objectContaining({
        kind: 'aws-managed-policy',
        value: 'AmazonS3ReadOnlyAccess',
        statement: 'Policy: AmazonS3ReadOnlyAccess.',
        source: expect.objectContaining({ title: 'Permissions and Ports for Harness Connections' }),
      }),
      expect.objectContaining({ kind: 'aws-action', value: 'ec2:DescribeRegions' }),
    ]);
  });

  it('reports an unknown word and prints nothing', () => {
    const { code, out, err } = cli('--permissions', 'qwzxv');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^harness-ports: No provider is called "qwzxv"\./);
  });
});
