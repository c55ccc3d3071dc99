import type {
  AllMiddlewareArgs,
  BlockAction,
  FeedbackButtonsAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { parseFeedbackValue, renderFeedbackModal } from '../../../render/blocks/feedback.js';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { logSlackFailure } from '../../errors.js';

/**
 * 👍/👎 under an answer (Slack's feedback_buttons). A 👍 is logged as one structured line; a 👎 opens
 * the short "What was wrong?" modal, which carries the answer it is about.
 */
export function feedback(deps: ListenerDeps) {
  return async ({
    ack,
    action,
    body,
    client,
    context,
  }: SlackActionMiddlewareArgs<BlockAction<FeedbackButtonsAction>> & AllMiddlewareArgs) => {
    await ack();
    const value = parseFeedbackValue(action.value);
    if (!value) {
      deps.logger.warn('feedback button with an unreadable value', { value: action.value?.slice(0, 100) });
      return;
    }
    if (value.v === 'good') {
      deps.logger.info('answer marked right', {
        event: 'feedback',
        rating: 'good',
        query: value.q,
        providers: value.p,
        user: body.user.id,
        workspace: workspaceOf(context),
        at: deps.now(),
      });
      return;
    }
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: renderFeedbackModal(value) });
    } catch (error) {
      logSlackFailure(deps.logger, 'opening the feedback form', error, { user: body.user.id });
    }
  };
}
