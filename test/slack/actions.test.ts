import type { KnownBlock } from '@slack/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { buildChecklist, checklistItems } from '../../src/engine/checklist.js';
import { renderAnswerMessage, renderProviderMessage } from '../../src/render/blocks/answer.js';
import { renderChecklistItemMessages } from '../../src/render/blocks/checklist.js';
import type { SlackMessage } from '../../src/render/blocks/kit.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { SLACK_LIMITS } from '../../src/render/limits.js';
import { OLDER_PAYLOAD } from '../../src/slack/payloads.js';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { providerById, realCatalog } from '../helpers/catalog.js';
import { blockActionsBody, buttonClick, forgedItemClick, postSigned } from '../helpers/slack.js';
import { asStored, blocksText, buttonsOf, expectBotToken, press, useTestApp } from './support.js';

const catalog = realCatalog();
/** The pinned clock: every tick is recorded at this second. */
const NOW = 1732561234;
const RESPONSE_PATH = '/actions/T0001/2/def';
const t = useTestApp(catalog, { now: () => NOW });

async function click(body: string) {
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

describe('"Share in channel"', () => {
  const ephemeral = (query: string) =>
    asStored(
      renderAnswerMessage(answer(query, catalog), { surface: 'ephemeral', command: '/harness-ports' }).blocks,
    );

  it('posts the same card for everyone through the response URL, says who shared it, then removes the private copy', async () => {
    t.slack.responseUrl(RESPONSE_PATH, 2);
    await click(blockActionsBody(press(ephemeral('splunk'), 'hp_share'), { isEphemeral: true }));

    expect(t.slack.calls).toEqual([]);
    expect(t.slack.responses.map((r) => r.path)).toEqual([RESPONSE_PATH, RESPONSE_PATH]);
    const [shared, removal] = t.slack.responses.map((r) => r.body);
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(shared!.thread_ts).toBeUndefined();
    expect(shared!.text).toBe('Delegate permissions and ports: Splunk and Splunk connector');
    const text = blocksText(shared!.blocks);
    expect(text).toContain('*Splunk*');
    expect(text).toContain('`TCP 8089` Splunk REST API');
    expect(text).toContain('http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88');
    expect(text).toContain('Shared by <@U0BOB>');
    expect(buttonsOf(shared!.blocks)).toEqual([
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'splunk' },
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'splunk-connector' },
    ]);
    expect(slackLimitViolations(shared!)).toEqual([]);
    expect(removal).toEqual({ delete_original: true });
  });

  it('shares an answer given in a thread back into that thread', async () => {
    t.slack.responseUrl(RESPONSE_PATH, 2);
    const blocks = asStored(
      renderAnswerMessage(answer('nexus', catalog), {
        surface: 'ephemeral',
        command: '/harness-ports',
        threadTs: '1732559000.000001',
      }).blocks,
    );
    await click(blockActionsBody(press(blocks, 'hp_share'), { isEphemeral: true }));
    expect(t.slack.responses[0]!.body).toMatchObject({
      response_type: 'in_channel',
      thread_ts: '1732559000.000001',
    });
    expect(blocksText(t.slack.responses[0]!.body.blocks)).toContain('`TCP 8081`');
  });

  it("shares one provider's card as that card, not both editions a search for its name would show", async () => {
    t.slack.responseUrl(RESPONSE_PATH, 2);
    const nexus = providerById('nexus');
    const blocks = asStored(
      renderProviderMessage(nexus, { surface: 'ephemeral', command: '/harness-ports' }).blocks,
    );
    await click(blockActionsBody(press(blocks, 'hp_share'), { isEphemeral: true }));
    const shared = t.slack.responses[0]!.body;
    expect(shared.text).toBe('Delegate permissions and ports: Nexus');
    expect(blocksText(shared.blocks)).toContain('`TCP 8081`');
    expect(blocksText(shared.blocks)).not.toContain('Nexus 3 connector');
  });

  it('keeps a shared list of providers a list, with its "Open" buttons', async () => {
    t.slack.responseUrl(RESPONSE_PATH, 2);
    await click(blockActionsBody(press(ephemeral('aws'), 'hp_share'), { isEphemeral: true }));
    const shared = t.slack.responses[0]!.body;
    expect(blocksText(shared.blocks)).toContain('*AWS*: 6 providers.');
    expect(buttonsOf(shared.blocks).map((b) => b.action_id)).toEqual([
      ...Array(6).fill('hp_open_provider'),
      'hp_permission_snippets',
    ]);
  });

  it('tells the presser privately, and shares nothing, when a share button carries a value it cannot read', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    const logged = t.running.logs.length;
    await click(
      blockActionsBody(
        {
          type: 'button',
          action_id: 'hp_share',
          block_id: 'Slk1',
          value: 'not json',
          text: { type: 'plain_text', text: 'Share in channel' },
        },
        { isEphemeral: true },
      ),
    );
    expect(t.slack.responses.map((r) => r.body)).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: OLDER_PAYLOAD },
    ]);
    expect(t.running.logs.slice(logged).filter((line) => line.includes('does not read'))).toHaveLength(1);
  });

  it('tells the user privately when the response URL refuses the post', async () => {
    t.slack.responseUrl(RESPONSE_PATH, 1, 404);
    t.slack.responseUrl(RESPONSE_PATH, 1);
    await click(blockActionsBody(press(ephemeral('splunk'), 'hp_share'), { isEphemeral: true }));
    expect(t.slack.responses.map((r) => r.body.response_type)).toEqual(['in_channel', 'ephemeral']);
    expect(t.slack.responses[1]!.body.text).toContain('Please try again');
  });
});

