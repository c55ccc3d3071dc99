import { blocksTextLength, SLACK_LIMITS } from '../../src/render/limits.js';

/** How a check counts a string's characters (0 for anything else). */
export type Count = (value: unknown) => number;

/** A string's length in UTF-16 units: the most Slack could count (a character outside the BMP as two). */
export const utf16Length: Count = (value) => (typeof value === 'string' ? value.length : 0);

/** A string's length in code points, as Slack counts characters (0 for anything else), without copying it. */
function codePoints(value: unknown): number {
  if (typeof value !== 'string') return 0;
  let surrogatePairs = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        surrogatePairs++;
        i++;
      }
    }
  }
  return value.length - surrogatePairs;
}

/**
 * Checks a message payload against Slack's documented Block Kit limits and returns every
 * violation found (an empty list means it is within them). Used by every renderer test.
 */
export function slackLimitViolations(
  message: { text?: unknown; blocks?: unknown },
  len: Count = codePoints,
): string[] {
  const problems: string[] = [];
  problems.push(
    ...(typeof message.text === 'string' && message.text.length > 0 ? [] : ['top-level text is missing']),
  );
  problems.push(...(len(message.text) <= SLACK_LIMITS.messageText ? [] : ['top-level text too long']));
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Array<Record<string, unknown>>) : [];
  const tables = blocks.filter((b) => b.type === 'table').length;
  if (tables > SLACK_LIMITS.tablesPerMessage)
    problems.push(`${tables} table blocks (max ${SLACK_LIMITS.tablesPerMessage})`);
  const text = blocksTextLength(blocks);
  if (text > SLACK_LIMITS.messageBlocksText)
    problems.push(`${text} characters of text in the blocks (max ${SLACK_LIMITS.messageBlocksText})`);
  return [...problems, ...blockViolations(blocks, SLACK_LIMITS.blocksPerMessage, len)];
}

/**
 * Checks a Home tab or modal view: at most 100 blocks, title/submit/close within 24 characters,
 * private_metadata within 3000, every block within its limits. Tables are for messages only.
 */
export function viewLimitViolations(view: Record<string, unknown>, len: Count = codePoints): string[] {
  const problems: string[] = [];
  for (const key of ['title', 'submit', 'close']) {
    const text = (view[key] as { text?: unknown } | undefined)?.text;
    if (view[key] !== undefined && (len(text) === 0 || len(text) > SLACK_LIMITS.modalTitle))
      problems.push(`${key}: ${len(text)} chars (1-${SLACK_LIMITS.modalTitle})`);
  }
  if (view.type === 'modal' && view.title === undefined) problems.push('modal without a title');
  if (len(view.private_metadata) > SLACK_LIMITS.privateMetadata) problems.push('private_metadata too long');
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Array<Record<string, unknown>>) : [];
  if (blocks.some((b) => b.type === 'table')) problems.push('table block in a view');
  return [...problems, ...blockViolations(blocks, SLACK_LIMITS.blocksPerView, len)];
}

