import type { Logger } from '@slack/bolt';
import type { Catalog } from '../catalog/schema.js';
import { createSlackApp, type SlackConfig } from './app.js';
import { logSlackFailure, slackErrorCode } from './errors.js';

const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/**
 * Runs the bot until SIGTERM/SIGINT: then it stops taking requests, lets those in flight finish
 * (10 s at most), closes the connection and exits 0. One failing handler is logged, never fatal.
 */
export async function startBot(config: SlackConfig, catalog: Catalog, logger: Logger): Promise<void> {
  const bot = createSlackApp({ config, catalog, logger });
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', reason));

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`${signal} received: finishing in-flight requests`, { inflight: bot.inflight.size });
    const { drained } = await bot.stop(10_000);
    logger.info(drained ? 'stopped cleanly' : 'stopped with requests still in flight after 10 s');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const { port } = await bot.start();
  logger.info(
    config.mode === 'socket'
      ? `harness-ports is running in Socket Mode (health check on port ${config.port})`
      : `harness-ports is listening on ${config.host ?? '0.0.0.0'}:${port} (POST /slack/events, GET /healthz)`,
    { providers: catalog.providers.length },
  );

  // Check the token once, without holding up the start: a rejected token is fatal, an
  // unreachable Slack is only a warning (the bot still answers slash commands in the ack).
  bot.verifyToken().then(
    (identity) => logger.info('connected to Slack', identity),
    (error: unknown) => {
      const code = slackErrorCode(error);
      if (AUTH_ERRORS.has(code)) {
        process.stderr.write(`harness-ports: SLACK_BOT_TOKEN: Slack rejected the token (${code})\n`);
        process.exit(1);
      }
      logSlackFailure(logger, 'checking the bot token with auth.test', error);
    },
  );
}
