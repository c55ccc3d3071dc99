import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { Catalog } from '../catalog/schema.js';
import { type ChecklistState, entriesFromState, laterState } from '../engine/checklist-state.js';
import { renderChecklistItemsMessage } from '../render/blocks/checklist.js';
import { itemBlockId, progressBlockIdCodec } from '../render/blocks/payloads.js';
import { blocksTextLength, SLACK_LIMITS } from '../render/limits.js';
import { readChecklistState } from './checklist-ids.js';
import { reportSlackFailure } from './errors.js';
import { messageKey, type SharedStore } from './store.js';

/**
 * The one path every tick of a posted checklist message takes, a person's press
 * (listeners/actions/tick-item.ts) or a check's report (check-report.ts): under the message's lock
 * (deps.store: this process, or every instance with Redis), the latest state (the copy the caller
 * carries, or the one kept after the last redraw when that has taken more presses), the change,
 * the redraw with chat.update, and the new state kept. Two ticks on one message never redraw it
 * from the same old copy, so none is lost.
 */

export interface TickPathDeps {
  catalog: Catalog;
  logger: Logger;
  store: SharedStore;
}

/** What became of one redraw. */
export type RedrawResult = 'updated' | 'unchanged' | 'too-big' | 'failed';

export async function redrawChecklistMessage(
  deps: TickPathDeps,
  client: WebClient,
  message: { workspace: string; channel: string; ts: string; blocks: unknown },
  change: (latest: ChecklistState) => ChecklistState | undefined,
  tell?: (text: string) => Promise<unknown>,
): Promise<RedrawResult> {
  const { channel, ts } = message;
  const key = messageKey(message.workspace, channel, ts);
  return deps.store.exclusive(key, async () => {
    const latest = laterState(readChecklistState(message.blocks), await deps.store.keptChecklist(key));
    const state = change(latest);
    if (!state) return 'unchanged';
    const redrawn = renderChecklistItemsMessage(
      entriesFromState(state, deps.catalog),
      itemBlockId,
      progressBlockIdCodec.encode(state.revision ?? 0),
    );
    // The bot packs its item messages to fit, in blocks and in text with every item ticked; a
    // payload listing more items than that was not written by it, and redrawing it would break
    // Slack's limits.
    const text = blocksTextLength(redrawn.blocks);
    if (redrawn.blocks.length > SLACK_LIMITS.blocksPerMessage || text > SLACK_LIMITS.messageBlocksText) {
      deps.logger.warn('checklist tick on a message with more than one message may hold: left alone', {
        channel,
        ts,
        blocks: redrawn.blocks.length,
        text,
      });
      return 'too-big';
    }
    try {
      await client.chat.update({ channel, ts, text: redrawn.text, blocks: redrawn.blocks });
    } catch (error) {
      await reportSlackFailure(deps.logger, error, {
        doing: 'updating a checklist',
        failed: 'checklist update',
        context: { channel, ts },
        ...(tell ? { tell } : {}),
      });
      return 'failed';
    }
    await deps.store.keepChecklist(key, state);
    return 'updated';
  });
}
