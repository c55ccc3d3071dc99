import type {
  AllMiddlewareArgs,
  BlockAction,
  FeedbackButtonsAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { renderFeedbackModal } from '../../../render/blocks/feedback.js';
import { feedbackValueCodec } from '../../../render/blocks/payloads.js';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { logSlackFailure } from '../../errors.js';
import { decodePressed } from '../../payloads.js';

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
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<FeedbackButtonsAction>> & AllMiddlewareArgs) => {
    await ack();
    const value = await decodePressed(deps, feedbackValueCodec, action.value, (text) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
    if (!value) return;
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
