import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const BOT_TOKEN = 'xoxb-1234-5678-abcdefghijkl';
const APP_TOKEN = 'xapp-1-A0123-456-abcdef';
const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

/** The ConfigError loadConfig throws for an environment (fails the test if it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig: modes', () => {
  it('runs the local console when no Slack variable is set', () => {
    expect(loadConfig({})).toEqual({ mode: 'console', logLevel: 'info' });
  });

  it('treats blank Slack variables (as left in a copied .env) as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', SLACK_SIGNING_SECRET: '' })).toEqual({
      mode: 'console',
      logLevel: 'info',
    });
  });

  it('keeps the catalog path and log level in console mode', () => {
    expect(loadConfig({ CATALOG_PATH: 'my/catalog.yml', LOG_LEVEL: 'debug' })).toEqual({
      mode: 'console',
      catalogPath: 'my/catalog.yml',
      logLevel: 'debug',
    });
  });

  it("keeps your organisation's overlay file (CATALOG_OVERLAY), trimmed", () => {
    expect(loadConfig({ CATALOG_OVERLAY: ' overlay.yml ' })).toEqual({
      mode: 'console',
      overlayPath: 'overlay.yml',
      logLevel: 'info',
    });
    expect(loadConfig({ CATALOG_OVERLAY: '  ' })).toEqual({ mode: 'console', logLevel: 'info' });
  });

  it('runs over HTTP with a bot token and a signing secret, on port 3000 by default', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET })).toEqual({
      mode: 'http',
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 3000,
      logLevel: 'info',
      adminUserIds: [],
    });
  });

  it('reads every optional HTTP setting', () => {
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '8080',
        HOST: '127.0.0.1',
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
        CATALOG_PATH: 'data/other.yml',
        LOG_LEVEL: 'WARN',
        FEEDBACK_CHANNEL: ' C0FEEDBACK ',
        ADMIN_USER_IDS: 'U0ALICE, W0BOB,',
        REDIS_URL: ' redis://:s3cret@redis:6379/0 ',
      }),
    ).toEqual({
      mode: 'http',
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 8080,
      host: '127.0.0.1',
      slackApiUrl: 'http://127.0.0.1:9999/api/',
      catalogPath: 'data/other.yml',
      logLevel: 'warn',
      feedbackChannel: 'C0FEEDBACK',
      adminUserIds: ['U0ALICE', 'W0BOB'],
      redisUrl: 'redis://:s3cret@redis:6379/0',
      redisPassword: 's3cret',
    });
  });

  it('runs in Socket Mode when an app token is set, without needing a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN })).toEqual({
      mode: 'socket',
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      port: 3000,
      logLevel: 'info',
      adminUserIds: [],
    });
  });

  it('keeps a signing secret given alongside the app token in Socket Mode', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
    });
    expect(config).toMatchObject({ mode: 'socket', signingSecret: SIGNING_SECRET });
  });

  it('trims whitespace around tokens', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: ` ${BOT_TOKEN} `, SLACK_APP_TOKEN: `${APP_TOKEN}\n` }),
    ).toMatchObject({
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
    });
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production' })).toEqual({
      mode: 'console',
      logLevel: 'info',
    });
  });
});

describe('loadConfig: problems name the variable at fault', () => {
  it('asks for SLACK_BOT_TOKEN when only the signing secret is set', () => {
    const error = configError({ SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(error.message).toMatch(/^SLACK_BOT_TOKEN: is missing/);
    expect(error.message).toContain('xoxb-');
  });

  it('asks for SLACK_BOT_TOKEN when only the app token is set', () => {
    expect(configError({ SLACK_APP_TOKEN: APP_TOKEN }).message).toMatch(/^SLACK_BOT_TOKEN: is missing/);
  });

  it('rejects a SLACK_BOT_TOKEN without the xoxb- prefix, without echoing it', () => {
    const error = configError({
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
    });
    expect(error.message).toBe('SLACK_BOT_TOKEN: must be a bot token starting with "xoxb-"');
    expect(error.message).not.toContain('secret');
  });

  it('rejects a SLACK_APP_TOKEN without the xapp- prefix', () => {
    const error = configError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: BOT_TOKEN });
    expect(error.message).toBe('SLACK_APP_TOKEN: must be an app-level token starting with "xapp-"');
  });

  it('asks for SLACK_SIGNING_SECRET in HTTP mode, or SLACK_APP_TOKEN for Socket Mode', () => {
    const error = configError({ SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(error.message).toMatch(/^SLACK_SIGNING_SECRET: is missing/);
    expect(error.message).toContain('SLACK_APP_TOKEN');
  });

  it('rejects a SLACK_SIGNING_SECRET with spaces in it', () => {
    const error = configError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'not a signing secret' });
    expect(error.message).toMatch(/^SLACK_SIGNING_SECRET: must be the app's signing secret/);
  });

  it('rejects a token pasted as SLACK_SIGNING_SECRET', () => {
    const error = configError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'xoxb-1234-5678' });
    expect(error.message).toMatch(/^SLACK_SIGNING_SECRET: looks like a token/);
  });

  it("accepts any one-word signing secret (Slack's are hex, test setups often are not)", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'test-signing-secret' });
    expect(config.mode === 'http' && config.signingSecret).toBe('test-signing-secret');
  });

  it.each([
    ['abc', 'PORT: must be a whole number between 0 and 65535 (0: any free port)'],
    ['70000', 'PORT: must be between 0 and 65535 (0: any free port)'],
    ['-1', 'PORT: must be a whole number between 0 and 65535 (0: any free port)'],
    ['80.5', 'PORT: must be a whole number between 0 and 65535 (0: any free port)'],
  ])('rejects PORT=%j', (port, message) => {
    expect(
      configError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: port }).message,
    ).toBe(message);
  });

  it.each([
    ['0', 0],
    [' 8080 ', 8080],
  ])('accepts PORT=%j (0 lets the OS pick a free port)', (port, expected) => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: port,
    });
    expect(config.mode === 'http' && config.port).toBe(expected);
  });

  it.each(['not a url', 'ftp://files.example.com/api', 'slack.com/api'])(
    'rejects SLACK_API_URL=%j',
    (url) => {
      expect(configError({ SLACK_API_URL: url }).message).toBe(
        'SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/',
      );
    },
  );

  it.each([
    ['FEEDBACK_CHANNEL', '#platform', 'FEEDBACK_CHANNEL: must be a channel id such as C0123ABCD'],
    ['ADMIN_USER_IDS', 'U0ALICE,@bob', 'ADMIN_USER_IDS: must be Slack user ids separated by commas'],
  ])('rejects %s=%j, naming the variable', (name, value, message) => {
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, [name]: value }),
    ).toThrow(message);
  });

  // A password that does not decode ("%zz") is refused here, not at start with a stack trace.
  it.each(['redis:6379', 'http://redis:6379', 'redis://', 'not a url', 'redis://:%zz@redis:6379'])(
    'rejects REDIS_URL=%j with one line, without echoing it',
    (url) => {
      const error = configError({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        REDIS_URL: url,
      });
      expect(error.problems).toEqual([
        'REDIS_URL: must be a redis:// or rediss:// URL such as redis://redis:6379 (or unset to keep state in memory)',
      ]);
    },
  );

  it.each(['redis://127.0.0.1:6379', 'rediss://user:pass@cache.example.com:6380/2'])(
    'accepts REDIS_URL=%j',
    (url) => {
      expect(
        loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, REDIS_URL: url }),
      ).toMatchObject({ redisUrl: url });
    },
  );

  it('decodes the password in REDIS_URL once, for the logger to redact', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      REDIS_URL: 'redis://:p%40ss%2Fword@redis:6379',
    });
    expect(config).toMatchObject({ redisPassword: 'p@ss/word' });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, REDIS_URL: 'redis://redis:6379' }),
    ).not.toHaveProperty('redisPassword');
  });

  it('turns /metrics off with METRICS=off (any case), keeps it on by default, and rejects anything else', () => {
    const http = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET };
    expect(loadConfig({ ...http, METRICS: ' OFF ' })).toMatchObject({ metricsOff: true });
    expect(loadConfig({ ...http, METRICS: 'on' })).not.toHaveProperty('metricsOff');
    expect(loadConfig(http)).not.toHaveProperty('metricsOff');
    expect(configError({ ...http, METRICS: 'false' }).message).toBe('METRICS: must be on or off');
  });

  it('rejects LOG_LEVEL "loud" and lists the levels', () => {
    expect(configError({ LOG_LEVEL: 'loud' }).message).toBe(
      'LOG_LEVEL: must be one of: debug, info, warn, error',
    );
  });

  it.each(['bad host!', 'http://127.0.0.1', '0.0.0.0/0'])('rejects HOST=%j', (host) => {
    expect(
      configError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, HOST: host }).message,
    ).toBe('HOST: must be a host name or IP address, e.g. 127.0.0.1');
  });

  it.each(['localhost', '0.0.0.0', '::1', 'bot.internal.example.com'])('accepts HOST=%j', (host) => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, HOST: host }),
    ).toMatchObject({
      host,
    });
  });

  it('checks malformed values even in console mode, so a typo is not silently ignored', () => {
    expect(configError({ PORT: 'abc' }).message).toMatch(/^PORT: /);
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toMatch(/^LOG_LEVEL: /);
  });

  it('reports every bad variable, one line each, with the name ConfigError', () => {
    const error = configError({ SLACK_BOT_TOKEN: 'nope', PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual([
      'SLACK_BOT_TOKEN: must be a bot token starting with "xoxb-"',
      'PORT: must be a whole number between 0 and 65535 (0: any free port)',
      'LOG_LEVEL: must be one of: debug, info, warn, error',
      'SLACK_SIGNING_SECRET: is missing (needed for HTTP mode; or set SLACK_APP_TOKEN to use Socket Mode)',
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
  });

  it('reports a missing variable together with malformed ones', () => {
    expect(
      configError({ SLACK_SIGNING_SECRET: 'not a secret', HOST: 'bad host!', SLACK_API_URL: 'slack api' })
        .problems,
    ).toEqual([
      'SLACK_BOT_TOKEN: is missing (the "Bot User OAuth Token", xoxb-…, from "OAuth & Permissions")',
      'SLACK_SIGNING_SECRET: must be the app\'s signing secret (from "Basic Information"): one word, no spaces',
      'HOST: must be a host name or IP address, e.g. 127.0.0.1',
      'SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/',
    ]);
  });

  it('gives a variable with several faults one line, its first problem', () => {
    expect(configError({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'xoxb-a b' }).problems).toEqual([
      'SLACK_SIGNING_SECRET: must be the app\'s signing secret (from "Basic Information"): one word, no spaces',
    ]);
  });

  it('reports malformed variables in console mode too, all of them', () => {
    expect(configError({ PORT: 'abc', LOG_LEVEL: 'verbose' }).problems).toEqual([
      'PORT: must be a whole number between 0 and 65535 (0: any free port)',
      'LOG_LEVEL: must be one of: debug, info, warn, error',
    ]);
  });
});

describe('loadConfig: the OAuth install', () => {
  const KEY_HEX = 'a1'.repeat(32);
  const oauthEnv = {
    SLACK_CLIENT_ID: '1111111111.2222222222',
    SLACK_CLIENT_SECRET: '0123456789abcdef0123456789abcdef',
    SLACK_STATE_SECRET: 'state-secret-0123456789abcdef-0123456789',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    INSTALLATION_ENCRYPTION_KEY: KEY_HEX,
  };

  it('runs over HTTP with no bot token, installations under the working directory by default', () => {
    expect(loadConfig(oauthEnv)).toEqual({
      mode: 'http',
      signingSecret: SIGNING_SECRET,
      port: 3000,
      logLevel: 'info',
      adminUserIds: [],
      oauth: {
        clientId: '1111111111.2222222222',
        clientSecret: '0123456789abcdef0123456789abcdef',
        stateSecret: 'state-secret-0123456789abcdef-0123456789',
        encryptionKey: Buffer.from(KEY_HEX, 'hex'),
        installationDir: '.harness-ports/installations',
      },
    });
  });

  it('reads the key as base64 too, and INSTALLATION_DIR', () => {
    const key = Buffer.alloc(32, 7);
    const config = loadConfig({
      ...oauthEnv,
      INSTALLATION_ENCRYPTION_KEY: key.toString('base64'),
      INSTALLATION_DIR: '/var/lib/harness-ports',
    });
    expect(config.mode === 'http' && config.oauth).toMatchObject({
      encryptionKey: key,
      installationDir: '/var/lib/harness-ports',
    });
  });

  it('stops with one line when the encryption key is missing or malformed, never echoing it', () => {
    expect(configError({ ...oauthEnv, INSTALLATION_ENCRYPTION_KEY: undefined }).problems).toEqual([
      'INSTALLATION_ENCRYPTION_KEY: is missing (needed with SLACK_CLIENT_ID to encrypt tokens at rest; `openssl rand -base64 32`)',
    ]);
    const short = configError({ ...oauthEnv, INSTALLATION_ENCRYPTION_KEY: 'c2VjcmV0LWJ1dC1zaG9ydA==' });
    expect(short.problems).toEqual([
      'INSTALLATION_ENCRYPTION_KEY: must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
    ]);
    expect(short.message).not.toContain('c2VjcmV0');
  });

  it('names each missing OAuth variable, and the ones that do not go with it', () => {
    expect(
      configError({
        SLACK_CLIENT_ID: '1111111111.2222222222',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        INSTALLATION_ENCRYPTION_KEY: KEY_HEX,
      }).problems,
    ).toEqual([
      'SLACK_CLIENT_SECRET: is missing (the OAuth install needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
      'SLACK_STATE_SECRET: is missing (the OAuth install needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
      'SLACK_APP_TOKEN: the OAuth install runs in HTTP mode: unset SLACK_APP_TOKEN (or unset SLACK_CLIENT_ID & co. for one workspace in Socket Mode)',
      "SLACK_BOT_TOKEN: unset it with the OAuth install on (each workspace's token comes from its installation)",
      'SLACK_SIGNING_SECRET: is missing (needed for HTTP mode)',
    ]);
  });

  it('leaves the single-token setup as it was when no OAuth variable is set', () => {
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        INSTALLATION_ENCRYPTION_KEY: KEY_HEX,
      }),
    ).toEqual({
      mode: 'http',
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 3000,
      logLevel: 'info',
      adminUserIds: [],
    });
  });
});
