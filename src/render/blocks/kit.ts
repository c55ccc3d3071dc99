import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import { SLACK_LIMITS, truncate, truncateMrkdwn } from '../limits.js';

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
