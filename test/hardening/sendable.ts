import type { Catalog, Provider } from '../../src/catalog/schema.js';
import { buildChecklist, checklistItems, MAX_CHECKLIST_PROVIDERS } from '../../src/engine/checklist.js';
import { entriesFromState, pressItem } from '../../src/engine/checklist-state.js';
import type { Answer } from '../../src/engine/types.js';
import { renderAnswerMessage, renderProviderMessage } from '../../src/render/blocks/answer.js';
import {
  renderChecklistItemMessages,
  renderChecklistItemsMessage,
  renderChecklistSummary,
} from '../../src/render/blocks/checklist.js';
import { ACTION_IDS } from '../../src/render/blocks/ids.js';
import type { SlackMessage } from '../../src/render/blocks/kit.js';
import { itemBlockId, shareValueCodec } from '../../src/render/blocks/payloads.js';
import { answerJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import { readChecklistState } from '../../src/slack/checklist-ids.js';
import { slackLimitViolations, utf16Length } from '../helpers/block-limits.js';
import { catalogUrls, liveSyntaxProblems } from './hostile.js';

/**
 * The check behind the limits tests: every Slack message the renderers make for an answer, within
 * SLACK_LIMITS (the module the renderers use), with no live syntax the bot did not make, and a
 * "Share in channel" value its codec reads back.
 */

/** How many times more property runs than the default (PROPERTY_RUNS_SCALE=10 for a deeper local run). */
export const RUNS_SCALE = Math.max(1, Number(process.env.PROPERTY_RUNS_SCALE ?? 1) || 1);

export const COMMAND = '/harness-ports';
export const USERS = ['U0ALICE', 'W0BOB123'];

const SURROGATE = /[\uD800-\uDFFF]/;
/** Whether any string in the message has a character outside the BMP (or half of one). */
function hasSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasSurrogate);
  if (value && typeof value === 'object') return Object.values(value).some(hasSurrogate);
  return false;
}

/** Everything that would make Slack reject, or misread, one message. */
export function sendProblems(message: SlackMessage, catalog: Catalog): string[] {
  const problems = [
    ...slackLimitViolations(message),
    ...liveSyntaxProblems(message, { userIds: USERS, urls: catalogUrls(catalog) }),
  ];
  // Counted again in UTF-16 units, the most Slack could count, when a character outside the BMP is there.
  if (hasSurrogate(message)) {
    problems.push(...slackLimitViolations(message, utf16Length).map((p) => `counted in UTF-16: ${p}`));
  }
  if (!message.text.trim()) problems.push('blank top-level text');
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      // The share button's value must read back through its own codec, as its listener reads it.
      if (v.type === 'button' && v.action_id === ACTION_IDS.share && !shareValueCodec.decode(v.value))
        problems.push(`share value its codec cannot read: ${String(v.value).slice(0, 80)}`);
      Object.values(v).forEach(walk);
    }
  };
  walk(message.blocks);
  return problems;
}

/** The MAX_CHECKLIST_PROVIDERS providers with the most checklist text, in their order (all, when fewer). */
function widestChecklistProviders(providers: readonly Provider[]): Provider[] {
  if (providers.length <= MAX_CHECKLIST_PROVIDERS) return [...providers];
  const size = new Map(
    providers.map((p) => [
      p,
      checklistItems(p).reduce((sum, item) => sum + item.text.length + 1, p.name.length),
    ]),
  );
  const widest = new Set(
    [...providers].sort((a, b) => size.get(b)! - size.get(a)!).slice(0, MAX_CHECKLIST_PROVIDERS),
  );
  return providers.filter((p) => widest.has(p));
}

/** Every Slack message the renderers make for one answer: both surfaces, shared, in a thread, and the checklist messages. */
function everyRendering(result: Answer, catalog: Catalog): SlackMessage[] {
  const messages = [
    renderAnswerMessage(result, { surface: 'ephemeral', command: COMMAND }),
    renderAnswerMessage(result, { surface: 'ephemeral', command: COMMAND, threadTs: '1732560000.000100' }),
    renderAnswerMessage(result, { surface: 'public', command: COMMAND }),
    renderAnswerMessage(result, { surface: 'public', command: COMMAND, sharedBy: USERS[0]! }),
  ];
  const providers = result.matches.map((m) => m.provider);
  for (const provider of providers.slice(0, 3)) {
    messages.push(renderProviderMessage(provider, { surface: 'ephemeral', command: COMMAND }));
  }
  // The bot posts a checklist of at most MAX_CHECKLIST_PROVIDERS (isPostableChecklist): the
  // widest one these providers can make is their MAX_CHECKLIST_PROVIDERS with the most item text,
  // and every one of its messages is checked.
  const checklist = buildChecklist(widestChecklistProviders(providers));
  messages.push(renderChecklistSummary(checklist, { command: COMMAND, requestedBy: USERS[1]! }));
  messages.push(renderChecklistSummary(checklist, { command: COMMAND }));
  const sample = renderChecklistItemMessages(checklist, itemBlockId);
  messages.push(...sample);
  // Each item message again after a click on its first and last items, as tick-item redraws it.
  for (const posted of sample.slice(0, 3)) {
    let state = readChecklistState(posted.blocks);
    for (const entry of [state.entries[0], state.entries.at(-1)]) {
      if (entry)
        state = pressItem(state, entry.providerId, entry.itemKey, 'toggle', {
          userId: USERS[1]!,
          at: 1732560000,
        });
    }
    messages.push(renderChecklistItemsMessage(entriesFromState(state, catalog), itemBlockId));
  }
  // The terminal and JSON faces must not throw either, and the JSON face's value must be JSON as
  // it is (what JSON.stringify would drop, change or throw on is a problem).
  renderText(result, 'harness-ports');
  const problems = jsonProblems(answerJson(result));
  if (problems.length) throw new Error(`the JSON face: ${problems.slice(0, 5).join('; ')}`);
  return messages;
}

/**
 * Where a value is not JSON as it is: a number that is not finite, a value that is not null, a
 * boolean, a string, an array or a plain object (undefined is allowed only as an object's property,
 * which JSON leaves out), an array hole, a cycle. JSON.stringify itself throws only on cycles and
 * bigints; this is stricter, and for the 100x catalog's full list (130 MB of JSON, 1.1 s to
 * stringify) it takes a quarter of the time.
 */
export function jsonProblems(value: unknown, path = '$', open = new Set<object>()): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (typeof value !== 'object') return [`${path}: a ${typeof value}`];
  if (open.has(value)) return [`${path}: a cycle`];
  open.add(value);
  const problems: string[] = [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) problems.push(`${path}[${i}]: no value`);
      else problems.push(...jsonProblems(value[i], `${path}[${i}]`, open));
    }
  } else {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) problems.push(`${path}: not a plain object`);
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) problems.push(...jsonProblems(item, `${path}.${key}`, open));
    }
  }
  open.delete(value);
  return problems;
}

export function expectSendable(result: Answer, catalog: Catalog) {
  for (const message of everyRendering(result, catalog)) {
    const problems = sendProblems(message, catalog);
    if (problems.length) {
      throw new Error(
        `query ${JSON.stringify(result.query.slice(0, 120))} (${result.intent}, ${result.matches.length} matches): ${problems.slice(0, 5).join('; ')}`,
      );
    }
  }
}
