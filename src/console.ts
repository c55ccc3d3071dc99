import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Catalog } from './catalog/schema.js';
import { readRequest } from './engine/request.js';
import { policyProblems, renderPolicy } from './render/grants.js';
import { rulesReply } from './render/rules/response.js';
import { renderText } from './render/text.js';

export const CONSOLE_BANNER = [
  'harness-ports is running WITHOUT Slack: a local console on the same answer engine.',
  'Type a query per line (e.g. "splunk", "8089", "checklist aws ec2 jenkins", "rules splunk iptables", "policy aws ec2", "help"); end of input exits.',
  'To connect it to Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)',
  'in the environment or in .env (see .env.example and README, "Run it in Slack"; every setup: docs/slack.md).',
].join('\n');

/**
 * The reply to one line: the answer, or for a rules or snippets query the rules or permission
 * snippets (or what stops them).
 */
export function consoleReply(line: string, catalog: Catalog): string {
  const request = readRequest(line, catalog);
  switch (request.kind) {
    case 'policy': {
      const problems = policyProblems(request.policy, '"policy aws ec2"');
      return problems.length
        ? problems.join('\n')
        : renderPolicy(request.policy.providers).replace(/\n$/, '');
    }
    case 'rules':
    case 'check': {
      const reply = rulesReply(request.rules, catalog);
      return reply.ok
        ? [...reply.notices, reply.text.replace(/\n$/, '')].join('\n')
        : reply.problems.join('\n');
    }
    case 'answer':
    case 'checklist':
      return renderText(request.answer, '');
  }
}

/** The local console: reads queries line by line and prints each answer; resolves at end of input. */
export async function runConsole(catalog: Catalog, input: Readable, output: Writable, interactive: boolean) {
  output.write(`${CONSOLE_BANNER}\n\n`);
  const lines = createInterface({ input, terminal: false });
  const prompt = () => interactive && output.write('harness-ports> ');
  prompt();
  for await (const line of lines) {
    if (line.trim()) output.write(`${consoleReply(line, catalog)}\n\n`);
    prompt();
  }
}
