import type { ChecklistState, ItemState } from '../engine/checklist-state.js';
import { itemBlockId, itemBlockIdCodec, progressBlockIdCodec } from '../render/blocks/payloads.js';

/**
 * A checklist lives in Slack messages, not in process memory: each item's block id holds its state
 * and the progress line's block id the message's revision (their codecs are in
 * src/render/blocks/payloads.ts). This module reads a whole message's state from its blocks, and
 * writes and reads the copy a shared store keeps.
 */

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
    revision = Math.max(revision, progressBlockIdCodec.decode(blockId) ?? 0);
    const entry = itemBlockIdCodec.decode(blockId);
    if (!entry) continue;
    const item = `${entry.providerId}:${entry.itemKey}`;
    if (seen.has(item)) continue;
    seen.add(item);
    entries.push(entry);
  }
  return { entries, revision };
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
    const entry = typeof item === 'string' ? itemBlockIdCodec.decode(item) : undefined;
    if (!entry) return undefined;
    entries.push(entry);
  }
  return { entries, revision };
}
