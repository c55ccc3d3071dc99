import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { replyToMessage } from './reply.js';

/**
 * `@bot what ports does splunk need?`: the answer goes in a thread under the mention (or its thread).
 * Mentions posted by bots (the bot's own answers included) and edited messages are ignored.
 */
export function appMention(deps: ListenerDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs) => {
    if (event.bot_id || event.subtype) return;
    await replyToMessage(client, deps, {
      workspace: workspaceOf(context),
      channel: event.channel,
      text: event.text,
      threadTs: event.thread_ts ?? event.ts,
      surface: 'mention',
      ...(event.user ? { user: event.user } : {}),
    });
  };
}