export function blockViolations(
  blocks: Array<Record<string, unknown>>,
  maxBlocks: number,
  len: Count = codePoints,
): string[] {
  const problems: string[] = [];
  // The problem's words are built only when the check fails: most calls pass.
  const check = (ok: boolean, problem: () => string) => {
    if (!ok) problems.push(problem());
  };
  check(blocks.length <= maxBlocks, () => `${blocks.length} blocks (max ${maxBlocks})`);
  const blockIds = new Set<string>();

  const checkText = (where: string, text: unknown, max: number) => {
    const t = text as { type?: string; text?: unknown } | undefined;
    check(!!t && typeof t.text === 'string', () => `${where}: text object missing`);
    const length = len(t?.text);
    if (length > max) problems.push(`${where}: text ${length} chars (max ${max})`);
    check(length > 0, () => `${where}: empty text`);
  };
  const checkElement = (where: string, el: Record<string, unknown>) => {
    if (typeof el.action_id === 'string')
      check(len(el.action_id) <= SLACK_LIMITS.actionId, () => `${where}: action_id too long`);
    switch (el.type) {
      case 'button':
        checkText(`${where} button`, el.text, SLACK_LIMITS.buttonText);
        check(len(el.value) <= SLACK_LIMITS.buttonValue, () => `${where}: button value too long`);
        check(len(el.url) <= SLACK_LIMITS.buttonUrl, () => `${where}: button url too long`);
        break;
      case 'static_select': {
        const options = (el.options as Array<Record<string, unknown>>) ?? [];
        check(
          options.length > 0 && options.length <= SLACK_LIMITS.selectOptions,
          () => `${where}: ${options.length} select options`,
        );
        options.forEach((o, i) => {
          checkText(`${where} option ${i}`, o.text, SLACK_LIMITS.selectOptionText);
          check(len(o.value) <= SLACK_LIMITS.optionValue, () => `${where}: option ${i} value too long`);
        });
        break;
      }
      case 'external_select':
      case 'multi_external_select':
        check(
          el.min_query_length === undefined ||
            (typeof el.min_query_length === 'number' && el.min_query_length >= 0),
          () => `${where}: bad min_query_length`,
        );
        break;
      case 'checkboxes': {
        const options = (el.options as Array<Record<string, unknown>>) ?? [];
        check(
          options.length > 0 && options.length <= SLACK_LIMITS.checkboxOptions,
          () => `${where}: ${options.length} checkbox options`,
        );
        const initial = el.initial_options as unknown[] | undefined;
        check(
          initial === undefined || initial.length > 0,
          () => `${where}: initial_options is an empty list`,
        );
        break;
      }
    }
  };

  blocks.forEach((block, b) => {
    const where = `block ${b} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      check(len(block.block_id) <= SLACK_LIMITS.blockId, () => `${where}: block_id too long`);
      check(!blockIds.has(block.block_id), () => `${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section': {
        const fields = block.fields as unknown[] | undefined;
        check(
          block.text !== undefined || (fields?.length ?? 0) > 0,
          () => `${where}: neither text nor fields`,
        );
        if (block.text) checkText(where, block.text, SLACK_LIMITS.sectionText);
        if (fields) {
          check(fields.length <= SLACK_LIMITS.sectionFields, () => `${where}: ${fields.length} fields`);
          fields.forEach((f, i) => {
            checkText(`${where} field ${i}`, f, SLACK_LIMITS.sectionFieldText);
          });
        }
        if (block.accessory) checkElement(`${where} accessory`, block.accessory as Record<string, unknown>);
        break;
      }
      case 'header':
        checkText(where, block.text, SLACK_LIMITS.headerText);
        check(
          (block.text as { type?: string })?.type === 'plain_text',
          () => `${where}: header must be plain_text`,
        );
        break;
      case 'context': {
        const elements = (block.elements as Array<Record<string, unknown>>) ?? [];
        check(
          elements.length > 0 && elements.length <= SLACK_LIMITS.contextElements,
          () => `${where}: ${elements.length} elements`,
        );
        elements.forEach((e, i) => {
          checkText(`${where} element ${i}`, e, SLACK_LIMITS.contextText);
        });
        break;
      }
      case 'actions': {
        const elements = (block.elements as Array<Record<string, unknown>>) ?? [];
        check(
          elements.length > 0 && elements.length <= SLACK_LIMITS.actionsElements,
          () => `${where}: ${elements.length} elements`,
        );
        elements.forEach((e, i) => {
          checkElement(`${where} element ${i}`, e);
        });
        break;
      }
      case 'divider':
        break;
      case 'input':
        checkText(`${where} label`, block.label, SLACK_LIMITS.inputLabel);
        check(typeof block.block_id === 'string', () => `${where}: input without a block_id`);
        checkElement(`${where} element`, block.element as Record<string, unknown>);
        break;
      case 'context_actions': {
        const elements = (block.elements as Array<Record<string, unknown>>) ?? [];
        check(
          elements.length > 0 && elements.length <= SLACK_LIMITS.contextActionsElements,
          () => `${where}: ${elements.length} elements`,
        );
        for (const element of elements) {
          check(
            element.type === 'feedback_buttons' || element.type === 'icon_button',
            () => `${where}: bad element`,
          );
          for (const key of ['positive_button', 'negative_button']) {
            const b = element[key] as { text?: unknown; value?: unknown } | undefined;
            if (element.type !== 'feedback_buttons') continue;
            checkText(`${where} ${key}`, b?.text, SLACK_LIMITS.buttonText);
            check(
              len(b?.value) > 0 && len(b?.value) <= SLACK_LIMITS.buttonValue,
              () => `${where}: ${key} value`,
            );
          }
        }
        break;
      }
      case 'table': {
        const rows = (block.rows as unknown[][]) ?? [];
        check(
          rows.length > 0 && rows.length <= SLACK_LIMITS.tableRows,
          () => `${where}: ${rows.length} rows`,
        );
        rows.forEach((row, r) => {
          check(
            row.length > 0 && row.length <= SLACK_LIMITS.tableCells,
            () => `${where}: row ${r} has ${row.length} cells`,
          );
          check(row.length === rows[0]!.length, () => `${where}: row ${r} differs in length`);
          for (const cell of row as Array<{ type?: string; text?: unknown }>) {
            check(cell.type === 'raw_text' || cell.type === 'rich_text', () => `${where}: bad cell type`);
            if (cell.type === 'raw_text') check(len(cell.text) > 0, () => `${where}: empty cell`);
          }
        });
        const settings = (block.column_settings as unknown[] | undefined) ?? [];
        check(
          settings.length <= SLACK_LIMITS.tableCells,
          () => `${where}: ${settings.length} column_settings`,
        );
        break;
      }
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}
