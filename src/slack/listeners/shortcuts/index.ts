import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { mentionedIn } from '../../../engine/mentions.js';
import { renderAnswerMessage } from '../../../render/blocks/answer.js';
import { renderChecklistModal } from '../../../render/blocks/checklist-modal.js';
import { CALLBACK_IDS } from '../../../render/blocks/ids.js';
import { NOTHING_MENTIONED } from '../../../render/wording.js';
import type { ListenerDeps } from '../../context.js';
import { logSlackFailure } from '../../errors.js';
import { slackTextToQuery } from '../../text.js';
import type { Router } from '../router.js';

/**
 * Global shortcut "Harness ports checklist": opens the checklist builder. A global shortcut carries
 * no channel, so the builder asks for one (bolt-js docs/english/concepts/shortcuts.md).
 */
function checklistShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    if (shortcut.type !== 'shortcut') return;
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: renderChecklistModal() });
    } catch (error) {
      logSlackFailure(deps.logger, 'opening the checklist builder', error, { user: shortcut.user.id });
    }
  };
}

/**
 * Message shortcut "Look up ports": answers privately (the shortcut's response_url, ephemeral)
 * with the providers, ports and topics the message mentions, in the message's thread if it is in one.
 */
function lookupShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const result = mentionedIn(slackTextToQuery(shortcut.message.text ?? ''), deps.catalog);
    const threadTs = shortcut.message.thread_ts;
    const message = result
      ? renderAnswerMessage(result, {
          surface: 'ephemeral',
          command: deps.command,
          feedback: true,
          tables: true,
          ...(threadTs ? { threadTs } : {}),
        })
      : { text: NOTHING_MENTIONED, blocks: [] };
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    } catch (error) {
      logSlackFailure(deps.logger, 'answering the Look up ports shortcut', error, { user: shortcut.user.id });
    }
  };
}

export function register(router: Router, deps: ListenerDeps) {
  router.shortcut(CALLBACK_IDS.checklistShortcut, checklistShortcut(deps));
  router.shortcut(CALLBACK_IDS.lookupShortcut, lookupShortcut(deps));
}
