import type { Button } from '@slack/types';
import type { Provider } from '../../catalog/schema.js';
import { escapeMrkdwn } from '../escape.js';
import { renderPolicy } from '../grants.js';
import { SLACK_LIMITS, truncateMrkdwn } from '../limits.js';
import { listText } from '../wording.js';
import { codeMessages, codeProblemsMessage, INTRO_NAMES, MAX_CODE_MESSAGES } from './code-messages.js';
import { ACTION_IDS } from './ids.js';
import { actions, button, context, type SlackMessage, section, sharedByBlocks } from './kit.js';
import { policyShareCodec, providerIdsCodec } from './payloads.js';

/**
 * The Slack face of permission snippets (`policy aws ec2`): the snippets the grants renderer writes
 * (src/render/grants.ts), as code blocks split over messages within Slack's limits.
 */

/** How to ask, as the problems message shows it. */
export const POLICY_EXAMPLES = ['policy aws ec2', 'iam policy for aws s3', 'grants github vault'];

/** Where snippets are shown: privately (with "Share in channel") or for everyone (saying who shared them). */
export interface PolicyFace {
  surface: 'ephemeral' | 'public';
  /** The thread a private copy lives in, so sharing posts there too. */
  threadTs?: string | undefined;
  sharedBy?: string;
}

/**
 * The permission snippets of these providers (render/grants.ts writes them) as Slack messages: an
 * intro naming the providers, then the snippets as code; past five messages, the CLI command for all.
 * The last message carries "Share in channel" (private) or who shared them (public).
 */
export function renderPolicyMessages(
  providers: readonly Provider[],
  face: PolicyFace = { surface: 'public' },
): SlackMessage[] {
  const names = listText(providers.map((provider) => provider.name));
  const whole = `harness-ports --permissions ${providers.map((provider) => provider.id).join(' ')}`;
  const intro = section(
    `:key: *Permission snippets: ${truncateMrkdwn(escapeMrkdwn(names), INTRO_NAMES)}*\n` +
      'Only the grants a source names, each with its sentence and page: a starting point to review, not to apply blindly.',
  );
  const cutNote = (lines: number) =>
    context(
      `…and ${lines} more lines, too many for ${MAX_CODE_MESSAGES} Slack messages. For the whole set: ${escapeMrkdwn(whole)}`,
    );
  const sharedBy = sharedByBlocks(face.sharedBy);
  const shareValue =
    face.surface === 'ephemeral'
      ? policyShareCodec.encode({
          providerIds: providers.map((provider) => provider.id),
          ...(face.threadTs ? { threadTs: face.threadTs } : {}),
        })
      : undefined;
  const share = shareValue
    ? [actions([button('Share in channel', ACTION_IDS.sharePolicy, shareValue, 'primary')])]
    : [];
  return codeMessages({
    title: `Permission snippets for ${names}`,
    head: [intro],
    code: renderPolicy(providers),
    cutNote,
    tail: [...sharedBy, ...share],
  });
}

/** Why no snippets were written for a typed request (unknown words, nothing named). */
export function renderPolicyProblems(problems: readonly string[]): SlackMessage {
  return codeProblemsMessage('permission snippets', problems, POLICY_EXAMPLES);
}

/**
 * "Permission snippets" for these providers (an answer's, from policyProviders): its value is their
 * ids. None when the ids do not fit a button value (a whole catalog's do).
 */
export function permissionSnippetsButton(providers: readonly Provider[]): Button | undefined {
  const value = providerIdsCodec.encode(providers.map((provider) => provider.id));
  return value.length <= SLACK_LIMITS.buttonValue
    ? button('Permission snippets', ACTION_IDS.permissionSnippets, value)
    : undefined;
}
