import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { EventEmitter } from 'node:events';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { type PeerCertificate, rootCertificates, type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { CheckPlan, CheckTarget, ProxySettings } from '../engine/check-plan.js';
import type { CertificateFacts, ProbeResult, StepOutcome } from '../engine/check-verdict.js';

/**
 * Performs a check plan (src/engine/check-plan.ts): per probe, its steps in order over real sockets,
 * stopping at the first failure. It sends nothing but connection attempts, a TLS handshake, one
 * HEAD request per HTTP port and one WebSocket upgrade request to Harness. The resolver, the clock
 * and the socket factory are injectable; results are the engine's StepOutcomes, worded there.
 */

export interface ProbeIo {
  /** Resolves a host name to its addresses (default: the system resolver, as the Delegate's JVM uses). */
  lookup: (host: string) => Promise<string[]>;
  /** Milliseconds, for the time each step took. */
  now: () => number;
  /** Opens a TCP connection (default: node:net). */
  connect: (host: string, port: number) => Socket;
}

export interface ProbeOptions {
  /** Each step's own timeout. */
  timeoutMs: number;
  /** The whole check's timeout: probes still running are stopped and reported as not finished. */
  overallMs: number;
  /** How many probes run at once. */
  concurrency: number;
  /** Extra CA certificates to trust (PEM), as `--ca FILE` gives them; the system's CAs stay trusted. */
  ca?: string;
}

export const DEFAULT_PROBE_OPTIONS: ProbeOptions = { timeoutMs: 3000, overallMs: 30_000, concurrency: 8 };

export const systemIo: ProbeIo = {
  lookup: async (host) =>
    (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address),
  now: () => performance.now(),
  connect: (host, port) => netConnect({ host, port }),
};

const USER_AGENT = 'harness-ports-check';
/** The most an answer's head (status line and headers) may take before its blank line. */
const MAX_ANSWER_HEAD = 16 * 1024;

const ignoreLateError = () => undefined;

/** A step's own error, carrying the outcome it stands for. */
class StepFailure extends Error {
  constructor(readonly outcome: StepOutcome & { ok: false }) {
    super(outcome.step);
  }
}

/** Everything a probe opened, destroyed when it ends or the overall timeout stops it. */
class Resources {
  private readonly sockets = new Set<{ destroy: () => void }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  stopped = false;
  /** Keeps a socket (or request) to destroy; an error after its step is over is the step's, already reported. */
  add<T extends EventEmitter & { destroy: () => void }>(socket: T): T {
    socket.on('error', ignoreLateError);
    if (this.stopped) socket.destroy();
    else this.sockets.add(socket);
    return socket;
  }
  timer(ms: number, fire: () => void): NodeJS.Timeout {
    const timer = setTimeout(fire, ms);
    this.timers.add(timer);
    return timer;
  }
  close(): void {
    this.stopped = true;
    // Last opened first: a TLS socket before the TCP socket under it (the other order crashes Node 20).
    for (const socket of [...this.sockets].reverse()) socket.destroy();
    for (const timer of this.timers) clearTimeout(timer);
    this.sockets.clear();
    this.timers.clear();
  }
}

const errorCode = (error: unknown): string =>
  error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
    ? error.code
    : error instanceof Error
      ? error.message
      : String(error);

/** Waits for a step: its result, or `onTimeout` after the step's timeout. */
function timed<T>(
  resources: Resources,
  ms: number,
  run: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
  onTimeout: () => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = resources.timer(ms, () => reject(onTimeout()));
    run(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function tcpCode(code: string): 'refused' | 'unreachable' | 'reset' | 'error' {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'unreachable';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  return 'error';
}

/** A connected TCP socket, or the step's failure. */
function openTcp(
  io: ProbeIo,
  resources: Resources,
  address: string,
  port: number,
  ms: number,
): Promise<Socket> {
  const socket = resources.add(io.connect(address, port));
  return timed<Socket>(
    resources,
    ms,
    (resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    },
    () => {
      socket.destroy();
      return 'timeout';
    },
  );
}

/** The facts of a peer certificate, as the report shows them. */
export function certificateFacts(cert: PeerCertificate | undefined): CertificateFacts | undefined {
  if (!cert?.subject) return undefined;
  const name = (part: PeerCertificate['subject']) => {
    const fields = ['CN', 'O', 'OU'] as const;
    return (
      fields.flatMap((field) => (part?.[field] ? [`${field}=${part[field]}`] : [])).join(', ') || 'unnamed'
    );
  };
  const validTo = new Date(cert.valid_to);
  return {
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validTo: Number.isNaN(validTo.getTime()) ? cert.valid_to : validTo.toISOString().slice(0, 10),
    names: (cert.subjectaltname ?? '')
      .split(',')
      .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
      .filter(Boolean),
  };
}

const UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

type TlsCode = 'unknown-issuer' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'handshake';

function tlsCode(error: string): TlsCode {
  if (UNKNOWN_ISSUER.has(error)) return 'unknown-issuer';
  if (error === 'CERT_HAS_EXPIRED') return 'expired';
  if (error === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  if (error === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altnames|does not match/i.test(error)) return 'wrong-host';
  return 'handshake';
}

/** A TLS handshake over `socket`, verifying the chain (with `ca` added) and the host name itself. */
function openTls(
  resources: Resources,
  socket: Socket,
  host: string,
  ms: number,
  ca: string | undefined,
): Promise<{ tls: TLSSocket; error?: TlsCode; detail?: string }> {
  const tls = resources.add(
    tlsConnect({
      socket,
      host,
      ...(isIP(host) ? {} : { servername: host }),
      // Verified below, so that a failure says why (which issuer, which names) instead of only failing.
      rejectUnauthorized: false,
      // `ca` replaces Node's list: the bundled roots stay, with the private CA added.
      ...(ca ? { ca: [...rootCertificates, ca] } : {}),
      ALPNProtocols: ['http/1.1'],
    }),
  );
  return timed(
    resources,
    ms,
    (resolve, reject) => {
      tls.once('secureConnect', () => {
        const error = tls.authorizationError;
        if (!error) resolve({ tls });
        else {
          const detail = typeof error === 'string' ? error : error.message;
          resolve({ tls, error: tlsCode(detail), detail });
        }
      });
      tls.once('error', reject);
    },
    () => {
      tls.destroy();
      return 'timeout';
    },
  );
}

/** An HTTP answer's head: its status, and its header lines (`name: value`, names in lower case). */
interface AnswerHead {
  status: number;
  headers: Map<string, string>;
}

/**
 * Writes one HTTP/1.1 request on an open socket (plain, TLS or a proxy's tunnel) and reads the
 * answer's head, up to its blank line. Written and read on the socket itself, not through node:http:
 * an HTTP interceptor in the same process (an APM agent, or nock in the tests) may not pass a
 * request through to a socket of our own, and the check must measure the network, not the process.
 * Reading stops at the head: anything after it is handed back to the socket for whoever reads next
 * (a tunnel's first bytes), and the socket is left paused.
 */
function exchangeHead(socket: Socket, request: string): { answer: Promise<AnswerHead>; stop: () => void } {
  let stop: () => void = () => undefined;
  const answer = new Promise<AnswerHead>((resolve, reject) => {
    let head = Buffer.alloc(0);
    const fail = (code: string, message: string) => {
      stop();
      reject(Object.assign(new Error(message), { code }));
    };
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_ANSWER_HEAD) fail('EPROTO', "the answer's head does not end");
        return;
      }
      stop();
      socket.pause();
      if (end + 4 < head.length) socket.unshift(head.subarray(end + 4));
      const [statusLine = '', ...lines] = head.subarray(0, end).toString('latin1').split('\r\n');
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})(?: |$)/.exec(statusLine)?.[1];
      if (status === undefined) {
        reject(Object.assign(new Error('the answer is not HTTP'), { code: 'EPROTO' }));
        return;
      }
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(status), headers });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onEnd = () => fail('ECONNRESET', 'the connection closed before the answer');
    stop = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    // A tunnel's socket comes paused from the CONNECT before.
    socket.resume();
    socket.write(request);
  });
  return { answer, stop: () => stop() };
}

