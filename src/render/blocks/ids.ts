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
  /** The Home tab's search box (external_select, answered by the options listener); value: a Suggestion. */
  homeSearch: 'hp_home_search',
  /** "New checklist" on the Home tab: opens the checklist builder modal. */
  newChecklist: 'hp_new_checklist',
  /** The providers multi-select (external) in the checklist builder; values: provider ids. */
  checklistProviders: 'hp_checklist_providers',
  /** The channel picker in the checklist builder. */
  checklistChannel: 'hp_checklist_channel',
  /** The optional note in the checklist builder. */
  checklistNote: 'hp_checklist_note',
  /** Slack's feedback buttons under an answer; value: "good" or "bad" + a FeedbackValue (JSON). */
  feedback: 'hp_feedback',
  /** The "what was wrong?" text in the feedback modal. */
  feedbackText: 'hp_feedback_text',
  /** "Firewall rules" on a provider card or a checklist: opens the rules modal; value: a RulesButtonValue (JSON). */
  firewallRules: 'hp_firewall_rules',
  /** The format select in the rules modal; selected value: a RuleFormat. */
  rulesFormat: 'hp_rules_format',
  /** The "Delegate's own egress" checkbox in the rules modal. */
  rulesDelegate: 'hp_rules_delegate',
  /** The Harness cluster select in the rules modal; selected value: the cluster's name. */
  rulesCluster: 'hp_rules_cluster',
  /** "Share in channel" under private firewall rules; value: a RulesShareValue (JSON). */
  shareRules: 'hp_share_rules',
  /** "Permission snippets" under an answer: sends its providers' snippets privately; value: their ids. */
  permissionSnippets: 'hp_permission_snippets',
  /** "Share in channel" under private permission snippets; value: a PolicyShareValue (JSON). */
  sharePolicy: 'hp_share_policy',
} as const;

/** Callback ids of shortcuts, modals and the Workflow Builder step (the manifest names the same ones). */
export const CALLBACK_IDS = {
  /** Global shortcut "Harness ports checklist". */
  checklistShortcut: 'hp_checklist_shortcut',
  /** Message shortcut "Look up ports". */
  lookupShortcut: 'hp_lookup_shortcut',
  /** The checklist builder modal. */
  checklistModal: 'hp_checklist_modal',
  /** The "what was wrong?" modal a thumbs-down opens. */
  feedbackModal: 'hp_feedback_modal',
  /** The "Firewall rules" modal (format, the Delegate's own egress, cluster). */
  rulesModal: 'hp_rules_modal',
  /** Workflow Builder step "Create Harness ports checklist" (manifest `functions`). */
  checklistFunction: 'create_harness_ports_checklist',
} as const;

/** Block ids of modal inputs: `view_submission` state is keyed by them, and errors name them. */
export const INPUT_BLOCK_IDS = {
  checklistProviders: 'hp_in_providers',
  checklistChannel: 'hp_in_channel',
  checklistNote: 'hp_in_note',
  feedbackText: 'hp_in_feedback',
  rulesFormat: 'hp_in_rules_format',
  rulesDelegate: 'hp_in_rules_delegate',
  rulesCluster: 'hp_in_rules_cluster',
} as const;

/** Prefix of a checklist item's block id: `hp_item:<provider id>:<item key>[:<user id>:<epoch seconds>]`. */
export const CHECKLIST_ITEM_BLOCK_PREFIX = 'hp_item';
/** Block id prefix of a checklist item message's progress line; it carries the message's revision. */
export const CHECKLIST_PROGRESS_BLOCK_PREFIX = 'hp_progress';

/** What a provider id looks like in a value Slack sends back (ids are checked again against the catalog). */
export const PROVIDER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** What a message's ts looks like in a value Slack sends back: "1732560000.000100". */
export const THREAD_TS = /^\d+\.\d+$/;
