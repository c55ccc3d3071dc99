import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
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

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Spawns `node <script>` listening on a free loopback port and waits for its first GET /healthz 200.
 * `readyMs` is the time from spawn to that answer. Throws, with the end of stderr, if it never comes.
 */
export async function startServer(script, env, nodeArgs = []) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script], {
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
