import { loadavg } from 'node:os';
import { parse as parseForm } from 'node:querystring';
import bolt from '@slack/bolt';
import { Router } from '../dist/slack/listeners/router.js';
import { BotMetrics, measureRequests } from '../dist/slack/metrics.js';
import { chainMiddleware } from '../dist/slack/middleware-chain.js';
import { SignatureVerifier } from '../dist/slack/signature.js';
import { eventBody, slashCommand } from './load.js';
import { median } from './stats.js';

/**
 * The bot's own parts against Bolt's own, in-process, each pair on the same input in alternating
 * rounds (A, B, then B, A) after the same warm-up: CPU µs per call (process.cpuUsage over a round,
 * so the process's garbage collection counts too), median of the rounds, and the ratio ours / Bolt's
 * (below 1: ours is cheaper), of the medians and of each round against its pair (`pairedRatio`).
 *
 * - signature: SignatureVerifier.problem on the raw body against Bolt's verifySlackRequest, called
 *   as Bolt's receiver calls it (the body as a string, the timestamp as a number), and against the
 *   receiver's whole step (HTTPModuleFunctions.parseAndVerifyHTTPRequest: the form parsed for
 *   `ssl_check`, the headers read, the check, one promise).
 * - chain: a Bolt App (no network: a fixed authorize, a receiver that does nothing) processing a
 *   slash command through the bot's three global middleware, as pass-through of the same shapes
 *   (an async one awaiting next, a synchronous one returning next(), an async one that acks), once
 *   with chainMiddleware and once registered one by one with app.use.
 * - selfFilter: the bot's Router (its filter inside, `ignoreSelf: false`) against the same Router
 *   behind Bolt's `ignoreSelf: true`, on an app_mention from a user and on a message from the bot
 *   itself. The Router's own check stays in the Bolt variant (a few property reads), so the
 *   difference is what Bolt's filter adds as one more global middleware.
 * - metrics: the chain's app (ours) processing the same slash command with the bot's request
 *   metrics (measureRequests: the ack and the answer timed, the request counted) against without
 *   them (METRICS=off): what `GET /metrics` costs each request. Here `ours` is the measured one, and
 *   the ratio is measured / unmeasured.
 */
const { App, HTTPModuleFunctions, LogLevel, verifySlackRequest } = bolt;

const SECRET = 'bench-signing-secret-0123456789ab';
const BOT = { botToken: 'xoxb-bench', botId: 'BBOT', botUserId: 'UBOT' };

/** CPU µs (user + system) per call of `run`, over `count` calls; `run` may return a promise. */
async function cpuMicrosPerCall(run, count, isAsync) {
  const before = process.cpuUsage();
  if (isAsync) for (let i = 0; i < count; i++) await run();
  else for (let i = 0; i < count; i++) run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

/**
 * Runs every variant `warmup` rounds, then `rounds` rounds in alternating order; returns each
 * variant's µs per call by round and its median, and ours / Bolt's for each Bolt variant.
 */
async function ab(variants, { rounds, warmup, count }) {
  const names = Object.keys(variants);
  const byRound = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const { run, isAsync = false } = variants[name];
      const micros = await cpuMicrosPerCall(run, count, isAsync);
      if (round >= warmup) byRound[name].push(micros);
    }
  }
  const result = { count, rounds, warmup };
  for (const name of names) result[name] = { microsPerCall: median(byRound[name]), byRound: byRound[name] };
  for (const name of names.filter((n) => n !== 'ours')) {
    result[name].ratio = result.ours.microsPerCall / result[name].microsPerCall;
    result[name].pairedRatio = median(byRound.ours.map((ours, i) => ours / byRound[name][i]));
  }
  return result;
}

