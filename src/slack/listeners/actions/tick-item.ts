import { pressItem } from '../../../engine/checklist-state.js';
import { itemBlockIdCodec, itemPressCodec } from '../../../render/blocks/payloads.js';
import { SLACK_USER_ID } from '../../../render/escape.js';
import { redrawChecklistMessage } from '../../checklist-ticks.js';
import { type ButtonClickArgs, type ListenerDeps, workspaceOf } from '../../context.js';
import { decodePressed } from '../../payloads.js';
import { MessageBusyError } from '../../store.js';

/** Told privately when a message stayed locked by others' clicks longer than a click waits. */
export const CHECKLIST_BUSY =
  'Many people are ticking this checklist at once and your press could not be recorded. Press it again in a moment.';

/**
 * "Done"/"Undo" on a checklist item: ticks or unticks the item as the button said (recording who
 * and when) and redraws the whole message with chat.update.
 *
 * Presses on one message are applied one at a time, each to the latest state of the message, by
 * the one tick path (src/slack/checklist-ticks.ts) a check's report shares. The message's own
 * block ids hold the state, so without a kept copy (another instance, a restart) any instance can
 * still serve the click.
 */
export function tickItem(deps: ListenerDeps) {
  return async ({ ack, action, body, client, respond, context }: ButtonClickArgs) => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const item = await decodePressed(deps, itemBlockIdCodec, action.block_id, tell);
    if (!item) return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    const carried = body.message?.blocks;
    if (!channel || !ts || !carried) {
      deps.logger.warn('checklist click without a readable item or message', { blockId: action.block_id });
      return;
    }
    // The clicker's id goes into the item's block id: one Slack would never send is refused
    // (it could break the 255-character limit, or the next read of the block id).
    if (!SLACK_USER_ID.test(body.user.id)) {
      deps.logger.warn('checklist click from a user id Slack would not send: left alone', { channel, ts });
      return;
    }
    const tick = { userId: body.user.id, at: deps.now() };
    try {
      await redrawChecklistMessage(
        deps,
        client,
        { workspace: workspaceOf(context), channel, ts, blocks: carried },
        (latest) =>
          pressItem(
            latest,
            item.providerId,
            item.itemKey,
            itemPressCodec.decode(action.value) ?? 'toggle',
            tick,
          ),
        tell,
      );
    } catch (error) {
      if (!(error instanceof MessageBusyError)) throw error;
      deps.logger.warn('checklist click gave up waiting for other clicks on the message', { channel, ts });
      await tell(CHECKLIST_BUSY).catch((tellError: unknown) =>
        deps.logger.warn('could not tell a clicker to press again', String(tellError)),
      );
    }
  };
}
