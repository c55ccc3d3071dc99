import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  HTTPReceiver,
  type Logger,
  RespondError,
  type RespondFn,
  SocketModeReceiver,
} from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { FetchFunction, WebClientOptions } from '@slack/web-api';
import type { Catalog } from '../catalog/schema.js';
import type { Config } from '../config.js';
import { WorkspaceMissedQueries } from '../engine/misses.js';
import { indexFor } from '../engine/search-index.js';
import { prepareTypeahead } from '../engine/typeahead.js';
import { isMcpPath, mcpHttpHandler } from '../mcp/http.js';
import { type ListenerDeps, SLASH_COMMAND, STATUS_DELAY_MS } from './context.js';
import { type ListenerErrorArgs, listenerErrorHandler } from './errors.js';
import { type HealthServer, healthHandler, startHealthServer } from './health.js';
import { InflightRequests } from './inflight.js';
import { DirectoryRecords, RedisRecords, SealedInstallationStore } from './installations.js';
import { createRouter } from './listeners/index.js';
import { BotMetrics, METRICS_PATH, measureRequests } from './metrics.js';
import { chainMiddleware } from './middleware-chain.js';
import { memoryClaims, OneTimeStateStore, oauthRoutes, redisClaims, serialisedAuthorize } from './oauth.js';
import { RedisStore } from './redis-store.js';
import { BODY_LIMIT_BYTES, guardedHttpReceiver } from './request-guard.js';
import { skipDuplicateEvents } from './retries.js';
import { MemoryStore, type SharedStore } from './store.js';
import { WEB_API_POLICY, type WebApiPolicy, webApiClientOptions } from './web-api-policy.js';

export type SlackConfig = Exclude<Config, { mode: 'console' }>;

export interface SlackAppOptions {
  config: SlackConfig;
  catalog: Catalog;
  logger: Logger;
  /** Clock in seconds (tests pin it). */
  now?: () => number;
  /** Timeouts and retries of Slack calls (tests shorten them). */
  webApiPolicy?: Partial<WebApiPolicy>;
  /** How long a DM answer may take before "looking up…" is shown (tests shorten it). */
  statusDelayMs?: number;
}

export interface SlackApp {
  app: App;
  inflight: InflightRequests;
  /** What `GET /metrics` serves: this app's own registry (absent with METRICS=off). */
  metrics?: BotMetrics;
  /** Asks Slack who the bot token belongs to (auth.test) and remembers the bot's ids (none with OAuth). */
  verifyToken(): Promise<{ team?: string; user?: string }>;
  /** The workspaces' installations, with the OAuth install on. */
  installations?: SealedInstallationStore;
  /** Starts receiving; resolves with the port actually bound (HTTP, or Socket Mode's health port). */
  start(): Promise<{ port?: number }>;
  /** Stops receiving, lets in-flight requests finish (up to `graceMs`), closes the connection. */
  stop(graceMs?: number): Promise<{ drained: boolean }>;
}

/**
 * Bolt's respond() for a response URL, as Bolt makes it (RespondError on a non-2xx answer). Not a
 * speed choice: Bolt makes respond() only for the request that carries the URL, and a modal's
 * submission must answer through the URL of the button that opened the modal, which Bolt has no
 * public way to do; this one also goes through the configured fetch, as the Web API client does.
 */
function respondVia(fetchFn: FetchFunction, responseUrl: string): RespondFn {
  return async (message) => {
    const body = typeof message === 'string' ? { text: message } : message;
    const response = await fetchFn(responseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new RespondError(
        `Failed to respond to the response_url: ${response.status} ${response.statusText}`,
        response.status,
      );
    }
    return response;
  };
}

/**
 * Builds the Bolt app for either connection mode with one code path: Socket Mode when an app
 * token is configured, the HTTP receiver (`/slack/events`, `GET /healthz`) otherwise.
 */
