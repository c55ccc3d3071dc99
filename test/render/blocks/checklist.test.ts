import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/catalog/schema.js';
import { buildChecklist } from '../../../src/engine/checklist.js';
import { type ChecklistState, entriesFromState, pressItem } from '../../../src/engine/checklist-state.js';
import {
  renderChecklistItemMessages,
  renderChecklistItemsMessage,
  renderChecklistSummary,
} from '../../../src/render/blocks/checklist.js';
import { ACTION_IDS } from '../../../src/render/blocks/ids.js';
import { itemBlockId, itemBlockIdCodec } from '../../../src/render/blocks/payloads.js';
import { SLACK_LIMITS } from '../../../src/render/limits.js';
import { readChecklistState } from '../../../src/slack/checklist-ids.js';
import { slackLimitViolations } from '../../helpers/block-limits.js';
import { providerById, realCatalog } from '../../helpers/catalog.js';

const catalog = realCatalog();
const COMMAND = '/harness-ports';
const THREE = ['splunk', 'jenkins', 'nexus'].map(providerById);
const AT = 1732561234;

const textOf = (block: KnownBlock): string =>
  block.type === 'section'
    ? (block.text?.text ?? '')
    : block.type === 'context'
      ? block.elements.map((e) => ('text' in e ? e.text : '')).join(' ')
      : '';
const itemIds = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.block_id?.startsWith('hp_item:') ? [b.block_id] : []));

/** A provider with many permissions, to push a checklist past one message. */
function bigProvider(id: string, permissions: number): Provider {
  return {
    ...providerById('jenkins'),
    id,
    name: `Big ${id}`,
    permissions: Array.from({ length: permissions }, (_, i) => `Permission ${i} of ${id}`),
  };
}

describe('the checklist summary', () => {
  it('names the providers and the distinct ports to open, in port order, and who started it', () => {
    const summary = renderChecklistSummary(buildChecklist(THREE), {
      command: COMMAND,
      requestedBy: 'U0ALICE',
    });
    expect(slackLimitViolations(summary)).toEqual([]);
    expect(summary.text).toBe('Harness Delegate checklist: Splunk, Jenkins and Nexus');
    expect(summary.blocks.map(textOf)).toEqual([
      expect.stringContaining(':clipboard: *Harness Delegate checklist: Splunk, Jenkins and Nexus*'),
      '*Ports to open (3 distinct)*\n• `HTTPS 443` Jenkins\n• `TCP 8081` Nexus\n• `TCP 8089` Splunk',
      'Started by <@U0ALICE> with `/harness-ports checklist splunk jenkins nexus` ' +
        'Source: <https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements|Permissions and Ports for Harness Connections> (FirstGen table)',
      '',
    ]);
    expect(summary.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Firewall rules', emoji: true },
          action_id: ACTION_IDS.firewallRules,
          value: 'splunk jenkins nexus',
        },
      ],
    });
  });

  it("flags a port no provider's source states, and names every page in the footer", () => {
    const providers = ['splunk', 'hashicorp-vault'].map(
      (id) => [...catalog.providers, ...catalog.connectors].find((p) => p.id === id)!,
    );
    const summary = renderChecklistSummary(buildChecklist(providers), { command: COMMAND });
    expect(slackLimitViolations(summary)).toEqual([]);
    const texts = summary.blocks.map(textOf);
    expect(texts[1]).toBe(
      "*Ports to open (2 distinct)*\n• `TCP 8089` Splunk\n• `HTTPS 8200` HashiCorp Vault _(the product's usual port, not stated by Harness)_",
    );
    const footer = texts.find((text) => text.startsWith('Made with '));
    expect(footer).toContain(
      '(FirstGen table) · <https://developer.harness.io/docs/platform/secrets/secrets-management/add-hashicorp-vault|',
    );
    expect(footer).toContain('|Add a HashiCorp Vault secret manager> (NextGen docs)');
  });

  it('lists every distinct port of the whole catalog without cutting any', () => {
    const checklist = buildChecklist(catalog.providers);
    const summary = renderChecklistSummary(checklist, { command: COMMAND });
    expect(slackLimitViolations(summary)).toEqual([]);
    const ports = summary.blocks.map(textOf).find((t) => t.startsWith('*Ports to open'))!;
    expect(ports).not.toContain('…');
    for (const port of checklist.ports) expect(ports).toContain(` ${port.port}\``);
    for (const provider of checklist.unfixedPorts) expect(ports).toContain(`• ${provider.name}: _`);
  });
});

