import { z } from 'zod';

/** Configuration problems: one line per variable at fault, each naming it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Settings of the bot's Slack features (not of the connection). */
export interface SlackFeatures {
  /** Channel id where 👎 reports are posted for the catalog's maintainers; unset: logged only. */
  feedbackChannel?: string;
  /** Users who see maintainer sections on the Home tab (queries that found nothing). */
  adminUserIds: string[];
  /** Redis shared by every instance (event ids, checklist states and locks); unset: this process's memory. */
  redisUrl?: string;
  /** The password in REDIS_URL, decoded: a secret the logger redacts. */
  redisPassword?: string;
  /** Set: MCP over Streamable HTTP at /mcp on PORT, for requests with `Authorization: Bearer <it>`. */
  mcpToken?: string;
  /** METRICS=off: no `GET /metrics` and nothing recorded for it. */
  metricsOff?: true;
}

/**
 * Slack's OAuth install for any workspace (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET):
 * each workspace's token comes from its installation, kept encrypted at rest.
 */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  /** Signs the `state` of each install (a CSRF guard); at least 32 characters. */
  stateSecret: string;
  /** AES-256-GCM key for the tokens at rest (INSTALLATION_ENCRYPTION_KEY, 32 bytes). */
  encryptionKey: Buffer;
  /** Directory of the installations when there is no Redis (INSTALLATION_DIR). */
  installationDir: string;
}

/** Where installations are kept without Redis, relative to the working directory. */
export const DEFAULT_INSTALLATION_DIR = '.harness-ports/installations';

