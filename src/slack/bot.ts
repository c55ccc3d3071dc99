import type { Logger } from '@slack/bolt';
import type { Catalog } from '../catalog/schema.js';
import { createSlackApp, type SlackConfig } from './app.js';
import { errorMessage, logSlackFailure, slackErrorCode, stringCode } from './errors.js';
import { InstallationDirError } from './installations.js';

const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/** How long a shutdown lets in-flight requests finish. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** Past the grace, how long closing the connection may take before the process exits anyway. */
const CLOSE_GRACE_MS = 2_000;

/** Ends the start with one line naming the problem (no stack trace) and exit code 1. */
function fatal(message: string): never {
  process.stderr.write(`harness-ports: ${message}\n`);
  process.exit(1);
}

/** One line for a failed start: the variable at fault when there is one. */
export function describeStartError(config: SlackConfig, error: unknown): string {
  if (error instanceof InstallationDirError) return error.message;
  const code = stringCode(error);
  if (code === 'EADDRINUSE') return `PORT: ${config.port} is already in use on ${config.host ?? 'this host'}`;
  if (code === 'EACCES')
    return `PORT: not allowed to listen on ${config.port} (ports below 1024 need privileges)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `HOST: cannot listen on ${config.host ?? 'the default host'} (${code})`;
  const slack = slackErrorCode(error);
  if (config.mode === 'socket' && AUTH_ERRORS.has(slack))
    return `SLACK_APP_TOKEN: Slack rejected the app-level token (${slack})`;
  if (slack === 'request_error' || slack === 'timeout' || slack === 'http_error')
    return `cannot reach Slack${config.slackApiUrl ? ` at SLACK_API_URL ${config.slackApiUrl}` : ''} (${slack})`;
  return `could not start: ${errorMessage(error) ?? String(error)}`;
}

/**
 * Keeps one failure from taking the process down: a stray rejected promise is logged and the bot
 * carries on. An uncaught exception leaves the process in an unknown state, so it is logged and
 * the process exits 1 for the supervisor to restart it. Returns a function removing both handlers.
 */
export function guardProcess(logger: Logger): () => void {
  const onRejection = (reason: unknown) => logger.error('unhandled rejection (the bot carries on)', reason);
  const onException = (error: Error) => {
    logger.error('uncaught exception: exiting for a restart', error);
    process.exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/**
 * Runs the bot until SIGTERM/SIGINT: then it stops taking requests, lets those in flight finish
 * (10 s at most), closes the connection and exits 0. One failing handler is logged, never fatal.
 */
export async function startBot(config: SlackConfig, catalog: Catalog, logger: Logger): Promise<void> {
  const bot = createSlackApp({ config, catalog, logger });
  guardProcess(logger);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`${signal} received: finishing in-flight requests`, { inflight: bot.inflight.size });
    // However the receiver behaves, the process ends: a connection held open cannot keep it alive.
    const deadline = setTimeout(() => {
      logger.warn('stopped: the connection did not close in time');
      process.exit(0);
    }, SHUTDOWN_GRACE_MS + CLOSE_GRACE_MS);
    deadline.unref();
    const { drained } = await bot.stop(SHUTDOWN_GRACE_MS);
    logger.info(
      drained
        ? 'stopped cleanly'
        : `stopped with requests still in flight after ${SHUTDOWN_GRACE_MS / 1000} s`,
    );
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  let port: number | undefined;
  try {
    ({ port } = await bot.start());
  } catch (error) {
    fatal(describeStartError(config, error));
  }
  const mcp = `${config.mode === 'http' && config.oauth ? ', GET /slack/install' : ''}${config.mcpToken ? ', POST /mcp' : ''}`;
  logger.info(
    config.mode === 'socket'
      ? `harness-ports is running in Socket Mode (GET /healthz${mcp} on ${config.host ?? '0.0.0.0'}:${port})`
      : `harness-ports is listening on ${config.host ?? '0.0.0.0'}:${port} (POST /slack/events, GET /healthz${mcp})`,
    { providers: catalog.providers.length, ...(port ? { port } : {}) },
  );

  // With the OAuth install, each workspace's token is checked by Slack's install itself.
  if (!config.botToken) return;
  // Check the token once, without holding up the start: a rejected token is fatal, an
  // unreachable Slack is only a warning (the bot still answers slash commands in the ack).
  bot.verifyToken().then(
    (identity) => logger.info('connected to Slack', identity),
    (error: unknown) => {
      const code = slackErrorCode(error);
      if (AUTH_ERRORS.has(code)) fatal(`SLACK_BOT_TOKEN: Slack rejected the token (${code})`);
      logSlackFailure(logger, 'checking the bot token with auth.test', error);
    },
  );
}
