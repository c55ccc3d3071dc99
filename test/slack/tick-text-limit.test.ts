import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/catalog/schema.js';
import { buildChecklist, checklistItems } from '../../src/engine/checklist.js';
import { renderChecklistItemMessages } from '../../src/render/blocks/checklist.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { blocksTextLength, SLACK_LIMITS } from '../../src/render/limits.js';
import { providerById, realCatalog } from '../helpers/catalog.js';
import { forgedItemClick, postSigned } from '../helpers/slack.js';
import { useTestApp } from './support.js';

/**
 * A checklist click redraws the whole item message from the items the payload lists. The bot packs
 * its own item messages to stay within a message's total text with every item ticked; a forged
 * payload listing more long items than that gets no chat.update (Slack would answer
 * msg_blocks_too_long), through the real app with signed requests.
 */
const wordy: Provider = {
  ...providerById('jenkins'),
  id: 'wordy',
  name: 'Wordy Artifact Store',
  aliases: ['wordy'],
  permissions: Array.from(
    { length: 39 },
    (_, i) => `Permission ${i}: ${'read the release repositories and their metadata '.repeat(6)}`,
  ),
};
const catalog = { ...realCatalog(), providers: [...realCatalog().providers, wordy] };
const t = useTestApp(catalog, { now: () => 1732561234 });
const CHANNEL = 'C0CHANNEL';

/** A click on a message of its own (`ts`): the app keeps each message's checklist state between tests. */
const clickOn = (blockIds: string[], ts: string) =>
  forgedItemClick(
    blockIds,
    { type: 'message', user: 'U0BOT', bot_id: 'B0BOT', ts, text: 'Checklist' },
    CHANNEL,
  );

describe('a checklist click whose redraw would pass a message’s total text', () => {
  const ids = checklistItems(wordy).map((item) => itemBlockId(wordy.id, item.key));

  it('is what the bot never posts: its own item messages for this provider split by text', () => {
    const messages = renderChecklistItemMessages(buildChecklist([wordy]), itemBlockId);
    expect(ids.length + 2).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocksText);
    }
  });

  it('leaves a forged message listing all its items alone, with a warning', async () => {
    const response = await postSigned(
      t.running.baseUrl,
      clickOn(ids, '1732560001.000100'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    // settle() fails on any Slack call nothing expected: no chat.update.
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
    expect(
      t.running.logs.some(
        (l) => l.includes('"level":"warn"') && l.includes('more than one message may hold'),
      ),
    ).toBe(true);
  });

  it('still redraws a message the bot could have posted: its first item message', async () => {
    t.slack.api('chat.update', (args) => ({ ok: true, channel: args.channel, ts: args.ts }));
    const [first] = renderChecklistItemMessages(buildChecklist([wordy]), itemBlockId);
    const firstIds = first!.blocks.flatMap((b) => (b.block_id?.startsWith('hp_item:') ? [b.block_id] : []));
    await postSigned(
      t.running.baseUrl,
      clickOn(firstIds, '1732560002.000100'),
      'application/x-www-form-urlencoded',
    );
    await t.slack.settle(t.running.bot);
    const update = t.slack.calls.at(-1)!;
    expect(update.method).toBe('chat.update');
    expect(blocksTextLength(update.args.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocksText);
  });
});
