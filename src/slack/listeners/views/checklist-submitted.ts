import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { answer } from '../../../engine/answer.js';
import { isPostableChecklist, MAX_CHECKLIST_PROVIDERS } from '../../../engine/checklist.js';
import { CHECKLIST_MODAL_ERRORS } from '../../../render/blocks/checklist-modal.js';
import { ACTION_IDS, INPUT_BLOCK_IDS } from '../../../render/blocks/ids.js';
import { type StartedChecklist, startChecklist } from '../../checklist.js';
import type { ListenerDeps } from '../../context.js';
import { logSlackFailure, slackErrorCode } from '../../errors.js';

/** Slack errors that mean the bot cannot post in the chosen conversation. */
const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'restricted_action',
  'cant_post_in_channel',
]);

/**
 * The checklist builder's "Post checklist": the chosen providers go through the engine as
 * `checklist <ids…>`, exactly as the slash command's text does, and the same code posts it. Problems
 * come back inline in the modal (`response_action: errors`): no provider, or a channel the bot
 * cannot post in, which is known only once the summary's post is refused, so the summary is posted
 * before the view is acknowledged and the items after.
 */
export function checklistSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    if (body.type !== 'view_submission') return;
    const values = view.state.values;
    const ids = (
      values[INPUT_BLOCK_IDS.checklistProviders]?.[ACTION_IDS.checklistProviders]?.selected_options ?? []
    ).map((option) => option.value);
    const channel =
      values[INPUT_BLOCK_IDS.checklistChannel]?.[ACTION_IDS.checklistChannel]?.selected_conversation;
    const note = values[INPUT_BLOCK_IDS.checklistNote]?.[ACTION_IDS.checklistNote]?.value?.trim();
    const result = answer(`checklist ${ids.join(' ')}`, deps.catalog);
    const errors: Record<string, string> = {};
    if (ids.length === 0 || result.matches.length === 0) {
      errors[INPUT_BLOCK_IDS.checklistProviders] = CHECKLIST_MODAL_ERRORS.noProvider;
    } else if (result.matches.length > MAX_CHECKLIST_PROVIDERS || !isPostableChecklist(result)) {
      errors[INPUT_BLOCK_IDS.checklistProviders] = CHECKLIST_MODAL_ERRORS.tooMany;
    }
    if (!channel) errors[INPUT_BLOCK_IDS.checklistChannel] = CHECKLIST_MODAL_ERRORS.noChannel;
    if (Object.keys(errors).length > 0 || !channel) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    let started: StartedChecklist;
    try {
      started = await startChecklist(client, deps, {
        channel,
        providers: result.matches.map((m) => m.provider),
        requestedBy: body.user.id,
        ...(note ? { note } : {}),
      });
    } catch (error) {
      const code = slackErrorCode(error);
      logSlackFailure(deps.logger, 'posting a checklist from the builder', error, { channel });
      const message =
        code === 'is_archived'
          ? CHECKLIST_MODAL_ERRORS.archived
          : CANNOT_POST.has(code)
            ? CHECKLIST_MODAL_ERRORS.cannotPost
            : 'Slack did not take the checklist. Please try again in a moment.';
      await ack({ response_action: 'errors', errors: { [INPUT_BLOCK_IDS.checklistChannel]: message } });
      return;
    }
    await ack();
    try {
      await started.postItems();
    } catch (error) {
      logSlackFailure(deps.logger, 'posting a checklist’s items', error, { channel });
    }
  };
}
