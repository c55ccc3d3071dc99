import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { type FeedbackReport, renderFeedbackReport } from '../../../render/blocks/feedback.js';
import { ACTION_IDS, INPUT_BLOCK_IDS } from '../../../render/blocks/ids.js';
import { feedbackValueCodec } from '../../../render/blocks/payloads.js';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { logSlackFailure } from '../../errors.js';
import { postMessage } from '../../post.js';

/**
 * "What was wrong?" sent: the report (query, the answer's provider ids, who, when, what they wrote)
 * is logged as one structured line, and posted to FEEDBACK_CHANNEL when it is set.
 */
export function feedbackSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    if (body.type !== 'view_submission') return;
    await ack();
    const about = feedbackValueCodec.decode(view.private_metadata);
    const text =
      view.state.values[INPUT_BLOCK_IDS.feedbackText]?.[ACTION_IDS.feedbackText]?.value?.trim() ?? '';
    const report: FeedbackReport = {
      query: about?.q ?? '',
      providerIds: about?.p ?? [],
      userId: body.user.id,
      at: deps.now(),
      text,
    };
    deps.logger.info('answer reported wrong', {
      event: 'feedback',
      rating: 'bad',
      query: report.query,
      providers: report.providerIds,
      user: report.userId,
      workspace: workspaceOf(context),
      at: report.at,
      text: report.text,
    });
    if (!deps.feedbackChannel) return;
    try {
      await postMessage(client, deps.feedbackChannel, renderFeedbackReport(report));
    } catch (error) {
      logSlackFailure(deps.logger, 'posting feedback to FEEDBACK_CHANNEL', error, {
        channel: deps.feedbackChannel,
      });
    }
  };
}
