import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OAuthSettings } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { CHECKLIST_ITEM_BLOCK_PREFIX } from '../../src/render/blocks/ids.js';
import { createSlackApp, type SlackConfig } from '../../src/slack/app.js';
import { describeStartError } from '../../src/slack/bot.js';
import { BOT_SCOPES } from '../../src/slack/oauth.js';
import { realCatalog } from '../helpers/catalog.js';
import { type FakeApiRequest, type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import {
  appMentionEvent,
  eventCallbackBody,
  postSigned,
  pressOnStored,
  type RunningTestApp,
  SIGNING_SECRET,
  startTestApp,
} from '../helpers/slack.js';

const catalog = realCatalog();
const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = '0123456789abcdef0123456789abcdef';
const STATE_SECRET = 'state-secret-0123456789abcdef-0123456789';
const COOKIE = 'slack-app-oauth-state';

/** Who a code installs the app for, as oauth.v2.access answers it. */
interface Grant {
  team?: string;
  enterprise?: string;
  orgWide?: boolean;
  token: string;
  /** Token rotation on: a refresh token, and the token's life in seconds. */
  refresh?: { token: string; expiresIn: number };
}

let fake: FakeSlackApi;
const grants = new Map<string, Grant>();
/** Refresh token -> the token it gives, used once (Slack refuses a refresh token used already). */
const refreshes = new Map<string, { token: string; refresh: string; used: boolean }>();

function oauthAccess(request: FakeApiRequest) {
  const { args } = request;
  if (args.client_id !== CLIENT_ID || args.client_secret !== CLIENT_SECRET)
    return { body: { ok: false, error: 'invalid_client_id' } };
  if (args.grant_type === 'refresh_token') {
    const next = refreshes.get(String(args.refresh_token));
    if (!next || next.used) return { body: { ok: false, error: 'invalid_refresh_token' } };
    next.used = true;
    return {
      delayMs: 300,
      body: {
        ok: true,
        token_type: 'bot',
        access_token: next.token,
        refresh_token: next.refresh,
        expires_in: 43_200,
      },
    };
  }
  const grant = grants.get(String(args.code));
  if (!grant) return { body: { ok: false, error: 'invalid_code' } };
  return {
    body: {
      ok: true,
      app_id: 'A0APP',
      authed_user: { id: 'U0INSTALLER' },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      access_token: grant.token,
      bot_user_id: 'U0BOT',
      team: grant.orgWide ? null : { id: grant.team, name: `Team ${grant.team}` },
      enterprise: grant.enterprise ? { id: grant.enterprise, name: 'Grid Org' } : null,
      is_enterprise_install: grant.orgWide === true,
      ...(grant.refresh ? { refresh_token: grant.refresh.token, expires_in: grant.refresh.expiresIn } : {}),
    },
  };
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  fake.on('oauth.v2.access', oauthAccess);
});
afterAll(async () => {
  await fake.close();
});

function oauthSettings(dir: string, key = randomBytes(32)): OAuthSettings {
  return {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    stateSecret: STATE_SECRET,
    encryptionKey: key,
    installationDir: dir,
  };
}

async function startOAuthApp(oauth: OAuthSettings, redisUrl?: string): Promise<RunningTestApp> {
  return startTestApp(catalog, {
    config: {
      botToken: undefined,
      oauth,
      adminUserIds: ['U0ADMIN'],
      slackApiUrl: fake.apiUrl,
      ...(redisUrl ? { redisUrl } : {}),
    },
    redact: [SIGNING_SECRET, CLIENT_SECRET, STATE_SECRET],
  });
}

/** The "Add to Slack" page: its authorize link and the state cookie Bolt set. */
async function openInstallPage(baseUrl: string): Promise<{ html: string; state: string }> {
  const page = await fetch(`${baseUrl}/slack/install`);
  expect(page.status).toBe(200);
  const cookie = page.headers.get('set-cookie') ?? '';
  const state = new RegExp(`${COOKIE}=([^;]+)`).exec(cookie)?.[1];
  if (!state) throw new Error(`no state cookie in ${cookie}`);
  return { html: await page.text(), state };
}

