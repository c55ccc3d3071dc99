import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStartup } from '../../src/startup.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { cleanEnv, type Exit, runMain, tempDir, writeFile } from '../helpers/main-process.js';

/**
 * Bad configuration and bad catalogs end the start of the real entry point (node dist/main.js,
 * built by `npm run build`) with one clear line naming the variable, file or field at fault, no
 * stack trace, and exit code 1. Each run gets only PATH/HOME plus the variables under test, in a
 * temporary directory, so no .env is read.
 *
 * Each case is read by the entry point's own first step (`readStartup`, src/startup.ts) in this
 * process; in each table, cases are also run through the built entry point, which must print
 * exactly those lines, nothing on stdout, and exit 1. (Spawning every case cost 34 starts of
 * node dist/main.js, about 14 s of CPU of the suite's 110 s on the 2-core machine; a start that
 * fails later, in Bolt or on Slack's answer, is only ever spawned.)
 */

const BOT_TOKEN = 'xoxb-1111-2222-startuptest';
const SIGNING_SECRET = 'abcdef0123456789abcdef0123456789';
const HTTP_ENV = {
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  HOST: '127.0.0.1',
  PORT: '0',
};

const MINIMAL_PROVIDER = `  - id: nexus
    name: Nexus
    category: artifact-server
    permissions: [Read access]
    ports:
      - { port: 8081, protocol: TCP, label: Nexus API }
    references:
      - { title: Nexus docs, url: "https://help.sonatype.com/" }
`;
const catalogText = (providers: string) =>
  `version: 1\ntitle: Test catalog\nsource: { title: Test }\nproviders:\n${providers}`;

let dir: ReturnType<typeof tempDir>;
let api: FakeSlackApi;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dir = tempDir();
  api = await startFakeSlackApi();
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as AddressInfo).port;
});
afterAll(async () => {
  dir.remove();
  await api.close();
  await new Promise((resolve) => busy.close(resolve));
});

/** The lines a start with `vars` ends with, read by the entry point's first step in this process. */
function startupLines(vars: Record<string, string>): string[] {
  const startup = readStartup(cleanEnv(vars));
  expect(startup.ok, 'the start went on').toBe(false);
  return startup.ok ? [] : startup.lines;
}

/** The one line a failed start must print: "harness-ports: <what>: <problem>". */
function expectOneClearLine(lines: string[], ...mentions: string[]) {
  expect(lines, lines.join('\n')).toHaveLength(1);
  expect(lines[0]).toMatch(/^harness-ports: /);
  expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
  for (const mention of mentions) expect(lines[0]).toContain(mention);
  expect(lines[0]).not.toContain(SIGNING_SECRET);
  expect(lines[0]).not.toContain(BOT_TOKEN);
}

/**
 * What the built entry point prints for a start that fails: those lines on stderr, nothing else,
 * exit 1. It runs in the temporary directory, so it names the files there by their names alone.
 */
function expectPrinted(exit: Exit, lines: string[]) {
  expect(exit.code, exit.stderr).toBe(1);
  expect(exit.stdout).toBe('');
  expect(exit.stderr.trimEnd().split('\n')).toEqual(lines.map((line) => line.replaceAll(`${dir.dir}/`, '')));
}

/** A failed start of the built entry point, which must be one clear line. */
function expectOneClearExit(exit: Exit, ...mentions: string[]) {
  expect(exit.code, exit.stderr).toBe(1);
  expect(exit.stdout).toBe('');
  expectOneClearLine(exit.stderr.trimEnd().split('\n'), ...mentions);
}

/** The cases of a table with these names; a name the table lacks throws, so no spawned run is lost to a rename. */
function named<T extends [string, ...unknown[]]>(cases: T[], names: string[]): T[] {
  const missing = names.filter((name) => !cases.some(([what]) => what === name));
  if (missing.length) throw new Error(`no case named ${missing.join(', ')}`);
  return cases.filter(([what]) => names.includes(what));
}

/**
 * The tests of a table of bad files named by `variable` (a null text: the file is missing): each
 * case read in-process, and those named in `spawned` through the built entry point too.
 */
function badFileTests(
  variable: 'CATALOG_PATH' | 'CATALOG_OVERLAY',
  prefix: string,
  cases: Array<[string, string | null, string[]]>,
  spawned: string[],
) {
  const varsOf = (what: string, text: string | null) => {
    const name = `${prefix}${what.replace(/\W+/g, '-')}.yml`;
    const path = text === null ? `${dir.dir}/${name}` : writeFile(dir.dir, name, text);
    return { name, vars: { ...HTTP_ENV, [variable]: path } };
  };
  it.each(cases)('%s: one line naming the file and the field', (what, text, mentions) => {
    const { name, vars } = varsOf(what, text);
    expectOneClearLine(startupLines(vars), name, ...mentions);
  });
  it.concurrent.for(named(cases, spawned))(
    'node dist/main.js, %s: prints that line, exit 1',
    async ([what, text]) => {
      const { vars } = varsOf(what, text);
      expectPrinted(await runMain(cleanEnv(vars), dir.dir), startupLines(vars));
    },
  );
}

