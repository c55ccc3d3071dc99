import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { send } from './load.js';

const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 2;
const running = new Set();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130));
}
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The environment every benched app gets: HTTP mode, the signing secret, the fake Slack API, quiet logs. */
export function benchEnv(secret, apiUrl) {
  return {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_APP_TOKEN: '',
    CATALOG_PATH: '',
    SLACK_API_URL: apiUrl,
    LOG_LEVEL: 'warn',
  };
}

/** Resident set size of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid) {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * CPU time a process's threads have run so far, in ms: the sum of each thread's on-CPU time in
 * nanoseconds (/proc/<pid>/task/<tid>/schedstat, first field). /proc/<pid>/stat counts in clock ticks
 * of 10 ms, which is ±2.5% of a round of 2,000 acks (about 0.4 s of CPU), more than the 5% a target
 * reads; stat is the fallback where schedstat is missing. A round's delta counts every thread of
 * the server (V8's, libuv's) that lived through the round; none of Node's exit mid-run.
 */
export function cpuMs(pid) {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  } catch {
    // No schedstat on this kernel (or a thread ended while being read): the ticks below.
  }
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU pinning, where `taskset` exists and there are two CPUs or more (BENCH_PIN=0 turns it off): the
 * bench itself (load generator and fake Slack) on CPU 0, every server it measures on CPU 1. Unpinned,
 * the kernel placed each server beside the load generator or not, and kept it there: two identical
 * bots in the same run differed by 14% in CPU per ack, round after round (an A/A run of the
 * METRICS=off row, 2026-12-07 16:15 UTC), so no pairing of rounds could read a 5% target.
 */
const PIN =
  process.env.BENCH_PIN !== '0' &&
  availableParallelism() >= 2 &&
  spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

let pinned = false;

/**
 * From now on (when pinning is on): this process's threads on CPU 0, each server started after on
 * CPU 1. Says what it did. Spawn-to-ready times are measured before it: a start uses more than one
 * thread.
 */
export function pinBench() {
  if (!PIN) return 'servers and bench unpinned';
  spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  pinned = true;
  return 'bench on CPU 0, servers started after on CPU 1';
}

/**
 * Spawns `node <script>` listening on a free loopback port and waits for its first GET /healthz 200.
 * `readyMs` is the time from spawn to that answer. Throws, with the end of stderr, if it never comes.
 */
export async function startServer(script, env, nodeArgs = []) {
  const port = await freePort();
  const started = performance.now();
  // taskset execs node, so the child's pid is the server's.
  const [command, args] = pinned
    ? ['taskset', ['-c', '1', process.execPath, ...nodeArgs, script]]
    : [process.execPath, [...nodeArgs, script]];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exit;
  exited.then((result) => {
    exit = result;
    running.delete(child);
  });
  const stop = async () => {
    if (!exit) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  while (!exit && performance.now() - started < READY_TIMEOUT_MS) {
    const status = await send(port, { path: '/healthz' }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) {
      const readyMs = performance.now() - started;
      return { port, pid: child.pid, readyMs, stop, stderr: () => stderr };
    }
    await sleep(POLL_MS);
  }
  await stop();
  const why = exit
    ? `exited (${exit.signal ?? `code ${exit.code}`})`
    : `no /healthz 200 in ${READY_TIMEOUT_MS} ms`;
  throw new Error(`${script} ${why}: ${stderr.trim().split('\n').slice(-5).join(' | ') || 'no stderr'}`);
}
