import type { KnownBlock, ModalView } from '@slack/types';
import type { Answer } from '../../engine/types.js';
import { escapeMrkdwn, inlineCode, userMention } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_BLOCK_IDS, PROVIDER_ID } from './ids.js';
import { context, feedbackButtons, type SlackMessage, section } from './kit.js';

/** What a feedback button carries: which button, the query, and the ids of the providers answered. */
export interface FeedbackValue {
  v: 'good' | 'bad';
  q: string;
  p: string[];
}

/** A filed report: the answer it is about, who filed it and when, and what they wrote. */
export interface FeedbackReport {
  query: string;
  providerIds: string[];
  userId: string;
  /** Seconds since the epoch. */
  at: number;
  text: string;
}

/** Shrinks the query, then the provider list, until the value's JSON fits a button value. */
function encode(value: FeedbackValue): string {
  let { q, p } = value;
  q = truncate(q, 500);
  const json = () => JSON.stringify({ v: value.v, q, p });
  let encoded = json();
  while (encoded.length > SLACK_LIMITS.buttonValue && p.length > 0) {
    p = p.slice(0, p.length >> 1);
    encoded = json();
  }
  while (encoded.length > SLACK_LIMITS.buttonValue) {
    q = truncate(q, q.length >> 1);
    encoded = json();
  }
  return encoded;
}

/** Feedback buttons for an answer: 👍 / 👎, each carrying the query and the providers shown. */
export function feedbackBlock(result: Answer): KnownBlock {
  const about = { q: result.query, p: result.matches.map((m) => m.provider.id) };
  return feedbackButtons(
    ACTION_IDS.feedback,
    encode({ v: 'good', ...about }),
    encode({ v: 'bad', ...about }),
  );
}

/** Reads a feedback button's value back; undefined for anything not made by feedbackBlock. */
export function parseFeedbackValue(raw: string | undefined): FeedbackValue | undefined {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (!parsed || typeof parsed !== 'object') return undefined;
    const { v, q, p } = parsed as Record<string, unknown>;
    if ((v !== 'good' && v !== 'bad') || typeof q !== 'string' || !Array.isArray(p)) return undefined;
    const ids = p.filter((id): id is string => typeof id === 'string' && PROVIDER_ID.test(id));
    return { v, q, p: ids };
  } catch {
    return undefined;
  }
}

/** The "what was wrong?" modal a 👎 opens; it carries the answer it is about in private_metadata. */
export function renderFeedbackModal(value: FeedbackValue): ModalView {
  const metadata = encode({ ...value, v: 'bad' });
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