export type Config =
  | { mode: 'console'; catalogPath?: string; overlayPath?: string; logLevel: LogLevelName }
  | ({
      mode: 'socket';
      botToken: string;
      appToken: string;
      signingSecret?: string;
      port: number;
      host?: string;
      catalogPath?: string;
      overlayPath?: string;
      slackApiUrl?: string;
      logLevel: LogLevelName;
    } & SlackFeatures)
  | ({
      mode: 'http';
      signingSecret: string;
      port: number;
      host?: string;
      catalogPath?: string;
      overlayPath?: string;
      slackApiUrl?: string;
      logLevel: LogLevelName;
    } & SlackFeatures &
      // One workspace with a pasted token, or any workspace through Slack's OAuth install.
      ({ botToken: string; oauth?: undefined } | { oauth: OAuthSettings; botToken?: undefined }));

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalString(
    z.string().trim().startsWith('xoxb-', 'must be a bot token starting with "xoxb-"'),
  ),
  SLACK_APP_TOKEN: optionalString(
    z.string().trim().startsWith('xapp-', 'must be an app-level token starting with "xapp-"'),
  ),
  SLACK_SIGNING_SECRET: optionalString(
    z
      .string()
      .trim()
      .regex(/^\S+$/, 'must be the app\'s signing secret (from "Basic Information"): one word, no spaces')
      .refine(
        (value) => !/^(xox[a-z]|xapp)-/.test(value),
        'looks like a token, not the signing secret (from "Basic Information", "App Credentials")',
      ),
  ),
  PORT: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() || undefined : value),
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number between 0 and 65535 (0: any free port)')
      .transform(Number)
      .pipe(z.number().int().max(65535, 'must be between 0 and 65535 (0: any free port)'))
      .default(3000),
  ),
  HOST: optionalString(
    z
      .string()
      .trim()
      .regex(/^[\w.:-]+$/, 'must be a host name or IP address, e.g. 127.0.0.1'),
  ),
  CATALOG_PATH: optionalString(z.string()),
  /** Your organisation's overlay file (docs/catalog.md). */
  CATALOG_OVERLAY: optionalString(z.string().trim()),
  SLACK_API_URL: optionalString(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  ),
  FEEDBACK_CHANNEL: optionalString(
    z
      .string()
      .trim()
      .regex(
        /^[CG][A-Z0-9]{2,20}$/,
        'must be a channel id such as C0123ABCD (channel details, "About", at the bottom)',
      ),
  ),
  ADMIN_USER_IDS: optionalString(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^[UW][A-Z0-9]{2,20}$/,
              'must be Slack user ids separated by commas, e.g. U0123ABCD,U0456EFGH',
            ),
        ),
      ),
  ),
  REDIS_URL: optionalString(
    z
      .string()
      .trim()
      .refine((value) => {
        try {
          const url = new URL(value);
          // The password must decode too ("%zz" does not): it is redacted from the logs decoded.
          decodeURIComponent(url.password);
          return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
        } catch {
          return false;
        }
      }, 'must be a redis:// or rediss:// URL such as redis://redis:6379 (or unset to keep state in memory)'),
  ),
  /** Turns on the MCP server at /mcp on PORT (docs/mcp.md): the bearer token its clients send. */
  MCP_TOKEN: optionalString(
    z
      .string()
      .trim()
      .regex(
        /^[\x21-\x7e]+$/,
        'must be one word of printable ASCII, no spaces (e.g. from `openssl rand -hex 32`)',
      )
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
      .max(512, 'must be at most 512 characters'),
  ),
  /** Slack's OAuth install (docs/oauth.md): the app's Client ID (Basic Information). */
  SLACK_CLIENT_ID: optionalString(
    z
      .string()
      .trim()
      .regex(
        /^\d+\.\d+$/,
        'must be the app\'s Client ID (from "Basic Information"), e.g. 1234567890.1234567890',
      ),
  ),
  SLACK_CLIENT_SECRET: optionalString(
    z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,64}$/i, 'must be the app\'s Client Secret (from "Basic Information"): hex digits'),
  ),
  SLACK_STATE_SECRET: optionalString(
    z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]+$/, 'must be one word of printable ASCII (e.g. from `openssl rand -hex 32`)')
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  ),
  /** Where installations are kept without Redis (one instance needs no server). */
  INSTALLATION_DIR: optionalString(z.string().trim()),
  INSTALLATION_ENCRYPTION_KEY: optionalString(
    z
      .string()
      .trim()
      .transform((value, ctx) => {
        const key = decodeKey(value);
        if (!key) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
          });
          return z.NEVER;
        }
        return key;
      }),
  ),
  /** `GET /metrics` on PORT (docs/operations.md): on unless this says off. */
  METRICS: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(LOG_LEVELS, { error: `must be one of: ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

/** A 32-byte key written as 64 hex digits or as base64; undefined for anything else. */
function decodeKey(text: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length === 32 ? key : undefined;
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const MISSING_ENCRYPTION_KEY =
  'INSTALLATION_ENCRYPTION_KEY: is missing (needed with SLACK_CLIENT_ID to encrypt tokens at rest; `openssl rand -base64 32`)';

/** Every environment variable the configuration reads (deploy/ manifests are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

const MISSING_BOT_TOKEN =
  'SLACK_BOT_TOKEN: is missing (the "Bot User OAuth Token", xoxb-…, from "OAuth & Permissions")';
const MISSING_SIGNING_SECRET =
  'SLACK_SIGNING_SECRET: is missing (needed for HTTP mode; or set SLACK_APP_TOKEN to use Socket Mode)';

type EnvVariables = z.infer<typeof EnvSchema>;

/**
 * Checks every variable: the valid ones, and one line for each malformed one (its first problem).
 * The variables at fault are read as unset, so the rules between variables are checked too.
 */
function readVariables(env: Record<string, string | undefined>): {
  vars: EnvVariables;
  malformed: Set<string>;
  problems: string[];
} {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return { vars: parsed.data, malformed: new Set(), problems: [] };
  const malformed = new Set<string>();
  const problems: string[] = [];
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]);
    if (malformed.has(name)) continue;
    malformed.add(name);
    problems.push(`${name}: ${issue.message}`);
  }
  const withoutMalformed = { ...env, ...Object.fromEntries([...malformed].map((name) => [name, undefined])) };
  return { vars: EnvSchema.parse(withoutMalformed), malformed, problems };
}

/**
 * The process's environment (after dotenv has filled it in): the entry point's one way to read it,
 * so that nothing but this module touches process.env.
 */
export function processEnvironment(): Record<string, string | undefined> {
  return process.env;
}

/**
 * Reads the configuration once from an environment (process.env after dotenv) and checks it.
 * Without any Slack credential the app runs as a local console; with them, as a bot in
 * Socket Mode (SLACK_APP_TOKEN set) or over HTTP (SLACK_SIGNING_SECRET set). Every problem is
 * reported, one line per variable, in one ConfigError.
 */
/** REDIS_URL, validated above, and its password decoded (when it has one). */
function redisSettings(redisUrl: string): Pick<SlackFeatures, 'redisUrl' | 'redisPassword'> {
  const password = decodeURIComponent(new URL(redisUrl).password);
  return { redisUrl, ...(password ? { redisPassword: password } : {}) };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const { vars, malformed, problems } = readVariables(env);
  const given = (name: keyof EnvVariables) => vars[name] !== undefined || malformed.has(name);
  const shared = {
    logLevel: vars.LOG_LEVEL,
    ...(vars.CATALOG_PATH ? { catalogPath: vars.CATALOG_PATH } : {}),
    ...(vars.CATALOG_OVERLAY ? { overlayPath: vars.CATALOG_OVERLAY } : {}),
  };
  const oauthOn = OAUTH_VARIABLES.some(given);
  const anySlack =
    oauthOn || given('SLACK_BOT_TOKEN') || given('SLACK_APP_TOKEN') || given('SLACK_SIGNING_SECRET');
  if (!anySlack) {
    if (problems.length) throw new ConfigError(problems);
    return { mode: 'console', ...shared };
  }
  if (oauthOn) return loadOAuthConfig(vars, given, problems, shared);
  if (!given('SLACK_BOT_TOKEN')) problems.unshift(MISSING_BOT_TOKEN);
  if (!given('SLACK_APP_TOKEN') && !given('SLACK_SIGNING_SECRET')) problems.push(MISSING_SIGNING_SECRET);
  const botToken = vars.SLACK_BOT_TOKEN;
  // Socket Mode when an app token is set; otherwise HTTP, which needs the signing secret.
  const receiving = vars.SLACK_APP_TOKEN
    ? {
        mode: 'socket' as const,
        appToken: vars.SLACK_APP_TOKEN,
        ...(vars.SLACK_SIGNING_SECRET ? { signingSecret: vars.SLACK_SIGNING_SECRET } : {}),
      }
    : vars.SLACK_SIGNING_SECRET
      ? { mode: 'http' as const, signingSecret: vars.SLACK_SIGNING_SECRET }
      : undefined;
  if (problems.length || !botToken || !receiving) throw new ConfigError(problems);
  return {
    ...shared,
    botToken,
    ...features(vars),
    ...receiving,
  };
}

/** The settings both modes share beyond the connection. */
function features(vars: EnvVariables) {
  return {
    port: vars.PORT,
    ...(vars.HOST ? { host: vars.HOST } : {}),
    ...(vars.SLACK_API_URL ? { slackApiUrl: vars.SLACK_API_URL } : {}),
    ...(vars.FEEDBACK_CHANNEL ? { feedbackChannel: vars.FEEDBACK_CHANNEL } : {}),
    adminUserIds: vars.ADMIN_USER_IDS ?? [],
    ...(vars.REDIS_URL ? redisSettings(vars.REDIS_URL) : {}),
    ...(vars.MCP_TOKEN ? { mcpToken: vars.MCP_TOKEN } : {}),
    ...(vars.METRICS === 'off' ? { metricsOff: true as const } : {}),
  };
}

/**
 * Any workspace through Slack's OAuth install: HTTP mode (Slack redirects browsers to the bot), the
 * three OAuth variables together, a key for the tokens at rest, and no pasted bot token.
 */
function loadOAuthConfig(
  vars: EnvVariables,
  given: (name: keyof EnvVariables) => boolean,
  problems: string[],
  shared: { logLevel: LogLevelName; catalogPath?: string; overlayPath?: string },
): Config {
  for (const name of OAUTH_VARIABLES) {
    if (!given(name))
      problems.push(`${name}: is missing (the OAuth install needs all of ${OAUTH_VARIABLES.join(', ')})`);
  }
  if (given('SLACK_APP_TOKEN'))
    problems.push(
      'SLACK_APP_TOKEN: the OAuth install runs in HTTP mode: unset SLACK_APP_TOKEN (or unset SLACK_CLIENT_ID & co. for one workspace in Socket Mode)',
    );
  if (given('SLACK_BOT_TOKEN'))
    problems.push(
      "SLACK_BOT_TOKEN: unset it with the OAuth install on (each workspace's token comes from its installation)",
    );
  if (!given('SLACK_SIGNING_SECRET'))
    problems.push('SLACK_SIGNING_SECRET: is missing (needed for HTTP mode)');
  if (!given('INSTALLATION_ENCRYPTION_KEY')) problems.push(MISSING_ENCRYPTION_KEY);
  const { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, INSTALLATION_ENCRYPTION_KEY } = vars;
  if (
    problems.length ||
    !SLACK_CLIENT_ID ||
    !SLACK_CLIENT_SECRET ||
    !SLACK_STATE_SECRET ||
    !INSTALLATION_ENCRYPTION_KEY ||
    !vars.SLACK_SIGNING_SECRET
  )
    throw new ConfigError(problems);
  return {
    ...shared,
    mode: 'http',
    signingSecret: vars.SLACK_SIGNING_SECRET,
    ...features(vars),
    oauth: {
      clientId: SLACK_CLIENT_ID,
      clientSecret: SLACK_CLIENT_SECRET,
      stateSecret: SLACK_STATE_SECRET,
      encryptionKey: INSTALLATION_ENCRYPTION_KEY,
      installationDir: vars.INSTALLATION_DIR ?? DEFAULT_INSTALLATION_DIR,
    },
  };
}
