import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const FORM = 'application/x-www-form-urlencoded';
const REQUEST_TIMEOUT_MS = 5_000;

/** A POST /slack/events signed as Slack signs it: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}")). */
function signed(secret, body, contentType) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    method: 'POST',
    path: '/slack/events',
    body,
    headers: {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': `v0=${digest}`,
    },
  };
}

/** A signed `/harness-ports <text>` slash command, as Slack posts it. */
export function slashCommand(secret, text, n, responseUrl) {
  const body = new URLSearchParams({
    token: 'bench',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: 'C1',
    channel_name: 'bench',
    user_id: 'U1',
    user_name: 'bench',
    command: '/harness-ports',
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: `${n}.1.bench`,
  }).toString();
  return signed(secret, body, FORM);
}

/** An Events API envelope around `event`, as Slack delivers it. */
export function eventBody(event, n) {
  return {
    token: 'bench',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${n}`,
    event_time: 1700000000,
    event,
  };
}

/** A signed Events API delivery of an app_mention. */
export function appMention(secret, text, n) {
  const ts = `1700000000.${String(n).padStart(6, '0')}`;
  const event = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, ts, channel: 'C1', event_ts: ts };
  return signed(secret, JSON.stringify(eventBody(event, n)), 'application/json');
}

/** One HTTP request on 127.0.0.1; resolves with the status and the body as text. */
export function send(port, { method = 'GET', path, headers = {}, body }, agent = false) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends `count` requests (`build(n)` makes the n-th) over keep-alive connections, `concurrency`
 * at a time, stopping early at `timeLimitMs`. A response is an error unless it is a 200 that
 * `check(body)` accepts. Returns every latency in ms, the error count and a few error samples.
 */
export async function runLoad(
  port,
  { count, build, check = () => true, concurrency = 8, timeLimitMs = 60_000 },
) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const errorSamples = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + timeLimitMs;
  const fail = (reason) => {
    errors++;
    if (errorSamples.length < 3) errorSamples.push(reason);
  };
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const spec = build(next++);
      const sent = performance.now();
      try {
        const { status, body } = await send(port, spec, agent);
        latencies.push(performance.now() - sent);
        if (status !== 200) fail(`HTTP ${status}: ${body.slice(0, 200)}`);
        else if (!check(body)) fail(`unexpected body: ${body.slice(0, 200)}`);
      } catch (error) {
        fail(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { sent: next, latencies, errors, errorSamples, elapsedMs };
}
