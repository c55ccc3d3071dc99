import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type Server as HttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

/**
 * Loopback servers for the check's tests: every one listens on 127.0.0.1 only, on a port the system
 * picks, and the certificates come from a test CA made with `openssl` when the tests start.
 */

export interface TestCertificates {
  /** The test CA's certificate (PEM): what `--ca FILE` gives. */
  ca: string;
  caFile: string;
  /** For the names the tests use (splunk.test, app3.harness.io…) and 127.0.0.1, signed by the test CA. */
  good: { key: string; cert: string };
  /** For splunk.test, expired yesterday. */
  expired: { key: string; cert: string };
  /** For other.test only. */
  wrongHost: { key: string; cert: string };
  cleanup: () => void;
}

export const MISSING_OPENSSL =
  "openssl is not installed: the check's tests make their test CA with it. Install it (Debian/Ubuntu: apt-get install -y openssl); .ci/run does.";

/** Makes a test CA and three server certificates with openssl (EC keys: fast). */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'harness-ports-check-certs-'));
  const run = (...args: string[]) => {
    try {
      return execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING_OPENSSL);
      throw error;
    }
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=harness-ports test CA/O=harness-ports tests',
  );
  const issue = (name: string, cn: string, san: string, days: string) => {
    run('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      days,
      '-extfile',
      `${name}.ext`,
    );
    return {
      key: readFileSync(join(dir, `${name}.key`), 'utf8'),
      cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
    };
  };
  return {
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    good: issue(
      'good',
      'splunk.test',
      'DNS:splunk.test,DNS:app.harness.test,DNS:app3.harness.io,DNS:artifacts.test,IP:127.0.0.1',
      '2',
    ),
    // notAfter one day before notBefore: expired from the start.
    expired: issue('expired', 'splunk.test', 'DNS:splunk.test', '-1'),
    wrongHost: issue('wrong', 'other.test', 'DNS:other.test', '2'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Running {
  port: number;
  close: () => Promise<void>;
}

/** Listens on 127.0.0.1 on a free port; close() also ends the connections still open. */
export async function listen(server: Server | HttpServer): Promise<Running> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then closed): a connection to it is refused. */
export async function refusedPort(): Promise<number> {
  const running = await listen(createNetServer());
  await running.close();
  return running.port;
}

/** Accepts TCP connections and says nothing: a TLS handshake or an HTTP request times out on it. */
export const silentServer = () => listen(createNetServer(() => undefined));

/** A plain TCP server that accepts and closes. */
export const tcpServer = () => listen(createNetServer((socket) => socket.end()));

/** A TLS server (no HTTP) with the given certificate. */
export const tlsServer = (pair: { key: string; cert: string }) =>
  listen(createTlsServer(pair, (socket) => socket.end()));

/**
 * An HTTPS server answering 204 to any request, with a WebSocket endpoint: `upgrade` says what it
 * does with an upgrade request (switch to 101, answer 403, or cut the connection).
 */
export function httpsServer(
  pair: { key: string; cert: string },
  upgrade: 'accept' | 'forbid' | 'cut' = 'accept',
): Promise<Running & { requests: string[] }> {
  const requests: string[] = [];
  const server = createHttpsServer(pair, (req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.host}`);
    res.writeHead(req.headers.upgrade ? 403 : 204).end();
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    requests.push(`UPGRADE ${req.url} ${req.headers.upgrade}`);
    if (upgrade === 'cut') socket.destroy();
    else if (upgrade === 'forbid') socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    else socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  });
  return listen(server).then((running) => ({ ...running, requests }));
}

/** A plain HTTP server answering 200. */
export function httpServer(): Promise<Running & { requests: string[] }> {
  const requests: string[] = [];
  return listen(
    createHttpServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200).end();
    }),
  ).then((running) => ({ ...running, requests }));
}

/**
 * A small HTTP CONNECT proxy on 127.0.0.1: tunnels to 127.0.0.1 only (the target's port), refuses
 * hosts in `deny` with 403, and asks for `Basic user:password` with 407 when `auth` is given; over
 * TLS when given a certificate.
 */
export function connectProxy(
  options: { deny?: string[]; auth?: string; tls?: { key: string; cert: string } } = {},
): Promise<Running & { connects: string[] }> {
  const connects: string[] = [];
  const refuse = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(405).end();
  // PROXY_SCHEME=https: the Delegate speaks TLS to the proxy itself, then CONNECT inside it.
  const server = options.tls ? createHttpsServer(options.tls, refuse) : createHttpServer(refuse);
  server.on('connect', (req: IncomingMessage, client: Socket) => {
    const authority = req.url ?? '';
    connects.push(authority);
    const [host, port] = [
      authority.slice(0, authority.lastIndexOf(':')),
      Number(authority.slice(authority.lastIndexOf(':') + 1)),
    ];
    if (options.auth) {
      const expected = `Basic ${Buffer.from(options.auth).toString('base64')}`;
      if (req.headers['proxy-authorization'] !== expected) {
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
        );
        return;
      }
    }
    if (options.deny?.includes(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    // Every name the tests use is this machine: the proxy never connects anywhere else.
    const upstream = connect({ host: '127.0.0.1', port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  return listen(server).then((running) => ({ ...running, connects }));
}
