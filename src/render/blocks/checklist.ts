import type { KnownBlock } from '@slack/types';
import { INFERRED_PORT_LABEL, type Provider } from '../../catalog/schema.js';
import type { Checklist } from '../../engine/checklist.js';
import type { ChecklistEntry, Tick } from '../../engine/checklist-state.js';
import { escapeMrkdwn, inlineCode, pageLink, userMention } from '../escape.js';
import { blocksTextLength, SLACK_LIMITS, truncate } from '../limits.js';
import { categoryText, namesText, sourcesFooter } from '../wording.js';
import { ACTION_IDS } from './ids.js';
import { actions, button, context, fitMessageBlocks, type SlackMessage, section } from './kit.js';
import { itemPressCodec } from './payloads.js';
import { firewallRulesButton } from './rules.js';
import { checklistPortsTable, tableAsText } from './tables.js';

/**
 * A checklist lives in Slack messages, not in process memory: a parent message sums it up, and
 * item messages in its thread carry one block per item. Each item block's id holds the item's
 * state; how that id is written is the face's business (src/slack/checklist-ids.ts), so the
 * renderer is handed the encoder.
 */

/** Writes the block id of one item block from the item's state. */
export type ItemBlockIdEncoder = (providerId: string, itemKey: string, tick?: Tick) => string;

function tickedText(tick: Tick): string {
  const fallback = `${new Date(tick.at * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${userMention(tick.userId)} · <!date^${tick.at}^{date_short_pretty} at {time}|${fallback}>`;
}

function itemBlock(entry: ChecklistEntry, blockId: ItemBlockIdEncoder): KnownBlock {
  const text = escapeMrkdwn(entry.item.text);
  const body = entry.tick
    ? `:white_check_mark: ~${text}~\n_${tickedText(entry.tick)}_`
    : `:white_large_square: ${text}`;
  return section(body, {
    block_id: blockId(entry.provider.id, entry.item.key, entry.tick),
    accessory: button(
      entry.tick ? 'Undo' : 'Done',
      ACTION_IDS.tickItem,
      itemPressCodec.encode(entry.tick ? 'undo' : 'done'),
      entry.tick ? undefined : 'primary',
    ),
  });
}

function providerHeading(provider: Provider): KnownBlock {
  return context(`*${escapeMrkdwn(provider.name)}*  ·  ${escapeMrkdwn(categoryText(provider))}`);
}

/** Blocks one provider's items take in an item message: a heading and one block per item. */
function blocksFor(entries: ChecklistEntry[], blockId: ItemBlockIdEncoder): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  entries.forEach((entry, i) => {
    if (i === 0 || entries[i - 1]!.provider.id !== entry.provider.id)
      blocks.push(providerHeading(entry.provider));
    blocks.push(itemBlock(entry, blockId));
  });
  return blocks;
}

/**
 * One item message: progress, then the items grouped by provider. `progressBlockId`, when given,
 * is the progress line's block id (the face keeps the message's revision there).
 */
export function renderChecklistItemsMessage(
  entries: ChecklistEntry[],
  blockId: ItemBlockIdEncoder,
  progressBlockId?: string,
): SlackMessage {
  const done = entries.filter((e) => e.tick).length;
  const providers = [...new Set(entries.map((e) => e.provider))];
  if (entries.length === 0) {
    const gone =
      "This checklist's providers are no longer in the catalog. Start a new one with the slash command.";
    return { text: 'Checklist: no items left', blocks: [section(gone)] };
  }
  const progress =
    done === entries.length
      ? `:tada: *All ${entries.length} items done* for ${escapeMrkdwn(namesText(providers))}`
      : `*${done} of ${entries.length} done* for ${escapeMrkdwn(namesText(providers))}. Press *Done* as you go; everyone here sees who did what.`;
  return {
    text: escapeMrkdwn(
      truncate(`Checklist: ${done} of ${entries.length} done (${namesText(providers)})`, 3000),
    ),
    blocks: [
      section(progress, progressBlockId ? { block_id: progressBlockId } : {}),
      ...blocksFor(entries, blockId),
    ],
  };
}

/**
 * The most a tick can add to an item block: Slack user ids are 9 to 11 characters (longer ones are
 * allowed for), the date token has a fixed shape.
 */
const WORST_TICK: Tick = { userId: 'U'.padEnd(21, 'X'), at: 9_999_999_999 };

/** The most a progress line takes for these provider names (it names them all, in one section). */
function progressTextBound(nameLengths: number): number {
  return Math.min(SLACK_LIMITS.sectionText, 120 + nameLengths);
}

/**
 * The item messages for a new checklist: providers packed in order into as few messages as fit
 * Slack's limits, in blocks and in text, with every item ticked (a tick lengthens its block, and an
 * item message is redrawn in place, never split, when one is pressed); a provider's items are split
 * across messages only if they alone do not fit.
 */
