import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeSlackArgs } from './slack-args.js';

/**
 * The one fake Slack Web API for tests that run the bot as a process (end to end, start-up,
 * shutdown): node:http on 127.0.0.1, a port chosen by the OS, `SLACK_API_URL` = `apiUrl`.
 *
 * - Every call is recorded generically: method, decoded arguments, raw body, token, and what the
 *   fake answered, so a test can assert on any method (views.publish, views.open…) without the
 *   fake knowing it.
 * - By default it answers as Slack does and keeps state: chat.postMessage stores the message under
 *   channel + ts, chat.update changes it (message_not_found for an unknown ts), and
 *   conversations.history / conversations.replies return what is stored, so a test can send a
 *   click with a message's current blocks. views.open/push/update/publish answer with the view,
 *   assistant.threads.* with ok. Any other method gets `unknown_method`.
 * - `on(method, handler)` replaces how one method is answered (a status, a delay, headers); the
 *   handler may still call `asSlack()` for the default answer and state.
 */

/** One request to the fake, as it arrived. */
export interface FakeApiRequest {
  method: string;
  /** The arguments, decoded: `blocks` or `view` are objects again, whether sent as form or JSON. */
  args: Record<string, unknown>;
  /** The request body as sent. */
  body: string;
  contentType: string | undefined;
  authorization: string | undefined;
}

/** A recorded call: the request and what the fake answered. */
export interface FakeApiCall extends FakeApiRequest {
  /** The HTTP status the fake answered with. */
  status: number;
  /** What the fake answered (e.g. the `ts` it gave a posted message). */
  reply: Record<string, unknown>;
  /** Set once the answer was sent (after any delay). */
  answeredAt?: number;
}

export interface FakeApiAnswer {
  status?: number;
  body: Record<string, unknown>;
  delayMs?: number;
  headers?: Record<string, string>;
}

/** Answers one request; `asSlack()` gives (and applies: a post is stored) the fake's default answer. */
export type FakeApiHandler = (request: FakeApiRequest, asSlack: () => FakeApiAnswer) => FakeApiAnswer;

/** A message as the fake keeps it: what was posted, as last updated. */
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: unknown;
  blocks?: unknown;
  /** The bot user that posted it. */
  user: string;
  bot_id: string;
}

export interface FakeSlackApi {
  /** What to set SLACK_API_URL to: `http://127.0.0.1:<port>/api/`. */
  apiUrl: string;
  /** Every call, in the order it arrived. */
  calls: FakeApiCall[];
  /** Calls of one method, in order. */
  callsOf(method: string): FakeApiCall[];
  /** Replaces how a method is answered. */
  on(method: string, handler: FakeApiHandler): void;
  /** Resolves with the calls of `method` once there are `count` of them; rejects after `timeoutMs`. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<FakeApiCall[]>;
  /** Resolves with call number `after + 1` of `method`; rejects after `timeoutMs`. */
  waitForCall(method: string, after?: number, timeoutMs?: number): Promise<FakeApiCall>;
  /** A posted message as it stands now. */
  message(channel: string, ts: string): StoredMessage | undefined;
  /** The messages posted in a channel, oldest first. */
  messages(channel: string): StoredMessage[];
  close(): Promise<void>;
}

export const FAKE_BOT = {
  team: 'Acme',
  teamId: 'T0001',
  user: 'harness-ports',
  userId: 'U0BOT',
  botId: 'B0BOT',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: FakeApiCall[] = [];
  const handlers = new Map<string, FakeApiHandler>();
  const waiters = new Set<() => void>();
  const stored = new Map<string, StoredMessage>();
  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  let nextTs = 1732560000_000_100;
  const newTs = () => {
    const digits = String(nextTs++);
    return `${digits.slice(0, 10)}.${digits.slice(10)}`;
  };
  let nextView = 1;

  const asSlack = (method: string, args: Record<string, unknown>): FakeApiAnswer => {
    const channel = text(args.channel) ?? '';
    switch (method) {
      case 'auth.test':
        return {
          body: {
            ok: true,
            url: 'https://acme.slack.test/',
            team: FAKE_BOT.team,
            user: FAKE_BOT.user,
            team_id: FAKE_BOT.teamId,
            user_id: FAKE_BOT.userId,
            bot_id: FAKE_BOT.botId,
          },
        };
      case 'chat.postMessage': {
        const threadTs = text(args.thread_ts);
        const message: StoredMessage = {
          channel,
          ts: newTs(),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: args.text,
          blocks: args.blocks,
          user: FAKE_BOT.userId,
          bot_id: FAKE_BOT.botId,
        };
        stored.set(key(channel, message.ts), message);
        return { body: { ok: true, channel, ts: message.ts, message: { ...message, type: 'message' } } };
      }
      case 'chat.update': {
        const ts = text(args.ts) ?? '';
        const message = stored.get(key(channel, ts));
        if (!message) return { body: { ok: false, error: 'message_not_found' } };
        if ('text' in args) message.text = args.text;
        if ('blocks' in args) message.blocks = args.blocks;
        return {
          body: { ok: true, channel, ts, text: message.text, message: { ...message, type: 'message' } },
        };
      }
      case 'chat.postEphemeral':
        return { body: { ok: true, message_ts: newTs() } };
      case 'conversations.history':
        return {
          body: {
            ok: true,
            messages: [...stored.values()]
              .filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts))
              .reverse()
              .map((m) => ({ type: 'message', ...m })),
            has_more: false,
          },
        };
      case 'conversations.replies': {
        const ts = text(args.ts) ?? '';
        const thread = [...stored.values()].filter(
          (m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts),
        );
        if (thread.length === 0) return { body: { ok: false, error: 'thread_not_found' } };
        return {
          body: { ok: true, messages: thread.map((m) => ({ type: 'message', ...m })), has_more: false },
        };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const view = args.view && typeof args.view === 'object' ? args.view : {};
        return { body: { ok: true, view: { id: `V0VIEW${nextView++}`, ...view } } };
      }
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setTitle':
        return { body: { ok: true } };
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readBody(req);
    if (req.method !== 'POST' || !path.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = path.slice('/api/'.length);
    const args = decodeSlackArgs(body);
    const request: FakeApiRequest = {
      method,
      args,
      body,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
    };
    const handler = handlers.get(method);
    const defaultAnswer = () => asSlack(method, args);
    const answer = handler ? handler(request, defaultAnswer) : defaultAnswer();
    const call: FakeApiCall = { ...request, status: answer.status ?? 200, reply: answer.body };
    calls.push(call);
    for (const waiter of waiters) waiter();
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(call.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
      call.answeredAt = Date.now();
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const callsOf = (method: string) => calls.filter((call) => call.method === method);
  const waitForCalls = (method: string, count: number, timeoutMs = 10_000) =>
    new Promise<FakeApiCall[]>((resolve, reject) => {
      const check = () => {
        const found = callsOf(method);
        if (found.length >= count) {
          done();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `expected ${count} ${method} call(s) within ${timeoutMs} ms; got: ${calls.map((c) => c.method).join(', ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    callsOf,
    on: (method, handler) => {
      handlers.set(method, handler);
    },
    waitForCalls,
    waitForCall: async (method, after = 0, timeoutMs) =>
      (await waitForCalls(method, after + 1, timeoutMs))[after]!,
    message: (channel, ts) => stored.get(key(channel, ts)),
    messages: (channel) => [...stored.values()].filter((m) => m.channel === channel),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
