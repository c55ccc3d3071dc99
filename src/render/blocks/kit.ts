import type {
  ActionsBlock,
  Button,
  ContextActionsBlock,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextOption,
  SectionBlock,
  TableBlock,
} from '@slack/types';
import { userMention } from '../escape.js';
import { blocksTextLength, SLACK_LIMITS, truncate, truncateMrkdwn } from '../limits.js';

/** Small typed Block Kit builders. Text given here must already be escaped where it is mrkdwn. */

export interface SlackMessage {
  /** Fallback for notifications and screen readers: always set. */
  text: string;
  blocks: KnownBlock[];
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.contextText) };
}

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.headerText), emoji: true },
  };
}

export function section(
  text: string,
  extra: Partial<Omit<SectionBlock, 'type' | 'text'>> = {},
): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.sectionText) },
    ...extra,
  };
}

export function fields(texts: string[]): SectionBlock {
  return {
    type: 'section',
    fields: texts.slice(0, SLACK_LIMITS.sectionFields).map((text) => ({
      type: 'mrkdwn' as const,
      text: truncateMrkdwn(text, SLACK_LIMITS.sectionFieldText),
    })),
  };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, SLACK_LIMITS.contextElements).map(mrkdwn) };
}

/** "Shared by @user" under anything a user shared in a channel (an answer, rules, snippets): written here only. */
export function sharedByBlocks(user: string | undefined): ContextBlock[] {
  return user ? [context(`Shared by ${userMention(user)}`)] : [];
}

/** An option of a select or of checkboxes: plain text and a value, each within Slack's limits. */
export function option(text: string, value: string): PlainTextOption {
  return {
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.selectOptionText) },
    value: truncate(value, SLACK_LIMITS.optionValue),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: truncate(value, SLACK_LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(elements: ActionsBlock['elements'], blockId?: string): ActionsBlock {
  return {
    type: 'actions',
    elements: elements.slice(0, SLACK_LIMITS.actionsElements),
    ...(blockId ? { block_id: truncate(blockId, SLACK_LIMITS.blockId) } : {}),
  };
}

/**
 * A table block (docs.slack.dev/reference/block-kit/blocks/table-block): a header row, then rows of
 * plain cells (`raw_text`, so nothing in them is read as mrkdwn). Undefined when the rows do not fit
 * Slack's limits (100 rows including the header, 20 cells a row): the caller then shows its mrkdwn
 * fallback instead of a cut table.
 */
export function table(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: ReadonlyArray<'left' | 'center' | 'right'> = [],
): TableBlock | undefined {
  if (rows.length + 1 > SLACK_LIMITS.tableRows || header.length > SLACK_LIMITS.tableCells) return undefined;
  if (rows.some((row) => row.length !== header.length)) return undefined;
  const cell = (text: string) => ({ type: 'raw_text' as const, text: text || '–' });
  return {
    type: 'table',
    rows: [header, ...rows].map((row) => row.map(cell)),
    ...(align.length
      ? {
          column_settings: align
            .slice(0, SLACK_LIMITS.tableCells)
            .map((a) => ({ align: a, is_wrapped: true })),
        }
      : {}),
  };
}

/**
 * Slack's feedback buttons under an answer (a `context_actions` block with a `feedback_buttons`
 * element, as in bolt-js's agent samples). Both buttons share one action id; their values say which
 * was pressed and carry what the answer was about.
 */
export function feedbackButtons(actionId: string, good: string, bad: string): ContextActionsBlock {
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: actionId,
        positive_button: {
          text: { type: 'plain_text', text: '👍' },
          accessibility_label: 'This answer was right',
          value: truncate(good, SLACK_LIMITS.buttonValue),
        },
        negative_button: {
          text: { type: 'plain_text', text: '👎' },
          accessibility_label: 'Something in this answer was wrong',
          value: truncate(bad, SLACK_LIMITS.buttonValue),
        },
      },
    ],
  };
}

const CUT_NOTICE = '…cut to fit in one Slack message.';

/**
 * Cuts a message's body, in place, so that with its tail (what must stay: sources, buttons) it stays
 * within a message's 50 blocks and its total text (Slack refuses more with msg_blocks_too_long): the
 * body's blocks that fit are kept in order, and a note says the rest was cut.
 */
export function fitMessageBlocks(body: KnownBlock[], tail: readonly KnownBlock[]): void {
  const blockRoom = SLACK_LIMITS.blocksPerMessage - tail.length;
  const textRoom = SLACK_LIMITS.messageBlocksText - blocksTextLength(tail);
  if (body.length <= blockRoom && blocksTextLength(body) <= textRoom) return;
  let text = CUT_NOTICE.length;
  let kept = 0;
  while (kept < Math.min(body.length, blockRoom - 1)) {
    text += blocksTextLength(body[kept]);
    if (text > textRoom) break;
    kept++;
  }
  body.splice(kept, body.length, context(CUT_NOTICE));
}