export function renderChecklistItemMessages(
  checklist: Checklist,
  blockId: ItemBlockIdEncoder,
): SlackMessage[] {
  const blockRoom = SLACK_LIMITS.blocksPerMessage - 1;
  const messages: ChecklistEntry[][] = [];
  let current: ChecklistEntry[] = [];
  let blocks = 0;
  let itemText = 0;
  let nameLengths = 0;
  const flush = () => {
    if (current.length) messages.push(current);
    current = [];
    blocks = 0;
    itemText = 0;
    nameLengths = 0;
  };
  /** What these entries add after the current ones: blocks, item text (ticked) and name lengths. */
  const cost = (entries: readonly ChecklistEntry[]) => {
    let addedBlocks = 0;
    let addedText = 0;
    let addedNames = 0;
    let previous = current.at(-1)?.provider;
    for (const entry of entries) {
      if (entry.provider !== previous) {
        addedBlocks++;
        addedText += blocksTextLength(providerHeading(entry.provider));
        addedNames += escapeMrkdwn(entry.provider.name).length + 5;
        previous = entry.provider;
      }
      addedBlocks++;
      addedText += blocksTextLength(itemBlock({ ...entry, tick: WORST_TICK }, blockId));
    }
    return { addedBlocks, addedText, addedNames };
  };
  const fits = ({ addedBlocks, addedText, addedNames }: ReturnType<typeof cost>) =>
    blocks + addedBlocks <= blockRoom &&
    itemText + addedText + progressTextBound(nameLengths + addedNames) <= SLACK_LIMITS.messageBlocksText;
  for (const section of checklist.sections) {
    const entries = section.items.map((item) => ({ provider: section.provider, item }));
    if (entries.length === 0) continue;
    // A provider starts a new message rather than being split, when it fits in one on its own.
    if (current.length && !fits(cost(entries))) flush();
    for (const entry of entries) {
      let added = cost([entry]);
      if (current.length && !fits(added)) {
        flush();
        added = cost([entry]);
      }
      current.push(entry);
      blocks += added.addedBlocks;
      itemText += added.addedText;
      nameLengths += added.addedNames;
    }
  }
  flush();
  return messages.map((entries) => renderChecklistItemsMessage(entries, blockId));
}

/** The parent message: what the checklist covers and the distinct ports to open, grouped. */
export function renderChecklistSummary(
  checklist: Checklist,
  options: { requestedBy?: string; command: string; note?: string; tables?: boolean },
): SlackMessage {
  const providers = checklist.sections.map((s) => s.provider);
  const itemCount = checklist.sections.reduce((n, s) => n + s.items.length, 0);
  const blocks: KnownBlock[] = [
    section(
      `:clipboard: *Harness Delegate checklist: ${escapeMrkdwn(namesText(providers))}*\n` +
        `${itemCount} items, ticked off in the thread below.`,
    ),
  ];
  const portLines = checklist.ports.map((port) => {
    const conditional = port.conditional ? ' _(conditional)_' : '';
    const inferred = port.inferred ? ` _(${INFERRED_PORT_LABEL})_` : '';
    return `• ${inlineCode(`${port.protocols.join('/')} ${port.port}`)} ${escapeMrkdwn(namesText(port.providers))}${conditional}${inferred}`;
  });
  for (const provider of checklist.unfixedPorts) {
    portLines.push(
      `• ${escapeMrkdwn(provider.name)}: _${escapeMrkdwn(provider.portNote ?? 'no fixed port')}_`,
    );
  }
  // As a table (port × providers) in messages, with the rows also in the top-level text.
  const asTable = options.tables ? checklistPortsTable(checklist) : undefined;
  const title = `*Ports to open (${checklist.ports.length} distinct)*`;
  if (asTable) {
    const unfixed = portLines.slice(checklist.ports.length);
    blocks.push(section(unfixed.length ? `${title}\n${unfixed.join('\n')}` : title), asTable);
  } else if (portLines.length) {
    blocks.push(section(`${title}\n${portLines.join('\n')}`));
  }
  if (options.note) blocks.push(section(`*Note:* ${escapeMrkdwn(options.note)}`));
  blocks.push(
    context(
      `${options.requestedBy ? `Started by ${userMention(options.requestedBy)} with ` : 'Made with '}` +
        inlineCode(`${options.command} checklist ${providers.map((p) => p.id).join(' ')}`),
      ...[sourcesFooter(providers, pageLink)].filter((line): line is string => line !== undefined),
    ),
  );
  const tail = [actions([firewallRulesButton(providers.map((p) => p.id))])];
  fitMessageBlocks(blocks, tail);
  blocks.push(...tail);
  const text = `Harness Delegate checklist: ${namesText(providers)}`;
  return {
    text: escapeMrkdwn(truncate(asTable ? `${text}\nPorts to open:\n${tableAsText(asTable)}` : text, 3000)),
    blocks,
  };
}