describe('a bad environment variable', () => {
  const cases: Array<[string, Record<string, string>, string[]]> = [
    [
      'no bot token, with a signing secret',
      { SLACK_SIGNING_SECRET: SIGNING_SECRET },
      ['SLACK_BOT_TOKEN', 'missing'],
    ],
    [
      'a user token as the bot token',
      { ...HTTP_ENV, SLACK_BOT_TOKEN: 'xoxp-123-user' },
      ['SLACK_BOT_TOKEN', 'xoxb-'],
    ],
    [
      'a bot token and nothing to receive with',
      { SLACK_BOT_TOKEN: BOT_TOKEN },
      ['SLACK_SIGNING_SECRET', 'missing'],
    ],
    [
      'a malformed signing secret',
      { ...HTTP_ENV, SLACK_SIGNING_SECRET: 'not a secret!' },
      ['SLACK_SIGNING_SECRET'],
    ],
    [
      'a malformed app token',
      { ...HTTP_ENV, SLACK_APP_TOKEN: 'xoxb-not-an-app-token' },
      ['SLACK_APP_TOKEN', 'xapp-'],
    ],
    ['a port that is not a number', { ...HTTP_ENV, PORT: 'eighty' }, ['PORT', '65535']],
    ['a port out of range', { ...HTTP_ENV, PORT: '70000' }, ['PORT', '65535']],
    ['a negative port', { ...HTTP_ENV, PORT: '-1' }, ['PORT']],
    ['a malformed host', { ...HTTP_ENV, HOST: 'bad host!' }, ['HOST']],
    [
      'a Slack API URL that is not http(s)',
      { ...HTTP_ENV, SLACK_API_URL: 'ftp://slack.example/api/' },
      ['SLACK_API_URL'],
    ],
    ['a Slack API URL that is not a URL', { ...HTTP_ENV, SLACK_API_URL: 'slack api' }, ['SLACK_API_URL']],
    [
      'a Redis URL that is not redis:// or rediss://',
      { ...HTTP_ENV, REDIS_URL: 'http://redis:6379' },
      ['REDIS_URL', 'redis://'],
    ],
    [
      'an unknown log level',
      { ...HTTP_ENV, LOG_LEVEL: 'verbose' },
      ['LOG_LEVEL', 'debug, info, warn, error'],
    ],
  ];
  it.each(cases)('%s: one line naming it', (_what, vars, mentions) => {
    expectOneClearLine(startupLines(vars), ...mentions);
  });

  it.concurrent.for(named(cases, ['a user token as the bot token']))(
    'node dist/main.js, %s: prints that line, exit 1',
    async ([, vars]) => {
      expectPrinted(await runMain(cleanEnv(vars), dir.dir), startupLines(vars));
    },
  );

  it('several bad variables: one line for each, exit 1 (node dist/main.js)', async () => {
    const vars = { SLACK_SIGNING_SECRET: 'not a secret!', PORT: 'eighty', LOG_LEVEL: 'verbose' };
    const exit = await runMain(cleanEnv(vars), dir.dir);
    expectPrinted(exit, startupLines(vars));
    expect(exit.stderr.trimEnd().split('\n')).toEqual([
      'harness-ports: SLACK_BOT_TOKEN: is missing (the "Bot User OAuth Token", xoxb-…, from "OAuth & Permissions")',
      'harness-ports: SLACK_SIGNING_SECRET: must be the app\'s signing secret (from "Basic Information"): one word, no spaces',
      'harness-ports: PORT: must be a whole number between 0 and 65535 (0: any free port)',
      'harness-ports: LOG_LEVEL: must be one of: debug, info, warn, error',
    ]);
  });

  it('a port already in use: one line naming PORT, exit 1', async () => {
    const exit = await runMain(
      cleanEnv({ ...HTTP_ENV, PORT: String(busyPort), SLACK_API_URL: api.apiUrl }),
      dir.dir,
    );
    expectOneClearExit(exit, 'PORT', String(busyPort), 'in use');
  });

  it('Socket Mode, a health port already in use: one line naming PORT, exit 1', async () => {
    const exit = await runMain(
      cleanEnv({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A0-123-abc',
        SLACK_API_URL: api.apiUrl,
        HOST: '127.0.0.1',
        PORT: String(busyPort),
      }),
      dir.dir,
    );
    expectOneClearExit(exit, 'PORT', String(busyPort), 'in use');
  });

  it('a bot token Slack rejects (invalid_auth): one line naming SLACK_BOT_TOKEN, exit 1', async () => {
    api.on('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const exit = await runMain(
      cleanEnv({ ...HTTP_ENV, SLACK_API_URL: api.apiUrl, LOG_LEVEL: 'error' }),
      dir.dir,
    );
    expectOneClearExit(exit, 'SLACK_BOT_TOKEN', 'invalid_auth');
  });

  it('an app token Slack rejects (Socket Mode, invalid_auth): one line naming SLACK_APP_TOKEN, exit 1', async () => {
    api.on('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const exit = await runMain(
      cleanEnv({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: 'xapp-1-A0-123-abc',
        SLACK_API_URL: api.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'error',
      }),
      dir.dir,
    );
    expect(exit.stderr).not.toContain('xapp-1-A0-123-abc');
    expect(exit.code).toBe(1);
    expect(exit.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^harness-ports: SLACK_APP_TOKEN: .*invalid_auth/,
    );
  });
});

