import { SLACK_LIMITS } from '../../src/render/limits.js';

/**
 * Checks a message payload against Slack's documented Block Kit limits and returns every
 * violation found (an empty list means it is within them). Used by every renderer test.
 */
export function slackLimitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const len = (value: unknown) => (typeof value === 'string' ? Array.from(value).length : 0);
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(typeof message.text === 'string' && message.text.length > 0, 'top-level text is missing');
  check(len(message.text) <= SLACK_LIMITS.messageText, 'top-level text too long');
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Array<Record<string, unknown>>) : [];
  check(
    blocks.length <= SLACK_LIMITS.blocksPerMessage,
    `${blocks.length} blocks (max ${SLACK_LIMITS.blocksPerMessage})`,
  );
  const blockIds = new Set<string>();

  const checkText = (where: string, text: unknown, max: number) => {
    const t = text as { type?: string; text?: unknown } | undefined;
    check(!!t && typeof t.text === 'string', `${where}: text object missing`);
    check(len(t?.text) <= max, `${where}: text ${len(t?.text)} chars (max ${max})`);
    check(len(t?.text) > 0, `${where}: empty text`);
  };
  const checkElement = (where: string, el: Record<string, unknown>) => {
    if (typeof el.action_id === 'string')
      check(len(el.action_id) <= SLACK_LIMITS.actionId, `${where}: action_id too long`);
    switch (el.type) {
      case 'button':
        checkText(`${where} button`, el.text, SLACK_LIMITS.buttonText);
        check(len(el.value) <= SLACK_LIMITS.buttonValue, `${where}: button value too long`);
        check(len(el.url) <= SLACK_LIMITS.buttonUrl, `${where}: button url too long`);
        break;
      case 'static_select': {
        const options = (el.options as Array<Record<string, unknown>>) ?? [];
        check(
          options.length > 0 && options.length <= SLACK_LIMITS.selectOptions,
          `${where}: ${options.length} select options`,
        );
        options.forEach((o, i) => {
          checkText(`${where} option ${i}`, o.text, SLACK_LIMITS.selectOptionText);
          check(len(o.value) <= SLACK_LIMITS.optionValue, `${where}: option ${i} value too long`);
        });
        break;
      }
      case 'checkboxes': {
        const options = (el.options as Array<Record<string, unknown>>) ?? [];
        check(
          options.length > 0 && options.length <= SLACK_LIMITS.checkboxOptions,
          `${where}: ${options.length} checkbox options`,
        );
        const initial = el.initial_options as unknown[] | undefined;
        check(initial === undefined || initial.length > 0, `${where}: initial_options is an empty list`);
        break;
      }
    }
  };

  blocks.forEach((block, b) => {
    const where = `block ${b} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      check(len(block.block_id) <= SLACK_LIMITS.blockId, `${where}: block_id too long`);
      check(!blockIds.has(block.block_id), `${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section': {
        const fields = block.fields as unknown[] | undefined;
        check(block.text !== undefined || (fields?.length ?? 0) > 0, `${where}: neither text nor fields`);
        if (block.text) checkText(where, block.text, SLACK_LIMITS.sectionText);
        if (fields) {
          check(fields.length <= SLACK_LIMITS.sectionFields, `${where}: ${fields.length} fields`);
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
          `${where}: header must be plain_text`,
        );
        break;
      case 'context': {
        const elements = (block.elements as Array<Record<string, unknown>>) ?? [];
        check(
          elements.length > 0 && elements.length <= SLACK_LIMITS.contextElements,
          `${where}: ${elements.length} elements`,
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
          `${where}: ${elements.length} elements`,
        );
        elements.forEach((e, i) => {
          checkElement(`${where} element ${i}`, e);
        });
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}
