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
    expect(out).toContain('Splunk  (Verification provider)');
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
    expect(out).toContain('Splunk  (Verification provider)');
    expect(out).toContain('Jenkins  (Artifact server)');
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
    });
    expect(output.providers[0]!.references[0]!.url).toBe(
      'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
    );
  });

  it('accepts --json after the query words', () => {
    const output = JSON.parse(cli('what', 'port', 'does', 'splunk', 'use', '--json').out) as AnswerJson;
    expect(output.query).toBe('what port does splunk use');
    expect(output.providers.map((p) => p.id)).toEqual(['splunk']);
  });

  it.each([
    ['8089', 'port', ['splunk']],
    ['which providers use 5985?', 'port', ['azure', 'winrm']],
    ['checklist splunk jenkins nexus', 'checklist', ['splunk', 'jenkins', 'nexus']],
    ['aws', 'provider', ['aws-cloud', 'aws-codedeploy', 'aws-ec2', 'aws-elb-alb-ecs', 'aws-s3']],
    ['help', 'help', []],
    ['mongodb', 'none', []],
  ])('answers %j with intent %s and providers %j', (query, intent, ids) => {
    const { code, out } = cli('--json', query);
    expect(code).toBe(0);
    const output = JSON.parse(out) as AnswerJson;
    expect(output.intent).toBe(intent);
    expect(output.providers.map((p) => p.id)).toEqual(ids);
  });

  it('lists all 29 providers for "list"', () => {
    const output = JSON.parse(cli('--json', 'list').out) as AnswerJson;
    expect(output.intent).toBe('list');
    expect(output.providers).toHaveLength(29);
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
    const { source: _source, revisions: _revisions, ...splunk } = providerById('splunk');
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
