import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  appMentionEvent,
  BOT_TOKEN,
  blockActionsBody,
  eventCallbackBody,
  nowSeconds,
  postSigned,
  SIGNING_SECRET,
  type SignedRequestOptions,
  signature,
  slashCommandBody,
} from '../helpers/slack.js';
import { type FakeSlack, fakeSlack } from '../slack/support.js';
import { type HardeningApp, startHardeningApp } from './app.js';

/**
 * Request verification: only requests signed with the app's signing secret, within five minutes,
 * reach the app. Anything else is a 401 with no body, and nothing is processed: no listener,
 * no middleware, no Slack call. The secret never reaches a log line.
 */

let running: HardeningApp;
let slack: FakeSlack;
/** Requests that got past verification into the app's middleware. */
let processed: string[] = [];

beforeAll(async () => {
  running = await startHardeningApp();
  running.bot.app.use(async ({ body, next }) => {
    processed.push(
      String((body as { type?: string; command?: string }).type ?? (body as { command?: string }).command),
    );
    await next();
  });
});
afterAll(async () => {
  await running.stop();
});
beforeEach(() => {
  processed = [];
  slack = fakeSlack();
});
afterEach(() => {
  slack.dispose();
});

/** Nothing reached the app: no middleware ran, no Slack call was made. */
async function expectNothingProcessed() {
  await slack.settle(running.bot);
  expect(processed).toEqual([]);
  expect(slack.calls).toEqual([]);
}

const requests: Array<[string, string, 'application/json' | 'application/x-www-form-urlencoded']> = [
  ['a slash command', slashCommandBody('checklist splunk'), 'application/x-www-form-urlencoded'],
  ['an event', eventCallbackBody(appMentionEvent('splunk')), 'application/json'],
  [
    'a button click',
    blockActionsBody({ type: 'button', action_id: 'hp_open_provider', block_id: 'b', value: 'splunk' }),
    'application/x-www-form-urlencoded',
  ],
];

const stale = nowSeconds() - 5 * 60 - 30;
const ahead = nowSeconds() + 5 * 60 + 30;
const forgeries: Array<[string, (body: string) => SignedRequestOptions]> = [
  [
    'a signature made with another secret',
    (body) => ({ signature: signature(body, nowSeconds(), 'f'.repeat(32)) }),
  ],
  ['a signature of another body', () => ({ signature: signature('token=x', nowSeconds()) })],
  ['a malformed signature', () => ({ signature: 'v1=abc' })],
  ['no signature', () => ({ signature: null })],
  [
    'a correctly signed timestamp more than five minutes old',
    (body) => ({ timestamp: stale, signature: signature(body, stale) }),
  ],
  [
    'a correctly signed timestamp more than five minutes ahead',
    (body) => ({ timestamp: ahead, signature: signature(body, ahead) }),
  ],
  ['a signature one hex digit short', (body) => ({ signature: signature(body, nowSeconds()).slice(0, -1) })],
  [
    'a signature for another timestamp than the one sent',
    (body) => ({ timestamp: nowSeconds(), signature: signature(body, nowSeconds() - 60) }),
  ],
];

describe('request verification', () => {
  for (const [what, body, type] of requests) {
    it.each(forgeries)(
      `rejects ${what} with %s: 401, no body, nothing processed`,
      async (_forgery, options) => {
        const response = await postSigned(running.baseUrl, body, type, options(body));
        expect(response.status).toBe(401);
        expect(await response.text()).toBe('');
        await expectNothingProcessed();
      },
    );
  }

  it('rejects a request without a timestamp header', async () => {
    const body = slashCommandBody('splunk');
    const response = await fetch(`${running.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-signature': signature(body, nowSeconds()),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(processed).toEqual([]);
  });

  it('processes the same requests when they are correctly signed (the check above is not vacuous)', async () => {
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732569999.000001' });
    const [command, event] = requests;
    const commandResponse = await postSigned(running.baseUrl, slashCommandBody('splunk'), command![2]);
    expect(commandResponse.status).toBe(200);
    const eventResponse = await postSigned(running.baseUrl, event![1], event![2]);
    expect(eventResponse.status).toBe(200);
    await slack.settle(running.bot);
    expect(processed).toEqual(['/harness-ports', 'event_callback']);
  });

  it('answers Slack’s SSL check, which Slack does not sign, with an empty 200 and processes nothing', async () => {
    for (const body of [
      'ssl_check=1&token=x',
      // A command smuggled into an unsigned SSL check never reaches the app.
      `ssl_check=1&${slashCommandBody('splunk')}`,
    ]) {
      const response = await postSigned(running.baseUrl, body, 'application/x-www-form-urlencoded', {
        signature: null,
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
    }
    await expectNothingProcessed();
  });

  it('answers a signed URL verification with its challenge, and refuses an unsigned one', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const signed = await postSigned(running.baseUrl, body, 'application/json');
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ challenge: 'c-123' });
    const unsigned = await postSigned(running.baseUrl, body, 'application/json', { signature: null });
    expect(unsigned.status).toBe(401);
    expect(processed).toEqual([]);
  });

  it('checks requests to the events path however its URL is written, and leaves other paths to Bolt (404)', async () => {
    for (const path of ['/slack/events?x=1', '/slack/../slack/events']) {
      const response = await fetch(`${running.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: slashCommandBody('splunk'),
      });
      expect(response.status, path).toBe(401);
    }
    const body = slashCommandBody('splunk');
    const elsewhere = await fetch(`${running.baseUrl}/slack/other`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(nowSeconds()),
        'x-slack-signature': signature(body, nowSeconds()),
      },
      body,
    });
    expect(elsewhere.status).toBe(404);
    expect(processed).toEqual([]);
  });

  it('never hands the signing secret or the bot token to the logger, even at debug level', () => {
    expect(running.logs.length).toBeGreaterThan(0);
    expect(running.logs.some((l) => l.includes('refused a request with'))).toBe(true);
    for (const line of running.logs) {
      expect(line).not.toContain(SIGNING_SECRET);
      expect(line).not.toContain(BOT_TOKEN);
    }
  });
});
