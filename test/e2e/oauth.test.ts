import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/oauth.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import {
  cleanEnv,
  freePort,
  MAIN_JS,
  type RunningMain,
  runMain,
  startMain,
  tempDir,
} from '../helpers/main-process.js';
import { appMentionEvent, eventCallbackBody, postSigned, SIGNING_SECRET } from '../helpers/slack.js';

/** The built process (node dist/main.js) with the OAuth install on, against the fake Slack Web API. */

const OAUTH_ENV = {
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: '0123456789abcdef0123456789abcdef',
  SLACK_STATE_SECRET: 'state-secret-0123456789abcdef-0123456789',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  INSTALLATION_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
};

let fake: FakeSlackApi;
let work: ReturnType<typeof tempDir>;
let bot: RunningMain | undefined;

beforeAll(async () => {
  if (!existsSync(MAIN_JS))
    throw new Error(`${MAIN_JS} is missing: run "npm run build" first (npm test does)`);
  fake = await startFakeSlackApi();
  fake.on('oauth.v2.access', () => ({
    body: {
      ok: true,
      app_id: 'A0APP',
      authed_user: { id: 'U0INSTALLER' },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      access_token: 'xoxb-e2e-installed',
      bot_user_id: 'U0BOT',
      team: { id: 'T0E2E', name: 'E2E' },
      enterprise: null,
      is_enterprise_install: false,
    },
  }));
  work = tempDir();
});
afterAll(async () => {
  bot?.kill();
  await fake?.close();
  work?.remove();
});

describe('the built bot with the OAuth install', () => {
  it('stops with one line when INSTALLATION_ENCRYPTION_KEY is missing or malformed', async () => {
    const missing = await runMain(cleanEnv({ ...OAUTH_ENV, INSTALLATION_ENCRYPTION_KEY: '' }), work.dir);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'harness-ports: INSTALLATION_ENCRYPTION_KEY: is missing (needed with SLACK_CLIENT_ID to encrypt tokens at rest; `openssl rand -base64 32`)\n',
    ]);
    const malformed = await runMain(
      cleanEnv({ ...OAUTH_ENV, INSTALLATION_ENCRYPTION_KEY: 'not-a-key' }),
      work.dir,
    );
    expect([malformed.code, malformed.stderr]).toEqual([
      1,
      'harness-ports: INSTALLATION_ENCRYPTION_KEY: must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)\n',
    ]);
  });

  it('serves the install, keeps it under the working directory and answers with the installed token', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    bot = startMain(
      cleanEnv({ ...OAUTH_ENV, SLACK_API_URL: fake.apiUrl, PORT: String(port), HOST: '127.0.0.1' }),
      work.dir,
    );
    const started = await bot.waitForLog((line) => String(line.msg).includes('GET /slack/install'));
    expect(started.msg).toContain('POST /slack/events');
    // No pasted token to check at start.
    expect(fake.callsOf('auth.test')).toEqual([]);

    const page = await fetch(`${baseUrl}/slack/install`);
    const state = /slack-app-oauth-state=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const done = await fetch(`${baseUrl}/slack/oauth_redirect?code=e2e-code&state=${state}`, {
      headers: { cookie: `slack-app-oauth-state=${state}` },
    });
    expect(done.status).toBe(200);
    expect(readdirSync(join(work.dir, '.harness-ports/installations'))).toEqual(['team-T0E2E.sealed']);

    const mention = JSON.parse(
      eventCallbackBody(appMentionEvent('splunk', { team: 'T0E2E', channel: 'C0E2E' })),
    );
    mention.team_id = 'T0E2E';
    mention.authorizations[0].team_id = 'T0E2E';
    expect((await postSigned(baseUrl, JSON.stringify(mention), 'application/json')).status).toBe(200);
    const [reply] = await fake.waitForCalls('chat.postMessage', 1);
    expect(reply!.authorization).toBe('Bearer xoxb-e2e-installed');
    expect(reply!.args).toMatchObject({
      channel: 'C0E2E',
      text: 'Delegate permissions and ports: Splunk and Splunk connector',
    });
  });
});
