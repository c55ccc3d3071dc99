import type { WebClient } from '@slack/web-api';
import { answer } from '../../../engine/answer.js';
import { isPostableChecklist } from '../../../engine/checklist.js';
import { renderAnswerMessage } from '../../../render/blocks/answer.js';
import { postChecklist } from '../../checklist.js';
import type { ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';
import { postMessage } from '../../post.js';
import { slackTextToQuery } from '../../text.js';

/** Answers a message that was addressed to the bot (a mention or a DM) where it was asked. */
export async function replyToMessage(
  client: WebClient,
  deps: ListenerDeps,
  message: { channel: string; user?: string; text: string; threadTs?: string },
): Promise<void> {
  const result = answer(slackTextToQuery(message.text), deps.catalog);
  try {
    if (isPostableChecklist(result)) {
      await postChecklist(client, deps, {
        channel: message.channel,
        providers: result.matches.map((m) => m.provider),
        ...(message.user ? { requestedBy: message.user } : {}),
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      });
      return;
    }
    const reply = renderAnswerMessage(result, { surface: 'public', command: deps.command });
    await postMessage(client, message.channel, reply, message.threadTs);
  } catch (error) {
    const { user } = message;
    await reportSlackFailure(deps.logger, error, {
      doing: 'replying to a message',
      failed: 'reply',
      context: { channel: message.channel },
      ...(user
        ? {
            tell: (text: string) =>
              client.chat.postEphemeral({
                channel: message.channel,
                user,
                text,
                ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
              }),
          }
        : {}),
    });
  }
}
