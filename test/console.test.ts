import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_BANNER, runConsole } from '../src/console.js';
import { realCatalog } from './helpers/catalog.js';

const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Runs the console over the given input and returns everything it printed. */
async function consoleOutput(input: string, interactive = false): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await runConsole(realCatalog(), Readable.from([input]), output, interactive);
  return Buffer.concat(chunks).toString('utf8');
}

describe('runConsole', () => {
  it('starts with a banner saying it runs without Slack and how to connect it', async () => {
    const output = await consoleOutput('');
    expect(output).toBe(`${CONSOLE_BANNER}\n\n`);
    expect(CONSOLE_BANNER).toContain('WITHOUT Slack');
    for (const variable of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', '.env']) {
      expect(CONSOLE_BANNER).toContain(variable);
    }
  });

  it('answers each line in order, and skips blank lines', async () => {
    const output = await consoleOutput('splunk\n8089\n\n   \nmongodb\nchecklist aws ec2 jenkins\n');
    const answers = output.slice(CONSOLE_BANNER.length);
    const splunk = answers.indexOf('Splunk  (Verification provider · FirstGen table)\n  Permissions');
    const port = answers.indexOf(
      'Port 8089 is used by 2 providers:\n  Splunk: TCP 8089\n  Splunk connector: HTTPS 8089\n',
    );
    const none = answers.indexOf('No provider matches "mongodb".');
    const checklist = answers.indexOf('Checklist for AWS EC2 and Jenkins');
    expect(splunk).toBeGreaterThan(0);
    expect(port).toBeGreaterThan(splunk);
    expect(none).toBeGreaterThan(port);
    expect(checklist).toBeGreaterThan(none);
    expect(answers).toContain('    - TCP 8089: Splunk REST API');
    expect(answers).toContain('Splunk connector  (Verification provider · NextGen docs)\n  Permissions');
    expect(answers).toContain('  HTTPS 443: AWS EC2 and Jenkins');
    expect(answers).toContain('Try "list" for every provider, or "help".');
  });

  it('answers the Delegate network: a topic, and a provider with a topic', async () => {
    const answers = (await consoleOutput('inbound?\nsplunk behind a proxy\n')).slice(CONSOLE_BANNER.length);
    const inbound = answers.indexOf('Inbound connections  (Delegate network)');
    const splunk = answers.indexOf('Splunk  (Verification provider · FirstGen table)');
    const proxy = answers.indexOf('Delegate behind a proxy  (Delegate network)');
    expect(inbound).toBeGreaterThan(0);
    expect(splunk).toBeGreaterThan(inbound);
    expect(proxy).toBeGreaterThan(splunk);
    expect(answers).toContain(
      '  - All network connections from your local network to Harness SaaS are outbound-only. [1]',
    );
  });

  it('answers a rules line with the rules, and says what stops one it cannot answer', async () => {
    const output = await consoleOutput('rules splunk iptables\nrules splunk qwzxv\nsplunk\n');
    const answers = output.slice(CONSOLE_BANNER.length);
    const rules = answers.indexOf(
      "\niptables -A OUTPUT -p tcp -d 'REPLACE_WITH_SPLUNK_CIDR' --dport 8089 -m comment --comment 'splunk-8089' -j ACCEPT\n",
    );
    const problem = answers.indexOf('\nNo provider is called "qwzxv".');
    const card = answers.indexOf('Splunk  (Verification provider · FirstGen table)');
    expect(rules).toBeGreaterThan(0);
    expect(problem).toBeGreaterThan(rules);
    expect(card).toBeGreaterThan(problem);
  });

  it('answers a policy line with the permission snippets, and says what stops one it cannot answer', async () => {
    const output = await consoleOutput('policy aws ec2\npolicy qwzxv\n');
    const answers = output.slice(CONSOLE_BANNER.length);
    const snippets = answers.indexOf('\n# attach: AmazonEC2FullAccess\n');
    const problem = answers.indexOf('\nNo provider is called "qwzxv".');
    expect(snippets).toBeGreaterThan(0);
    expect(problem).toBeGreaterThan(snippets);
  });

  it('shows help with bare queries, since the console has no command to type', async () => {
    const output = await consoleOutput('help\n');
    expect(output).toContain('\n  checklist splunk jenkins nexus  ');
    expect(output).not.toContain('harness-ports checklist');
  });

  it('reads Windows line endings', async () => {
    const output = await consoleOutput('splunk\r\njenkins\r\n');
    expect(output).toContain('TCP 8089: Splunk REST API');
    expect(output).toContain('HTTPS 443: Jenkins over HTTPS');
  });

  it('answers a last line without a newline', async () => {
    expect(await consoleOutput('splnuk')).toContain('TCP 8089: Splunk REST API');
  });

  it('prompts before each line only when interactive', async () => {
    const interactive = await consoleOutput('splunk\njenkins\n', true);
    expect(interactive.match(/harness-ports> /g)).toHaveLength(3);
    expect(interactive.indexOf('harness-ports> ')).toBe(CONSOLE_BANNER.length + 2);
    expect(await consoleOutput('splunk\njenkins\n', false)).not.toContain('harness-ports> ');
  });
});

describe('npm start without Slack variables (dist/main.js)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'harness-ports-console-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('ends quietly with exit 0 when the reader of its output goes away (npm start | head -1)', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: cwd };
    const main = JSON.stringify(join(REPO_ROOT, 'dist/main.js'));
    // The answers are far more than a pipe holds, so the console writes after head has exited.
    const input = 'list\n'.repeat(200);
    const { status, stdout, stderr } = spawnSync(
      'bash',
      ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${main} | head -1`],
      { cwd, env, input, encoding: 'utf8', timeout: 15_000 },
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(`${CONSOLE_BANNER.split('\n')[0]}\n`);
  });

  it('runs the local console on stdin and exits 0 at end of input', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: cwd };
    const { status, stdout, stderr } = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/main.js')], {
      cwd,
      env,
      input: 'splunk\n8089\n',
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(stderr).not.toMatch(/error/i);
    expect(status).toBe(0);
    expect(stdout.startsWith(CONSOLE_BANNER)).toBe(true);
    expect(stdout).toContain('Splunk  (Verification provider · FirstGen table)');
    expect(stdout).toContain('    - TCP 8089: Splunk REST API');
    expect(stdout).toContain(
      'Port 8089 is used by 2 providers:\n  Splunk: TCP 8089\n  Splunk connector: HTTPS 8089\n',
    );
    expect(stdout.indexOf('Port 8089')).toBeGreaterThan(
      stdout.indexOf('Splunk  (Verification provider · FirstGen table)'),
    );
  });
});
