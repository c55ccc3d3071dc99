import type { ChecklistState, ItemPress, ItemState, Tick } from '../engine/checklist-state.js';
import { CHECKLIST_ITEM_BLOCK_PREFIX, CHECKLIST_PROGRESS_BLOCK_PREFIX } from '../render/blocks/ids.js';
import { SLACK_USER_ID } from '../render/escape.js';

/**
 * A checklist lives in Slack messages, not in process memory: each item's block id holds its state
 * (`hp_item:<provider>:<item>[:<user>:<epoch>]`), so any app instance can redraw a message from
 * the message alone when someone ticks an item. The progress line's block id
 * (`hp_progress:<revision>`) counts the presses the message has taken, so a copy of the state kept
 * elsewhere (src/slack/store.ts) can be told from a newer message. This module writes and reads those ids.
 */

const ID_PART = /^[A-Za-z0-9-]+$/;
const EPOCH_SECONDS = /^\d{1,12}$/;
const REVISION = /^\d{1,9}$/;

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

/** The block id of an item message's progress line, carrying the message's revision. */
export function progressBlockId(revision: number): string {
  return `${CHECKLIST_PROGRESS_BLOCK_PREFIX}:${revision}`;
}

/** The revision a progress block id carries; undefined for any other block id. */
function parseProgressBlockId(blockId: string): number | undefined {
  const [prefix, revision, ...rest] = blockId.split(':');
  if (prefix !== CHECKLIST_PROGRESS_BLOCK_PREFIX || rest.length || !REVISION.test(revision ?? ''))
    return undefined;
  return Number(revision);
}

function blockIdOf(block: unknown): string | undefined {
  if (!block || typeof block !== 'object' || !('block_id' in block)) return undefined;
  return typeof block.block_id === 'string' ? block.block_id : undefined;
}

/**
 * The checklist state held by a message's blocks (as Slack sends them back in an action payload).
 * An item listed twice (never in a message the bot posted) is read once, at its first place. A
 * message without a progress block id (as first posted) is at revision 0.
 */
export function readChecklistState(blocks: unknown): ChecklistState {
  const entries: ItemState[] = [];
  if (!Array.isArray(blocks)) return { entries };
  const seen = new Set<string>();
  let revision = 0;
  for (const block of blocks) {
    const blockId = blockIdOf(block);
    if (blockId === undefined) continue;
    revision = Math.max(revision, parseProgressBlockId(blockId) ?? 0);
    const entry = parseItemBlockId(blockId);
    if (!entry) continue;
    const item = `${entry.providerId}:${entry.itemKey}`;
    if (seen.has(item)) continue;
    seen.add(item);
    entries.push(entry);
  }
  return { entries, revision };
}

/** What a press on an item's button asks for, from the button's value ("done", "undo", or older values). */
export function itemPress(buttonValue: string | undefined): ItemPress {
  return buttonValue === 'done' || buttonValue === 'undo' ? buttonValue : 'toggle';
}

/** A checklist state as text for a shared store: its revision and its items' block ids. */
export function encodeChecklistState(state: ChecklistState): string {
  return JSON.stringify({
    revision: state.revision ?? 0,
    items: state.entries.map((e) => itemBlockId(e.providerId, e.itemKey, e.tick)),
  });
}

/** Reads back encodeChecklistState's text; undefined for anything else (never trusted blindly). */
export function decodeChecklistState(text: string): ChecklistState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || !('revision' in value) || !('items' in value)) return undefined;
  const { revision, items } = value;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) return undefined;
  if (!Array.isArray(items)) return undefined;
  const entries: ItemState[] = [];
  for (const item of items) {
    const entry = typeof item === 'string' ? parseItemBlockId(item) : undefined;
    if (!entry) return undefined;
    entries.push(entry);
  }
  return { entries, revision };
}
