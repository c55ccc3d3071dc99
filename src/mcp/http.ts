import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog } from '../catalog/schema.js';

/**
 * The MCP server over Streamable HTTP (stateless: a server and a transport per request), for the bot's
 * HTTP port when MCP_TOKEN is set. A request must carry `Authorization: Bearer <MCP_TOKEN>` (compared
 * in constant time) before anything else is looked at: else 401 and its body is never read. Only POST
 * is served (stateless mode has no stream to GET and no session to DELETE); a body over the limit gets
 * 413, one that is not JSON 400. The SDK is loaded on the first authorised request, so a bot without
 * MCP_TOKEN, or one nobody calls, never pays for it.
 */

/** Where the bot serves MCP, beside `/slack/events` and `/healthz`. */
export const MCP_PATH = '/mcp';

export interface McpHttpOptions {
  catalog: Catalog;
  token: string;
  /** The largest body read, in bytes (the Slack endpoint's). */
  bodyLimit: number;
  logger: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Whether a request URL is the MCP endpoint (its query, if any, aside). */
export function isMcpPath(url: string | undefined): boolean {
  if (url === MCP_PATH) return true;
  return (
    URL.canParse(url ?? '', 'http://localhost') &&
    new URL(url ?? '', 'http://localhost').pathname === MCP_PATH
  );
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * True when the header is `Bearer <token>`. Both are hashed first and the hashes compared in constant
 * time, so how long it takes says nothing about the token, not even its length.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null && token !== '';
}

/** A JSON-RPC error answer with no id: what the SDK sends for a request it cannot take. */
function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

type Body = { body: Buffer } | { problem: 'too large' | 'unreadable' };

/** Reads at most `limit` bytes of a body (past the limit nothing more is read), or says why it could not. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve({ problem: 'too large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks, size) }));
    req.on('error', () => resolve({ problem: 'unreadable' }));
    // Closed before its end (the client went away): nothing left pending.
    req.on('close', () => resolve({ problem: 'unreadable' }));
  });
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** The `/mcp` route: authorises, bounds and parses the request, then hands it to a fresh server. */
export function mcpHttpHandler(options: McpHttpOptions): RequestHandler {
  const { catalog, token, bodyLimit, logger } = options;
  let sdk: Promise<
    [typeof import('./server.js'), typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js')]
  >;

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (!bearerMatches(req.headers.authorization, token)) {
      logger.warn('refused an MCP request without the right bearer token (401)');
      refuse(res, 401, 'Unauthorized: send Authorization: Bearer <MCP_TOKEN>', {
        'www-authenticate': 'Bearer',
      });
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, 'Method not allowed: this server is stateless, POST only', { allow: 'POST' });
      return;
    }
    if (Number(req.headers['content-length']) > bodyLimit) {
      logger.warn(`refused an MCP request body over the limit of ${bodyLimit} bytes (413)`);
      refuse(res, 413, `Request body over ${bodyLimit} bytes`);
      return;
    }
    const read = await readBody(req, bodyLimit);
    if ('problem' in read) {
      if (read.problem === 'too large') {
        logger.warn(`refused an MCP request body over the limit of ${bodyLimit} bytes (413)`);
        refuse(res, 413, `Request body over ${bodyLimit} bytes`);
      } else refuse(res, 400, 'The request body could not be read');
      return;
    }
    const parsed = parseJson(read.body);
    if (!parsed.ok) {
      refuse(res, 400, 'Parse error: the body is not JSON');
      return;
    }
    sdk ??= Promise.all([
      import('./server.js'),
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    ]);
    const [{ createMcpServer }, { StreamableHTTPServerTransport }] = await sdk;
    const server = createMcpServer(catalog);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, parsed.value);
  };

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      logger.error('an MCP request failed', error);
      refuse(res, 500, 'Internal error');
    });
  };
}
