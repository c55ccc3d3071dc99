import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { parseCatalog } from '../../src/catalog/load.js';
import type { Catalog, Provider } from '../../src/catalog/schema.js';
import type { WebApiPolicy } from '../../src/slack/web-api-policy.js';
import { realCatalog } from '../helpers/catalog.js';
import { type RunningTestApp, startTestApp } from '../helpers/slack.js';

/** Text people could type (or put in a catalog) that is live Slack syntax if echoed unescaped. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!channel|channel>',
  '<@U0ALICE>',
  '<@W0123ABC|bob>',
  '<#C0GENERAL|general>',
  '<!subteam^S0123ABC|@platform>',
  '<!date^1392734382^{date}|Feb 18>',
  '<http://evil.example|click me>',
  '<https://evil.example/login>',
  '<mailto:ceo@evil.example|mail the CEO>',
  '&lt;!channel&gt;',
  '&amp;lt;!here&amp;gt;',
  '<<!here>>',
  '< !channel >',
  '<\n!channel>',
  '`<!channel>`',
  '```<!here>```',
  '*<!everyone>*',
  '>>> <!channel> quoted',
  'splunk <!channel> jenkins',
  'a|b <http://x|y> c',
  'Tom & Jerry <3 >_<',
  '\u0000<!here>\u0007',
  '\u202e<!channel>\u202c',
  'ｓｐｌｕｎｋ＜!channel＞',
];

/** A message as the renderers return it and as it is sent to Slack. */
export interface MessageLike {
  text?: unknown;
  blocks?: unknown;
}

/** What the bot itself may write as live syntax: mentions of these users, links to these URLs, dates. */
export interface BotMadeSyntax {
  userIds?: readonly string[];
  urls?: readonly string[];
}

/** Every mrkdwn string of a message: the top-level text and each mrkdwn text object (plain_text is never parsed). */
export function mrkdwnTexts(message: MessageLike): string[] {
  const texts: string[] = [];
  if (typeof message.text === 'string') texts.push(message.text);
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (v.type === 'mrkdwn' && typeof v.text === 'string') texts.push(v.text);
      for (const inner of Object.values(v)) if (inner && typeof inner === 'object') walk(inner);
    }
  };
  walk(message.blocks);
  return texts;
}

/** How the bot writes a catalog URL inside `<…|…>`: characters that could end the link percent-encoded. */
const linkForm = (url: string) => url.replace(/[<>|\s]/g, encodeURIComponent);
const linkFormsCache = new WeakMap<readonly string[], Set<string>>();
function linkForms(urls: readonly string[]): Set<string> {
  let forms = linkFormsCache.get(urls);
  if (!forms) {
    forms = new Set(urls.map(linkForm));
    linkFormsCache.set(urls, forms);
  }
  return forms;
}

/**
 * The problems that would make Slack execute something the bot did not mean: any `<…>` token that is
 * not a mention of an allowed user, a `<!date>` the bot made, or a link to an allowed (catalog) URL;
 * any stray `<` or `>`; any `&` that is not one of Slack's three escapes. Empty means safe.
 */
export function liveSyntaxProblems(message: MessageLike, allowed: BotMadeSyntax = {}): string[] {
  const problems: string[] = [];
  const users = new Set(allowed.userIds ?? []);
  const urls = linkForms(allowed.urls ?? []);
  for (const text of mrkdwnTexts(message)) {
    const rest = text.replace(/<([^<>]*)>/g, (token, inner: string) => {
      const mention = /^@([UW][A-Z0-9]{2,20})$/.exec(inner);
      if (mention && users.has(mention[1]!)) return '';
      if (/^!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^|]*$/.test(inner)) return '';
      const link = /^(https?:\/\/[^|\s]+)\|([^|]+)$/.exec(inner);
      if (link && urls.has(link[1]!.replace(/&amp;/g, '&'))) return '';
      problems.push(`live token ${JSON.stringify(token)} in ${JSON.stringify(text.slice(0, 200))}`);
      return '';
    });
    if (/[<>]/.test(rest)) problems.push(`unescaped < or > in ${JSON.stringify(text.slice(0, 200))}`);
    const bareAmp = /&(?!amp;|lt;|gt;)/.exec(text);
    if (bareAmp) problems.push(`unescaped & in ${JSON.stringify(text.slice(0, 200))}`);
  }
  return problems;
}

