import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { guardProcess } from '../../src/slack/bot.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { type FakeSocketServer, startFakeSocketServer } from '../helpers/fake-socket-mode.js';
import { cleanEnv, freePort, type RunningMain, startMain, tempDir } from '../helpers/main-process.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import {
  appMentionEvent,
  BOT_TOKEN,
  blockActionsBody,
  eventCallbackBody,
  postSigned,
  SIGNING_SECRET,
  SLACK_API_HOST,
  slashCommandBody,
  untypedAction,
  untypedEvent,
} from '../helpers/slack.js';
import { type FakeSlack, fakeSlack } from '../slack/support.js';
import { startHardeningApp } from './app.js';

/**
 * Lifecycle: SIGTERM/SIGINT stop new requests, let in-flight ones finish (bounded), close the
 * connection and exit 0; a failing handler or Web API call is logged and the bot carries on.
 * The spawned tests run the built entry point (node dist/main.js) against a loopback fake Slack.
 */

let dir: ReturnType<typeof tempDir>;

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  dir.remove();
});

/** What a spawned test is given: its own fake Slack API, and ways to start the bot against it. */
interface Spawned {
  api: FakeSlackApi;
  httpEnv: (extra?: Record<string, string>) => Record<string, string>;
  startHttpBot: (extra?: Record<string, string>) => Promise<{ main: RunningMain; baseUrl: string }>;
  startSocketModeMain: (
    socket: FakeSocketServer,
    extra: Record<string, string>,
  ) => Promise<{ main: RunningMain; ready: Record<string, unknown> }>;
  /** Killed (SIGKILL) when the test ends, if still running. */
  running: RunningMain[];
}

/**
 * A fake Slack API and the bots started against it, for one test only: the spawned tests run
 * concurrently (most of their time is a child process starting or a reply held back on purpose),
 * so nothing here is shared between them. Everything is stopped when the test finishes.
 */
async function spawned(onTestFinished: (fn: () => Promise<void> | void) => void): Promise<Spawned> {
  const api = await startFakeSlackApi();
  const running: RunningMain[] = [];
  onTestFinished(async () => {
    for (const main of running.splice(0)) main.kill();
    await api.close();
  });
  const httpEnv = (extra: Record<string, string> = {}) =>
    cleanEnv({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
      SLACK_API_URL: api.apiUrl,
      LOG_LEVEL: 'debug',
      ...extra,
    });
  return {
    api,
    httpEnv,
    running,
    /** Starts node dist/main.js in HTTP mode and resolves once it listens, with its base URL. */
    async startHttpBot(extra = {}) {
      const main = startMain(httpEnv(extra), dir.dir);
      running.push(main);
      const ready = await main.waitForLog((l) => String(l.msg).includes('is listening on'));
      return { main, baseUrl: `http://127.0.0.1:${String(ready.port)}` };
    },
    /**
     * Starts node dist/main.js in Socket Mode against `socket` (the fake Slack API hands out its URL)
     * and resolves once it runs, with its ready log line.
     */
    async startSocketModeMain(socket, extra) {
      api.on('apps.connections.open', () => ({ body: { ok: true, url: socket.url } }));
      const main = startMain(
        cleanEnv({
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_APP_TOKEN: 'xapp-1-A0APP-1-lifecycle',
          SLACK_API_URL: api.apiUrl,
          LOG_LEVEL: 'debug',
          ...extra,
        }),
        dir.dir,
      );
      running.push(main);
      const ready = await main.waitForLog((l) => String(l.msg).includes('running in Socket Mode'));
      return { main, ready };
    },
  };
}

let mentions = 0;
function mentionBody(text: string) {
  mentions += 1;
  return eventCallbackBody(appMentionEvent(text, { ts: `17325620${mentions}.000100` }));
}

function expectNoSecrets(main: RunningMain) {
  for (const output of [main.stderr(), main.stdout()]) {
    expect(output).not.toContain(SIGNING_SECRET);
    expect(output).not.toContain(BOT_TOKEN);
  }
}

