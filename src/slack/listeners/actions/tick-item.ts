import { entriesFromState, laterState, pressItem } from '../../../engine/checklist-state.js';
import { renderChecklistItemsMessage } from '../../../render/blocks/checklist.js';
import { SLACK_USER_ID } from '../../../render/escape.js';
import { blocksTextLength, SLACK_LIMITS } from '../../../render/limits.js';
import {
  itemBlockId,
  itemPress,
  parseItemBlockId,
  progressBlockId,
  readChecklistState,
} from '../../checklist-ids.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';
import { MessageBusyError, messageKey } from '../../store.js';

/** Told privately when a message stayed locked by others' clicks longer than a click waits. */
export const CHECKLIST_BUSY =
  'Many people are ticking this checklist at once and your press could not be recorded. Press it again in a moment.';

/**
 * "Done"/"Undo" on a checklist item: ticks or unticks the item as the button said (recording who
 * and when) and redraws the whole message with chat.update.
 *
 * Presses on one message are applied one at a time (deps.store: this process, or every instance
 * with Redis), each to the latest state of the message: the copy the click carries, or the one
 * kept after the last redraw when that has taken more presses (two clicks crossing carry the
 * same old copy). The message's own block ids hold the state, so without a kept copy (another
 * instance, a restart) any instance can still serve the click.
 */
export function tickItem(deps: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: ButtonClickArgs) => {
    await ack();
    const item = parseItemBlockId(action.block_id);
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    const carried = body.message?.blocks;
    if (!item || !channel || !ts || !carried) {
      deps.logger.warn('checklist click without a readable item or message', { blockId: action.block_id });
      return;
    }
    // The clicker's id goes into the item's block id: one Slack would never send is refused
    // (it could break the 255-character limit, or the next read of the block id).
    if (!SLACK_USER_ID.test(body.user.id)) {
      deps.logger.warn('checklist click from a user id Slack would not send: left alone', { channel, ts });
      return;
    }
    const key = messageKey(channel, ts);
    const tick = { userId: body.user.id, at: deps.now() };
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    try {
      await deps.store.exclusive(key, async () => {
        const latest = laterState(readChecklistState(carried), await deps.store.keptChecklist(key));
        const state = pressItem(latest, item.providerId, item.itemKey, itemPress(action.value), tick);
        const message = renderChecklistItemsMessage(
          entriesFromState(state, deps.catalog),
          itemBlockId,
          progressBlockId(state.revision ?? 0),
        );
        // The bot packs its item messages to fit, in blocks and in text with every item ticked; a
        // payload listing more items than that was not written by it, and redrawing it would break
        // Slack's limits.
        const text = blocksTextLength(message.blocks);
        if (message.blocks.length > SLACK_LIMITS.blocksPerMessage || text > SLACK_LIMITS.messageBlocksText) {
          deps.logger.warn('checklist click on a message with more than one message may hold: left alone', {
            channel,
            ts,
            blocks: message.blocks.length,
            text,
          });
          return;
        }
        try {
          await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
        } catch (error) {
          await reportSlackFailure(deps.logger, error, {
            doing: 'updating a checklist',
            failed: 'checklist update',
            context: { channel, ts },
            tell,
          });
          return;
        }
        await deps.store.keepChecklist(key, state);
      });
    } catch (error) {
      if (!(error instanceof MessageBusyError)) throw error;
      deps.logger.warn('checklist click gave up waiting for other clicks on the message', { channel, ts });
      await tell(CHECKLIST_BUSY).catch((tellError: unknown) =>
        deps.logger.warn('could not tell a clicker to press again', String(tellError)),
      );
    }
  };
}
