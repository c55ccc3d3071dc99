import type { WebClient } from '@slack/web-api';
import { renderAnswerMessage } from '../../../render/blocks/answer.js';
import { readSlackRequest } from '../../answers.js';
import { postChecklist } from '../../checklist.js';
import type { ListenerDeps } from '../../context.js';
import { logSlackFailure, reportSlackFailure } from '../../errors.js';
import { postMessage } from '../../post.js';
import { slackTextToQuery } from '../../text.js';
import { codeRequestMessages, isCodeRequest } from '../../typed-requests.js';

/** What the "looking up…" status says (assistant.threads.setStatus). */
export const LOOKING_UP_STATUS = 'is looking up ports…';

/**
 * Shows "looking up…" in a thread only if the answer has not come after `delayMs`: most answers
 * take a few milliseconds, and a status that flashes for them is noise. Slack clears the status
 * itself when the bot replies in the thread (docs.slack.dev/reference/methods/assistant.threads.setStatus).
 * Returns a function that cancels a status not shown yet.
 */
function statusAfter(
  client: WebClient,
  deps: ListenerDeps,
  where: { channel: string; threadTs: string },
  delayMs: number,
): () => void {
  const timer = setTimeout(() => {
    client.assistant.threads
      .setStatus({ channel_id: where.channel, thread_ts: where.threadTs, status: LOOKING_UP_STATUS })
      .catch((error: unknown) => logSlackFailure(deps.logger, 'setting the looking-up status', error));
  }, delayMs);
  return () => clearTimeout(timer);
}

/** Answers a message that was addressed to the bot (a mention or a DM) where it was asked. */
export async function replyToMessage(
  client: WebClient,
  deps: ListenerDeps,
  message: {
    workspace: string;
    channel: string;
    user?: string;
    text: string;
    threadTs?: string;
    surface: 'mention' | 'dm';
  },
): Promise<void> {
  const cancelStatus =
    message.surface === 'dm' && message.threadTs
      ? statusAfter(
          client,
          deps,
          { channel: message.channel, threadTs: message.threadTs },
          deps.statusDelayMs,
        )
      : () => undefined;
  try {
    // "rules splunk jenkins", "policy aws ec2": code blocks split over as many messages as they need.
    const query = slackTextToQuery(message.text);
    const request = readSlackRequest(deps, query, {
      surface: message.surface,
      workspace: message.workspace,
      ...(message.user ? { user: message.user } : {}),
    });
    if (isCodeRequest(request)) {
      const typed = codeRequestMessages(deps, request, { surface: 'public' });
      for (const reply of typed.messages) {
        await postMessage(client, message.channel, reply, message.threadTs);
      }
      return;
    }
    if (request.kind === 'checklist') {
      await postChecklist(client, deps, {
        channel: message.channel,
        providers: request.answer.matches.map((m) => m.provider),
        ...(message.user ? { requestedBy: message.user } : {}),
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
      });
      return;
    }
    const reply = renderAnswerMessage(request.answer, {
      surface: 'public',
      command: deps.command,
      feedback: true,
      tables: true,
    });
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
  } finally {
    cancelStatus();
  }
}
