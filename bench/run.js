import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runEngineBench, runTypeaheadBench } from './engine.js';
import { startFakeSlack } from './fake-slack.js';
import { appMention, runLoad, send, slashCommand } from './load.js';
import { runMcpBench } from './mcp.js';
import { runPartsBench } from './parts.js';
import { QUERIES } from './queries.js';
import { benchEnv, cpuMs, pinBench, rssMb, startServer } from './server.js';
import { median, summarize } from './stats.js';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const RESULTS_DIR = here('results/');
const STARTS = 7;
const MIXED_REQUESTS = 10_000;
const WARMUP_REQUESTS = 300;
const ROUNDS = 16;
const REQUESTS_PER_ROUND = 2_000;
const UNLOADED_PER_ROUND = 250;

const APPS = {
  bot: { script: here('../dist/main.js'), expect: '8089' },
  bare: { script: here('bare-bolt.js'), expect: 'bare bolt ack' },
  // The same bot with nothing recorded for GET /metrics: what measuring costs the ack path.
  unmetered: { script: here('../dist/main.js'), expect: '8089', env: { METRICS: 'off' } },
};
const secret = randomBytes(16).toString('hex');
const fake = await startFakeSlack();
const env = benchEnv(secret, fake.apiUrl);
// With --cpu-prof every child writes a .cpuprofile into bench/results/ when it is stopped.
const nodeArgs = process.argv.includes('--cpu-prof')
  ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}`, '--import', here('exit-on-signal.js')]
  : [];
// --bot-node-args=a,b: node options for the bot only, e.g. the Dockerfile's (--max-semi-space-size=16).
const botNodeArgs = (
  process.argv
    .find((arg) => arg.startsWith('--bot-node-args='))
    ?.split('=')
    .slice(1)
    .join('=') ?? ''
)
  .split(',')
  .filter(Boolean);
const start = (name) =>
  startServer(
    APPS[name].script,
    { ...env, ...APPS[name].env },
    name === 'bare' ? nodeArgs : [...botNodeArgs, ...nodeArgs],
  );
const splunk = (n) => slashCommand(secret, 'splunk', n, fake.responseUrl);
const mixed = (n) => {
  const text = QUERIES[n % QUERIES.length][1];
  return n % 10 === 9 ? appMention(secret, text, n) : slashCommand(secret, text, n, fake.responseUrl);
};
const log = (line) => process.stderr.write(`${line}\n`);
const sum = (runs, key) => runs.reduce((total, run) => total + run[key], 0);

/** Calls the fake Slack received since `before` (a copy of fake.calls). */
const callsSince = (before) =>
  Object.fromEntries(Object.entries(fake.calls).map(([name, count]) => [name, count - (before[name] ?? 0)]));

/** The sum of a counter's samples in a /metrics text (every label set). */
function counterSum(text, name) {
  let total = 0;
  for (const [, value] of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm')))
    total += Number(value);
  return total;
}

/** Whether the built bot starts and answers a signed `/harness-ports splunk`; the reason if not. */
async function botProblem() {
  try {
    const server = await start('bot');
    const { status, body } = await send(server.port, splunk(0));
    await server.stop();
    return status === 200 && body.includes(APPS.bot.expect) ? undefined : `bot answered ${status}: ${body}`;
  } catch (error) {
    return error.message;
  }
}

/** Spawn-to-ready time and RSS at ready, STARTS times per app, alternating. */
async function measureStarts(names) {
  const starts = Object.fromEntries(names.map((name) => [name, { readyMs: [], rssMb: [] }]));
  for (let i = 0; i < STARTS; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) {
      const server = await start(name);
      starts[name].readyMs.push(server.readyMs);
      starts[name].rssMb.push(rssMb(server.pid));
      await server.stop();
    }
  }
  return starts;
}

function combine(runs) {
  return {
    sent: sum(runs, 'sent'),
    errors: sum(runs, 'errors'),
    errorSamples: runs.flatMap((run) => run.errorSamples).slice(0, 3),
    requestsPerSecond: runs.reduce((n, run) => n + run.latencies.length, 0) / (sum(runs, 'elapsedMs') / 1000),
    ...summarize(runs.flatMap((run) => run.latencies)),
  };
}

/**
 * One long-lived process per app: RSS at ready, a cold request, 10,000 mixed requests (RSS again),
 * then ROUNDS alternating rounds of `/harness-ports splunk`, at concurrency 8 and at concurrency 1.
 */
async function measureLoad(names) {
  const servers = {};
  const result = {};
  for (const name of names) {
    const before = { ...fake.calls };
    const server = await start(name);
    servers[name] = server;
    const afterStart = rssMb(server.pid);
    const cold = await runLoad(server.port, { count: 1, concurrency: 1, build: splunk });
    log(`${name}: ${MIXED_REQUESTS} mixed requests`);
    const load = await runLoad(server.port, { count: MIXED_REQUESTS, build: mixed });
    result[name] = {
      coldAckMs: cold.latencies[0],
      rssMb: { afterStart, afterMixed: rssMb(server.pid) },
      mixed: combine([load]),
      slackCalls: callsSince(before),
    };
    const warmup = await runLoad(server.port, { count: WARMUP_REQUESTS, build: splunk });
    result[name].sent = cold.sent + load.sent + warmup.sent;
  }
  // One unmeasured round for each app just before the measured ones: each app has sat idle through
  // the others' mixed requests, and its first round after that cost 1.1x to 2.6x its steady CPU per
  // ack (bench/ab.js, four runs, most for the app started first), which the paired ratios of the
  // first rounds then carried.
  for (const name of names) {
    log(`${name}: warm-up round`);
    const warm = await runLoad(servers[name].port, { count: REQUESTS_PER_ROUND, build: splunk });
    result[name].sent += warm.sent;
  }
  const loaded = Object.fromEntries(names.map((name) => [name, []]));
  const unloaded = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      log(`${name}: ack round ${round + 1}/${ROUNDS}`);
      const { port } = servers[name];
      const check = (body) => body.includes(APPS[name].expect);
      const cpuBefore = cpuMs(servers[name].pid);
      const loadedRound = await runLoad(port, { count: REQUESTS_PER_ROUND, build: splunk, check });
      loaded[name].push({ ...loadedRound, cpuMs: cpuMs(servers[name].pid) - cpuBefore });
      unloaded[name].push(
        await runLoad(port, { count: UNLOADED_PER_ROUND, concurrency: 1, build: splunk, check }),
      );
    }
  }
  for (const name of names) {
    Object.assign(result[name], { ack: combine(loaded[name]), ackUnloaded: combine(unloaded[name]) });
    result[name].sent += result[name].ack.sent + result[name].ackUnloaded.sent;
    if (name === 'bot') {
      // What the bot's own /metrics counted of all that, once the mentions' replies are done.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { status, body } = await send(servers[name].port, { path: '/metrics' });
      result[name].metricsStatus = status;
      result[name].requestsCounted = counterSum(body, 'harness_ports_requests_total');
    }
    // Per round, in order: a first round far above the others is warm-up, not steady state.
    result[name].ack.cpuMsPerAckByRound = loaded[name].map((round) => round.cpuMs / round.sent);
    result[name].ack.requestsPerSecondByRound = loaded[name].map(
      (round) => round.latencies.length / (round.elapsedMs / 1000),
    );
    // The server's own CPU per ack at concurrency 8: steadier than latency on a busy machine.
    result[name].ack.cpuMsPerAck = sum(loaded[name], 'cpuMs') / result[name].ack.sent;
    result[name].rssMb.atEnd = rssMb(servers[name].pid);
    result[name].stderrTail = servers[name].stderr().slice(-1000);
    await servers[name].stop();
  }
  return result;
}

function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews every figure. */
    loadAverage: loadavg(),
  };
}

/** One table row: a figure, its baseline in the same run, their ratio, and the target if there is one. */
function row(metric, value, baseline, target) {
  const ratio = value !== undefined && baseline ? value / baseline : undefined;
  const ok = target && value !== undefined ? (target.test(value, ratio) ? 'ok' : 'MISSED') : '';
  return { metric, value, baseline, ratio, target: target?.text ?? '', ok };
}
const under = (limit, text) => ({ text, test: (value) => value < limit });
/** Median over the ack rounds of one app's server CPU per ack over another's in the same round. */
const pairedRatio = (app, base) =>
  median(app.ack.cpuMsPerAckByRound.map((cpu, i) => cpu / base.ack.cpuMsPerAckByRound[i]));
/** The same for acks per second: each round's rate over the other app's in the same round. */
const pairedRate = (app, base) =>
  median(app.ack.requestsPerSecondByRound.map((rate, i) => rate / base.ack.requestsPerSecondByRound[i]));
const ratioAtMost = (limit, text) => ({ text, test: (_value, ratio) => ratio <= limit });
const ratioAtLeast = (limit, text) => ({ text, test: (_value, ratio) => ratio >= limit });

/**
 * The parts' rows: the bot's part against Bolt's own, CPU µs per call, medians of alternating rounds;
 * the ratio is the median of each round's ours / Bolt's (steadier than the medians' ratio).
 */
function partRows({ signature, chain, selfFilter, metrics }) {
  const part = (metric, ours, bolt) => ({
    ...row(metric, ours.microsPerCall, bolt.microsPerCall),
    ratio: bolt.pairedRatio,
  });
  return [
    part("parts: signature check µs, ours vs Bolt's verifySlackRequest", signature.ours, signature.bolt),
    part("parts: signature check µs, ours vs Bolt's receiver step", signature.ours, signature.boltReceiver),
    part('parts: processEvent µs, chainMiddleware vs app.use x3', chain.ours, chain.bolt),
    part(
      "parts: processEvent µs, a user's mention, own filter vs ignoreSelf",
      selfFilter.mention.ours,
      selfFilter.mention.bolt,
    ),
    part(
      "parts: processEvent µs, the bot's own message, same",
      selfFilter.ownMessage.ours,
      selfFilter.ownMessage.bolt,
    ),
    part('parts: processEvent µs, with request metrics vs METRICS=off', metrics.ours, metrics.off),
  ];
}

function table({ engine: e, typeahead, mcp, parts, starts, load }) {
  const [bot, bare, unmetered] = [load.bot, load.bare, load.unmetered];
  const ready = (name) => (starts[name] ? median(starts[name].readyMs) : undefined);
  const mb = under(120, '< 120 MB');
  return [
    row(`answer() p50 ms, real catalog (${e.real.providers})`, e.real.p50),
    row('answer() p99 ms, real catalog', e.real.p99, undefined, under(0.2, '< 0.2 ms')),
    row(`answer() p50 ms, 100x catalog (${e.large.providers}) vs real`, e.large.p50, e.real.p50),
    row('answer() p99 ms, 100x catalog vs real', e.large.p99, e.real.p99, under(2, '< 2 ms')),
    row('answer() p99 ms w/o typos+misses, 100x vs real', e.large.p99WithoutFuzzy, e.real.p99WithoutFuzzy),
    row('index build ms, 100x vs real', e.large.buildMs, e.real.buildMs),
    row('MCP lookup tool call p50 ms (in-memory) vs answer()', mcp.call.p50, mcp.answer.p50),
    row('MCP lookup tool call p99 ms (in-memory) vs answer()', mcp.call.p99, mcp.answer.p99),
    row('MCP SDK p50 ms added (call minus answer+JSON+text)', mcp.sdk.p50, undefined, under(0.5, '< 0.5 ms')),
    row('typeahead p50 ms (suggest + options), 100x vs real', typeahead.large.p50, typeahead.real.p50),
    row(
      'typeahead p99 ms (suggest + options), 100x vs real',
      typeahead.large.p99,
      typeahead.real.p99,
      under(50, '< 50 ms'),
    ),
    row(
      'typeahead first call ms (builds its index), 100x vs real',
      typeahead.large.firstMs,
      typeahead.real.firstMs,
    ),
    ...partRows(parts),
    row('ack p50 ms at concurrency 8, bot vs bare Bolt', bot?.ack.p50, bare?.ack.p50),
    row(
      'ack p99 ms at concurrency 8, bot vs bare Bolt',
      bot?.ack.p99,
      bare?.ack.p99,
      ratioAtMost(1.2, '<= 1.2x'),
    ),
    // All rounds together, then each round beside bare Bolt's round next to it: the target reads the
    // paired figure, as the CPU row does, since one round slowed by other work on the machine moves
    // the all-rounds rate of one app only.
    row(
      'ack requests/s at concurrency 8, bot vs bare',
      bot?.ack.requestsPerSecond,
      bare?.ack.requestsPerSecond,
    ),
    row(
      'acks/s, bot / bare, median of paired rounds',
      bot && bare ? pairedRate(bot, bare) : undefined,
      1,
      ratioAtLeast(0.85, '>= 0.85x'),
    ),
    row('server CPU ms per ack at concurrency 8, bot vs bare', bot?.ack.cpuMsPerAck, bare?.ack.cpuMsPerAck),
    row('ack p50 ms at concurrency 1, bot vs bare', bot?.ackUnloaded.p50, bare?.ackUnloaded.p50),
    row('ack p99 ms at concurrency 1, bot vs bare', bot?.ackUnloaded.p99, bare?.ackUnloaded.p99),
    row(
      'ack errors, bot (bare)',
      bot && bot.ack.errors + bot.ackUnloaded.errors,
      bare?.ack.errors,
      under(1, '0'),
    ),
    row('ack p50 ms at concurrency 8, bot vs bot with METRICS=off', bot?.ack.p50, unmetered?.ack.p50),
    row(
      'ack p99 ms at concurrency 8, bot vs METRICS=off',
      bot?.ack.p99,
      unmetered?.ack.p99,
      ratioAtMost(1.2, '<= 1.2x'),
    ),
    row(
      'ack requests/s at concurrency 8, bot vs METRICS=off',
      bot?.ack.requestsPerSecond,
      unmetered?.ack.requestsPerSecond,
    ),
    row(
      'server CPU ms per ack at concurrency 8, bot vs METRICS=off',
      bot?.ack.cpuMsPerAck,
      unmetered?.ack.cpuMsPerAck,
    ),
    // Each round beside the METRICS=off round next to it (same load from the rest of the machine).
    row(
      'CPU per ack, bot / METRICS=off, median of paired rounds',
      bot && unmetered ? pairedRatio(bot, unmetered) : undefined,
      1,
      ratioAtMost(1.05, '<= 1.05x'),
    ),
    row('ack p50 ms at concurrency 1, bot vs METRICS=off', bot?.ackUnloaded.p50, unmetered?.ackUnloaded.p50),
    row('requests counted by /metrics vs sent, bot', bot?.requestsCounted, bot?.sent, {
      text: '= 1x',
      test: (_value, ratio) => ratio === 1,
    }),
    row('first (cold) ack ms, bot vs bare', bot?.coldAckMs, bare?.coldAckMs),
    row(
      `errors in ${MIXED_REQUESTS} mixed requests, bot (bare)`,
      bot?.mixed.errors,
      bare?.mixed.errors,
      under(1, '0'),
    ),
    row('RSS MB after start, bot vs bare', bot?.rssMb.afterStart, bare?.rssMb.afterStart, mb),
    row(
      `RSS MB after ${MIXED_REQUESTS} mixed, bot vs bare`,
      bot?.rssMb.afterMixed,
      bare?.rssMb.afterMixed,
      ratioAtMost(1.15, '<= 1.15x'),
    ),
    row(
      `spawn to /healthz 200 ms (median of ${STARTS}), bot vs bare`,
      ready('bot'),
      ready('bare'),
      under(1000, '< 1 s'),
    ),
  ];
}

const fmt = (value) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : String(Number(value.toPrecision(3)));

function printTable(rows) {
  const header = ['metric', 'value', 'baseline', 'ratio', 'target', ''];
  const cells = rows.map((r) => [
    r.metric,
    fmt(r.value),
    fmt(r.baseline),
    r.ratio ? `${fmt(r.ratio)}x` : '',
    r.target,
    r.ok,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  for (const line of [header, widths.map((w) => '-'.repeat(w)), ...cells]) {
    console.log(line.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '));
  }
}

const result = { date: new Date().toISOString(), machine: machine(), botNodeArgs, problems: [] };
log('engine: answer() and index build, real and 100x catalog');
result.engine = runEngineBench();
result.typeahead = runTypeaheadBench();
log('mcp: a lookup tool call through the SDK over the in-memory transport');
result.mcp = await runMcpBench();
log("parts: the bot's signature check, middleware chain and self-event filter against Bolt's own");
result.parts = await runPartsBench();
log('bot: checking that dist/main.js starts and answers');
const problem = await botProblem();
if (problem) result.problems.push(`bot not measured: ${problem}`);
const names = problem ? ['bare'] : ['bare', 'bot', 'unmetered'];
log('start-up: spawn to first GET /healthz 200');
result.starts = await measureStarts(names.filter((name) => name !== 'unmetered'));
// The sections above ran on every CPU; the ack rounds run pinned (bench/server.js).
result.machine.pinning = pinBench();
result.load = await measureLoad(names);
result.fakeSlackCalls = fake.calls;
result.loadAverageAtEnd = loadavg();
await fake.close();
result.table = table(result);

mkdirSync(RESULTS_DIR, { recursive: true });
const file = `${RESULTS_DIR}${result.date.replace(/[:.]/g, '-')}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log('');
printTable(result.table);
console.log(
  "\nparts: CPU µs per call in-process, ours vs Bolt's own part; ratio = median of the paired rounds' ours / Bolt's",
);
for (const line of result.problems) console.log(`\n${line}`);
console.log(`\nload average (1, 5, 15 min): ${result.machine.loadAverage.map(fmt).join(' ')} at start`);
console.log(`CPU pinning: ${result.machine.pinning}`);
console.log(`\nwritten to ${file}`);