export function createSlackApp({
  config,
  catalog,
  logger,
  now,
  webApiPolicy,
  statusDelayMs,
}: SlackAppOptions): SlackApp {
  let stopping = false;
  indexFor(catalog);
  prepareTypeahead(catalog);
  // In Socket Mode the bot is only healthy while its WebSocket is connected, so a supervisor
  // restarts a bot that lost the connection and could not get it back.
  let connected = config.mode !== 'socket';
  const policy = { ...WEB_API_POLICY, ...webApiPolicy };
  const redisStore = config.redisUrl
    ? new RedisStore(config.redisUrl, logger, {
        // A lock outlives the Slack call its owner makes; a click waits out one such call.
        lockTtlMs: policy.timeoutMs + 5_000,
        lockWaitMs: policy.timeoutMs + 5_000,
      })
    : undefined;
  const store: SharedStore = redisStore ?? new MemoryStore();
  const oauth = config.mode === 'http' ? config.oauth : undefined;
  if (oauth && config.feedbackChannel) {
    logger.warn(
      "FEEDBACK_CHANNEL is one workspace's channel: with the OAuth install, 👎 reports are logged, not posted",
    );
  }
  // Any workspace: installations sealed in Redis (the bot's client) or in a directory (installations.ts).
  const installations = oauth
    ? new SealedInstallationStore(
        redisStore ? new RedisRecords(redisStore.client) : new DirectoryRecords(oauth.installationDir),
        oauth.encryptionKey,
      )
    : undefined;
  // One registry per app. With a single bot token the bot is installed in one workspace; with the
  // OAuth install, the installations kept (counted when Prometheus scrapes).
  const metrics = config.metricsOff
    ? undefined
    : new BotMetrics({
        ...(config.redisUrl ? { redis: () => store.health().redis } : {}),
        installations: installations ? () => installations.count().catch(() => 0) : () => 1,
      });
  const metricsRoute = metrics?.handler(logger);
  const clientOptions: WebClientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...webApiClientOptions(logger, policy, metrics),
  };
  const installer =
    oauth && installations
      ? new InstallProvider({
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          installationStore: installations,
          stateStore: new OneTimeStateStore(
            oauth.stateSecret,
            redisStore ? redisClaims(redisStore.client) : memoryClaims(),
          ),
          logger,
          clientOptions,
        })
      : undefined;
  // With Redis it also says `"redis":"up"|"down"`, but a Redis outage keeps the 200: the bot still
  // answers (src/slack/redis-store.ts), and a 503 would take every replica out of the load balancer.
  const health = healthHandler(
    () => !stopping && connected,
    () => store.health(),
  );
  let healthServer: HealthServer | undefined;
  // MCP_TOKEN set: the MCP server at /mcp on the same port, ahead of Bolt (src/mcp/http.ts).
  const mcp = config.mcpToken
    ? mcpHttpHandler({ catalog, token: config.mcpToken, bodyLimit: BODY_LIMIT_BYTES, logger })
    : undefined;
  const receiver =
    config.mode === 'socket'
      ? // The health port is the bot's own server in Socket Mode (health.ts says why).
        new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions } })
      : // Bounds what a request costs before its signature is checked, checks the signature at a
        // lower cost than Bolt, and answers the requests that Bolt 5.1 leaves unanswered or answers
        // with a 500 (request-guard.ts says which and why).
        guardedHttpReceiver({
          signingSecret: config.signingSecret,
          logger,
          customRoutes: [
            { path: '/healthz', method: ['GET'], handler: health },
            ...(installer ? oauthRoutes(installer, logger) : []),
            ...(metricsRoute ? [{ path: METRICS_PATH, method: ['GET'], handler: metricsRoute }] : []),
          ],
        });
  if (mcp && receiver instanceof HTTPReceiver) {
    const guarded = receiver.requestListener;
    receiver.requestListener = (req, res) => (isMcpPath(req.url) ? mcp(req, res) : guarded(req, res));
  }
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => {
      connected = true;
    });
    receiver.client.on('close', () => {
      connected = false;
    });
  }
  // Answering must never wait on auth.test (Bolt's default with a plain token): the bot's identity
  // is filled in by verifyToken() when Slack answers, and the listeners skip bot posts themselves.
  let identity: { botId?: string; botUserId?: string } = {};
  const botToken = config.botToken;
  const app = new App({
    authorize:
      installer && installations
        ? serialisedAuthorize(installer, installations, store)
        : async () => ({ botToken, ...identity }),
    receiver,
    logger,
    clientOptions,
    extendedErrorHandler: true,
    // Nothing reads context.conversation; Bolt's default store would look one up (and build an
    // Error for each miss) on every request, in memory that several instances cannot share.
    convoStore: false,
    // Done by the router, for events only, as Bolt does it, at less CPU per event (listeners/router.ts
    // gives the figure from `npm run bench`).
    ignoreSelf: false,
  });
  if (metrics) measureRequests(app, metrics);
  const inflight = new InflightRequests();
  const deps: ListenerDeps = {
    catalog,
    logger,
    command: SLASH_COMMAND,
    now: now ?? (() => Math.floor(Date.now() / 1000)),
    misses: new WorkspaceMissedQueries(),
    ...(metrics ? { metrics } : {}),
    adminUserIds: config.adminUserIds,
    // With the OAuth install the channel is one workspace's: a report from another workspace must
    // never reach it (a shared channel would let it), so reports are only logged, with their workspace.
    ...(config.feedbackChannel && !oauth ? { feedbackChannel: config.feedbackChannel } : {}),
    statusDelayMs: statusDelayMs ?? STATUS_DELAY_MS,
    store,
    ...(installations ? { installations } : {}),
    respondTo: (responseUrl) => respondVia(clientOptions.fetch ?? globalThis.fetch, responseUrl),
  };
  // One global middleware for Bolt to run: see chainMiddleware for what that saves on every request.
  app.use(
    chainMiddleware(inflight.middleware(), skipDuplicateEvents(store), createRouter(deps).middleware()),
  );
  const onError = listenerErrorHandler(logger);
  app.error(async (args: ListenerErrorArgs) => {
    metrics?.requestFailed(args.body);
    await onError(args);
  });

  return {
    app,
    inflight,
    ...(installations ? { installations } : {}),
    ...(metrics ? { metrics } : {}),
    async verifyToken() {
      if (!botToken) return {};
      const result = await app.client.auth.test({ token: botToken });
      identity = {
        ...(result.bot_id ? { botId: result.bot_id } : {}),
        ...(result.user_id ? { botUserId: result.user_id } : {}),
      };
      return { team: result.team, user: result.user };
    },
    async start() {
      await installations?.prepare();
      await store.connect();
      if (receiver instanceof HTTPReceiver) {
        const server = (await receiver.start({
          port: config.port,
          ...(config.host ? { host: config.host } : {}),
        })) as Server;
        return { port: (server.address() as AddressInfo).port };
      }
      healthServer = await startHealthServer({
        port: config.port,
        ...(config.host ? { host: config.host } : {}),
        logger,
        handler: health,
        ...(metricsRoute ? { metrics: metricsRoute } : {}),
        ...(mcp ? { mcp } : {}),
      });
      try {
        await receiver.start();
      } catch (error) {
        await healthServer.close();
        throw error;
      }
      return { port: healthServer.port };
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      const closing = Promise.all([
        receiver.stop().catch((error: Error) => logger.warn('closing the receiver', error.message)),
        healthServer?.close(),
      ]);
      const drained = await inflight.drain(graceMs);
      await closing;
      await store.close();
      metrics?.close();
      return { drained };
    },
  };
}