/** A Bolt App that never touches the network; `setup(app)` registers its middleware. */
function boltApp({ ignoreSelf }, setup) {
  const app = new App({
    authorize: async () => ({ ...BOT }),
    receiver: { init() {}, start: async () => {}, stop: async () => {} },
    logLevel: LogLevel.ERROR,
    // As the bot builds its App (src/slack/app.ts).
    convoStore: false,
    extendedErrorHandler: true,
    ignoreSelf,
  });
  const errors = [];
  app.error(async ({ error }) => {
    errors.push(error);
  });
  setup(app);
  return { app, errors };
}

/** An event as the HTTP receiver hands it to processEvent; counts the acks. */
function receiverEvent(body, counts) {
  return () => ({
    body,
    ack: async () => {
      counts.acks++;
    },
    retryNum: undefined,
    retryReason: undefined,
    customProperties: {},
  });
}

function check(condition, what) {
  if (!condition) throw new Error(`parts bench: ${what}`);
}

function signatureBench(options) {
  const spec = slashCommand(SECRET, 'splunk', 0, 'https://hooks.slack.com/commands/T1/1/bench');
  const raw = Buffer.from(spec.body);
  const signature = spec.headers['x-slack-signature'];
  const timestamp = spec.headers['x-slack-request-timestamp'];
  const headers = { 'content-type': spec.headers['content-type'], 'x-slack-signature': signature };
  headers['x-slack-request-timestamp'] = timestamp;
  const verifier = new SignatureVerifier(SECRET);
  const ours = () => verifier.problem(raw, signature, timestamp, Math.floor(Date.now() / 1000));
  // As parseAndVerifyHTTPRequest calls it: the raw body as a string, the timestamp as a number.
  const boltCheck = () =>
    verifySlackRequest({
      signingSecret: SECRET,
      body: raw.toString(),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    });
  // The receiver's step: a request whose body is already read (as the bot's guard hands it on).
  const request = { headers, rawBody: raw };
  const boltReceiver = () =>
    HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret: SECRET, enabled: true }, request);
  // Both accept the genuine request and refuse a forged one.
  check(ours() === undefined, 'the bot refused a genuine signature');
  boltCheck();
  const forged = Buffer.from(spec.body.replace('splunk', 'splunl'));
  check(verifier.problem(forged, signature, timestamp, Math.floor(Date.now() / 1000)), 'forged accepted');
  let boltRefused = false;
  try {
    verifySlackRequest({
      signingSecret: SECRET,
      body: forged.toString(),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    });
  } catch {
    boltRefused = true;
  }
  check(boltRefused, "Bolt's check accepted a forged body");
  return ab(
    { ours: { run: ours }, bolt: { run: boltCheck }, boltReceiver: { run: boltReceiver, isAsync: true } },
    options,
  );
}

/** The bot's three global middleware (src/slack/app.ts), as pass-through of the same shapes. */
function passThrough(counts) {
  return [
    // InflightRequests.middleware(): async, counts around next().
    async ({ next }) => {
      counts.inflight++;
      try {
        await next();
      } finally {
        counts.inflight--;
      }
    },
    // skipDuplicateEvents(): a slash command goes straight on, no async frame.
    (args) => args.next(),
    // The Router: the command's handler acks.
    async ({ ack, next }) => {
      counts.handled++;
      await ack();
      await next();
    },
  ];
}

async function chainBench(options) {
  const command = parseForm(
    slashCommand(SECRET, 'splunk', 0, 'https://hooks.slack.com/commands/T1/1/b').body,
  );
  const variants = {};
  const checks = [];
  for (const [name, setup] of [
    ['ours', (app, counts) => app.use(chainMiddleware(...passThrough(counts)))],
    [
      'bolt',
      (app, counts) => {
        for (const middleware of passThrough(counts)) app.use(middleware);
      },
    ],
  ]) {
    const counts = { acks: 0, handled: 0, inflight: 0 };
    const { app, errors } = boltApp({ ignoreSelf: false }, (app) => setup(app, counts));
    const event = receiverEvent(command, counts);
    variants[name] = { run: () => app.processEvent(event()), isAsync: true };
    checks.push({ name, counts, errors, app, event });
  }
  for (const { name, counts, errors, app, event } of checks) {
    await app.processEvent(event());
    const once = counts.acks === 1 && counts.handled === 1 && counts.inflight === 0;
    check(once && errors.length === 0, `${name} chain did not ack once`);
  }
  return ab(variants, options);
}