describe('"Open" on a provider', () => {
  it('replaces a private list with the provider card', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    const list = asStored(
      renderAnswerMessage(answer('443', catalog), { surface: 'ephemeral', command: '/harness-ports' }).blocks,
    );
    await click(blockActionsBody(press(list, 'hp_open_provider', 'jenkins'), { isEphemeral: true }));

    expect(t.slack.calls).toEqual([]);
    const [card] = t.slack.responses.map((r) => r.body);
    expect(card).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(card!.text).toBe('Delegate permissions and ports: Jenkins');
    const text = blocksText(card!.blocks);
    expect(text).toContain('*Jenkins*');
    expect(text).toContain('`HTTPS 443` Jenkins over HTTPS');
    expect(text).toContain('https://www.jenkins.io/doc/book/security/managing-security/');
    expect(buttonsOf(card!.blocks)).toEqual([
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'jenkins' },
      {
        text: 'Share in channel',
        action_id: 'hp_share',
        value: JSON.stringify({ q: 'jenkins', p: 'jenkins' }),
      },
    ]);
    expect(slackLimitViolations(card!)).toEqual([]);
  });

  it('answers a click in a public thread with a private card in that thread (chat.postEphemeral)', async () => {
    t.slack.api('chat.postEphemeral', { ok: true, message_ts: '1732560000.001000' });
    const reply = renderAnswerMessage(answer('aws', catalog), {
      surface: 'public',
      command: '/harness-ports',
    });
    const message = {
      type: 'message' as const,
      user: 'U0BOT',
      bot_id: 'B0BOT',
      ts: '1732560000.000500',
      thread_ts: '1732560000.000100',
      text: reply.text,
      blocks: asStored(reply.blocks),
    };
    await click(
      blockActionsBody(press(message.blocks, 'hp_open_provider', 'aws-s3'), {
        message,
        threadTs: '1732560000.000100',
      }),
    );

    expectBotToken(t.slack.calls);
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.user, c.args.thread_ts])).toEqual([
      ['chat.postEphemeral', 'C0CHANNEL', 'U0BOB', '1732560000.000100'],
    ]);
    const card = t.slack.calls[0]!.args;
    expect(blocksText(card.blocks)).toContain(`*${providerById('aws-s3').name}*`);
    // Its share button shares into the same thread.
    expect(buttonsOf(card.blocks)).toEqual([
      { text: 'Firewall rules', action_id: 'hp_firewall_rules', value: 'aws-s3' },
      {
        text: 'Share in channel',
        action_id: 'hp_share',
        value: JSON.stringify({ q: 'aws-s3', t: '1732560000.000100', p: 'aws-s3' }),
      },
      { text: 'Permission snippets', action_id: 'hp_permission_snippets', value: 'aws-s3' },
    ]);
    expect(slackLimitViolations(card)).toEqual([]);
  });

  it('opens the provider picked in the full list menu', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    await click(
      blockActionsBody(
        {
          type: 'static_select',
          action_id: 'hp_open_provider_select',
          block_id: 'Slk9',
          selected_option: { text: { type: 'plain_text', text: 'Splunk' }, value: 'splunk' },
          placeholder: { type: 'plain_text', text: 'Open a provider…' },
        },
        { isEphemeral: true },
      ),
    );
    expect(blocksText(t.slack.responses[0]!.body.blocks)).toContain('`TCP 8089` Splunk REST API');
  });

  it('says so when the provider is gone from the catalog', async () => {
    t.slack.responseUrl(RESPONSE_PATH);
    await click(
      blockActionsBody(
        {
          type: 'button',
          action_id: 'hp_open_provider',
          block_id: 'Slk1',
          value: 'mongodb',
          text: { type: 'plain_text', text: 'Open' },
        },
        { isEphemeral: true },
      ),
    );
    expect(t.slack.responses.map((r) => r.body)).toEqual([
      {
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That provider is no longer in the catalog.',
      },
    ]);
  });

  it('gives every provider a card whose share button names that same provider', () => {
    for (const provider of [...catalog.providers, ...catalog.connectors]) {
      const card = renderProviderMessage(provider, { surface: 'ephemeral', command: '/harness-ports' });
      const share = buttonsOf(card.blocks).find((b) => b.action_id === 'hp_share');
      expect(JSON.parse(share?.value ?? '{}'), provider.id).toEqual({ q: provider.id, p: provider.id });
    }
  });
});

