import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Catalog } from './catalog/schema.js';
import { answer } from './engine/answer.js';
import { renderText } from './render/text.js';

export const CONSOLE_BANNER = [
  'harness-ports is running WITHOUT Slack: a local console on the same answer engine.',
  'Type a query per line (e.g. "splunk", "8089", "checklist aws ec2 jenkins", "help"); end of input exits.',
  'To connect it to Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)',
  'in the environment or in .env (see .env.example and README, "Run it in Slack").',
].join('\n');

/** The local console: reads queries line by line and prints each answer; resolves at end of input. */
export async function runConsole(catalog: Catalog, input: Readable, output: Writable, interactive: boolean) {
  output.write(`${CONSOLE_BANNER}\n\n`);
  const lines = createInterface({ input, terminal: false });
  const prompt = () => interactive && output.write('harness-ports> ');
  prompt();
  for await (const line of lines) {
    if (line.trim()) output.write(`${renderText(answer(line, catalog), '')}\n\n`);
    prompt();
  }
}
