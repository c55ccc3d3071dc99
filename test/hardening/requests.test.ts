import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/slack/request-guard.js';
import {
  appMentionEvent,
  eventCallbackBody,
  nowSeconds,
  postSigned,
  signature,
  slashCommandBody,
} from '../helpers/slack.js';
import { type FakeSlack, fakeSlack } from '../slack/support.js';
import { type HardeningApp, startHardeningApp } from './app.js';

/**
 * Requests Slack never sends, against the real Bolt app and HTTP receiver: a signed body that is
 * not a JSON object, a malformed request line, a body over the limit. Each gets a quick 4xx and a
 * warning (never an error-level log or an unhandled rejection), and the bot answers the next
 * question as usual.
 */

let app: HardeningApp;
let slack: FakeSlack;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  app = await startHardeningApp();
});
afterAll(async () => {
  await app.stop();
  process.off('unhandledRejection', onUnhandled);
});
beforeEach(() => {
  app.logs.length = 0;
  slack = fakeSlack();
});
afterEach(() => {
  slack.dispose();
  expect(unhandled.splice(0), 'unhandled rejections').toEqual([]);
});

const logLines = () => app.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const errorLogs = () => logLines().filter((l) => l.level === 'error');
const port = () => Number(new URL(app.baseUrl).port);

/** A request sent with a 3 s limit: a request the bot never answers fails the test, not the run. */
function postWithin(
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: { signed?: boolean } = {},
) {
  return postSigned(app.baseUrl, body, contentType, {
    ...(options.signed === false ? { signature: null } : {}),
    signal: AbortSignal.timeout(3_000),
  });
}

/**
 * Writes `text` to the bot's port as is and resolves with what came back once the bot closes the
 * connection, or after `waitMs` (whatever had arrived: '' when the bot was still waiting).
 */
function rawRequest(text: string | Array<string | Buffer>, waitMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port(), '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The bot may close while the rest of a refused body is still being written.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') done();
      else reject(error);
    });
    for (const part of Array.isArray(text) ? text : [text]) socket.write(part);
  });
}

const statusOf = (response: string) => /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1];

/** The signed headers of a POST to /slack/events, for raw requests. */
function signedHeaders(body: string, contentType: string, length: number) {
  const timestamp = nowSeconds();
  return [
    'POST /slack/events HTTP/1.1',
    'Host: 127.0.0.1',
    `Content-Type: ${contentType}`,
    `Content-Length: ${length}`,
    `X-Slack-Request-Timestamp: ${timestamp}`,
    `X-Slack-Signature: ${signature(body, timestamp)}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
}

let mentions = 0;
/** The bot still answers: a mention gets its reply posted. */
async function expectTheBotStillAnswers() {
  mentions += 1;
  slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000200' });
  const response = await postWithin(
    eventCallbackBody(appMentionEvent('splunk', { ts: `17325640${mentions}.000100` })),
    'application/json',
  );
  expect(response.status).toBe(200);
  await slack.settle(app.bot);
  expect(String(slack.calls.at(-1)?.args.text)).toContain('Splunk');
}

describe('a signed body that is not a JSON object', () => {
  it.each([
    ['JSON null', 'null', 'application/json'],
    ['a JSON number', '42', 'application/json'],
    ['a JSON string', '"url_verification"', 'application/json'],
    ['a JSON array', '[{"type":"event_callback"}]', 'application/json'],
    ['JSON true', ' true', 'application/json'],
    ['payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['payload=[]', `payload=${encodeURIComponent('[]')}`, 'application/x-www-form-urlencoded'],
  ] as const)('%s: 400 at once, a warning, and the bot carries on', async (_what, body, contentType) => {
    const response = await postWithin(body, contentType);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('');
    expect(errorLogs()).toEqual([]);
    expect(logLines()).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('not a JSON object') }),
    );
    await expectTheBotStillAnswers();
  });

  it('unsigned, it is refused as any unsigned request is: 401', async () => {
    const response = await postWithin('null', 'application/json', { signed: false });
    expect(response.status).toBe(401);
    expect(errorLogs()).toEqual([]);
  });

  it('a signed malformed body keeps Bolt’s answer (400), and a good one is still processed', async () => {
    expect((await postWithin('{"type":', 'application/json')).status).toBe(400);
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000300' });
    const command = await postWithin(slashCommandBody('splunk'), 'application/x-www-form-urlencoded');
    expect(command.status).toBe(200);
    expect(await command.text()).toContain('8089');
    expect(errorLogs()).toEqual([]);
  });
});

describe('a malformed request line', () => {
  it.each([
    ['GET http://[', 'GET http://[ HTTP/1.1'],
    ['POST http://[', 'POST http://[ HTTP/1.1'],
    ['GET http://[::1', 'GET http://[::1 HTTP/1.1'],
  ])('%s: 400, a warning, and the bot carries on', async (_what, requestLine) => {
    const response = await rawRequest(
      `${requestLine}\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(response)).toBe('400');
    expect(errorLogs()).toEqual([]);
    expect(logLines()).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringContaining('malformed URL') }),
    );
    await expectTheBotStillAnswers();
  });

  it('an unknown path is still a 404', async () => {
    const response = await rawRequest(
      'GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(statusOf(response)).toBe('404');
    expect(errorLogs()).toEqual([]);
  });
});

describe(`the body limit (${BODY_LIMIT_BYTES} bytes, 1 MiB)`, () => {
  it('is 1 MiB', () => {
    expect(BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it('a body declared larger gets 413 before the bot reads it (only its first KiB is ever sent)', async () => {
    const declared = 2 * BODY_LIMIT_BYTES;
    const response = await rawRequest([
      signedHeaders('', 'application/json', declared),
      Buffer.alloc(1024, '{'.charCodeAt(0)),
    ]);
    expect(statusOf(response)).toBe('413');
    expect(errorLogs()).toEqual([]);
    expect(logLines()).toContainEqual(expect.objectContaining({ level: 'warn' }));
    await expectTheBotStillAnswers();
  });

  it('a chunked body gets 413 once it passes the limit, without waiting for its end', async () => {
    const chunk = Buffer.alloc(BODY_LIMIT_BYTES + 1024, 'a'.charCodeAt(0));
    const head = signedHeaders('', 'application/x-www-form-urlencoded', 0).replace(
      'Content-Length: 0',
      'Transfer-Encoding: chunked',
    );
    const response = await rawRequest([
      head,
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]);
    expect(statusOf(response)).toBe('413');
    expect(errorLogs()).toEqual([]);
    await expectTheBotStillAnswers();
  });

  it('a signed request just under the limit is answered as usual', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000400' });
    const envelope = JSON.parse(eventCallbackBody(appMentionEvent('jenkins', { ts: '1732564999.000100' })));
    const base = JSON.stringify({ ...envelope, padding: '' }).length;
    const body = JSON.stringify({ ...envelope, padding: 'x'.repeat(BODY_LIMIT_BYTES - base - 16) });
    expect(body.length).toBeGreaterThan(BODY_LIMIT_BYTES - 32);
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
    const response = await postWithin(body, 'application/json');
    expect(response.status).toBe(200);
    await slack.settle(app.bot);
    expect(String(slack.calls[0]?.args.text)).toContain('Jenkins');
  });
});
