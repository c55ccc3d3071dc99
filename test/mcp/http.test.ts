import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { bearerMatches, mcpHttpHandler } from '../../src/mcp/http.js';
import { startHealthServer } from '../../src/slack/health.js';
import { BODY_LIMIT_BYTES } from '../../src/slack/request-guard.js';
import { realCatalog } from '../helpers/catalog.js';
import { cliJson, resourceText } from '../helpers/mcp.js';
import { postSigned, type RunningTestApp, slashCommandBody, startTestApp } from '../helpers/slack.js';

/**
 * MCP over Streamable HTTP at /mcp on the bot's own port (MCP_TOKEN set): the SDK's HTTP client with
 * the bearer token, raw requests without it, and /slack/events beside it unchanged. Loopback only.
 */
const TOKEN = 'mcp-test-token-0123456789-abcdefghijklmnop';
const catalog = realCatalog();

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function httpClient(baseUrl: string, token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'harness-ports-http-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A POST that declares a body larger than it sends: what the server answers before reading any of it. */
function declaredLength(url: string, length: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(length) } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.write('{');
  });
}

describe('MCP over HTTP on the bot (HTTP mode, MCP_TOKEN set)', () => {
  let app: RunningTestApp;
  beforeAll(async () => {
    app = await startTestApp(catalog, { config: { mcpToken: TOKEN } });
  });
  afterAll(() => app.stop());

  it('serves the SDK HTTP client with the token: lookup "splunk" is the CLI --json answer', async () => {
    const client = await httpClient(app.baseUrl, TOKEN);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('firewall_rules');
      const result = (await client.callTool({
        name: 'lookup',
        arguments: { query: 'splunk' },
      })) as CallToolResult;
      expect(result.structuredContent).toEqual(cliJson('splunk'));
      const { contents } = await client.readResource({ uri: 'harness-ports://provider/splunk' });
      expect(resourceText(contents[0])).toContain('TCP 8089');
    } finally {
      await client.close();
    }
  });

  it('answers 401 without the token, with a wrong one, or another scheme, and logs no token', async () => {
    const wrong = `${TOKEN.slice(0, -1)}X`;
    for (const authorization of [undefined, `Bearer ${wrong}`, `Basic ${TOKEN}`, TOKEN, 'Bearer']) {
      const response = await fetch(`${app.baseUrl}/mcp`, {
        method: 'POST',
        headers: { ...MCP_HEADERS, ...(authorization ? { authorization } : {}) },
        body: INITIALIZE,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({
        error: { message: expect.stringContaining('Unauthorized') },
      });
    }
    await expect(httpClient(app.baseUrl, wrong)).rejects.toThrow();
    expect(app.logs.join('\n')).not.toContain(TOKEN);
    expect(app.logs.join('\n')).toContain('refused an MCP request without the right bearer token (401)');
  });

  it('refuses a body over the Slack endpoint’s limit (413) once authorised, and 401 first without the token', async () => {
    const url = `${app.baseUrl}/mcp`;
    const auth = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
    expect(await declaredLength(url, BODY_LIMIT_BYTES + 1, auth)).toBe(413);
    expect(await declaredLength(url, BODY_LIMIT_BYTES + 1, MCP_HEADERS)).toBe(401);
    const streamed = await fetch(url, {
      method: 'POST',
      headers: auth,
      body: ' '.repeat(BODY_LIMIT_BYTES + 1),
    });
    expect(streamed.status).toBe(413);
  });

  it('answers 400 to a body that is not JSON and 405 to GET or DELETE (stateless: POST only)', async () => {
    const auth = { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` };
    const broken = await fetch(`${app.baseUrl}/mcp`, { method: 'POST', headers: auth, body: '{"jsonrpc":' });
    expect(broken.status).toBe(400);
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${app.baseUrl}/mcp`, { method, headers: auth });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('leaves /slack/events and /healthz as they were', async () => {
    const command = await postSigned(
      app.baseUrl,
      slashCommandBody('splunk'),
      'application/x-www-form-urlencoded',
    );
    expect(command.status).toBe(200);
    expect(JSON.stringify(await command.json())).toContain('8089');
    const unsigned = await postSigned(
      app.baseUrl,
      slashCommandBody('splunk'),
      'application/x-www-form-urlencoded',
      {
        signature: null,
      },
    );
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('MCP over HTTP is off by default', () => {
  let app: RunningTestApp;
  beforeAll(async () => {
    app = await startTestApp(catalog);
  });
  afterAll(() => app.stop());

  it('has no /mcp without MCP_TOKEN, whatever token is sent', async () => {
    const response = await fetch(`${app.baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...MCP_HEADERS, authorization: `Bearer ${TOKEN}` },
      body: INITIALIZE,
    });
    expect(response.status).toBe(404);
  });
});

describe('MCP over HTTP in Socket Mode (the health port)', () => {
  it('serves /mcp beside /healthz with the token, 401 without', async () => {
    const logger = createLogger('error', () => {});
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      logger,
      handler: (_req, res) => res.end('{"ok":true}'),
      mcp: mcpHttpHandler({ catalog, token: TOKEN, bodyLimit: BODY_LIMIT_BYTES, logger }),
    });
    const baseUrl = `http://127.0.0.1:${server.port}`;
    try {
      const client = await httpClient(baseUrl, TOKEN);
      const result = (await client.callTool({
        name: 'providers_for_port',
        arguments: { port: 8089 },
      })) as CallToolResult;
      expect(result.structuredContent).toEqual(cliJson('8089'));
      await client.close();
      const refused = await fetch(`${baseUrl}/mcp`, {
        method: 'POST',
        headers: MCP_HEADERS,
        body: INITIALIZE,
      });
      expect(refused.status).toBe(401);
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('MCP_TOKEN', () => {
  const bot = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

  it('turns MCP on for the bot, and is one line naming it when too short or with spaces', () => {
    const config = loadConfig({ ...bot, MCP_TOKEN: TOKEN });
    expect(config.mode !== 'console' && config.mcpToken).toBe(TOKEN);
    expect(() => loadConfig({ ...bot, MCP_TOKEN: 'short' })).toThrow(
      /^MCP_TOKEN: must be at least 32 characters/,
    );
    expect(() => loadConfig({ ...bot, MCP_TOKEN: `${TOKEN} ${TOKEN}` })).toThrow(
      /^MCP_TOKEN: must be one word/,
    );
    expect(loadConfig(bot)).not.toHaveProperty('mcpToken');
  });

  it('is compared whole: the same length and one character off does not match', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}X`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer  ${TOKEN} extra`, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, '')).toBe(false);
  });
});