async function metricsBench(options) {
  const command = parseForm(
    slashCommand(SECRET, 'splunk', 0, 'https://hooks.slack.com/commands/T1/1/b').body,
  );
  const variants = {};
  const checks = [];
  const registries = [];
  for (const measured of [true, false]) {
    const counts = { acks: 0, handled: 0, inflight: 0 };
    const { app, errors } = boltApp({ ignoreSelf: false }, (a) =>
      a.use(chainMiddleware(...passThrough(counts))),
    );
    if (measured) {
      const metrics = new BotMetrics({ installations: () => 1 });
      measureRequests(app, metrics);
      registries.push(metrics);
    }
    const event = receiverEvent(command, counts);
    variants[measured ? 'ours' : 'off'] = { run: () => app.processEvent(event()), isAsync: true };
    checks.push({ counts, errors, app, event });
  }
  for (const { counts, errors, app, event } of checks) {
    await app.processEvent(event());
    check(counts.acks === 1 && errors.length === 0, 'the metrics app did not ack once');
  }
  const result = await ab(variants, options);
  const text = await registries[0].registry.metrics();
  check(
    /harness_ports_requests_total\{surface="slash",outcome="ok"\} [1-9]/.test(text),
    'no request counted',
  );
  for (const metrics of registries) metrics.close();
  return result;
}

async function selfFilterBench(options) {
  const ts = '1700000000.000100';
  const bodies = {
    // A user's mention: both filters let it through to its handler.
    mention: eventBody({ type: 'app_mention', user: 'U1', text: '<@UBOT> splunk', ts, channel: 'C1' }, 1),
    // The bot's own reply in a DM: both filters drop it.
    ownMessage: eventBody(
      {
        type: 'message',
        channel_type: 'im',
        user: 'UBOT',
        bot_id: 'BBOT',
        text: 'splunk',
        ts,
        channel: 'D1',
      },
      2,
    ),
  };
  const apps = {};
  for (const [name, ignoreSelf] of [
    ['ours', false],
    ['bolt', true],
  ]) {
    const counts = { acks: 0, handled: 0 };
    const handler = async () => {
      counts.handled++;
    };
    const router = new Router().event('app_mention', handler).event('message', handler);
    apps[name] = { ...boltApp({ ignoreSelf }, (app) => app.use(router.middleware())), counts };
  }
  const result = {};
  for (const [kind, body] of Object.entries(bodies)) {
    const variants = {};
    for (const [name, { app, errors, counts }] of Object.entries(apps)) {
      const event = receiverEvent(body, counts);
      const before = counts.handled;
      await app.processEvent(event());
      const expected = kind === 'mention' ? 1 : 0;
      check(counts.handled - before === expected && errors.length === 0, `${name} filter on ${kind}`);
      variants[name] = { run: () => app.processEvent(event()), isAsync: true };
    }
    result[kind] = await ab(variants, options);
  }
  return result;
}

/**
 * Every part's A/B; `scale` multiplies the calls per round (the bench's default takes a few
 * seconds on the 2-core machine).
 */
export async function runPartsBench({ rounds = 12, warmup = 6, scale = 1 } = {}) {
  const calls = (n) => Math.max(1, Math.round(n * scale));
  const loadAverage = loadavg();
  const started = process.hrtime.bigint();
  const signature = await signatureBench({ rounds, warmup, count: calls(3_000) });
  const chain = await chainBench({ rounds, warmup, count: calls(3_000) });
  const selfFilter = await selfFilterBench({ rounds, warmup, count: calls(2_000) });
  const metrics = await metricsBench({ rounds, warmup, count: calls(3_000) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { loadAverage, seconds, signature, chain, selfFilter, metrics };
}