describe('a bad catalog (CATALOG_PATH)', () => {
  const cases: Array<[string, string | null, string[]]> = [
    ['bad YAML', catalogText(`${MINIMAL_PROVIDER}  - id: [unclosed\n`), ['not valid YAML', 'line']],
    [
      'a field of the wrong type',
      catalogText(MINIMAL_PROVIDER.replace('port: 8081', 'port: "eighty"')),
      ['providers[0] (id "nexus").ports[0].port', 'must be a number'],
    ],
    [
      'a duplicate id',
      catalogText(MINIMAL_PROVIDER + MINIMAL_PROVIDER.replace('name: Nexus', 'name: Nexus 2')),
      ['providers[1]', 'duplicate id "nexus"'],
    ],
    [
      'a port out of range',
      catalogText(MINIMAL_PROVIDER.replace('port: 8081', 'port: 70000')),
      ['ports[0].port', 'between 1 and 65535'],
    ],
    [
      'a bad reference URL',
      catalogText(MINIMAL_PROVIDER.replace('https://help.sonatype.com/', 'javascript:alert(1)')),
      ['references[0].url', 'http(s) URL'],
    ],
    ['an empty file', '', ['empty']],
    ['a missing file', null, ['not found']],
  ];
  badFileTests('CATALOG_PATH', '', cases, ['bad YAML', 'a field of the wrong type']);

  it('the same catalog, valid, starts (the failures above are the catalog, not the setup)', async () => {
    const path = writeFile(dir.dir, 'valid.yml', catalogText(MINIMAL_PROVIDER));
    const exit = await runMain(cleanEnv({ CATALOG_PATH: path }), dir.dir);
    // Without Slack credentials the entry point runs the console, which ends with stdin closed.
    expect(exit.code, exit.stderr).toBe(0);
  });
});

describe('a bad overlay (CATALOG_OVERLAY)', () => {
  const cases: Array<[string, string | null, string[]]> = [
    ['bad YAML', 'providers: {splunk: [\n', ['not valid YAML']],
    [
      'a destination that is not a host or CIDR',
      'providers:\n  splunk:\n    destinations: ["10.0.0.0/99"]\n',
      ['providers.splunk.destinations[0]', 'must be a host name, an IP address or a CIDR'],
    ],
    [
      'an unknown provider',
      'providers:\n  splnk:\n    team: Observability\n',
      ['providers.splnk', 'no provider of the catalog has id "splnk"'],
    ],
    [
      'an alias another provider has',
      'providers:\n  splunk:\n    aliases: [nexus]\n',
      ['providers.splunk.aliases[0]', '"nexus" already names provider "nexus"'],
    ],
    [
      'a provider of its own without ports',
      'add:\n  - { id: acme, name: ACME, category: artifact-server, permissions: [Read] }\n',
      ['add[0] (id "acme").ports', 'must list at least one port'],
    ],
    ['an unknown field', 'providers:\n  splunk:\n    owner: me\n', ['providers.splunk', '"owner"']],
    ['a missing file', null, ['overlay file not found']],
  ];
  badFileTests('CATALOG_OVERLAY', 'overlay-', cases, ['bad YAML', 'an unknown provider']);

  it('a valid overlay starts (the failures above are the overlay, not the setup)', async () => {
    const path = writeFile(
      dir.dir,
      'overlay-valid.yml',
      'providers:\n  splunk:\n    destinations: [10.20.0.0/16]\n',
    );
    const exit = await runMain(cleanEnv({ CATALOG_OVERLAY: path }), dir.dir);
    expect(exit.code, exit.stderr).toBe(0);
  });
});