/** Slack's redirect back to the bot, as the installer's browser follows it. */
function redirectBack(baseUrl: string, code: string, state: string, cookieState = state) {
  return fetch(`${baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie: `${COOKIE}=${cookieState}` },
    redirect: 'manual',
  });
}

async function install(baseUrl: string, code: string, grant: Grant): Promise<Response> {
  grants.set(code, grant);
  const { state } = await openInstallPage(baseUrl);
  return redirectBack(baseUrl, code, state);
}

/** An app_mention from a workspace (of an org, through an org-wide install when `orgWide`). */
function mentionFrom(
  team: string,
  options: { enterprise?: string; orgWide?: boolean; channel?: string } = {},
) {
  const envelope = JSON.parse(
    eventCallbackBody(
      appMentionEvent('which ports does nexus need?', { team, channel: options.channel ?? 'C0ASK' }),
    ),
  ) as Record<string, unknown>;
  return JSON.stringify({
    ...envelope,
    team_id: team,
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    authorizations: [
      {
        enterprise_id: options.enterprise ?? null,
        team_id: options.orgWide ? null : team,
        user_id: 'U0BOT',
        is_bot: true,
        is_enterprise_install: options.orgWide === true,
      },
    ],
  });
}

/** An installation-level event (app_uninstalled, tokens_revoked) from a workspace or an org. */
function installationEvent(
  event: Record<string, unknown>,
  team: string | null,
  options: { enterprise?: string; orgWide?: boolean } = {},
) {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    ...(team ? { team_id: team } : {}),
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    api_app_id: 'A0APP',
    event: { event_ts: '1732560000.000900', ...event },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: 1732560000,
    ...(options.orgWide ? { is_enterprise_install: true } : {}),
    authorizations: [
      {
        enterprise_id: options.enterprise ?? null,
        team_id: options.orgWide ? null : team,
        user_id: 'U0BOT',
        is_bot: true,
        is_enterprise_install: options.orgWide === true,
      },
    ],
  });
}

/** A mention's text from a workspace, with the event id given (Slack's ids are per app, not per workspace). */
function mentionText(team: string, text: string, channel: string, eventId: string) {
  const envelope = JSON.parse(mentionFrom(team, { channel })) as { event: Record<string, unknown> };
  return JSON.stringify({
    ...envelope,
    event_id: eventId,
    event: { ...envelope.event, text: `<@U0BOT> ${text}` },
  });
}

/** The Home tab an admin of a workspace is shown when opening it. */
async function homeOf(baseUrl: string, team: string): Promise<string> {
  const before = fake.callsOf('views.publish').length;
  const opened = JSON.parse(mentionFrom(team)) as Record<string, unknown>;
  await postSigned(
    baseUrl,
    JSON.stringify({
      ...opened,
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event: {
        type: 'app_home_opened',
        user: 'U0ADMIN',
        channel: 'D0ADMIN',
        tab: 'home',
        event_ts: '1732560000.000400',
      },
    }),
    'application/json',
  );
  const [published] = (await fake.waitForCalls('views.publish', before + 1)).slice(before);
  expect(published!.authorization).toBe(`Bearer xoxb-${team.toLowerCase()}`);
  return JSON.stringify(published!.args.view);
}

/** Waits for the reply to a mention in a channel, and says which token it was posted with. */
async function replyIn(channel: string): Promise<string | undefined> {
  for (let i = 0; i < 200; i++) {
    const reply = fake.callsOf('chat.postMessage').find((call) => call.args.channel === channel);
    if (reply) return reply.authorization;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no reply in ${channel}`);
}

const files = async (dir: string) => (await readdir(dir).catch(() => [])).sort();

