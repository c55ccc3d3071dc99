import { describe, expect, it } from 'vitest';
import {
  actions,
  button,
  context,
  divider,
  fields,
  fitMessageBlocks,
  header,
  section,
} from '../../../src/render/blocks/kit.js';
import { blocksTextLength, SLACK_LIMITS } from '../../../src/render/limits.js';
import { blockViolations, slackLimitViolations } from '../../helpers/block-limits.js';

describe('Block Kit helpers keep every block within Slack limits', () => {
  it('cuts over-long text, buttons, fields, contexts and actions to fit', () => {
    const long = 'x'.repeat(10_000);
    const cutSection = section(long, { accessory: button(long, 'hp_open_provider', long) });
    const cutFields = fields(Array.from({ length: 15 }, () => long));
    const cutContext = context(...Array.from({ length: 15 }, () => long));
    const cutActions = actions(Array.from({ length: 30 }, (_, i) => button(`B${i}`, `a${i}`, String(i))));
    const blocks = [header(long), cutSection, cutFields, cutContext, cutActions, divider()];
    // Each block within its own limits (a message's total text is fitMessageBlocks' business).
    expect(
      blockViolations(blocks as unknown as Array<Record<string, unknown>>, SLACK_LIMITS.blocksPerMessage),
    ).toEqual([]);
    expect(cutSection.text?.text.length).toBeGreaterThan(SLACK_LIMITS.sectionText - 5);
    expect(cutSection.text?.text.endsWith('…')).toBe(true);
    expect(cutFields.fields).toHaveLength(SLACK_LIMITS.sectionFields);
    expect(cutContext.elements).toHaveLength(SLACK_LIMITS.contextElements);
    expect(cutActions.elements).toHaveLength(SLACK_LIMITS.actionsElements);
  });

  it('fits a message in its blocks and total text: the body cut in order, a note, the tail whole', () => {
    const body = Array.from({ length: 8 }, (_, i) => section(`${i} ${'x'.repeat(2_990)}`));
    const tail = [context('Source: the table'), actions([button('Share in channel', 'hp_share', 'q')])];
    fitMessageBlocks(body, tail);
    const blocks = [...body, ...tail];
    expect(slackLimitViolations({ text: 'x', blocks })).toEqual([]);
    expect(blocksTextLength(blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocksText);
    expect(body.map((b) => (b.type === 'section' ? b.text?.text.slice(0, 1) : b.type))).toEqual([
      '0',
      '1',
      '2',
      'context',
    ]);
    expect(JSON.stringify(body.at(-1))).toContain('cut to fit');

    const many = Array.from({ length: 60 }, (_, i) => section(`row ${i}`));
    fitMessageBlocks(many, tail);
    expect(many).toHaveLength(SLACK_LIMITS.blocksPerMessage - tail.length);
    expect(JSON.stringify(many.at(-1))).toContain('cut to fit');

    const small = [section('splunk')];
    fitMessageBlocks(small, tail);
    expect(small).toEqual([section('splunk')]);
  });

  it('never cuts a mention, link or entity in two', () => {
    const text = `${'a'.repeat(SLACK_LIMITS.sectionText - 10)} <@U0BOB> &amp; <https://example.com|docs>`;
    const cut = section(text).text!.text;
    expect(cut.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(cut).toMatch(/a …$|a <@U0BOB> …$|a <@U0BOB> &amp; …$/);
  });

  it('makes buttons with the given action id, value and style, and leaves style out otherwise', () => {
    expect(button('Open', 'hp_open_provider', 'splunk')).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Open', emoji: true },
      action_id: 'hp_open_provider',
      value: 'splunk',
    });
    expect(button('Done', 'hp_tick_item', 'done', 'primary')).toMatchObject({ style: 'primary' });
  });
});
