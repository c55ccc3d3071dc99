import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  Authorize,
  AuthorizeResult,
  AuthorizeSourceData,
  CustomRoute,
  InstallURLOptions,
  Logger,
  StateStore,
} from '@slack/bolt';
import {
  type CallbackOptions,
  defaultCallbackSuccess,
  type InstallProvider,
  InvalidStateError,
} from '@slack/oauth';
import type { Redis } from 'ioredis';
import { errorMessage } from './errors.js';
import { installationKey, type SealedInstallationStore } from './installations.js';
import type { SharedStore } from './store.js';

/** The bot scopes an install asks for: the manifest's (test/manifest.test.ts keeps them equal). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'app_mentions:read',
  'im:history',
  'assistant:write',
];

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** How long an install may take between "Add to Slack" and Slack's redirect back (Bolt's default). */
export const STATE_TTL_SECONDS = 600;

/** Records that a state was used; false when it already was (a replay). */
export type ClaimOnce = (id: string, ttlSeconds: number) => Promise<boolean>;

/** Claims in Redis (SET NX EX), so a state used on one instance is refused on every other. */
export function redisClaims(client: Redis): ClaimOnce {
  return async (id, ttlSeconds) =>
    (await client.set(`harness-ports:oauth-state:${id}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
}

/** Claims in this process (one instance without Redis), forgotten once they expire. */
export function memoryClaims(now: () => number = Date.now): ClaimOnce {
  const used = new Map<string, number>();
  return async (id, ttlSeconds) => {
    const at = now();
    for (const [seen, until] of used) if (until <= at) used.delete(seen);
    if (used.has(id)) return false;
    used.set(id, at + ttlSeconds * 1000);
    return true;
  };
}

interface StatePayload {
  /** A random id: the state can be used once. */
  id: string;
  /** Milliseconds since the epoch it was made. */
  at: number;
  options: InstallURLOptions;
}

function isStatePayload(value: unknown): value is StatePayload {
  if (!value || typeof value !== 'object') return false;
  const payload = value as Partial<StatePayload>;
  return (
    typeof payload.id === 'string' && typeof payload.at === 'number' && typeof payload.options === 'object'
  );
}

/**
 * The OAuth `state`: `<payload>.<HMAC-SHA256 with SLACK_STATE_SECRET>`, refused when its signature
 * does not match (tampered), when it is older than STATE_TTL_SECONDS, or when it was used already
 * (replayed), on any instance when Redis is shared. Bolt also checks it against the installer's
 * browser cookie.
 */
export class OneTimeStateStore implements StateStore {
  constructor(
    private readonly secret: string,
    private readonly claim: ClaimOnce,
  ) {}

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  async generateStateParam(options: InstallURLOptions, now: Date): Promise<string> {
    const payload: StatePayload = { id: randomBytes(16).toString('hex'), at: now.getTime(), options };
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${encoded}.${this.sign(encoded).toString('base64url')}`;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [encoded, signature, extra] = state.split('.');
    if (!encoded || !signature || extra !== undefined) throw new InvalidStateError('the state is malformed');
    const expected = this.sign(encoded);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new InvalidStateError('the state is not signed with SLACK_STATE_SECRET');
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidStateError('the state is malformed');
    }
    if (!isStatePayload(payload)) throw new InvalidStateError('the state is malformed');
    if (now.getTime() - payload.at > STATE_TTL_SECONDS * 1000)
      throw new InvalidStateError('the state expired');
    if (!(await this.claim(payload.id, STATE_TTL_SECONDS)))
      throw new InvalidStateError('the state was used already');
    return payload.options;
  }
}

/** Bolt refreshes a rotating token that expires within this window (InstallProvider.authorize). */
const REFRESH_WINDOW_SECONDS = 7200;

/**
 * Bolt's authorize for OAuth installs, with token rotation serialised across instances. A refresh
 * token can be used once: two replicas refreshing the same installation at once would have one of
 * them burn it and keep a dead token. So when a token is due, the refresh runs under the
 * installation's lock (SharedStore.exclusive: Redis with REDIS_URL), and whoever waited reads the
 * installation again, already refreshed, and does not refresh it a second time.
 */
export function serialisedAuthorize(
  installer: Pick<InstallProvider, 'authorize'>,
  installations: SealedInstallationStore,
  store: Pick<SharedStore, 'exclusive'>,
  nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
): Authorize<boolean> {
  return async (source: AuthorizeSourceData<boolean>): Promise<AuthorizeResult> => {
    const installation = await installations.find(source);
    const expiresAt = installation?.bot?.refreshToken ? installation.bot.expiresAt : undefined;
    if (expiresAt === undefined || expiresAt - nowSeconds() > REFRESH_WINDOW_SECONDS)
      return installer.authorize(source);
    return store.exclusive(`installation:${installationKey(source)}`, () => installer.authorize(source));
  };
}

function page(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><body><p>${text}</p></body></html>`);
}

/** Errors of the redirect itself (a link tampered with, replayed, or cut short). */
const BAD_LINK_CODES = new Set([
  'slack_oauth_invalid_state',
  'slack_oauth_missing_state',
  'slack_oauth_missing_code',
]);

/** What an install that went wrong answers: 400 for a bad or reused link, 500 otherwise. */
export function installFailure(logger: Logger): NonNullable<CallbackOptions['failure']> {
  return (error, _options, _req, res) => {
    const detail = errorMessage(error) ?? String(error);
    if (BAD_LINK_CODES.has(error.code)) {
      logger.warn('refused an install with a bad state or code (400)', { error: detail });
      page(res, 400, `This install link is invalid or was used already: start again from ${INSTALL_PATH}.`);
      return;
    }
    if (error.code === 'slack_oauth_installer_authorization_error' && /cancelled/.test(detail)) {
      page(res, 400, 'The install was cancelled.');
      return;
    }
    logger.warn('an install failed (500)', { error: detail, code: error.code });
    page(res, 500, `The install did not complete: start again from ${INSTALL_PATH}.`);
  };
}

/** The two routes of the OAuth install: the "Add to Slack" page and Slack's redirect back. */
export function oauthRoutes(installer: InstallProvider, logger: Logger): CustomRoute[] {
  const urlOptions: InstallURLOptions = { scopes: BOT_SCOPES };
  const callback: CallbackOptions = {
    // Logged, then Bolt's page, which opens the app in Slack (or the org's app page for Grid).
    success: (installation, options, req, res) => {
      logger.info('installed', {
        team: installation.team?.id,
        enterprise: installation.enterprise?.id,
        orgWide: installation.isEnterpriseInstall === true,
      });
      defaultCallbackSuccess(installation, options, req, res);
    },
    failure: installFailure(logger),
  };
  const failed = (res: ServerResponse) => (error: unknown) => {
    logger.error('the install page failed', errorMessage(error) ?? String(error));
    if (!res.headersSent) page(res, 500, 'The install page failed: try again.');
  };
  return [
    {
      path: INSTALL_PATH,
      method: ['GET'],
      handler: (req: IncomingMessage, res: ServerResponse) => {
        installer.handleInstallPath(req, res, {}, urlOptions).catch(failed(res));
      },
    },
    {
      path: REDIRECT_PATH,
      method: ['GET'],
      handler: (req: IncomingMessage, res: ServerResponse) => {
        installer.handleCallback(req, res, callback, urlOptions).catch(failed(res));
      },
    },
  ];
}