/** Every reference URL of a catalog: the only links the bot may make. */
const urlsCache = new WeakMap<Catalog, string[]>();
export function catalogUrls(catalog: Catalog): string[] {
  let urls = urlsCache.get(catalog);
  if (!urls) {
    urls = catalog.providers.flatMap((p) => p.references.map((r) => r.url));
    urlsCache.set(catalog, urls);
  }
  return urls;
}

/** Cuts or pads text to exactly `length` UTF-16 units (the schema's maximum for a field), never ending in half a pair. */
function sized(text: string, length: number): string {
  let out = text;
  while (out.length < length) out += ` ${text}`;
  out = out.slice(0, length);
  if (/[\uD800-\uDBFF]$/.test(out)) out = `${out.slice(0, -1)}x`;
  return out.trim() || 'x';
}

const hostile = (i: number) => HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!;

/** A provider with every field as long and as hostile as the schema allows. */
function maxedProvider(base: Provider, suffix: string, i: number): Record<string, unknown> {
  const name = `${sized(`${hostile(i)} ${base.name} 🚀 ${hostile(i + 1)}`, 100 - suffix.length - 1)} ${suffix}`;
  return {
    id: `${base.id}-${suffix}`,
    name,
    category: base.category,
    ...(base.group ? { group: base.group } : {}),
    aliases: Array.from(
      { length: 8 },
      (_, k) => `${sized(hostile(i + k), 40)} ${base.id.slice(0, 8)} ${suffix}${k}`,
    ),
    permissions: Array.from({ length: 30 }, (_, k) => sized(`${hostile(i + k)} permission ${k} & more`, 500)),
    ports: Array.from({ length: 30 }, (_, k) => ({
      port: k === 0 ? 65535 : 1 + ((i * 31 + k * 977) % 65535),
      protocol: sized(`TCP${hostile(k)}`, 20),
      label: sized(`${hostile(i + k)} label`, 200),
      conditional: k % 2 === 0,
      ...(k % 2 === 0 ? { condition: sized(`${hostile(k)} only when`, 300) } : {}),
      sourceLabel: sized(`${hostile(k + 3)} source`, 200),
    })),
    portNote: sized(`${hostile(i)} note about ports`, 500),
    references: Array.from({ length: 12 }, (_, k) => ({
      title: sized(`${hostile(i + k)} docs | title`, 200),
      url: `https://docs.example.com/${suffix}/${k}/${'a&b=<c>|d'.repeat(180)}`.slice(0, 2000),
    })),
    notes: Array.from({ length: 15 }, (_, k) => sized(`${hostile(i + k)} note ${k}`, 500)),
  };
}

/** A real provider, copied under a new id, name and aliases. */
function copiedProvider(base: Provider, suffix: string): Record<string, unknown> {
  return {
    ...base,
    id: `${base.id}-${suffix}`,
    name: `${base.name} ${suffix}`,
    aliases: base.aliases.map((alias) => `${alias} ${suffix}`),
  };
}

let bigCatalogCache: Catalog | undefined;

/**
 * A synthetic catalog 100 times the size of the real one (every provider copied 100 times), one copy
 * in seven filled to the schema's maximum with hostile text. Validated by the real schema, so it is a
 * catalog the bot could be given.
 */
