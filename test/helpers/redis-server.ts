import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './main-process.js';

/**
 * A real Redis for tests: `redis-server` from the machine (Debian's package; `.ci/run` installs
 * it), on a free loopback port, with nothing written to disk. A machine without it fails the tests
 * that need it with a line saying what to install; they are never skipped silently.
 */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the server (SIGKILL: an outage, not a shutdown); resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was saved). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const MISSING_REDIS =
  'redis-server is not installed: these tests run a real Redis. Install it (Debian/Ubuntu: apt-get install -y redis-server); .ci/run does.';

/** Resolves once Redis answers PING on the port (+PONG, or -NOAUTH when it wants a password); rejects after `timeoutMs`. */
async function waitForServer(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(/^(\+PONG|-NOAUTH)/.test(data.toString()));
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function launch(port: number, extraArgs: string[]): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    { stdio: 'ignore' },
  );
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(MISSING_REDIS) : error),
    );
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) on port ${port}`)));
    waitForServer(port, 10_000).then(() => resolve(child), reject);
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Starts a private redis-server (with `extraArgs`, e.g. `--requirepass`); call stop() in afterAll. */
export async function startRedis(extraArgs: string[] = []): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port, extraArgs);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => exited(child, 'SIGKILL'),
    restart: async () => {
      child = await launch(port, extraArgs);
    },
    stop: () => exited(child, 'SIGTERM'),
  };
}
