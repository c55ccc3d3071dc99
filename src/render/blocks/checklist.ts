import type { KnownBlock } from '@slack/types';
import type { Catalog, Provider } from '../../catalog/schema.js';
import { type Checklist, type ChecklistItem, checklistItems } from '../../engine/checklist.js';
import { escapeMrkdwn, inlineCode } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import { categoryText, namesText } from '../wording.js';
import { SLACK_USER_ID, userMention } from './answer.js';
import { ACTION_IDS, CHECKLIST_ITEM_BLOCK_PREFIX } from './ids.js';
import { button, context, type SlackMessage, section } from './kit.js';

/**
 * A checklist lives in Slack messages, not in process memory: a parent message sums it up, and
 * item messages in its thread carry one block per item. Each item's block id holds its state
 * (`hp_item:<provider>:<item>[:<user>:<epoch>]`), so any app instance can redraw a message
 * from the message alone when someone ticks an item.
 */

export interface Tick {
  userId: string;
  /** Seconds since the epoch. */
  at: number;
}

export interface ChecklistEntry {
  provider: Provider;
  item: ChecklistItem;
  tick?: Tick;
}

/** The ticks of one item message, keyed by `<provider id>:<item key>`, in message order. */
export interface ChecklistState {
  entries: Array<{ providerId: string; itemKey: string; tick?: Tick }>;
}

const ID_PART = /^[A-Za-z0-9-]+$/;
const EPOCH_SECONDS = /^\d{1,12}$/;

export function itemBlockId(providerId: string, itemKey: string, tick?: Tick): string {
  const parts = [CHECKLIST_ITEM_BLOCK_PREFIX, providerId, itemKey];
  if (tick) parts.push(tick.userId, String(tick.at));
  return parts.join(':');
}

/** Reads an item's state back from its block id; undefined for any other or malformed block id. */
export function parseItemBlockId(blockId: string): ChecklistState['entries'][number] | undefined {
  const [prefix, providerId, itemKey, userId, at, ...rest] = blockId.split(':');
  if (prefix !== CHECKLIST_ITEM_BLOCK_PREFIX || rest.length || !providerId || !itemKey) return undefined;
  if (!ID_PART.test(providerId) || !ID_PART.test(itemKey)) return undefined;
  if (userId === undefined) return { providerId, itemKey };
  if (!SLACK_USER_ID.test(userId) || !EPOCH_SECONDS.test(at ?? '')) return undefined;
  return { providerId, itemKey, tick: { userId, at: Number(at) } };
}

/** The checklist state held by a message's blocks (as Slack sends them back in an action payload). */
export function readChecklistState(blocks: unknown): ChecklistState {
  const entries: ChecklistState['entries'] = [];
  if (!Array.isArray(blocks)) return { entries };
  for (const block of blocks) {
    const blockId =
      block && typeof block === 'object' ? (block as { block_id?: unknown }).block_id : undefined;
    if (typeof blockId !== 'string') continue;
    const entry = parseItemBlockId(blockId);
    if (entry) entries.push(entry);
  }
  return { entries };
}

/**
 * What a press on an item's button asks for. The button says "done" or "undo" (what its user saw),
 * so a double click or a click on a stale view never flips an item back; buttons of messages posted
 * before they said so only toggle.
 */
export type ItemPress = 'done' | 'undo' | 'toggle';

export function itemPress(buttonValue: string | undefined): ItemPress {
  return buttonValue === 'done' || buttonValue === 'undo' ? buttonValue : 'toggle';
}

/** Applies a press to one item; returns a new state. "Done" on a ticked item keeps the first tick. */
export function pressItem(
  state: ChecklistState,
  providerId: string,
  itemKey: string,
  press: ItemPress,
  tick: Tick,
): ChecklistState {
  return {
    entries: state.entries.map((entry) => {
      if (entry.providerId !== providerId || entry.itemKey !== itemKey) return entry;
      const done = press === 'toggle' ? !entry.tick : press === 'done';
      return done ? { providerId, itemKey, tick: entry.tick ?? tick } : { providerId, itemKey };
    }),
  };
}

/** Turns a state back into entries with the catalog's current text; items no longer in the catalog drop out. */
export function entriesFromState(state: ChecklistState, catalog: Catalog): ChecklistEntry[] {
  const entries: ChecklistEntry[] = [];
  const itemsByProvider = new Map<string, { provider: Provider; items: ChecklistItem[] }>();
  for (const { providerId, itemKey, tick } of state.entries) {
    let known = itemsByProvider.get(providerId);
    if (!known) {
      const provider = catalog.providers.find((p) => p.id === providerId);
      if (!provider) continue;
      known = { provider, items: checklistItems(provider) };
      itemsByProvider.set(providerId, known);
    }
    const item = known.items.find((i) => i.key === itemKey);
    if (item) entries.push({ provider: known.provider, item, ...(tick ? { tick } : {}) });
  }
  return entries;
}

function tickedText(tick: Tick): string {
  const fallback = `${new Date(tick.at * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${userMention(tick.userId)} · <!date^${tick.at}^{date_short_pretty} at {time}|${fallback}>`;
}

