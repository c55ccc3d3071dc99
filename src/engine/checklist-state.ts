import type { Catalog, Provider } from '../catalog/schema.js';
import { type ChecklistItem, checklistItems } from './checklist.js';
import { findProvider } from './providers.js';

/**
 * The state of a posted checklist: which items are done, by whom and when. Pure values: where the
 * state is kept (block ids of Slack messages, see src/slack/checklist-ids.ts) is not the engine's
 * business, so any face can tick, untick and redraw a checklist the same way.
 */

export interface Tick {
  userId: string;
  /** Seconds since the epoch. */
  at: number;
}

/** One item of a posted checklist, by id: its provider, its key within the provider, its tick. */
export interface ItemState {
  providerId: string;
  itemKey: string;
  tick?: Tick;
}

/** The items of one posted checklist message, in message order. */
export interface ChecklistState {
  entries: ItemState[];
  /**
   * How many presses the message has taken (0 for a message as first posted). Two copies of one
   * message's state are told apart by it: the one with more presses is the later one.
   */
  revision?: number;
}

/** An item with the catalog's current provider and text, ready to render. */
export interface ChecklistEntry {
  provider: Provider;
  item: ChecklistItem;
  tick?: Tick;
}

/**
 * What a press on an item asks for. The button says "done" or "undo" (what its user saw), so a
 * double click or a click on a stale view never flips an item back; buttons of messages posted
 * before they said so only toggle.
 */
export type ItemPress = 'done' | 'undo' | 'toggle';

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
    revision: (state.revision ?? 0) + 1,
  };
}

/**
 * The later of two copies of one message's state: the one a click carries (`fromMessage`, which
 * may be stale when clicks cross) and the last one the bot kept (`kept`, if any). The kept copy
 * wins only when it has taken more presses; on a tie the message's own copy is the truth.
 */
export function laterState(fromMessage: ChecklistState, kept: ChecklistState | undefined): ChecklistState {
  if (!kept) return fromMessage;
  return (kept.revision ?? 0) > (fromMessage.revision ?? 0) ? kept : fromMessage;
}

/** Turns a state back into entries with the catalog's current text; items no longer in the catalog drop out. */
export function entriesFromState(state: ChecklistState, catalog: Catalog): ChecklistEntry[] {
  const entries: ChecklistEntry[] = [];
  const itemsByProvider = new Map<string, { provider: Provider; items: ChecklistItem[] }>();
  for (const { providerId, itemKey, tick } of state.entries) {
    let known = itemsByProvider.get(providerId);
    if (!known) {
      const provider = findProvider(catalog, providerId);
      if (!provider) continue;
      known = { provider, items: checklistItems(provider) };
      itemsByProvider.set(providerId, known);
    }
    const item = known.items.find((i) => i.key === itemKey);
    if (item) entries.push({ provider: known.provider, item, ...(tick ? { tick } : {}) });
  }
  return entries;
}