describe.concurrent('node dist/main.js, one process per test (concurrently)', () => {
  describe('on a Redis (REDIS_URL, node dist/main.js)', () => {
    let redis: TestRedis;
    const PASSWORD = 'redis-pass-4f2a9c';
    beforeAll(async () => {
      redis = await startRedis(['--requirepass', PASSWORD]);
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('connects with the password in the URL, says redis "up" in /healthz, answers, and stops cleanly; the password is never logged', async ({
      onTestFinished,
    }) => {
      const { api, startHttpBot } = await spawned(onTestFinished);
      const { main, baseUrl } = await startHttpBot({
        REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redis.port}`,
      });
      expect(main.logs().map((l) => l.msg)).toContain(
        'connected to Redis: sharing event ids and checklist states between instances',
      );
      const health = await fetch(`${baseUrl}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true, redis: 'up' }]);
      const body = mentionBody('splunk');
      await postSigned(baseUrl, body, 'application/json');
      await postSigned(baseUrl, body, 'application/json', {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' },
      });
      expect(String((await api.waitForCall('chat.postMessage')).args.text)).toContain('Splunk');
      await main.waitForLog((l) => String(l.msg).includes('already handled'));
      main.child.kill('SIGTERM');
      expect(await main.exited).toEqual({ code: 0, signal: null });
      expect(main.logs().map((l) => l.msg)).toContain('stopped cleanly');
      expect(api.callsOf('chat.postMessage')).toHaveLength(1);
      expect(main.stderr()).not.toContain(PASSWORD);
      expectNoSecrets(main);
    });

    it('starts and answers when Redis cannot be reached, with a warning and redis "down"', async ({
      onTestFinished,
    }) => {
      const { api, startHttpBot } = await spawned(onTestFinished);
      const { main, baseUrl } = await startHttpBot({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
      const warning = main
        .logs()
        .find((l) => l.level === 'warn' && String(l.msg).startsWith('Redis unreachable'));
      expect(warning).toBeDefined();
      const health = await fetch(`${baseUrl}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true, redis: 'down' }]);
      await postSigned(baseUrl, mentionBody('nexus'), 'application/json');
      expect(String((await api.waitForCall('chat.postMessage')).args.text)).toContain('Nexus');
    });
  });

  describe('SIGTERM and SIGINT (node dist/main.js)', () => {
    it('SIGTERM: refuses new requests, lets the in-flight reply finish, then exits 0', async ({
      onTestFinished,
    }) => {
      const { api, startHttpBot } = await spawned(onTestFinished);
      api.on('chat.postMessage', (call) => ({
        body: { ok: true, channel: call.args.channel, ts: '1732562000.000200' },
        delayMs: 1_200,
      }));
      const { main, baseUrl } = await startHttpBot();
      const response = await postSigned(baseUrl, mentionBody('splunk'), 'application/json');
      expect(response.status).toBe(200);
      const post = await api.waitForCall('chat.postMessage');
      expect(String(post.args.text)).toContain('Splunk');

      main.child.kill('SIGTERM');
      const received = await main.waitForLog((l) => String(l.msg).startsWith('SIGTERM received'));
      expect(received.inflight).toBe(1);
      await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();

      const exit = await main.exited;
      const exitedAt = Date.now();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(post.answeredAt, 'the reply in flight was answered').toBeDefined();
      expect(post.answeredAt!).toBeLessThanOrEqual(exitedAt);
      expect(main.logs().map((l) => l.msg)).toContain('stopped cleanly');
      expect(api.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
      expectNoSecrets(main);
    });

    it('SIGINT with nothing in flight exits 0 at once, and LOG_LEVEL=warn keeps info lines out', async ({
      onTestFinished,
    }) => {
      const { api, httpEnv, running } = await spawned(onTestFinished);
      const port = await freePort();
      const main = startMain(httpEnv({ PORT: String(port), LOG_LEVEL: 'warn' }), dir.dir);
      running.push(main);
      const deadline = Date.now() + 10_000;
      let healthy = false;
      while (!healthy && Date.now() < deadline) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(healthy).toBe(true);
      await api.waitForCall('auth.test');
      const started = Date.now();
      main.child.kill('SIGINT');
      expect(await main.exited).toEqual({ code: 0, signal: null });
      // Well under the 10 s it would wait for a reply in flight (SHUTDOWN_GRACE_MS), with room for a busy machine.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(main.logs().filter((l) => l.level === 'info' || l.level === 'debug')).toEqual([]);
    });

    it('Socket Mode: /healthz says 503 while the WebSocket is down, so a supervisor can restart the bot', async ({
      onTestFinished,
    }) => {
      const { startSocketModeMain } = await spawned(onTestFinished);
      const socket = await startFakeSocketServer();
      try {
        const port = await freePort();
        const { main } = await startSocketModeMain(socket, { PORT: String(port) });
        const health = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);
        expect(await health()).toBe(200);
        socket.drop();
        await socket.closed;
        const deadline = Date.now() + 3_000;
        let status = await health();
        while (status === 200 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          status = await health();
        }
        expect(status).toBe(503);
        main.child.kill('SIGTERM');
        expect(await main.exited).toEqual({ code: 0, signal: null });
      } finally {
        await socket.close();
      }
    });

    it('Socket Mode: the health port listens on HOST and answers a malformed request line with 400, not silence; SIGTERM closes the WebSocket cleanly and exits 0', async ({
      onTestFinished,
    }) => {
      // One bot for both (a spawned start costs about 1 s of CPU): what the health port answers
      // while it runs, then how it stops.
      const { startSocketModeMain } = await spawned(onTestFinished);
      const socket = await startFakeSocketServer();
      try {
        const { main, ready } = await startSocketModeMain(socket, { HOST: '127.0.0.1', PORT: '0' });
        expect(ready.msg).toContain(`GET /healthz on 127.0.0.1:${String(ready.port)}`);
        await socket.connected;
        const reply = await new Promise<string>((resolve, reject) => {
          const client = connect(Number(ready.port), '127.0.0.1');
          let text = '';
          client.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          client.on('close', () => resolve(text));
          client.on('error', reject);
          client.setTimeout(3_000, () => client.destroy());
          client.write('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
        });
        expect(reply).toMatch(/^HTTP\/1\.1 400 /);
        const health = await fetch(`http://127.0.0.1:${String(ready.port)}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ ok: true });
        expect((await fetch(`http://127.0.0.1:${String(ready.port)}/slack/events`)).status).toBe(404);
        expect(main.logs().filter((l) => l.level === 'error')).toEqual([]);
        expect(main.logs()).toContainEqual(
          expect.objectContaining({ level: 'warn', msg: 'refused a request with a malformed URL (400)' }),
        );
        main.child.kill('SIGTERM');
        expect(await main.exited).toEqual({ code: 0, signal: null });
        await socket.closed;
        expect(socket.closeFrameReceived, 'the client sent a WebSocket close frame').toBe(true);
        expect(socket.connections).toBe(1);
        expect(main.stderr()).not.toContain('xapp-1-A0APP-1-lifecycle');
      } finally {
        await socket.close();
      }
    });
  });

  /** The pids below `pid` (children, their children…), read from /proc. */
  function descendants(pid: number): number[] {
    let children: number[];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
    return children.flatMap((child) => [child, ...descendants(child)]);
  }

  /** The command line of a process, or undefined once it is gone. */
  function commandLine(pid: number): string[] | undefined {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return undefined;
    }
  }

  async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return condition();
  }

  function portIsFree(port: number): Promise<boolean> {
    const server = createServer();
    return new Promise((done) => {
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
  }

  describe('npm start (as a supervisor or `docker stop` would signal it)', () => {
    it.for(['SIGTERM', 'SIGINT'] as const)(
      '%s to the npm process itself reaches the bot: it drains, exits 0 and frees its port',
      async (signal, { onTestFinished }) => {
        const { api, httpEnv } = await spawned(onTestFinished);
        // A directory with the project's package.json and built dist/, and no .env to read.
        const tree = tempDir();
        try {
          copyFileSync(resolve('package.json'), join(tree.dir, 'package.json'));
          symlinkSync(resolve('dist'), join(tree.dir, 'dist'));
          api.on('chat.postMessage', (call) => ({
            body: { ok: true, channel: call.args.channel, ts: '1732562000.000400' },
            delayMs: 800,
          }));
          const port = await freePort();
          const npm = spawn('npm', ['start'], {
            cwd: tree.dir,
            env: httpEnv({ PORT: String(port), npm_config_update_notifier: 'false' }),
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          npm.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString();
          });
          npm.stderr.on('data', (chunk: Buffer) => {
            output += chunk.toString();
          });
          const npmExited = new Promise<number | null>((done) => npm.on('exit', (code) => done(code)));
          const logs = () =>
            output
              .split('\n')
              .filter((line) => line.startsWith('{'))
              .map((line) => JSON.parse(line) as Record<string, unknown>);
          expect(
            await until(() => logs().some((l) => String(l.msg).includes('is listening on')), 15_000),
          ).toBe(true);
          const isBot = (pid: number) => {
            const argv = commandLine(pid) ?? [];
            return /(^|\/)node$/.test(argv[0] ?? '') && argv.includes('dist/main.js');
          };
          const bot = descendants(npm.pid!).find(isBot);
          expect(bot, `the bot's process under npm; output:\n${output}`).toBeDefined();
          // A bot left running by a failing test: killed by its own pid.
          onTestFinished(() => {
            if (commandLine(bot!)) process.kill(bot!, 'SIGKILL');
          });

          const response = await postSigned(
            `http://127.0.0.1:${port}`,
            mentionBody('splunk'),
            'application/json',
          );
          expect(response.status).toBe(200);
          const post = await api.waitForCall('chat.postMessage');

          process.kill(npm.pid!, signal);
          const timedOut = new Promise<string>((done) =>
            setTimeout(() => done('still running after 8 s'), 8_000),
          );
          expect(await Promise.race([npmExited, timedOut])).toBe(0);
          expect(await until(() => commandLine(bot!) === undefined, 5_000), 'the bot process has ended').toBe(
            true,
          );
          expect(logs().map((l) => l.msg)).toEqual(
            expect.arrayContaining([`${signal} received: finishing in-flight requests`, 'stopped cleanly']),
          );
          expect(post.answeredAt, 'the reply in flight was answered before the exit').toBeDefined();
          expect(String(post.args.text)).toContain('Splunk');
          expect(await portIsFree(port)).toBe(true);
        } finally {
          tree.remove();
        }
      },
    );
  });

  describe('failures while running (node dist/main.js)', () => {
    it('a failing Web API call and malformed requests are logged; the bot keeps answering', async ({
      onTestFinished,
    }) => {
      const { api, startHttpBot } = await spawned(onTestFinished);
      let postCount = 0;
      api.on('chat.postMessage', (call) => {
        postCount += 1;
        return postCount === 1
          ? { status: 500, body: { ok: false } }
          : { body: { ok: true, channel: call.args.channel, ts: '1732562000.000300' } };
      });
      api.on('chat.postEphemeral', () => ({ body: { ok: false, error: 'channel_not_found' } }));
      const { main, baseUrl } = await startHttpBot();

      await postSigned(baseUrl, mentionBody('splunk'), 'application/json');
      await main.waitForLog((l) => l.msg === 'explaining a failed reply failed');
      expect(main.logs().find((l) => l.msg === 'replying to a message failed')).toMatchObject({
        level: 'error',
        error: 'http_error',
        channel: 'C0CHANNEL',
      });

      // Signed but malformed requests: clicks without a message, channel or container; odd events.
      const malformed = [
        blockActionsBody({
          type: 'button',
          action_id: 'hp_open_provider',
          block_id: 'b',
          value: 'splunk',
        }).replace(/container/g, 'containr'),
        blockActionsBody({
          type: 'button',
          action_id: 'hp_tick_item',
          block_id: 'hp_item:x:y',
          value: 'done',
        }),
        blockActionsBody({ type: 'button', action_id: 'hp_share', block_id: 'b', value: '{"q":' }),
        blockActionsBody(
          untypedAction({ type: 'static_select', action_id: 'hp_open_provider_select', block_id: 'b' }),
        ),
      ];
      for (const body of malformed) {
        const response = await postSigned(baseUrl, body, 'application/x-www-form-urlencoded');
        expect(response.status).toBeLessThan(500);
      }
      const oddEvents = [
        eventCallbackBody(untypedEvent({ type: 'app_mention' })),
        eventCallbackBody(untypedEvent({ type: 'message', channel_type: 'im' })),
        eventCallbackBody(untypedEvent({ type: 'app_mention', text: 42, channel: ['x'] })),
      ];
      for (const body of oddEvents) {
        expect((await postSigned(baseUrl, body, 'application/json')).status).toBe(200);
      }
      const command = await postSigned(
        baseUrl,
        slashCommandBody('splunk', { user_id: '', channel_id: '' }),
        'application/x-www-form-urlencoded',
      );
      expect(command.status).toBe(200);

      await postSigned(baseUrl, mentionBody('jenkins'), 'application/json');
      const deadline = Date.now() + 5_000;
      const jenkinsReply = () =>
        api.calls.find((c) => c.method === 'chat.postMessage' && /Jenkins/.test(String(c.args.text)));
      while (!jenkinsReply()?.answeredAt && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(jenkinsReply()?.args).toMatchObject({
        channel: 'C0CHANNEL',
        text: expect.stringContaining('Jenkins'),
      });
      expect(main.child.exitCode).toBeNull();
      expect(main.logs().filter((l) => String(l.msg).startsWith('unhandled rejection'))).toEqual([]);
      expect(main.stderr()).not.toMatch(/^\s+at /m);
      expectNoSecrets(main);

      main.child.kill('SIGTERM');
      expect(await main.exited).toEqual({ code: 0, signal: null });
    });
  });
});

describe('in-process: errors and draining', () => {
  let slack: FakeSlack;
  beforeEach(() => {
    slack = fakeSlack();
  });
  afterEach(() => {
    slack.dispose();
  });

  it('an unexpected error in one listener is logged with its context, and the app keeps answering', async () => {
    const app = await startHardeningApp();
    try {
      app.bot.app.event('app_mention', async () => {
        throw new TypeError('boom in a listener');
      });
      for (const text of ['splunk', 'nexus']) {
        slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732562000.000400' });
        const response = await postSigned(app.baseUrl, mentionBody(text), 'application/json');
        expect(response.status).toBe(200);
        await slack.settle(app.bot);
      }
      expect(slack.calls.map((c) => String(c.args.text))).toEqual([
        expect.stringContaining('Splunk'),
        expect.stringContaining('Nexus'),
      ]);
      const failures = app.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'a listener failed');
      expect(failures).toHaveLength(2);
      expect(failures[0]).toMatchObject({
        level: 'error',
        message: 'boom in a listener',
        kind: 'event_callback',
        event: 'app_mention',
        channel: 'C0CHANNEL',
        user: 'U0ALICE',
        eventId: expect.stringMatching(/^Ev/),
        stack: expect.stringContaining('TypeError: boom in a listener'),
      });
    } finally {
      await app.stop();
    }
  });

  it('stop() waits for a reply in flight to finish', async () => {
    const app = await startHardeningApp();
    slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732562000.000500' });
    nock.cleanAll();
    let answered = false;
    nock(SLACK_API_HOST)
      .post('/api/chat.postMessage')
      .delay(400)
      .reply(200, () => {
        answered = true;
        return { ok: true, ts: '1.1' };
      });
    await postSigned(app.baseUrl, mentionBody('splunk'), 'application/json');
    while (app.bot.inflight.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const { drained } = await app.bot.stop(5_000);
    expect(drained).toBe(true);
    expect(answered).toBe(true);
  });

  it('stop() gives up waiting after the grace period; the reply still ends within its timeout and tells the user', async () => {
    const app = await startHardeningApp({ webApiPolicy: { timeoutMs: 1_000 } });
    nock(SLACK_API_HOST).post('/api/chat.postMessage').delay(3_000).reply(200, { ok: true, ts: '1.1' });
    slack.api('chat.postEphemeral');
    await postSigned(app.baseUrl, mentionBody('splunk'), 'application/json');
    while (app.bot.inflight.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    const { drained } = await app.bot.stop(300);
    expect(drained).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
    // The reply goes on after stop() gave up: its call times out, and the user is told so.
    await slack.settle(app.bot);
    expect(slack.calls.map((call) => [call.method, call.args.user])).toEqual([
      ['chat.postEphemeral', 'U0ALICE'],
    ]);
    expect(slack.calls[0]!.args.text).toBe('Slack did not answer me in time. Please try again in a moment.');
    nock.abortPendingRequests();
  });

  it('a stray rejected promise is logged, not fatal', () => {
    const lines: string[] = [];
    const before = process.listeners('unhandledRejection').length;
    const remove = guardProcess(createLogger('debug', (line) => lines.push(line)));
    try {
      const listeners = process.listeners('unhandledRejection');
      expect(listeners).toHaveLength(before + 1);
      listeners.at(-1)!(new Error('stray'), Promise.resolve());
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: expect.stringContaining('stray') });
    } finally {
      remove();
    }
    expect(process.listeners('unhandledRejection')).toHaveLength(before);
  });
});
