import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { entriesFromState, pressItem } from '../../../engine/checklist-state.js';
import { renderChecklistItemsMessage } from '../../../render/blocks/checklist.js';
import { SLACK_LIMITS } from '../../../render/limits.js';
import { itemBlockId, itemPress, parseItemBlockId, readChecklistState } from '../../checklist-ids.js';
import type { ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';

/**
 * "Done"/"Undo" on a checklist item: reads the whole checklist state from the message Slack sent
 * back, ticks or unticks the item as the button said (recording who and when), and redraws the
 * whole message with chat.update.
 * No process memory is involved, so any instance can serve any click.
 */
export function tickItem(deps: ListenerDeps) {
  return async ({
    ack,
    action,
    body,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const item = parseItemBlockId(action.block_id);
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    if (!item || !channel || !ts || !body.message) {
      deps.logger.warn('checklist click without a readable item or message', { blockId: action.block_id });
      return;
    }
    const state = pressItem(
      readChecklistState(body.message.blocks),
      item.providerId,
      item.itemKey,
      itemPress(action.value),
      { userId: body.user.id, at: deps.now() },
    );
    const message = renderChecklistItemsMessage(entriesFromState(state, deps.catalog), itemBlockId);
    // The bot packs its item messages to fit; a payload listing more items than that was not
    // written by it, and redrawing it would break Slack's block limit.
    if (message.blocks.length > SLACK_LIMITS.blocksPerMessage) {
      deps.logger.warn(
        'checklist click on a message with more blocks than one message may hold: left alone',
        {
          channel,
          ts,
          blocks: message.blocks.length,
        },
      );
      return;
    }
    try {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      await reportSlackFailure(deps.logger, error, {
        doing: 'updating a checklist',
        failed: 'checklist update',
        context: { channel, ts },
        tell: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
      });
    }
  };
}