export function hundredfoldCatalog(): Catalog {
  if (bigCatalogCache) return bigCatalogCache;
  const real = realCatalog();
  const providers: Record<string, unknown>[] = [];
  for (let copy = 0; copy < 100; copy++) {
    real.providers.forEach((base, i) => {
      const suffix = `c${copy}`;
      providers.push(copy % 7 === 3 ? maxedProvider(base, suffix, copy + i) : copiedProvider(base, suffix));
    });
  }
  bigCatalogCache = parseCatalog(
    { version: 1, title: real.title, source: real.source, about: real.about, providers },
    'hundredfold catalog',
  );
  return bigCatalogCache;
}

let hostileCatalogCache: Catalog | undefined;

/** The real catalog with every free-text field of every provider made hostile (same size, same ids). */
export function hostileCatalog(): Catalog {
  if (hostileCatalogCache) return hostileCatalogCache;
  const real = realCatalog();
  hostileCatalogCache = parseCatalog(
    {
      version: 1,
      title: real.title,
      source: real.source,
      about: real.about,
      providers: real.providers.map((provider, i) => ({
        ...provider,
        name: `${provider.name} ${hostile(i)}`,
        permissions: provider.permissions.map((p, k) => `${p} ${hostile(i + k)}`),
        ports: provider.ports.map((rule, k) => ({
          ...rule,
          label: `${rule.label} ${hostile(i + k)}`,
          ...(rule.condition ? { condition: `${rule.condition} ${hostile(k)}` } : {}),
          ...(rule.sourceLabel ? { sourceLabel: `${rule.sourceLabel} ${hostile(k + 1)}` } : {}),
        })),
        ...(provider.portNote ? { portNote: `${provider.portNote} ${hostile(i)}` } : {}),
        references: provider.references.map((ref, k) => ({
          title: `${ref.title} ${hostile(i + k)}`,
          url: `${ref.url}${ref.url.includes('?') ? '&' : '?'}q=<!channel>|x&y=1`,
        })),
        notes: [...provider.notes, hostile(i + 2)],
      })),
    },
    'hostile catalog',
  );
  return hostileCatalogCache;
}

// ---------------------------------------------------------------------------------------------
// The built entry point, spawned as an operator would run it.

export const MAIN_JS = resolve(import.meta.dirname, '../../dist/main.js');