describe('packing items into messages', () => {
  it('puts splunk, jenkins and nexus in one message: progress, then each provider and its items', () => {
    const messages = renderChecklistItemMessages(buildChecklist(THREE), itemBlockId);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(slackLimitViolations(message!)).toEqual([]);
    const texts = message!.blocks.map(textOf);
    expect(texts[0]).toMatch(/^\*0 of \d+ done\* for Splunk, Jenkins and Nexus\./);
    expect(texts[1]).toBe('*Splunk*  ·  Verification provider');
    expect(texts[2]).toBe(':white_large_square: Allow the Delegate to reach Splunk on TCP 8089');
    expect(message!.blocks[2]).toMatchObject({
      block_id: 'hp_item:splunk:port-0',
      accessory: { type: 'button', action_id: ACTION_IDS.tickItem, value: 'done', text: { text: 'Done' } },
    });
    expect(texts).toContain('*Jenkins*  ·  Artifact server');
    expect(texts).toContain(':white_large_square: Allow the Delegate to reach Nexus on TCP 8081');
  });

  it('packs the whole catalog into several messages of at most 50 blocks, every item once, in order', () => {
    const checklist = buildChecklist(catalog.providers);
    const messages = renderChecklistItemMessages(checklist, itemBlockId);
    expect(messages.length).toBeGreaterThan(1);
    const expected = checklist.sections.flatMap((s) =>
      s.items.map((item) => itemBlockId(s.provider.id, item.key)),
    );
    expect(messages.flatMap((m) => itemIds(m.blocks))).toEqual(expected);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(slackLimitViolations(message)).toEqual([]);
    }
  });

  it('packs long items by text too: every message stays within the total even with every item ticked', () => {
    // 40 items of about 600 characters: 41 blocks would fit one message, 24,000 characters would not.
    const wordy: Provider = {
      ...bigProvider('wordy', 39),
      permissions: Array.from(
        { length: 39 },
        (_, i) => `Permission ${i}: ${'read the release repositories '.repeat(20)}`,
      ),
    };
    const checklist = buildChecklist([wordy]);
    const messages = renderChecklistItemMessages(checklist, itemBlockId);
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.flatMap((m) => itemIds(m.blocks))).toEqual(
      checklist.sections[0]!.items.map((item) => itemBlockId('wordy', item.key)),
    );
    for (const message of messages) {
      let state = readChecklistState(message.blocks);
      for (const entry of state.entries) {
        state = pressItem(state, entry.providerId, entry.itemKey, 'toggle', {
          userId: 'U0123456789',
          at: AT,
        });
      }
      const ticked = renderChecklistItemsMessage(
        entriesFromState(state, { ...catalog, providers: [wordy] }),
        itemBlockId,
      );
      expect(
        ticked.blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith(':white_check_mark:')),
      ).toHaveLength(state.entries.length);
      expect(slackLimitViolations(message)).toEqual([]);
      expect(slackLimitViolations(ticked)).toEqual([]);
    }
  });

  it('keeps a provider that fits in one message together', () => {
    const messages = renderChecklistItemMessages(buildChecklist(catalog.providers), itemBlockId);
    const providersPerMessage = messages.map(
      (m) => new Set(itemIds(m.blocks).map((id) => itemBlockIdCodec.decode(id)!.providerId)),
    );
    for (const provider of catalog.providers) {
      expect(
        providersPerMessage.filter((set) => set.has(provider.id)).length,
        provider.id,
      ).toBeLessThanOrEqual(1);
    }
  });

  it("fills a message to exactly 50 blocks without moving a provider's last item to the next", () => {
    // Jenkins has one port, so 47 permissions make 48 items: progress + heading + 48 = 50 blocks.
    const exact = bigProvider('exact', 47);
    const messages = renderChecklistItemMessages(
      buildChecklist([exact, providerById('splunk')]),
      itemBlockId,
    );
    expect(messages.map((m) => m.blocks.length)).toEqual([
      50,
      1 + 1 + buildChecklist([providerById('splunk')]).sections[0]!.items.length,
    ]);
    expect(itemIds(messages[0]!.blocks).every((id) => id.startsWith('hp_item:exact:'))).toBe(true);
    expect(slackLimitViolations(messages[0]!)).toEqual([]);
  });

  it('splits a provider with more items than one message holds, each part under its own heading', () => {
    const big = bigProvider('huge', 120);
    const messages = renderChecklistItemMessages(
      buildChecklist([providerById('splunk'), big, providerById('nexus')]),
      itemBlockId,
    );
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const message of messages) {
      expect(slackLimitViolations(message)).toEqual([]);
      // Each message names the provider of its first item right before that item.
      const firstItem = message.blocks.findIndex((b) => b.block_id?.startsWith('hp_item:'));
      const providerId = itemBlockIdCodec.decode(message.blocks[firstItem]!.block_id!)!.providerId;
      const name = providerId === 'huge' ? big.name : providerById(providerId).name;
      expect(message.blocks[firstItem - 1]).toMatchObject({ type: 'context' });
      expect(textOf(message.blocks[firstItem - 1]!)).toContain(`*${name}*`);
    }
    const ids = messages.flatMap((m) => itemIds(m.blocks));
    expect(ids.filter((id) => id.startsWith('hp_item:huge:'))).toHaveLength(121);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays within limits for any mix of provider sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 12 }), (sizes) => {
        const providers = sizes.map((n, i) => bigProvider(`p${i}`, n));
        const checklist = buildChecklist(providers);
        const messages = renderChecklistItemMessages(checklist, itemBlockId);
        for (const message of messages) expect(slackLimitViolations(message)).toEqual([]);
        const total = checklist.sections.reduce((n, s) => n + s.items.length, 0);
        expect(messages.flatMap((m) => itemIds(m.blocks))).toHaveLength(total);
      }),
      { numRuns: 100 },
    );
  });
});

