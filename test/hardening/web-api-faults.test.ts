import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackApp } from '../../src/slack/app.js';
import {
  appMentionEvent,
  eventCallbackBody,
  postSigned,
  RESPONSE_HOST,
  SLACK_API_HOST,
  slashCommandBody,
} from '../helpers/slack.js';
import { type FakeSlack, fakeSlack } from '../slack/support.js';
import { type HardeningApp, startHardeningApp } from './app.js';

/**
 * Web API faults: a 429 with Retry-After, a 5xx, a timeout, a connection that never opened, and
 * ok:false errors each end in a logged, handled outcome: a retry where Slack allows it, else a
 * short explanation to the user where possible. Never an unhandled rejection, never a crash, and
 * the bot answers the next request as usual.
 */

/** Short enough for a quick test, long enough to wait out a Retry-After of 1 s. */
const TIMEOUT_MS = 1_500;

let app: HardeningApp;
let bot: SlackApp;
let baseUrl: string;
let logs: string[];
let slack: FakeSlack;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  app = await startHardeningApp({ webApiPolicy: { timeoutMs: TIMEOUT_MS, backoffMs: 20 } });
  ({ bot, baseUrl, logs } = app);
});
afterAll(async () => {
  await app.stop();
  process.off('unhandledRejection', onUnhandled);
});
beforeEach(() => {
  logs.length = 0;
  slack = fakeSlack();
});
afterEach(() => {
  slack.dispose();
  expect(unhandled, 'unhandled rejections').toEqual([]);
});

interface Attempt {
  method: string;
  args: Record<string, string>;
  at: number;
}
const attempts: Attempt[] = [];
beforeEach(() => {
  attempts.length = 0;
});

/** Answers the next calls of a Web API method with these replies, in order, recording each attempt. */
function faults(method: string, ...replies: Array<(scope: nock.Interceptor) => nock.Scope>) {
  for (const reply of replies) {
    const interceptor = nock(SLACK_API_HOST)
      .post(`/api/${method}`, (body: Record<string, string>) => {
        attempts.push({ method, args: body, at: Date.now() });
        return true;
      })
      .times(1);
    reply(interceptor);
  }
}
const ok =
  (body: Record<string, unknown> = {}) =>
  (i: nock.Interceptor) =>
    i.reply(200, { ok: true, ts: '1732569999.000100', ...body });
const platformError = (error: string) => (i: nock.Interceptor) => i.reply(200, { ok: false, error });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  (i: nock.Interceptor) =>
    i.reply(code, code === 429 ? { ok: false, error: 'ratelimited' } : 'upstream error', headers);
const slow = (ms: number) => (i: nock.Interceptor) => i.delay(ms).reply(200, { ok: true, ts: '1.2' });
const refused = () => (i: nock.Interceptor) =>
  i.replyWithError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));

let mentionCount = 0;
async function mention(text: string) {
  mentionCount += 1;
  const body = eventCallbackBody(appMentionEvent(text, { ts: `1732561${mentionCount}.000100` }));
  const response = await postSigned(baseUrl, body, 'application/json');
  expect(response.status).toBe(200);
  await slack.settle(bot);
}

const logLines = () => logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const failures = () => logLines().filter((l) => l.level === 'error');
const ephemeralTexts = () =>
  attempts.filter((a) => a.method === 'chat.postEphemeral').map((a) => a.args.text);
const posts = () => attempts.filter((a) => a.method === 'chat.postMessage');

describe('a rate-limited Web API call (429)', () => {
  it('is retried after a short Retry-After, and the answer is posted once', async () => {
    faults('chat.postMessage', status(429, { 'Retry-After': '1' }), ok());
    await mention('splunk');
    expect(posts()).toHaveLength(2);
    expect(posts()[1]!.at - posts()[0]!.at).toBeGreaterThanOrEqual(950);
    expect(posts()[1]!.args.text).toContain('Splunk');
    expect(ephemeralTexts()).toEqual([]);
    expect(logLines().some((l) => l.msg === 'Slack rate-limited a request, retrying' && l.wait === 1)).toBe(
      true,
    );
    expect(failures()).toEqual([]);
  });

  it('is not waited for when Retry-After is long: the user is told at once to try again', async () => {
    faults('chat.postMessage', status(429, { 'Retry-After': '30' }));
    faults('chat.postEphemeral', ok());
    const started = Date.now();
    await mention('splunk');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(posts()).toHaveLength(1);
    expect(ephemeralTexts()).toEqual(['Slack is rate-limiting me right now. Please try again in a minute.']);
    expect(failures()).toMatchObject([{ msg: 'replying to a message failed', error: 'ratelimited' }]);
  });
});