function itemBlock(entry: ChecklistEntry): KnownBlock {
  const text = escapeMrkdwn(entry.item.text);
  const body = entry.tick
    ? `:white_check_mark: ~${text}~\n_${tickedText(entry.tick)}_`
    : `:white_large_square: ${text}`;
  return section(body, {
    block_id: itemBlockId(entry.provider.id, entry.item.key, entry.tick),
    accessory: button(
      entry.tick ? 'Undo' : 'Done',
      ACTION_IDS.tickItem,
      entry.tick ? 'undo' : 'done',
      entry.tick ? undefined : 'primary',
    ),
  });
}

function providerHeading(provider: Provider): KnownBlock {
  return context(`*${escapeMrkdwn(provider.name)}*  ·  ${escapeMrkdwn(categoryText(provider))}`);
}

/** Blocks one provider's items take in an item message: a heading and one block per item. */
function blocksFor(entries: ChecklistEntry[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  entries.forEach((entry, i) => {
    if (i === 0 || entries[i - 1]!.provider.id !== entry.provider.id)
      blocks.push(providerHeading(entry.provider));
    blocks.push(itemBlock(entry));
  });
  return blocks;
}

/** One item message: progress, then the items grouped by provider. */
export function renderChecklistItemsMessage(entries: ChecklistEntry[]): SlackMessage {
  const done = entries.filter((e) => e.tick).length;
  const providers = [...new Set(entries.map((e) => e.provider))];
  if (entries.length === 0) {
    const gone =
      "This checklist's providers are no longer in the catalog. Start a new one with the slash command.";
    return { text: 'Checklist: no items left', blocks: [section(gone)] };
  }
  const progress =
    done === entries.length
      ? `:tada: *All ${entries.length} items done* for ${escapeMrkdwn(namesText(providers))}`
      : `*${done} of ${entries.length} done* for ${escapeMrkdwn(namesText(providers))}. Press *Done* as you go; everyone here sees who did what.`;
  return {
    text: escapeMrkdwn(
      truncate(`Checklist: ${done} of ${entries.length} done (${namesText(providers)})`, 3000),
    ),
    blocks: [section(progress), ...blocksFor(entries)],
  };
}

/**
 * The item messages for a new checklist: providers packed in order into as few messages as fit
 * Slack's block limit; a provider's items are split across messages only if they alone do not fit.
 */
export function renderChecklistItemMessages(checklist: Checklist): SlackMessage[] {
  const room = SLACK_LIMITS.blocksPerMessage - 1;
  const messages: ChecklistEntry[][] = [];
  let current: ChecklistEntry[] = [];
  let used = 0;
  for (const section of checklist.sections) {
    const entries = section.items.map((item) => ({ provider: section.provider, item }));
    if (entries.length === 0) continue;
    const need = entries.length + 1;
    if (used + need > room && current.length) {
      messages.push(current);
      current = [];
      used = 0;
    }
    for (const entry of entries) {
      // An item takes one block, plus its provider's heading when it starts a message or a provider.
      let heading = current.at(-1)?.provider.id === entry.provider.id ? 0 : 1;
      if (used + heading + 1 > room) {
        messages.push(current);
        current = [];
        used = 0;
        heading = 1;
      }
      used += heading + 1;
      current.push(entry);
    }
  }
  if (current.length) messages.push(current);
  return messages.map(renderChecklistItemsMessage);
}

/** The parent message: what the checklist covers and the distinct ports to open, grouped. */
export function renderChecklistSummary(
  checklist: Checklist,
  options: { requestedBy?: string; command: string },
): SlackMessage {
  const providers = checklist.sections.map((s) => s.provider);
  const itemCount = checklist.sections.reduce((n, s) => n + s.items.length, 0);
  const blocks: KnownBlock[] = [
    section(
      `:clipboard: *Harness Delegate checklist: ${escapeMrkdwn(namesText(providers))}*\n` +
        `${itemCount} items, ticked off in the thread below.`,
    ),
  ];
  const portLines = checklist.ports.map((port) => {
    const conditional = port.conditional ? ' _(conditional)_' : '';
    return `• ${inlineCode(`${port.protocols.join('/')} ${port.port}`)} ${escapeMrkdwn(namesText(port.providers))}${conditional}`;
  });
  for (const provider of checklist.unfixedPorts) {
    portLines.push(
      `• ${escapeMrkdwn(provider.name)}: _${escapeMrkdwn(provider.portNote ?? 'no fixed port')}_`,
    );
  }
  if (portLines.length)
    blocks.push(section(`*Ports to open (${checklist.ports.length} distinct)*\n${portLines.join('\n')}`));
  blocks.push(
    context(
      `${options.requestedBy ? `Started by ${userMention(options.requestedBy)} with ` : 'Made with '}` +
        inlineCode(`${options.command} checklist ${providers.map((p) => p.id).join(' ')}`),
    ),
  );
  return {
    text: escapeMrkdwn(truncate(`Harness Delegate checklist: ${namesText(providers)}`, 3000)),
    blocks,
  };
}
