import type { KnownBlock, ModalView } from '@slack/types';
import type { FeedbackAbout } from '../answer-view.js';
import { escapeMrkdwn, inlineCode, userMention } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_BLOCK_IDS } from './ids.js';
import { context, feedbackButtons, type SlackMessage, section } from './kit.js';
import { type FeedbackValue, feedbackValueCodec } from './payloads.js';

/** A filed report: the answer it is about, who filed it and when, and what they wrote. */
export interface FeedbackReport {
  query: string;
  providerIds: string[];
  userId: string;
  /** Seconds since the epoch. */
  at: number;
  text: string;
}

/** Feedback buttons for an answer (its view's `feedback`): 👍 / 👎, each carrying the query and the providers shown. */
export function feedbackBlock(feedback: FeedbackAbout): KnownBlock {
  const about = { q: feedback.query, p: [...feedback.providerIds] };
  return feedbackButtons(
    ACTION_IDS.feedback,
    feedbackValueCodec.encode({ v: 'good', ...about }),
    feedbackValueCodec.encode({ v: 'bad', ...about }),
  );
}

/** The "what was wrong?" modal a 👎 opens; it carries the answer it is about in private_metadata. */
export function renderFeedbackModal(value: FeedbackValue): ModalView {
  const metadata = feedbackValueCodec.encode({ ...value, v: 'bad' });
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.feedbackModal,
    private_metadata: truncate(metadata, SLACK_LIMITS.privateMetadata),
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        value.q
          ? `About the answer to ${inlineCode(value.q)}. The catalog's maintainers read every report.`
          : "The catalog's maintainers read every report.",
      ),
      {
        type: 'input',
        block_id: INPUT_BLOCK_IDS.feedbackText,
        label: { type: 'plain_text', text: 'What was wrong, or missing?' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION_IDS.feedbackText,
          multiline: true,
          max_length: 2000,
          placeholder: { type: 'plain_text', text: 'e.g. Nexus 3 also needs port 8081' },
        },
      },
    ],
  };
}

/** The report as the maintainers' channel gets it. */
export function renderFeedbackReport(report: FeedbackReport): SlackMessage {
  const providers = report.providerIds.length ? report.providerIds.map(inlineCode).join(', ') : '_none_';
  const when = new Date(report.at * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const quoted = escapeMrkdwn(report.text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return {
    text: escapeMrkdwn(truncate(`Feedback on "${report.query}": ${report.text}`, 3000)),
    blocks: [
      section(`:thumbsdown: *An answer was reported wrong* by ${userMention(report.userId)}`),
      section(
        `*Query:* ${report.query ? inlineCode(report.query) : '_none_'}\n*Providers answered:* ${providers}`,
      ),
      section(quoted || '_no text_'),
      context(`<!date^${report.at}^{date_short_pretty} at {time}|${when} UTC>`),
    ],
  };
}
