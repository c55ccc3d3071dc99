/**
 * Slack's documented Block Kit and message limits, in one place: the renderers stay inside them
 * and the tests check every payload against them.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** Blocks in a modal or a Home tab view. */
  blocksPerView: 100,
  /** Modal title, submit and close button texts. */
  modalTitle: 24,
  /** A view's `private_metadata`. */
  privateMetadata: 3000,
  /** Label of an input block. */
  inputLabel: 2000,
  /** Options (or option groups) in one answer to an external select's options request. */
  externalSelectOptions: 100,
  /** Rows of a table block (docs.slack.dev/reference/block-kit/blocks/table-block). */
  tableRows: 100,
  /** Cells in one row of a table block. */
  tableCells: 20,
  /** Table blocks in one message (one table per message: the table block's usage notes). */
  tablesPerMessage: 1,
  /** Elements of a context_actions block (feedback buttons, icon buttons). */
  contextActionsElements: 5,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** mrkdwn/plain text inside a context element. */
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  checkboxOptions: 10,
  /** Text and description of a checkbox option. */
  checkboxOptionText: 150,
  /** Value of a checkbox or select option. */
  optionValue: 150,
  selectOptions: 100,
  selectOptionText: 75,
  /**
   * All the text of one message's blocks together. Undocumented: Slack refuses more with
   * msg_blocks_too_long, at about 12,000 characters less "a buffer for block containers" (Slack's
   * answer in slackapi/bolt-js#2509; #2867 saw 11,341 refused), so messages that carry a lot of text
   * (firewall rules) stay under 10,000.
   */
  messageBlocksText: 10_000,
  /** Uses of one response_url: 5 within 30 minutes. */
  responseUrlUses: 5,
  /** Top-level `text` (notifications, screen readers). Slack truncates past 40,000. */
  messageText: 40_000,
} as const;

/**
 * All the text of some blocks (texts and values), as Slack adds it up against a message's total
 * (`SLACK_LIMITS.messageBlocksText`). Every message answer is measured: a plain walk, no copies.
 */
export function blocksTextLength(blocks: unknown): number {
  if (Array.isArray(blocks)) {
    let total = 0;
    for (let i = 0; i < blocks.length; i++) total += blocksTextLength(blocks[i]);
    return total;
  }
  if (!blocks || typeof blocks !== 'object') return 0;
  let total = 0;
  const record = blocks as Record<string, unknown>;
  for (const key in record) {
    const inner = record[key];
    if (typeof inner === 'string') {
      if (key === 'text' || key === 'value') total += inner.length;
    } else if (inner && typeof inner === 'object') total += blocksTextLength(inner);
  }
  return total;
}

/**
 * Cuts text to `max` characters, ending with "…" when cut; never splits a surrogate pair. Lengths are
 * UTF-16 code units, never fewer than the characters however Slack counts them.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Cuts already-escaped mrkdwn without breaking an entity (`&amp;`) or a `<…>` link/mention/date token in two.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max - 1).slice(0, -1);
  const openTag = cut.lastIndexOf('<');
  if (openTag > cut.lastIndexOf('>')) cut = cut.slice(0, openTag);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}
