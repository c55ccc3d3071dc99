import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { policyFetch, WEB_API_POLICY } from '../../src/slack/web-api-policy.js';
import { realCatalog } from '../helpers/catalog.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import {
  appMentionEvent,
  eventCallbackBody,
  postSigned,
  type RunningTestApp,
  startTestApp,
} from '../helpers/slack.js';

/**
 * A Slack outage: Web API calls hang, then Slack recovers. The real Bolt app and HTTP receiver talk
 * to the loopback fake Slack Web API. Calls left hanging by the outage must not hold up the answers
 * asked for once Slack is back, and no call waits longer than the timeout, queue included.
 */

/** Long enough for every hung call to still be pending when the first answer after recovery goes out. */
const TIMEOUT_MS = 20_000;
/** More hung calls than @slack/web-api runs at once by default (its maxRequestConcurrency is 100). */
const HUNG_CALLS = 130;

let api: FakeSlackApi;
let app: RunningTestApp | undefined;
beforeEach(async () => {
  api = await startFakeSlackApi();
});
afterEach(async () => {
  await api.close();
  await app?.stop();
  app = undefined;
});

const logLines = (logs: string[]) => logs.map((line) => JSON.parse(line) as Record<string, unknown>);

function mention(text: string, n: number) {
  const ts = `17325650${String(n).padStart(3, '0')}.000100`;
  return eventCallbackBody(appMentionEvent(text, { ts, event_ts: ts }));
}

describe('a Slack outage', () => {
  it('answers flow at once after Slack recovers, while calls hung by the outage are still pending', async () => {
    const running = await startTestApp(realCatalog(), {
      config: { slackApiUrl: api.apiUrl },
      webApiPolicy: { timeoutMs: TIMEOUT_MS },
    });
    app = running;
    let outage = true;
    /** Failures logged by the time Slack received the first answer asked for after recovery. */
    let failuresWhenAnswered: unknown[] | undefined;
    api.on('chat.postMessage', (request, asSlack) => {
      if (outage) return { ...asSlack(), delayMs: 60_000 };
      if (String(request.args.text).includes('Jenkins')) {
        failuresWhenAnswered = logLines(running.logs).filter((l) => l.level === 'error');
      }
      return asSlack();
    });
    api.on('chat.postEphemeral', (_request, asSlack) =>
      outage ? { ...asSlack(), delayMs: 60_000 } : asSlack(),
    );

    // The outage: every mention is acknowledged, and its answer hangs in chat.postMessage.
    for (let n = 0; n < HUNG_CALLS; n++) {
      const response = await postSigned(running.baseUrl, mention('splunk', n), 'application/json');
      expect(response.status).toBe(200);
    }
    // Slack sees every answer during the outage: none waits in the client's queue behind another.
    const hung = await api
      .waitForCalls('chat.postMessage', HUNG_CALLS, 3_000)
      .catch(() => api.callsOf('chat.postMessage'));
    expect(hung).toHaveLength(HUNG_CALLS);

    // Slack recovers; a new question is answered at once, before any hung call has timed out.
    outage = false;
    const response = await postSigned(running.baseUrl, mention('jenkins', HUNG_CALLS), 'application/json');
    expect(response.status).toBe(200);
    const answered = await api.waitForCalls('chat.postMessage', HUNG_CALLS + 1, TIMEOUT_MS + 3_000);
    expect(String(answered[HUNG_CALLS]!.args.text)).toContain('Jenkins');
    expect(answered[HUNG_CALLS]!.args.channel).toBe('C0CHANNEL');
    expect(failuresWhenAnswered, 'errors logged before the answer reached Slack').toEqual([]);
    expect(running.bot.inflight.size).toBeGreaterThan(0);
  }, 45_000);
});

describe('the Web API timeout', () => {
  it('counts the time a call waits for a free connection: a queued call never reaches a hung Slack', async () => {
    api.on('auth.test', (_request, asSlack) => ({ ...asSlack(), delayMs: 60_000 }));
    const logs: string[] = [];
    const fetch = policyFetch(
      createLogger('debug', (line) => logs.push(line), []),
      {
        ...WEB_API_POLICY,
        timeoutMs: 400,
        maxConcurrentCalls: 1,
      },
    );
    const call = () => fetch(`${api.apiUrl}auth.test`, { method: 'POST', body: 'token=xoxb-test' });
    const [first, queued] = await Promise.allSettled([call(), call()]);
    expect(queued).toMatchObject({ status: 'rejected', reason: { name: 'TimeoutError' } });
    expect(first).toMatchObject({ status: 'rejected', reason: { name: 'TimeoutError' } });
    expect(api.callsOf('auth.test')).toHaveLength(1);
  });
});