/** A temporary working directory (so no .env is read); removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'harness-ports-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** An environment with only PATH and HOME, plus the variables under test. */
export function cleanEnv(vars: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...vars };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs node dist/main.js to its end (killed after `timeoutMs`), with stdin closed. */
export function runMain(env: Record<string, string>, cwd: string, timeoutMs = 15_000): Promise<Exit> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN_JS], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** A running node dist/main.js whose output is watched line by line. */
export interface RunningMain {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Parsed JSON log lines so far (stderr). */
  logs: () => Array<Record<string, unknown>>;
  /** Resolves with the first log line matching, or rejects after `timeoutMs`. */
  waitForLog: (
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it is still running (test clean-up). */
  kill: () => void;
}

export function startMain(env: Record<string, string>, cwd: string): RunningMain {
  const child = spawn(process.execPath, [MAIN_JS], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => {
      resolveExit({ code, signal });
      wake();
    });
  });
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    logs,
    waitForLog: (match, timeoutMs = 10_000) =>
      new Promise((resolveLine, reject) => {
        const check = () => {
          const found = logs().find(match);
          if (found) {
            done();
            resolveLine(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`the process exited before logging what was expected; stderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for a log line; stderr:\n${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A free loopback port: listen on 0, note the port, close. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

// ---------------------------------------------------------------------------------------------
// A small fake Slack Web API for the spawned process (loopback only).

export interface FakeApiCall {
  method: string;
  args: Record<string, unknown>;
  /** Set once the fake has answered. */
  answeredAt?: number;
}

export type FakeApiHandler = (call: FakeApiCall) => {
  status?: number;
  body: Record<string, unknown>;
  delayMs?: number;
  headers?: Record<string, string>;
};

export interface FakeSlackApi {
  url: string;
  calls: FakeApiCall[];
  /** Replaces how a method is answered (default: ok:true, with a ts for posts). */
  on(method: string, handler: FakeApiHandler): void;
  /** Resolves when a call of `method` arrives (counting from `after` calls of it), or rejects after `timeoutMs`. */
  waitForCall(method: string, after?: number, timeoutMs?: number): Promise<FakeApiCall>;
  close(): Promise<void>;
}

function decodeForm(raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: FakeApiCall[] = [];
  const handlers = new Map<string, FakeApiHandler>();
  const waiters = new Set<() => void>();
  let ts = 1732560000;
  const defaultHandler: FakeApiHandler = (call) => {
    if (call.method === 'auth.test') {
      return { body: { ok: true, team: 'Acme', user: 'harness-ports', bot_id: 'B0BOT', user_id: 'U0BOT' } };
    }
    if (call.method.startsWith('chat.post')) {
      ts += 1;
      return { body: { ok: true, channel: call.args.channel, ts: `${ts}.000100` } };
    }
    return { body: { ok: true } };
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const call: FakeApiCall = { method, args: decodeForm(raw) };
      calls.push(call);
      for (const waiter of waiters) waiter();
      const answer = (handlers.get(method) ?? defaultHandler)(call);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
        call.answeredAt = Date.now();
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    on: (method, handler) => {
      handlers.set(method, handler);
    },
    waitForCall: (method, after = 0, timeoutMs = 10_000) =>
      new Promise((resolveCall, reject) => {
        const check = () => {
          const found = calls.filter((c) => c.method === method)[after];
          if (found) {
            done();
            resolveCall(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${method} call #${after + 1} within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The real Bolt app and HTTP receiver in this process, with the options the hardening tests vary.

export type HardeningApp = RunningTestApp;

/**
 * startTestApp with a logger that redacts nothing unless told to (so a test can prove a secret is
 * never even handed to the logger), and optionally shorter Slack timeouts.
 */
export function startHardeningApp(
  options: { webApiPolicy?: Partial<WebApiPolicy>; redact?: string[] } = {},
): Promise<HardeningApp> {
  return startTestApp(realCatalog(), { ...options, redact: options.redact ?? [] });
}

// ---------------------------------------------------------------------------------------------
// A minimal WebSocket server standing in for Slack's Socket Mode endpoint (loopback only).

export interface FakeSocketServer {
  url: string;
  /** Connections opened so far. */
  connections: number;
  /** True once a client sent a close frame (a clean WebSocket close). */
  closeFrameReceived: boolean;
  /** Resolves when the client's connection has ended. */
  closed: Promise<void>;
  /** Resolves when a client has connected and been sent `hello`. */
  connected: Promise<void>;
  /** Cuts the current connection without a closing handshake, as a network failure would. */
  drop: () => void;
  close: () => Promise<void>;
}

/** Sends one unmasked text frame (server to client). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

export async function startFakeSocketServer(): Promise<FakeSocketServer> {
  const server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  let markConnected: () => void = () => {};
  let markClosed: () => void = () => {};
  const state: FakeSocketServer = {
    url: '',
    connections: 0,
    closeFrameReceived: false,
    connected: new Promise((resolveConnected) => {
      markConnected = resolveConnected;
    }),
    closed: new Promise((resolveClosed) => {
      markClosed = resolveClosed;
    }),
    drop: () => current?.destroy(),
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
  let current: Duplex | undefined;
  server.on('upgrade', (req, socket) => {
    current = socket;
    state.connections += 1;
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.write(
      textFrame(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } })),
    );
    markConnected();
    socket.on('data', (data: Buffer) => {
      const opcode = (data[0] ?? 0) & 0x0f;
      if (opcode === 0x8) {
        state.closeFrameReceived = true;
        // Echo a close frame, as a server completing the closing handshake does.
        socket.end(Buffer.from([0x88, 0x00]));
      }
    });
    socket.on('close', () => {
      markClosed();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  state.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  return state;
}