describe('a Web API server error (5xx)', () => {
  it('is not retried for a post (it may have been posted): the user gets an explanation', async () => {
    faults('chat.postMessage', status(500));
    faults('chat.postEphemeral', ok());
    await mention('jenkins');
    expect(posts()).toHaveLength(1);
    expect(ephemeralTexts()).toEqual([
      'Something went wrong while talking to Slack. Please try again in a moment.',
    ]);
    expect(failures()).toMatchObject([{ msg: 'replying to a message failed', error: 'http_error' }]);
  });

  it('is retried for a call that is safe to repeat', async () => {
    faults('auth.test', status(503), status(502), ok({ team: 'Acme', user: 'harness-ports' }));
    await expect(bot.verifyToken()).resolves.toEqual({ team: 'Acme', user: 'harness-ports' });
    expect(attempts.map((a) => a.method)).toEqual(['auth.test', 'auth.test', 'auth.test']);
    await slack.settle(bot);
  });

  it('ends as an error after the retries, without hanging', async () => {
    faults('auth.test', status(500), status(500), status(500));
    await expect(bot.verifyToken()).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 500,
    });
    expect(attempts).toHaveLength(3);
    await slack.settle(bot);
  });
});

describe('a Web API call that times out', () => {
  it('is not repeated for a post, and the user is told Slack did not answer in time', async () => {
    faults('chat.postMessage', slow(TIMEOUT_MS + 1_000));
    faults('chat.postEphemeral', ok());
    const started = Date.now();
    await mention('nexus');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 900);
    expect(posts()).toHaveLength(1);
    expect(ephemeralTexts()).toEqual(['Slack did not answer me in time. Please try again in a moment.']);
    expect(failures()).toMatchObject([{ msg: 'replying to a message failed', error: 'timeout' }]);
  });
});

describe('a connection that never opened', () => {
  it('is retried, since Slack never saw the request, and the answer is posted once', async () => {
    faults('chat.postMessage', refused(), ok());
    await mention('datadog');
    expect(posts()).toHaveLength(2);
    expect(posts()[1]!.args.text).toContain('Datadog');
    expect(ephemeralTexts()).toEqual([]);
    expect(
      logLines().some((l) => l.msg === 'Slack request failed, retrying' && l.code === 'ECONNREFUSED'),
    ).toBe(true);
  });
});

describe('ok:false errors from the Web API', () => {
  it.each([
    [
      'not_in_channel',
      'I cannot post in this conversation. Invite me first (`/invite @Harness Ports`), or use me in a channel I am in.',
    ],
    [
      'msg_too_long',
      'That answer was too long for one Slack message. Try asking for fewer providers at a time.',
    ],
  ])('%s: the reply is explained to the asker privately and logged', async (error, explanation) => {
    faults('chat.postMessage', platformError(error));
    faults('chat.postEphemeral', ok());
    await mention('splunk');
    expect(posts()).toHaveLength(1);
    expect(attempts.find((a) => a.method === 'chat.postEphemeral')?.args).toMatchObject({
      channel: 'C0CHANNEL',
      user: 'U0ALICE',
      text: explanation,
    });
    expect(failures()).toMatchObject([{ msg: 'replying to a message failed', error, channel: 'C0CHANNEL' }]);
  });

  it('channel_not_found: when even the explanation cannot be posted, both failures are logged and nothing crashes', async () => {
    faults('chat.postMessage', platformError('channel_not_found'));
    faults('chat.postEphemeral', platformError('channel_not_found'));
    await mention('splunk');
    expect(failures().map((l) => [l.msg, l.error])).toEqual([
      ['replying to a message failed', 'channel_not_found'],
      ['explaining a failed reply failed', 'channel_not_found'],
    ]);
  });

  it('a checklist the bot cannot post (not_in_channel) is explained through the response URL', async () => {
    faults('chat.postMessage', platformError('not_in_channel'));
    slack.responseUrl('/commands/T0001/1/abc');
    const response = await postSigned(
      baseUrl,
      slashCommandBody('checklist splunk jenkins'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await slack.settle(bot);
    expect(slack.responses[0]!.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Invite me first'),
    });
    expect(failures()).toMatchObject([{ msg: 'posting a checklist failed', error: 'not_in_channel' }]);
  });

  it('a response URL that fails too is logged, not thrown', async () => {
    faults('chat.postMessage', platformError('not_in_channel'));
    nock(RESPONSE_HOST).post('/commands/T0001/1/abc').reply(404, 'expired_url');
    await postSigned(baseUrl, slashCommandBody('checklist nexus'), 'application/x-www-form-urlencoded');
    await slack.settle(bot);
    expect(failures().map((l) => [l.msg, l.error])).toEqual([
      ['posting a checklist failed', 'not_in_channel'],
      ['explaining a failed checklist failed', 'respond_error'],
    ]);
  });
});

describe('after all these faults', () => {
  it('the bot answers the next mention as usual', async () => {
    faults('chat.postMessage', ok());
    await mention('splunk');
    expect(posts()[0]!.args).toMatchObject({ channel: 'C0CHANNEL', text: expect.stringContaining('Splunk') });
    expect(failures()).toEqual([]);
  });
});