describe('redrawing a checklist from its state', () => {
  it('redraws a message from its state alone: ticks by two people, the count, and items gone from the catalog dropped', () => {
    const [message] = renderChecklistItemMessages(buildChecklist(THREE), itemBlockId);
    let state: ChecklistState = readChecklistState(message!.blocks);
    state = pressItem(state, 'splunk', 'port-0', 'done', { userId: 'U0BOB', at: AT });
    state = pressItem(state, 'nexus', 'port-0', 'done', { userId: 'U0CAROL', at: AT + 60 });
    state = { entries: [...state.entries, { providerId: 'retired', itemKey: 'port-0' }] };
    const entries = entriesFromState(state, catalog);
    const redrawn = renderChecklistItemsMessage(entries, itemBlockId);
    expect(slackLimitViolations(redrawn)).toEqual([]);
    expect(itemIds(redrawn.blocks)).toEqual([
      ...itemIds(message!.blocks).map((id) =>
        id === 'hp_item:splunk:port-0'
          ? `${id}:U0BOB:${AT}`
          : id === 'hp_item:nexus:port-0'
            ? `${id}:U0CAROL:${AT + 60}`
            : id,
      ),
    ]);
    const texts = redrawn.blocks.map(textOf);
    expect(texts[0]).toMatch(new RegExp(`^\\*2 of ${entries.length} done\\*`));
    expect(texts).toContain(
      `:white_check_mark: ~Allow the Delegate to reach Splunk on TCP 8089~\n_<@U0BOB> · <!date^${AT}^{date_short_pretty} at {time}|2024-11-25 19:00 UTC>_`,
    );
    expect(texts.join('\n')).toContain('<@U0CAROL>');
    expect(redrawn.text).toBe(`Checklist: 2 of ${entries.length} done (Splunk, Jenkins and Nexus)`);
  });

  it('celebrates when every item is done', () => {
    const checklist = buildChecklist([providerById('splunk')]);
    const [message] = renderChecklistItemMessages(checklist, itemBlockId);
    let state = readChecklistState(message!.blocks);
    for (const entry of state.entries) {
      state = pressItem(state, entry.providerId, entry.itemKey, 'done', { userId: 'U0BOB', at: AT });
    }
    const done = renderChecklistItemsMessage(entriesFromState(state, catalog), itemBlockId);
    expect(textOf(done.blocks[0]!)).toBe(`:tada: *All ${state.entries.length} items done* for Splunk`);
    expect(
      done.blocks
        .filter((b) => b.type === 'section' && b.accessory?.type === 'button')
        .map((b) => (b.type === 'section' && b.accessory?.type === 'button' ? b.accessory.value : undefined)),
    ).toEqual(state.entries.map(() => 'undo'));
  });
});

describe('a checklist whose providers left the catalog', () => {
  it('says so instead of drawing an empty "0 of 0 done"', () => {
    const message = renderChecklistItemsMessage([], itemBlockId);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('no longer in the catalog');
    expect(JSON.stringify(message.blocks)).not.toContain('0 of 0');
  });
});
