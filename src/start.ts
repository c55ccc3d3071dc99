import { config as loadDotenv } from 'dotenv';
import { processEnvironment } from './config.js';
import { tuneHeap } from './heap.js';
import { createLogger } from './logger.js';
import { readStartup } from './startup.js';

/**
 * The entry point (`npm start`): reads the configuration and the catalog once, then runs the bot
 * (Slack credentials set) or the local console (none set). Known problems end the start with one
 * line per variable or catalog entry at fault, and exit code 1.
 */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const env = processEnvironment();
  const startup = readStartup(env);
  if (!startup.ok) {
    for (const line of startup.lines) process.stderr.write(`${line}\n`);
    process.exit(1);
  }
  const { config, catalog } = startup;
  if (config.mode === 'console') {
    // The console (the engine and the text renderer) is loaded only now: a start that fails on a
    // variable or the catalog does not pay for it (46 ms of a 0.3 s failed start, measured by import).
    const { runConsole } = await import('./console.js');
    // `npm start | head`: once the reader has gone, there is no one left to answer; end quietly.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
    await runConsole(catalog, process.stdin, process.stdout, process.stdin.isTTY === true);
    return;
  }
  // Bolt and the Web API client are loaded only now: a bad variable or catalog, and the local
  // console, end or run without paying for them.
  const { startBot } = await import('./slack/bot.js');
  const secrets = [
    config.botToken ?? '',
    config.signingSecret ?? '',
    ...(config.mode === 'http' && config.oauth ? [config.oauth.clientSecret, config.oauth.stateSecret] : []),
    config.mode === 'socket' ? config.appToken : '',
    config.redisUrl ?? '',
    config.redisPassword ?? '',
    config.mcpToken ?? '',
  ];
  await startBot(config, catalog, createLogger(config.logLevel, undefined, secrets));
  // A long-running server: its heap stays near what it uses (heap.ts says why and by how much).
  // Set once it listens, so that loading its modules is not slowed by the extra collections.
  tuneHeap(process.execArgv, env.NODE_OPTIONS ?? '');
}

await main();
