import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../src/render/limits.js';
import { slackLimitViolations, utf16Length, viewLimitViolations } from './block-limits.js';

/** The checker every renderer test relies on says what is wrong: a checker that passes anything tests nothing. */
describe("the Block Kit limits checker (tests' helper)", () => {
  const section = (text: string, block_id?: string) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
    ...(block_id ? { block_id } : {}),
  });

  it('passes a message within the limits', () => {
    expect(slackLimitViolations({ text: 'Splunk', blocks: [section('Splunk: TCP 8089')] })).toEqual([]);
  });

  it('names every limit a message passes, counting characters as code points', () => {
    const long = 'x'.repeat(SLACK_LIMITS.sectionText + 1);
    const emoji = '🚀'.repeat(SLACK_LIMITS.sectionText); // 2 UTF-16 units each, one character for Slack
    const problems = slackLimitViolations({
      text: '',
      blocks: [
        section(long, 'a'),
        section(emoji, 'a'),
        section(''),
        { type: 'header', text: { type: 'mrkdwn', text: 'Header' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'x',
              text: { type: 'plain_text', text: 'Go' },
              value: 'v'.repeat(SLACK_LIMITS.buttonValue + 1),
            },
          ],
        },
        { type: 'carousel' },
      ],
    });
    expect(problems).toEqual([
      'top-level text is missing',
      // 3,001 + 3,000 rockets (as the renderers count them: UTF-16, the most Slack could count) + …
      `11010 characters of text in the blocks (max ${SLACK_LIMITS.messageBlocksText})`,
      `block 0 (section): text ${SLACK_LIMITS.sectionText + 1} chars (max ${SLACK_LIMITS.sectionText})`,
      'block 1 (section): duplicate block_id a',
      'block 2 (section): empty text',
      'block 3 (header): header must be plain_text',
      'block 4 (actions) element 0: button value too long',
      'block 5 (carousel): unexpected block type',
    ]);
  });

  it('counts in UTF-16 units when asked: the most Slack could count', () => {
    const rockets = { text: 'r', blocks: [section('🚀'.repeat(SLACK_LIMITS.sectionText))] };
    expect(slackLimitViolations(rockets)).toEqual([]);
    expect(slackLimitViolations(rockets, utf16Length)).toEqual([
      `block 0 (section): text ${2 * SLACK_LIMITS.sectionText} chars (max ${SLACK_LIMITS.sectionText})`,
    ]);
  });

  it('counts blocks, and a view’s title', () => {
    const blocks = Array.from({ length: SLACK_LIMITS.blocksPerMessage + 1 }, (_, i) => section(`${i}`));
    expect(slackLimitViolations({ text: 't', blocks })).toContain(
      `${blocks.length} blocks (max ${SLACK_LIMITS.blocksPerMessage})`,
    );
    expect(
      viewLimitViolations({
        type: 'modal',
        title: { type: 'plain_text', text: 't'.repeat(SLACK_LIMITS.modalTitle + 1) },
        blocks: [],
      }),
    ).toEqual([`title: ${SLACK_LIMITS.modalTitle + 1} chars (1-${SLACK_LIMITS.modalTitle})`]);
  });
});
