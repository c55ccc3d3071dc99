import { answer } from '../../src/engine/answer.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { renderText } from '../../src/render/text.js';
import { realCatalog } from './catalog.js';

/**
 * For tests that pin whole answers (test/render/standard-answers.test.ts, topic-answers.test.ts):
 * the answer to a query on the real catalog as the slash command shows it and as the terminal
 * prints it, and small builders for the blocks expected, written as plain values so a test reads
 * like the message it pins.
 */

const catalog = realCatalog();
const COMMAND = '/harness-ports';

/** The private answer to `/harness-ports <query>`. */
export const slackAnswer = (query: string) =>
  renderAnswerMessage(answer(query, catalog), { surface: 'ephemeral', command: COMMAND });

/** The terminal answer to `harness-ports <query>`. */
export const terminalAnswer = (query: string) => renderText(answer(query, catalog), 'harness-ports');

export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
export const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
export const context = (...texts: string[]) => ({ type: 'context', elements: texts.map(mrkdwn) });

/**
 * The buttons under a private answer to `query`: "Share in channel", and "Permission snippets" for
 * the providers whose ids are given (those a source names an exact grant for).
 */
export const shareButton = (query: string, snippetsFor?: string) => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      text: { type: 'plain_text', text: 'Share in channel', emoji: true },
      action_id: 'hp_share',
      value: JSON.stringify({ q: query }),
      style: 'primary',
    },
    ...(snippetsFor
      ? [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Permission snippets', emoji: true },
            action_id: 'hp_permission_snippets',
            value: snippetsFor,
          },
        ]
      : []),
  ],
});
