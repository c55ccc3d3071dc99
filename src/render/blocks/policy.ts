import { escapeMrkdwn } from '../escape.js';
import { truncateMrkdwn } from '../limits.js';
import { listText } from '../wording.js';
import { codeMessages, codeProblemsMessage, INTRO_NAMES, MAX_CODE_MESSAGES } from './code-messages.js';
import { context, type SlackMessage, section } from './kit.js';

/**
 * The Slack face of permission snippets (`policy aws ec2`): the snippets the grants renderer writes
 * (src/render/grants.ts), as code blocks split over messages within Slack's limits.
 */

/** How to ask, as the problems message shows it. */
export const POLICY_EXAMPLES = ['policy aws ec2', 'iam policy for aws s3', 'grants github vault'];

export interface PolicyMessageOptions {
  providerNames: readonly string[];
  /** The snippets, as the grants renderer wrote them. */
  code: string;
  /** How to get snippets too long for Slack's messages: the CLI command. */
  whole: string;
}

/** Permission snippets as Slack messages: an intro naming the providers, then the snippets as code. */
export function renderPolicyMessages(options: PolicyMessageOptions): SlackMessage[] {
  const names = listText(options.providerNames);
  const intro = section(
    `:key: *Permission snippets: ${truncateMrkdwn(escapeMrkdwn(names), INTRO_NAMES)}*\n` +
      'Only the grants a source names, each with its sentence and page: a starting point to review, not to apply blindly.',
  );
  const cutNote = (lines: number) =>
    context(
      `…and ${lines} more lines, too many for ${MAX_CODE_MESSAGES} Slack messages. For the whole set: ${escapeMrkdwn(options.whole)}`,
    );
  return codeMessages({
    title: `Permission snippets for ${names}`,
    head: [intro],
    code: options.code,
    cutNote,
    tail: [],
  });
}

/** Why no snippets were written for a typed request (unknown words, nothing named). */
export function renderPolicyProblems(problems: readonly string[]): SlackMessage {
  return codeProblemsMessage('permission snippets', problems, POLICY_EXAMPLES);
}
