import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake of the Slack Web API for end-to-end runs of the built bot: node:http on 127.0.0.1,
 * a port chosen by the OS. It records every call (method, decoded arguments, token) and answers the
 * few methods the bot uses the way Slack does; anything else gets `unknown_method`.
 */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
  /** What the fake answered (e.g. the `ts` it gave a posted message). */
  reply: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** What to set SLACK_API_URL to: `http://127.0.0.1:<port>/api/`. */
  apiUrl: string;
  calls: RecordedCall[];
  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[];
  /** Resolves once `count` calls of `method` arrived (fails after `timeoutMs`). */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Arguments as the Web API client sends them: form-encoded with nested values as JSON, or JSON. */
function decode(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  let nextTs = 1732560000_000_100;
  const newTs = () => {
    const ts = String(nextTs++);
    return `${ts.slice(0, 10)}.${ts.slice(10)}`;
  };
  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.test/',
          team: 'Acme',
          user: 'harness-ports',
          team_id: 'T0001',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: newTs(), message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: newTs() };
      case 'views.publish':
      case 'views.open':
        return { ok: true, view: { id: 'V0E2E', ...(args.view as Record<string, unknown>) } };
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setStatus':
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
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
    const args = decode(body, req.headers['content-type']);
    const reply = answer(method, args);
    calls.push({ method, args, authorization: req.headers.authorization, reply });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const callsOf = (method: string) => calls.filter((call) => call.method === method);
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    callsOf,
    async waitForCalls(method, count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (callsOf(method).length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `expected ${count} ${method} call(s) within ${timeoutMs} ms; got: ${calls.map((c) => c.method).join(', ') || 'none'}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return callsOf(method);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
