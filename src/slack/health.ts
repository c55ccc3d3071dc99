import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { MCP_PATH } from '../mcp/http.js';
import { METRICS_PATH } from './metrics.js';

export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `GET /healthz`: 200 `{"ok":true}` while the bot takes requests, 503 while it stops (or, in
 * Socket Mode, while its connection is down), plus whatever `details` says (Redis's state).
 */
export function healthHandler(isReady: () => boolean, details: () => Record<string, unknown>): HealthHandler {
  return (_req, res) => {
    const ready = isReady();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: ready, ...details() }));
  };
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The health port of Socket Mode, where Slack's requests come over the WebSocket and `/healthz` and
 * `/metrics` are the only routes (with `/mcp` when MCP_TOKEN is set). The bot serves it itself rather than through Bolt's SocketModeReceiver, whose
 * server listens on every interface whatever HOST says, ends on an unhandled 'error' event when the
 * port is taken, and leaves a request with a malformed URL (`GET http://[`) unanswered with an
 * unhandled rejection. Here: HOST is honoured, a taken port rejects the start, and a malformed URL
 * gets 400 and a warning.
 */
export function startHealthServer(options: {
  port: number;
  host?: string;
  logger: Logger;
  handler: HealthHandler;
  /** The MCP endpoint (`/mcp`, any method: it answers 405 itself), when MCP_TOKEN is set. */
  mcp?: HealthHandler;
  /** `GET /metrics` (Prometheus's text format). */
  metrics?: HealthHandler;
}): Promise<HealthServer> {
  const { logger, handler, mcp, metrics } = options;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!URL.canParse(url, 'http://localhost')) {
      logger.warn('refused a request with a malformed URL (400)', { method: req.method });
      res.writeHead(400, { connection: 'close' });
      res.end();
      return;
    }
    const { pathname } = new URL(url, 'http://localhost');
    if (req.method === 'GET' && pathname === '/healthz') {
      handler(req, res);
      return;
    }
    if (metrics && req.method === 'GET' && pathname === METRICS_PATH) {
      metrics(req, res);
      return;
    }
    if (mcp && pathname === MCP_PATH) {
      mcp(req, res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, ...(options.host ? { host: options.host } : {}) }, () => {
      server.off('error', reject);
      server.on('error', (error) => logger.warn('health server error', error.message));
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