describe('the OAuth install, with installations in a directory', () => {
  let dir: string;
  let app: RunningTestApp;
  let oauth: OAuthSettings;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hp-installations-'));
    oauth = oauthSettings(dir);
    app = await startOAuthApp(oauth);
  });
  afterEach(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('installs through the Add to Slack page and oauth.v2.access, keeping the token encrypted', async () => {
    const { html, state } = await openInstallPage(app.baseUrl);
    const link = new URL(/<a href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '');
    expect(html).toContain('alt="Add to Slack"');
    expect(link.origin + link.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(link.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(link.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(link.searchParams.get('state')).toBe(state);

    grants.set('code-round-trip', { team: 'T0ROUND', token: 'xoxb-round-trip-token' });
    const before = fake.callsOf('oauth.v2.access').length;
    const done = await redirectBack(app.baseUrl, 'code-round-trip', state);
    expect(done.status).toBe(200);
    // Bolt's page, opening the app in the workspace it was installed in.
    expect(await done.text()).toContain('slack://app?team=T0ROUND&amp;id=A0APP');
    const [exchange] = fake.callsOf('oauth.v2.access').slice(before);
    expect(exchange!.args).toMatchObject({ code: 'code-round-trip', client_id: CLIENT_ID });

    expect(await files(dir)).toEqual(['team-T0ROUND.sealed']);
    const record = await readFile(join(dir, 'team-T0ROUND.sealed'), 'utf8');
    expect(record).not.toContain('xoxb-round-trip-token');
    expect(record).not.toContain('T0ROUND');
    const installation = await app.bot.installations?.find({
      teamId: 'T0ROUND',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    expect(installation?.bot?.token).toBe('xoxb-round-trip-token');
  });

  it('answers each of two workspaces with its own token', async () => {
    expect((await install(app.baseUrl, 'code-a', { team: 'T0AAA', token: 'xoxb-team-a' })).status).toBe(200);
    expect((await install(app.baseUrl, 'code-b', { team: 'T0BBB', token: 'xoxb-team-b' })).status).toBe(200);
    await postSigned(app.baseUrl, mentionFrom('T0AAA', { channel: 'C0INA' }), 'application/json');
    await postSigned(app.baseUrl, mentionFrom('T0BBB', { channel: 'C0INB' }), 'application/json');
    expect(await replyIn('C0INA')).toBe('Bearer xoxb-team-a');
    expect(await replyIn('C0INB')).toBe('Bearer xoxb-team-b');
  });

  it("keeps each workspace's missed queries and event ids to itself", async () => {
    await install(app.baseUrl, 'code-m1', { team: 'T0MISSA', token: 'xoxb-t0missa' });
    await install(app.baseUrl, 'code-m2', { team: 'T0MISSB', token: 'xoxb-t0missb' });
    // One event id in both workspaces: each is answered (the ids are de-duplicated per workspace).
    await postSigned(
      app.baseUrl,
      mentionText('T0MISSA', 'frobnicator xyzzy', 'C0MISSA', 'Ev0SAME'),
      'application/json',
    );
    await postSigned(
      app.baseUrl,
      mentionText('T0MISSB', 'which ports does nexus need?', 'C0MISSB', 'Ev0SAME'),
      'application/json',
    );
    expect(await replyIn('C0MISSA')).toBe('Bearer xoxb-t0missa');
    expect(await replyIn('C0MISSB')).toBe('Bearer xoxb-t0missb');

    const homeA = await homeOf(app.baseUrl, 'T0MISSA');
    const homeB = await homeOf(app.baseUrl, 'T0MISSB');
    expect(homeA).toContain('Queries that found nothing');
    expect(homeA).toContain('frobnicator xyzzy');
    expect(homeB).not.toContain('frobnicator');
  });

  it('answers every workspace of an Enterprise Grid org from its org-wide install', async () => {
    const done = await install(app.baseUrl, 'code-org', {
      enterprise: 'E0GRID',
      orgWide: true,
      token: 'xoxb-org-wide',
    });
    expect(done.status).toBe(200);
    expect(await files(dir)).toEqual(['enterprise-E0GRID.sealed']);
    await postSigned(
      app.baseUrl,
      mentionFrom('T0ORG1', { enterprise: 'E0GRID', orgWide: true, channel: 'C0ORG1' }),
      'application/json',
    );
    await postSigned(
      app.baseUrl,
      mentionFrom('T0ORG2', { enterprise: 'E0GRID', orgWide: true, channel: 'C0ORG2' }),
      'application/json',
    );
    expect(await replyIn('C0ORG1')).toBe('Bearer xoxb-org-wide');
    expect(await replyIn('C0ORG2')).toBe('Bearer xoxb-org-wide');
  });

  it('deletes the installation an uninstall or a bot-token revocation is about, and only that one', async () => {
    await install(app.baseUrl, 'code-u1', { team: 'T0KEEP', token: 'xoxb-keep' });
    await install(app.baseUrl, 'code-u2', { team: 'T0GONE', token: 'xoxb-gone' });
    await install(app.baseUrl, 'code-u3', { team: 'T0REVOKED', token: 'xoxb-revoked' });
    await install(app.baseUrl, 'code-u4', { enterprise: 'E0LEFT', orgWide: true, token: 'xoxb-org-left' });
    expect(await files(dir)).toEqual([
      'enterprise-E0LEFT.sealed',
      'team-T0GONE.sealed',
      'team-T0KEEP.sealed',
      'team-T0REVOKED.sealed',
    ]);

    const uninstalled = await postSigned(
      app.baseUrl,
      installationEvent({ type: 'app_uninstalled' }, 'T0GONE'),
      'application/json',
    );
    expect(uninstalled.status).toBe(200);
    await postSigned(
      app.baseUrl,
      installationEvent({ type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } }, 'T0REVOKED'),
      'application/json',
    );
    await postSigned(
      app.baseUrl,
      installationEvent({ type: 'app_uninstalled' }, null, { enterprise: 'E0LEFT', orgWide: true }),
      'application/json',
    );
    await expect.poll(() => files(dir)).toEqual(['team-T0KEEP.sealed']);
  });

  it('refuses a tampered state, a state from another browser and a replayed one (400), exchanging no code', async () => {
    grants.set('code-state', { team: 'T0STATE', token: 'xoxb-state' });
    const exchanges = () => fake.callsOf('oauth.v2.access').length;
    const before = exchanges();
    const { state } = await openInstallPage(app.baseUrl);
    const [payload, signature] = state.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...forged, at: Date.now() + 3_600_000 })).toString('base64url')}.${signature}`;

    const refusedTampered = await redirectBack(app.baseUrl, 'code-state', tampered);
    expect(refusedTampered.status).toBe(400);
    expect(await refusedTampered.text()).toContain('invalid or was used already');
    const otherBrowser = await redirectBack(app.baseUrl, 'code-state', state, 'someone-elses-state');
    expect(otherBrowser.status).toBe(400);
    expect(exchanges()).toBe(before);

    expect((await redirectBack(app.baseUrl, 'code-state', state)).status).toBe(200);
    expect(exchanges()).toBe(before + 1);
    const replayed = await redirectBack(app.baseUrl, 'code-state', state);
    expect(replayed.status).toBe(400);
    expect(exchanges()).toBe(before + 1);
    expect(app.logs.join('\n')).toContain('the state was used already');
  });

  it('keeps its installations across a restart', async () => {
    await install(app.baseUrl, 'code-restart', { team: 'T0LASTS', token: 'xoxb-lasts' });
    await app.stop();
    app = await startOAuthApp(oauth);
    await postSigned(app.baseUrl, mentionFrom('T0LASTS', { channel: 'C0AFTER' }), 'application/json');
    expect(await replyIn('C0AFTER')).toBe('Bearer xoxb-lasts');
  });

  it('stops the start with one line naming INSTALLATION_DIR when it cannot be written', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, '');
    const config = {
      mode: 'http',
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'error',
      adminUserIds: [],
      oauth: oauthSettings(join(blocker, 'installations')),
    } satisfies SlackConfig;
    const bot = createSlackApp({ config, catalog, logger: createLogger('error', () => undefined, []) });
    const failure = await bot.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    await bot.stop(100);
    expect(describeStartError(config, failure)).toBe(
      `INSTALLATION_DIR: cannot write installations to ${join(blocker, 'installations')} (ENOTDIR); point it at a writable directory or volume`,
    );
  });

  it('does not open the records with another key', async () => {
    await install(app.baseUrl, 'code-key', { team: 'T0KEYED', token: 'xoxb-keyed' });
    await app.stop();
    app = await startOAuthApp(oauthSettings(dir));
    await postSigned(app.baseUrl, mentionFrom('T0KEYED', { channel: 'C0WRONGKEY' }), 'application/json');
    await expect
      .poll(() => app.logs.join('\n'))
      .toContain('Unsupported state or unable to authenticate data');
    expect(fake.callsOf('chat.postMessage').some((call) => call.args.channel === 'C0WRONGKEY')).toBe(false);
  });
});

describe('the OAuth install with Redis: token rotation across two instances', () => {
  let redis: TestRedis;
  let first: RunningTestApp;
  let second: RunningTestApp;

  beforeAll(async () => {
    redis = await startRedis();
    const oauth = oauthSettings(join(tmpdir(), 'hp-unused-installation-dir'));
    first = await startOAuthApp(oauth, redis.url);
    second = await startOAuthApp(oauth, redis.url);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
  });

  it('keeps installations in Redis, sealed, and refreshes a rotated token once when both instances race', async () => {
    refreshes.set('xoxe-1-refresh-one', {
      token: 'xoxe.xoxb-rotated-two',
      refresh: 'xoxe-1-refresh-two',
      used: false,
    });
    const done = await install(first.baseUrl, 'code-rotating', {
      team: 'T0ROTATE',
      token: 'xoxe.xoxb-rotated-one',
      // Expiring within Bolt's 2-hour window: the next request refreshes it.
      refresh: { token: 'xoxe-1-refresh-one', expiresIn: 600 },
    });
    expect(done.status).toBe(200);
    const client = new Redis(redis.url);
    try {
      const record = await client.get('harness-ports:installation:team:T0ROTATE');
      expect(record).toMatch(/^v1\./);
      expect(record).not.toContain('xoxb-rotated');
    } finally {
      client.disconnect();
    }

    const before = fake.callsOf('oauth.v2.access').length;
    await Promise.all([
      postSigned(first.baseUrl, mentionFrom('T0ROTATE', { channel: 'C0RACE1' }), 'application/json'),
      postSigned(second.baseUrl, mentionFrom('T0ROTATE', { channel: 'C0RACE2' }), 'application/json'),
    ]);
    expect(await replyIn('C0RACE1')).toBe('Bearer xoxe.xoxb-rotated-two');
    expect(await replyIn('C0RACE2')).toBe('Bearer xoxe.xoxb-rotated-two');
    const refreshCalls = fake
      .callsOf('oauth.v2.access')
      .slice(before)
      .filter((call) => call.args.grant_type === 'refresh_token');
    expect(refreshCalls.map((call) => [call.args.refresh_token, call.reply.ok])).toEqual([
      ['xoxe-1-refresh-one', true],
    ]);
    const installation = await second.bot.installations?.find({
      teamId: 'T0ROTATE',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(installation?.bot?.refreshToken).toBe('xoxe-1-refresh-two');
    // Neither instance logged a token or a refresh token (the logger redacts Slack-shaped tokens).
    const logs = [...first.logs, ...second.logs].join('\n');
    expect(logs).toContain('Refreshed tokens have been saved');
    expect(logs).not.toMatch(/xoxe-1-refresh|xoxb-rotated|xoxe\.xoxb/);
  });

  it("keeps a checklist's state under the workspace it was ticked in", async () => {
    await install(first.baseUrl, 'code-checklist', { team: 'T0CHECK', token: 'xoxb-t0check' });
    const posted = fake.callsOf('chat.postMessage').length;
    await postSigned(
      first.baseUrl,
      mentionText('T0CHECK', 'checklist splunk', 'C0CHK', 'Ev0CHECKLIST'),
      'application/json',
    );
    const [, items] = (await fake.waitForCalls('chat.postMessage', posted + 2)).slice(posted);
    expect(items!.authorization).toBe('Bearer xoxb-t0check');
    const message = fake.message('C0CHK', String(items!.reply.ts))!;
    const click = new URLSearchParams(
      pressOnStored(message, `${CHECKLIST_ITEM_BLOCK_PREFIX}:splunk`, 'U0ALICE'),
    );
    const payload = JSON.parse(click.get('payload')!) as Record<string, unknown>;
    click.set(
      'payload',
      JSON.stringify({
        ...payload,
        team: { id: 'T0CHECK', domain: 'check' },
        user: { id: 'U0ALICE', team_id: 'T0CHECK' },
      }),
    );
    const updates = fake.callsOf('chat.update').length;
    await postSigned(second.baseUrl, click.toString(), 'application/x-www-form-urlencoded');
    const [update] = (await fake.waitForCalls('chat.update', updates + 1)).slice(updates);
    expect(update!.authorization).toBe('Bearer xoxb-t0check');
    const client = new Redis(redis.url);
    try {
      expect(await client.keys('harness-ports:checklist:*')).toEqual([
        `harness-ports:checklist:-:T0CHECK:C0CHK:${message.ts}`,
      ]);
    } finally {
      client.disconnect();
    }
  });

  it('refuses on one instance a state already used on the other', async () => {
    grants.set('code-shared-state', { team: 'T0SHARED', token: 'xoxb-shared' });
    const { state } = await openInstallPage(first.baseUrl);
    expect((await redirectBack(first.baseUrl, 'code-shared-state', state)).status).toBe(200);
    expect((await redirectBack(second.baseUrl, 'code-shared-state', state)).status).toBe(400);
  });
});