describe('ticking checklist items (state kept in the message)', () => {
  const CHANNEL = 'C0CHANNEL';
  /** Each test ticks its own item message (the bot keeps the latest state of every message it redrew). */
  let itemsTs = '';
  let messageCount = 0;
  beforeEach(() => {
    messageCount += 1;
    itemsTs = `1732560001.${String(messageCount).padStart(6, '0')}`;
  });
  const SUMMARY_TS = '1732560000.000900';
  const providers = ['splunk', 'jenkins', 'nexus'].map(providerById);
  const [firstItems] = renderChecklistItemMessages(buildChecklist(providers), itemBlockId);
  const itemCount = firstItems!.blocks.filter((b) => b.block_id?.startsWith('hp_item:')).length;

  /** The item message as Slack holds it, and sends it back with a click. */
  const itemMessage = (blocks: unknown[]) => ({
    type: 'message' as const,
    user: 'U0BOT',
    bot_id: 'B0BOT',
    ts: itemsTs,
    thread_ts: SUMMARY_TS,
    text: 'Checklist',
    blocks: asStored(blocks),
  });

  /** Clicks the button of one item as `userId`; returns what chat.update redrew. */
  async function tick(blocks: unknown[], blockIdPrefix: string, userId: string): Promise<SlackMessage> {
    t.slack.api('chat.update', (args) => ({ ok: true, channel: args.channel, ts: args.ts }));
    const message = itemMessage(blocks);
    const block = message.blocks.find((b) => String(b.block_id).startsWith(blockIdPrefix));
    if (!block) throw new Error(`no item ${blockIdPrefix}`);
    await click(
      blockActionsBody(buttonClick(block.accessory, block.block_id), {
        userId,
        message,
        channel: CHANNEL,
        threadTs: SUMMARY_TS,
      }),
    );
    const update = t.slack.calls.at(-1)!;
    expect([update.method, update.args.channel, update.args.ts]).toEqual(['chat.update', CHANNEL, itemsTs]);
    expect(update.args.thread_ts).toBeUndefined();
    const redrawn = { text: String(update.args.text), blocks: update.args.blocks as KnownBlock[] };
    expect(slackLimitViolations(redrawn)).toEqual([]);
    return redrawn;
  }

  const itemBlock = (message: SlackMessage, prefix: string) =>
    message.blocks.find((b) => b.block_id?.startsWith(prefix)) as
      | { block_id: string; text: { text: string }; accessory: { text: { text: string } } }
      | undefined;

  it('has several items for splunk, jenkins and nexus, all open', () => {
    expect(itemCount).toBeGreaterThanOrEqual(6);
    expect(blocksText(firstItems!.blocks)).toContain(`*0 of ${itemCount} done*`);
  });

  it('marks an item done by whoever clicked, at the time of the click, and counts it', async () => {
    const updated = await tick(firstItems!.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    expectBotToken(t.slack.calls);
    const splunkPort = itemBlock(updated, 'hp_item:splunk:port-0')!;
    expect(splunkPort.block_id).toBe(`hp_item:splunk:port-0:U0BOB:${NOW}`);
    expect(splunkPort.text.text).toContain(
      ':white_check_mark: ~Allow the Delegate to reach Splunk on TCP 8089~',
    );
    expect(splunkPort.text.text).toContain(`<@U0BOB> · <!date^${NOW}^`);
    expect(splunkPort.accessory.text.text).toBe('Undo');
    expect(blocksText(updated.blocks)).toContain(`*1 of ${itemCount} done*`);
    expect(updated.text).toContain(`1 of ${itemCount} done`);
    // The other items are untouched.
    expect(itemBlock(updated, 'hp_item:nexus:port-0')!.block_id).toBe('hp_item:nexus:port-0');
    expect(itemBlock(updated, 'hp_item:nexus:port-0')!.text.text).toContain(':white_large_square:');
  });

  it('unticks an item when "Undo" is pressed on the updated message', async () => {
    const ticked = await tick(firstItems!.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const unticked = await tick(ticked.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const splunkPort = itemBlock(unticked, 'hp_item:splunk:port-0')!;
    expect(splunkPort.block_id).toBe('hp_item:splunk:port-0');
    expect(splunkPort.text.text).toContain(
      ':white_large_square: Allow the Delegate to reach Splunk on TCP 8089',
    );
    expect(splunkPort.accessory.text.text).toBe('Done');
    expect(blocksText(unticked.blocks)).toContain(`*0 of ${itemCount} done*`);
  });

  it('keeps ticks by two people on two items, reading the first tick back from the message', async () => {
    const byBob = await tick(firstItems!.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const byBoth = await tick(byBob.blocks, 'hp_item:nexus:port-0', 'U0CAROL');
    expect(itemBlock(byBoth, 'hp_item:splunk:port-0')!.block_id).toBe(`hp_item:splunk:port-0:U0BOB:${NOW}`);
    expect(itemBlock(byBoth, 'hp_item:nexus:port-0')!.block_id).toBe(`hp_item:nexus:port-0:U0CAROL:${NOW}`);
    const text = blocksText(byBoth.blocks);
    expect(text).toContain('<@U0BOB>');
    expect(text).toContain('<@U0CAROL>');
    expect(text).toContain(`*2 of ${itemCount} done*`);
  });

  /** A click whose button is the one the clicker saw, on a message Slack has since updated. */
  async function staleClick(seen: unknown[], current: unknown[], blockIdPrefix: string, userId: string) {
    t.slack.api('chat.update', (args) => ({ ok: true, channel: args.channel, ts: args.ts }));
    const seenBlock = asStored(seen).find((b) => String(b.block_id).startsWith(blockIdPrefix))!;
    const message = itemMessage(current);
    await click(
      blockActionsBody(buttonClick(seenBlock.accessory, seenBlock.block_id), {
        userId,
        message,
        channel: CHANNEL,
      }),
    );
    const update = t.slack.calls.at(-1)!;
    return { text: String(update.args.text), blocks: update.args.blocks as KnownBlock[] };
  }

  it('keeps the first tick when a second "Done" arrives for an item already done (double click, stale view)', async () => {
    const byBob = await tick(firstItems!.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const after = await staleClick(firstItems!.blocks, byBob.blocks, 'hp_item:splunk:port-0', 'U0CAROL');
    expect(itemBlock(after, 'hp_item:splunk:port-0')!.block_id).toBe(`hp_item:splunk:port-0:U0BOB:${NOW}`);
    expect(blocksText(after.blocks)).not.toContain('<@U0CAROL>');
    expect(blocksText(after.blocks)).toContain(`*1 of ${itemCount} done*`);
  });

  it('leaves an item open when a stale "Undo" arrives after someone already undid it', async () => {
    const byBob = await tick(firstItems!.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const undone = await tick(byBob.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const after = await staleClick(byBob.blocks, undone.blocks, 'hp_item:splunk:port-0', 'U0CAROL');
    expect(itemBlock(after, 'hp_item:splunk:port-0')!.block_id).toBe('hp_item:splunk:port-0');
    expect(blocksText(after.blocks)).toContain(`*0 of ${itemCount} done*`);
  });

  it('still toggles items of messages posted before the buttons said "done" or "undo"', async () => {
    const legacy = (blocks: unknown[]) =>
      asStored(blocks).map((block) => {
        const accessory = block.accessory as Record<string, unknown> | undefined;
        if (accessory?.action_id !== 'hp_tick_item') return block;
        const [, provider, item] = String(block.block_id).split(':');
        return { ...block, accessory: { ...accessory, value: `${provider}:${item}` } };
      });
    const ticked = await tick(legacy(firstItems!.blocks), 'hp_item:nexus:port-0', 'U0BOB');
    expect(itemBlock(ticked, 'hp_item:nexus:port-0')!.block_id).toBe(`hp_item:nexus:port-0:U0BOB:${NOW}`);
    const unticked = await tick(legacy(ticked.blocks), 'hp_item:nexus:port-0', 'U0BOB');
    expect(itemBlock(unticked, 'hp_item:nexus:port-0')!.block_id).toBe('hp_item:nexus:port-0');
  });

  it('celebrates when every item is done', async () => {
    let blocks: unknown[] = firstItems!.blocks;
    const ids = firstItems!.blocks.flatMap((b) => (b.block_id?.startsWith('hp_item:') ? [b.block_id] : []));
    for (const id of ids) blocks = (await tick(blocks, id, 'U0BOB')).blocks;
    expect(blocksText(blocks)).toContain(
      `:tada: *All ${itemCount} items done* for Splunk, Jenkins and Nexus`,
    );
  });

  /** Every item the real catalog's checklists have, one per provider in turn (so no two neighbours share one). */
  function interleavedItemBlockIds(count: number): string[] {
    const perProvider = catalog.providers.map((p) =>
      checklistItems(p).map((item) => itemBlockId(p.id, item.key)),
    );
    const ids: string[] = [];
    for (let round = 0; ids.length < count; round++) {
      const before = ids.length;
      for (const items of perProvider) if (items[round] && ids.length < count) ids.push(items[round]!);
      if (ids.length === before) throw new Error(`the catalog has fewer than ${count} checklist items`);
    }
    return ids;
  }

  /** A click on the first item of a message whose item blocks are whatever the (forged) payload says. */
  const forgedClick = (blockIds: string[]) => forgedItemClick(blockIds, itemMessage([]), CHANNEL);

  it('never sends more than 50 blocks, whatever items a forged payload lists: it leaves that message alone', async () => {
    const ids = interleavedItemBlockIds(SLACK_LIMITS.blocksPerMessage);
    expect(new Set(ids.map((id) => id.split(':')[1])).size).toBeGreaterThan(10);
    // No chat.update is expected: settle() fails on any Slack call nothing expected.
    await click(forgedClick(ids));
    expect(t.slack.calls).toEqual([]);
    expect(
      t.running.logs.some(
        (l) => l.includes('"level":"warn"') && l.includes('more than one message may hold'),
      ),
    ).toBe(true);
  });

  it.each([
    ['300 characters long', `U${'A'.repeat(299)}`],
    ['with a colon (it would end the block id early)', 'U0BOB:1:2'],
    ['not a user id at all', '<!channel>'],
  ])('leaves the message alone when the clicker id is %s (a forged payload)', async (_what, userId) => {
    const message = itemMessage(firstItems!.blocks);
    // No chat.update is expected: settle() fails on any Slack call nothing expected.
    await click(
      blockActionsBody(press(message.blocks, 'hp_tick_item'), { message, channel: CHANNEL, userId }),
    );
    expect(t.slack.calls).toEqual([]);
    expect(
      t.running.logs.some(
        (l) => l.includes('"level":"warn"') && l.includes('checklist click from a user id'),
      ),
    ).toBe(true);
  });

  it('reads an item listed many times in a forged payload once', async () => {
    t.slack.api('chat.update', (args) => ({ ok: true, channel: args.channel, ts: args.ts }));
    await click(forgedClick(Array(SLACK_LIMITS.blocksPerMessage).fill('hp_item:splunk:port-0')));
    const update = t.slack.calls.at(-1)!;
    const redrawn = { text: String(update.args.text), blocks: update.args.blocks as KnownBlock[] };
    expect(slackLimitViolations(redrawn)).toEqual([]);
    expect(redrawn.blocks.map((b) => b.block_id ?? b.type)).toEqual([
      expect.anything(),
      expect.anything(),
      `hp_item:splunk:port-0:U0BOB:${NOW}`,
    ]);
    expect(blocksText(redrawn.blocks)).toContain('*All 1 items done*');
  });

  it('tells the clicker privately when the message can no longer be updated', async () => {
    t.slack.api('chat.update', { ok: false, error: 'message_not_found' });
    t.slack.responseUrl(RESPONSE_PATH);
    const message = itemMessage(firstItems!.blocks);
    await click(blockActionsBody(press(message.blocks, 'hp_tick_item'), { message, channel: CHANNEL }));
    expect(t.slack.calls.map((c) => c.method)).toEqual(['chat.update']);
    expect(t.slack.responses.map((r) => r.body)).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('try again') },
    ]);
  });
});
