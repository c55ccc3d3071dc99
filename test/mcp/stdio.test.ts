import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerOutput } from '../../src/mcp/schemas.js';
import { exampleOverlayText } from '../helpers/catalog.js';
import { cliJson, resultText } from '../helpers/mcp.js';

/**
 * `harness-ports mcp` as an assistant starts it: the built bin (dist/, from npm run build), spoken to
 * over its stdin and stdout by the SDK's stdio client, or by hand to see every byte it writes.
 */
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(REPO_ROOT, 'bin/harness-ports.js');
const scratch = mkdtempSync(join(tmpdir(), 'harness-ports-mcp-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function stdioClient(...args: string[]) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    cwd: REPO_ROOT,
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = new Client({ name: 'harness-ports-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr };
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'by-hand', version: '1' } },
};

describe('harness-ports mcp (stdio, the built bin)', () => {
  it('serves the SDK stdio client: lookup "splunk" is the CLI --json answer, with TCP 8089', async () => {
    const { client, stderr } = await stdioClient();
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('lookup');
      const result = (await client.callTool({
        name: 'lookup',
        arguments: { query: 'splunk' },
      })) as CallToolResult;
      expect(result.structuredContent).toEqual(cliJson('splunk'));
      expect(AnswerOutput.parse(result.structuredContent).providers[0]?.ports[0]?.port).toBe(8089);
      expect(resultText(result)).toContain('TCP 8089: Splunk REST API');
    } finally {
      await client.close();
    }
    expect(stderr.join('')).toBe('harness-ports: MCP server on stdio (84 providers)\n');
  });

  it("applies --overlay: the organisation's facts are in the answer", async () => {
    const overlay = file('overlay.yml', exampleOverlayText());
    const { client, stderr } = await stdioClient('--overlay', overlay);
    try {
      const result = (await client.callTool({
        name: 'lookup',
        arguments: { query: 'splunk' },
      })) as CallToolResult;
      expect(result.structuredContent).toEqual(cliJson('splunk', '--overlay', overlay));
      expect(AnswerOutput.parse(result.structuredContent).providers[0]?.organisation).not.toBeNull();
    } finally {
      await client.close();
    }
    expect(stderr.join('')).toContain(`overlay ${overlay}`);
  });

  it('writes nothing on stdout but JSON-RPC messages, answers what it read, and exits 0 when its input ends', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    const replies = (count: number) =>
      new Promise<void>((done) => {
        const check = () => {
          if (stdout.split('\n').filter(Boolean).length >= count) done();
          else setTimeout(check, 20);
        };
        check();
      });
    send(INITIALIZE);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'lookup', arguments: { query: '8089' } },
    });
    send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'lookup', arguments: { query: '' } },
    });
    // Input ends right after the requests (as `printf … | harness-ports mcp`): each is still answered.
    child.stdin.end();
    await replies(3);
    expect(await exited).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    // One message a line; answers may come in any order (JSON-RPC matches them by id).
    const messages = lines
      .map((line) => JSON.parse(line) as { jsonrpc: string; id: number; result: CallToolResult })
      .sort((a, b) => a.id - b.id);
    expect(messages.map((message) => [message.jsonrpc, message.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
      ['2.0', 3],
    ]);
    expect(messages[1]?.result.structuredContent).toEqual(cliJson('8089'));
    expect(messages[2]?.result.isError).toBe(true);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stderr).toBe('harness-ports: MCP server on stdio (84 providers)\n');
  });

  it('stops a broken catalog or overlay with one line naming the file, and exit code 1, before any protocol', () => {
    const catalog = file('broken.yml', 'version: 1\nproviders: [');
    const overlay = file('bad-overlay.yml', 'providers:\n  splunk:\n    destinations: [999.1.1.1]\n');
    for (const args of [
      ['--catalog', catalog],
      ['--overlay', overlay],
    ]) {
      const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, 'mcp', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        input: `${JSON.stringify(INITIALIZE)}\n`,
        timeout: 15_000,
      });
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^harness-ports: .*(broken|bad-overlay)\.yml/);
    }
  });

  it('refuses an option it does not take with the usage, exit code 2', () => {
    const { status, stdout, stderr } = spawnSync(process.execPath, [BIN, 'mcp', '--json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      input: '',
      timeout: 15_000,
    });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("harness-ports: Unknown option '--json'");
    expect(stderr).toContain('harness-ports mcp [--catalog FILE] [--overlay FILE]');
  });
});
