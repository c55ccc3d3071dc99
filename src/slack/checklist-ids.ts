import type { ChecklistState, ItemPress, ItemState, Tick } from '../engine/checklist-state.js';
import { CHECKLIST_ITEM_BLOCK_PREFIX } from '../render/blocks/ids.js';
import { SLACK_USER_ID } from '../render/escape.js';

/**
 * A checklist lives in Slack messages, not in process memory: each item's block id holds its state
 * (`hp_item:<provider>:<item>[:<user>:<epoch>]`), so any app instance can redraw a message from
 * the message alone when someone ticks an item. This module writes and reads those ids.
 */

const ID_PART = /^[A-Za-z0-9-]+$/;
const EPOCH_SECONDS = /^\d{1,12}$/;

/** The block id that carries one item's state; the checklist renderer is given this to write it. */
export function itemBlockId(providerId: string, itemKey: string, tick?: Tick): string {
  const parts = [CHECKLIST_ITEM_BLOCK_PREFIX, providerId, itemKey];
  if (tick) parts.push(tick.userId, String(tick.at));
  return parts.join(':');
}

/** Reads an item's state back from its block id; undefined for any other or malformed block id. */
export function parseItemBlockId(blockId: string): ItemState | undefined {
  const [prefix, providerId, itemKey, userId, at, ...rest] = blockId.split(':');
  if (prefix !== CHECKLIST_ITEM_BLOCK_PREFIX || rest.length || !providerId || !itemKey) return undefined;
  if (!ID_PART.test(providerId) || !ID_PART.test(itemKey)) return undefined;
  if (userId === undefined) return { providerId, itemKey };
  if (!SLACK_USER_ID.test(userId) || !EPOCH_SECONDS.test(at ?? '')) return undefined;
  return { providerId, itemKey, tick: { userId, at: Number(at) } };
}

function blockIdOf(block: unknown): string | undefined {
  if (!block || typeof block !== 'object' || !('block_id' in block)) return undefined;
  return typeof block.block_id === 'string' ? block.block_id : undefined;
}

/**
 * The checklist state held by a message's blocks (as Slack sends them back in an action payload).
 * An item listed twice (never in a message the bot posted) is read once, at its first place.
 */
export function readChecklistState(blocks: unknown): ChecklistState {
  const entries: ItemState[] = [];
  if (!Array.isArray(blocks)) return { entries };
  const seen = new Set<string>();
  for (const block of blocks) {
    const blockId = blockIdOf(block);
    const entry = blockId === undefined ? undefined : parseItemBlockId(blockId);
    if (!entry) continue;
    const item = `${entry.providerId}:${entry.itemKey}`;
    if (seen.has(item)) continue;
    seen.add(item);
    entries.push(entry);
  }
  return { entries };
}

/** What a press on an item's button asks for, from the button's value ("done", "undo", or older values). */
export function itemPress(buttonValue: string | undefined): ItemPress {
  return buttonValue === 'done' || buttonValue === 'undo' ? buttonValue : 'toggle';
}
