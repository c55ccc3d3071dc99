import type {
  AllMiddlewareArgs,
  BlockAction,
  ExternalSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { renderChecklistModal } from '../../../render/blocks/checklist-modal.js';
import { answerSlackText } from '../../answers.js';
import { type ButtonClickArgs, type ListenerDeps, workspaceOf } from '../../context.js';
import { logSlackFailure } from '../../errors.js';
import { publishHome } from '../../home.js';

/**
 * A choice in the Home tab's search box: the engine answers the chosen provider, topic or port, and
 * the Home tab is published again with that answer under the search box.
 */
export function homeSearch(deps: ListenerDeps) {
  return async ({
    ack,
    action,
    body,
    client,
    context,
  }: SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>> & AllMiddlewareArgs) => {
    await ack();
    const query = action.selected_option?.value;
    if (!query) return;
    const workspace = workspaceOf(context);
    const result = answerSlackText(deps, query, { surface: 'home', user: body.user.id, workspace });
    try {
      await publishHome(client, deps, body.user.id, workspace, result);
    } catch (error) {
      logSlackFailure(deps.logger, 'showing a search result on the Home tab', error, { user: body.user.id });
    }
  };
}

/** "New checklist" on the Home tab: opens the checklist builder (the trigger_id lasts 3 s). */
export function newChecklist(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonClickArgs) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: renderChecklistModal() });
    } catch (error) {
      logSlackFailure(deps.logger, 'opening the checklist builder', error, { user: body.user.id });
    }
  };
}
