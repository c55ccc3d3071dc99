import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeSlack } from './fake-slack.js';
import { appMention, runLoad, slashCommand } from './load.js';
import { QUERIES } from './queries.js';
import { benchEnv, cpuMs, pinBench, rssMb, startServer } from './server.js';
import { median } from './stats.js';

/**
 * A/B of two or more built servers on the same load, in alternating rounds: the server's own CPU
 * per `/harness-ports splunk` ack at concurrency 8 (from /proc, so it depends little on what else
 * the machine runs) and RSS after 10,000 mixed requests. For bisecting a regression between two
 * built trees: node bench/ab.js <old>/dist/main.js dist/main.js [bench/bare-bolt.js] [--rounds N] [--per-round N] [--mixed N] [--cpu-prof]
 */
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
};
const ROUNDS = option('--rounds', 8);
const PER_ROUND = option('--per-round', 2_000);
const MIXED = option('--mixed', 10_000);
const profiling = args.includes('--cpu-prof');
const RESULTS_DIR = fileURLToPath(new URL('results/', import.meta.url));
// With --cpu-prof every server writes a .cpuprofile into bench/results/ when it is stopped.
const nodeArgs = profiling
  ? [
      '--cpu-prof',
      `--cpu-prof-dir=${RESULTS_DIR}`,
      '--import',
      fileURLToPath(new URL('exit-on-signal.js', import.meta.url)),
    ]
  : [];
if (profiling) args.splice(args.indexOf('--cpu-prof'), 1);
const scripts = args.map((path) => resolve(path));
if (scripts.length < 2) {
  console.error(
    'usage: node bench/ab.js <a/main.js> <b/main.js> [more …] [--rounds N] [--per-round N] [--mixed N] [--cpu-prof]',
  );
  process.exit(2);
}

const secret = randomBytes(16).toString('hex');
const pinning = pinBench();
const fake = await startFakeSlack();
const env = benchEnv(secret, fake.apiUrl);
const splunk = (n) => slashCommand(secret, 'splunk', n, fake.responseUrl);
const mixed = (n) => {
  const text = QUERIES[n % QUERIES.length][1];
  return n % 10 === 9 ? appMention(secret, text, n) : slashCommand(secret, text, n, fake.responseUrl);
};
const label = (script) => script.replace(resolve(fileURLToPath(new URL('..', import.meta.url))), '.');

const servers = [];
for (const script of scripts) {
  const server = await startServer(script, env, nodeArgs);
  const row = { script: label(script), server, rss: { start: rssMb(server.pid) }, cpuPerAck: [], errors: 0 };
  const load = await runLoad(server.port, { count: MIXED, build: mixed });
  row.rss.mixed = rssMb(server.pid);
  row.errors += load.errors;
  await runLoad(server.port, { count: 300, build: splunk });
  servers.push(row);
}
for (let round = 0; round < ROUNDS; round++) {
  for (const row of round % 2 ? [...servers].reverse() : servers) {
    const before = cpuMs(row.server.pid);
    const load = await runLoad(row.server.port, { count: PER_ROUND, build: splunk });
    row.cpuPerAck.push((cpuMs(row.server.pid) - before) / load.latencies.length);
    row.errors += load.errors;
  }
}
const base = median(servers[0].cpuPerAck);
// Each round against the first server's round next to it: a ratio that other load moves less.
const paired = (row) => median(row.cpuPerAck.map((cpu, i) => cpu / servers[0].cpuPerAck[i]));
for (const row of servers) {
  row.rss.end = rssMb(row.server.pid);
  const cpu = median(row.cpuPerAck);
  console.log(
    `${row.script}: CPU ms/ack median ${cpu.toFixed(3)} (${(cpu / base).toFixed(3)}x first; paired rounds ${paired(row).toFixed(3)}x) ` +
      `rounds [${row.cpuPerAck.map((v) => v.toFixed(3)).join(' ')}]; ` +
      `RSS MB start ${row.rss.start.toFixed(0)}, after ${MIXED} mixed ${row.rss.mixed.toFixed(0)}, ` +
      `end ${row.rss.end.toFixed(0)}; errors ${row.errors}`,
  );
  await row.server.stop();
}
console.log(
  `load average at end: ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}; ${pinning}`,
);
await fake.close();
