import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { replyToMessage } from './reply.js';

/**
 * A direct message to the bot (`message.im`). Under the agent messaging experience each message
 * starts its own thread, so the answer goes in the message's thread (or the thread it was sent in),
 * with a "looking up…" status only when the answer is slow. Edits, joins, bot posts (the bot's own
 * included) and other subtypes are ignored.
 */
export function directMessage(deps: ListenerDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if ('bot_id' in event && event.bot_id) return;
    await replyToMessage(client, deps, {
      workspace: workspaceOf(context),
      channel: event.channel,
      text: event.text ?? '',
      ...(event.user ? { user: event.user } : {}),
      threadTs: event.thread_ts ?? event.ts,
      surface: 'dm',
    });
  };
}
