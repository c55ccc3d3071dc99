/**
 * Every action and block id the bot's messages carry, in one place, so a button and the
 * listener that handles it cannot drift apart.
 */
export const ACTION_IDS = {
  /** "Share in channel" on an ephemeral answer; value: a ShareValue (JSON). */
  share: 'hp_share',
  /** "Open" next to a provider in a list or suggestion; value: the provider id. */
  openProvider: 'hp_open_provider',
  /** The "open a provider" select under a full list; selected value: the provider id. */
  openProviderSelect: 'hp_open_provider_select',
  /** "Done"/"Undo" on a checklist item; value: "done" or "undo"; the item and its state are in its block id. */
  tickItem: 'hp_tick_item',
} as const;

/** Prefix of a checklist item's block id: `hp_item:<provider id>:<item key>[:<user id>:<epoch seconds>]`. */
export const CHECKLIST_ITEM_BLOCK_PREFIX = 'hp_item';