/** An HTTP/1.1 request's text: its request line, then its headers. */
function requestText(method: string, target: string, headers: Record<string, string>): string {
  const text = [`${method} ${target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (text.some((line) => /[\r\n]/.test(line))) throw new Error('a line break in a request header');
  return `${text.join('\r\n')}\r\n\r\n`;
}

/** One request over an open socket (the caller's TLS or plain one); resolves with the answer. */
function sendRequest(
  resources: Resources,
  socket: Socket,
  options: { method: string; host: string; port: number; path: string; headers?: Record<string, string> },
  ms: number,
): Promise<{ status: number; upgraded: boolean }> {
  const hostHeader = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
  const { answer, stop } = exchangeHead(
    socket,
    requestText(options.method, options.path, {
      Host: hostHeader,
      'User-Agent': USER_AGENT,
      ...options.headers,
    }),
  );
  return timed(
    resources,
    ms,
    (resolve, reject) => {
      answer.then(
        ({ status, headers }) =>
          resolve({ status, upgraded: status === 101 && /websocket/i.test(headers.get('upgrade') ?? '') }),
        reject,
      );
    },
    () => {
      stop();
      socket.destroy();
      return 'timeout';
    },
  );
}

/** A tunnel through the proxy to host:port (CONNECT), or the step's failure. */
async function openProxyTunnel(
  io: ProbeIo,
  resources: Resources,
  proxy: ProxySettings,
  target: CheckTarget,
  ms: number,
  ca: string | undefined,
): Promise<Socket> {
  const start = io.now();
  const fail = (code: Extract<StepOutcome, { step: 'proxy'; ok: false }>['code'], extra = {}) =>
    new StepFailure({ step: 'proxy', ok: false, ms: io.now() - start, code, ...extra });
  let socket: Socket;
  try {
    socket = await openTcp(io, resources, proxy.host, proxy.port, ms);
    if (proxy.scheme === 'https') {
      const opened = await openTls(resources, socket, proxy.host, ms, ca);
      if (opened.error) throw fail('error', { detail: `TLS to the proxy: ${opened.detail}` });
      socket = opened.tls;
    }
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw error === 'timeout' ? fail('timeout') : fail('unreachable', { detail: errorCode(error) });
  }
  const authority = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const headers: Record<string, string> = {};
  if (proxy.user !== undefined) {
    const credentials = Buffer.from(`${proxy.user}:${proxy.password ?? ''}`).toString('base64');
    headers['Proxy-Authorization'] = `Basic ${credentials}`;
  }
  const { answer: head, stop } = exchangeHead(
    socket,
    requestText('CONNECT', authority, { Host: authority, 'User-Agent': USER_AGENT, ...headers }),
  );
  const answer = await timed<{ status: number; tunnel: Socket }>(
    resources,
    ms,
    (resolve, reject) => {
      head.then(({ status }) => resolve({ status, tunnel: socket }), reject);
    },
    () => {
      stop();
      socket.destroy();
      return 'timeout';
    },
  ).catch((error: unknown) => {
    throw error === 'timeout' ? fail('timeout') : fail('error', { detail: errorCode(error) });
  });
  if (answer.status === 200) return answer.tunnel;
  answer.tunnel.destroy();
  if (answer.status === 403) throw fail('denied', { status: 403 });
  if (answer.status === 407) throw fail('auth', { status: 407 });
  throw fail('status', { status: answer.status });
}

/** Runs one probe's steps in order; stops at the first failure. */
export async function runProbe(
  target: CheckTarget,
  io: ProbeIo,
  options: ProbeOptions,
  resources = new Resources(),
): Promise<ProbeResult> {
  const outcomes: StepOutcome[] = [];
  const ms = options.timeoutMs;
  let address = target.host;

  /** Opens the path to the destination as far as TLS (when the probe has it); records its steps once. */
  const openPath = async (record: boolean): Promise<Socket | undefined> => {
    const push = (outcome: StepOutcome) => {
      if (record) outcomes.push(outcome);
      return outcome.ok;
    };
    let socket: Socket;
    let start = io.now();
    if (target.route.kind === 'proxy') {
      try {
        socket = await openProxyTunnel(io, resources, target.route.proxy, target, ms, options.ca);
        if (!push({ step: 'proxy', ok: true, ms: io.now() - start })) return undefined;
      } catch (error) {
        if (error instanceof StepFailure) push(error.outcome);
        else
          push({ step: 'proxy', ok: false, ms: io.now() - start, code: 'error', detail: errorCode(error) });
        return undefined;
      }
    } else {
      try {
        socket = await openTcp(io, resources, address, target.port, ms);
        push({ step: 'tcp', ok: true, ms: io.now() - start, address });
      } catch (error) {
        const elapsed = io.now() - start;
        push(
          error === 'timeout'
            ? { step: 'tcp', ok: false, ms: elapsed, address, code: 'timeout' }
            : {
                step: 'tcp',
                ok: false,
                ms: elapsed,
                address,
                code: tcpCode(errorCode(error)),
                detail: errorCode(error),
              },
        );
        return undefined;
      }
    }
    if (!target.steps.includes('tls')) return socket;
    start = io.now();
    try {
      const opened = await openTls(resources, socket, target.host, ms, options.ca);
      const certificate = certificateFacts(opened.tls.getPeerCertificate());
      if (opened.error) {
        push({
          step: 'tls',
          ok: false,
          ms: io.now() - start,
          code: opened.error,
          ...(certificate ? { certificate } : {}),
          ...(opened.detail ? { detail: opened.detail } : {}),
        });
        return undefined;
      }
      push({ step: 'tls', ok: true, ms: io.now() - start, certificate: certificate! });
      return opened.tls;
    } catch (error) {
      const elapsed = io.now() - start;
      push(
        error === 'timeout'
          ? { step: 'tls', ok: false, ms: elapsed, code: 'timeout' }
          : { step: 'tls', ok: false, ms: elapsed, code: 'handshake', detail: errorCode(error) },
      );
      return undefined;
    }
  };

  try {
    if (target.steps.includes('dns')) {
      const start = io.now();
      try {
        const addresses = await timed<string[]>(
          resources,
          ms,
          (resolve, reject) => {
            io.lookup(target.host).then(resolve, reject);
          },
          () => 'timeout',
        );
        if (!addresses.length) throw Object.assign(new Error('no address'), { code: 'ENODATA' });
        outcomes.push({ step: 'dns', ok: true, ms: io.now() - start, addresses });
        address = addresses[0]!;
      } catch (error) {
        const elapsed = io.now() - start;
        const code = errorCode(error);
        outcomes.push(
          error === 'timeout'
            ? { step: 'dns', ok: false, ms: elapsed, code: 'timeout' }
            : code === 'ENOTFOUND' || code === 'ENODATA'
              ? { step: 'dns', ok: false, ms: elapsed, code: 'not-found', detail: code }
              : { step: 'dns', ok: false, ms: elapsed, code: 'error', detail: code },
        );
        return { target, outcomes };
      }
    }
    const socket = await openPath(true);
    if (!socket) return { target, outcomes };
    if (target.steps.includes('http')) {
      const start = io.now();
      try {
        const { status } = await sendRequest(
          resources,
          socket,
          {
            method: 'HEAD',
            host: target.host,
            port: target.port,
            path: '/',
            headers: { Connection: 'close' },
          },
          ms,
        );
        outcomes.push({ step: 'http', ok: true, ms: io.now() - start, status });
      } catch (error) {
        const elapsed = io.now() - start;
        outcomes.push(
          error === 'timeout'
            ? { step: 'http', ok: false, ms: elapsed, code: 'timeout' }
            : { step: 'http', ok: false, ms: elapsed, code: 'no-answer', detail: errorCode(error) },
        );
        return { target, outcomes };
      }
    }
    socket.destroy();
    if (target.steps.includes('wss')) {
      // A second connection, as the Delegate's WebSocket is its own: the path again, then the upgrade.
      const start = io.now();
      const again = await openPath(false);
      if (!again) {
        outcomes.push({
          step: 'wss',
          ok: false,
          ms: io.now() - start,
          code: 'cut',
          detail: 'the path failed the second time',
        });
        return { target, outcomes };
      }
      try {
        const key = randomBytes(16).toString('base64');
        const { status, upgraded } = await sendRequest(
          resources,
          again,
          {
            method: 'GET',
            host: target.host,
            port: target.port,
            path: '/',
            headers: {
              Connection: 'Upgrade',
              Upgrade: 'websocket',
              'Sec-WebSocket-Version': '13',
              'Sec-WebSocket-Key': key,
            },
          },
          ms,
        );
        const elapsed = io.now() - start;
        outcomes.push(
          upgraded && status === 101
            ? { step: 'wss', ok: true, ms: elapsed, status: 101 }
            : { step: 'wss', ok: false, ms: elapsed, code: 'not-upgraded', status },
        );
      } catch (error) {
        const elapsed = io.now() - start;
        outcomes.push(
          error === 'timeout'
            ? { step: 'wss', ok: false, ms: elapsed, code: 'timeout' }
            : { step: 'wss', ok: false, ms: elapsed, code: 'cut', detail: errorCode(error) },
        );
      }
    }
    return { target, outcomes };
  } finally {
    resources.close();
  }
}

/**
 * Runs a plan's probes, at most `concurrency` at once, within one overall timeout: when it runs
 * out, running probes are stopped and every unfinished one is reported as not finished. Results
 * keep the plan's order.
 */
export async function runChecks(
  plan: CheckPlan,
  io: ProbeIo = systemIo,
  options: ProbeOptions = DEFAULT_PROBE_OPTIONS,
): Promise<ProbeResult[]> {
  const results: Array<ProbeResult | undefined> = plan.targets.map(() => undefined);
  const running = new Map<number, Resources>();
  let next = 0;
  let expired = false;
  let overall: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    overall = setTimeout(() => {
      expired = true;
      for (const resources of running.values()) resources.close();
      resolve();
    }, options.overallMs);
  });
  const worker = async () => {
    while (!expired && next < plan.targets.length) {
      const index = next++;
      const resources = new Resources();
      running.set(index, resources);
      const result = await runProbe(plan.targets[index]!, io, options, resources);
      running.delete(index);
      results[index] = expired ? { ...result, notRun: true } : result;
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.concurrency, plan.targets.length)) },
    worker,
  );
  await Promise.race([Promise.all(workers), deadline]);
  clearTimeout(overall);
  return plan.targets.map((target, i) => results[i] ?? { target, outcomes: [], notRun: true });
}
