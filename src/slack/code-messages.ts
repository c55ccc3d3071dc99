import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Catalog, Provider } from '../catalog/schema.js';
import { findProvider } from '../engine/providers.js';
import type { SlackMessage } from '../render/blocks/kit.js';
import { providerIdsCodec, type RulesOrigin } from '../render/blocks/payloads.js';
import type { ButtonClickArgs, ListenerDeps } from './context.js';
import { logSlackFailure, reportSlackFailure } from './errors.js';
import { decodePressed } from './payloads.js';

/**
 * What the buttons that bring code (firewall rules, permission snippets) share: the providers a
 * button names, where it was pressed, and sending the code there privately or sharing it.
 */

/**
 * The catalog's providers (table rows and NextGen connectors) for these ids, in the order given; ids
 * the catalog lost are dropped.
 */
export function providersByIds(catalog: Catalog, ids: readonly string[]): Provider[] {
  return ids.flatMap((id) => {
    const provider = findProvider(catalog, id);
    return provider ? [provider] : [];
  });
}

/**
 * The providers a button's value names (ids, space-separated), those the catalog still has. A value
 * with no id at all does not decode: the presser is told privately (decodePressed). Ids the catalog
 * does not have (lost since, or forged) give none, logged as a warning naming the button.
 */
export async function providersOfButton(
  deps: ListenerDeps,
  value: string | undefined,
  button: string,
  respond: RespondFn,
): Promise<Provider[]> {
  const ids = await decodePressed(deps, providerIdsCodec, value, (text) =>
    respond({ response_type: 'ephemeral', replace_original: false, text }),
  );
  if (!ids) return [];
  const providers = providersByIds(deps.catalog, ids);
  if (providers.length === 0) {
    deps.logger.warn(`${button} button with no known provider`, { value: value?.slice(0, 100) });
  }
  return providers;
}

/** Where a button was pressed, so what it asks for comes back there privately. */
export type PrivateOrigin = Pick<RulesOrigin, 'userId' | 'channelId' | 'threadTs' | 'responseUrl'>;

/**
 * Where this button click happened: who pressed it, the conversation, the thread (a public message's
 * own thread, a checklist summary's being its thread's parent; an ephemeral message has no ts to
 * thread under) and the click's response URL.
 */
export function clickOrigin(body: ButtonClickArgs['body']): PrivateOrigin {
  const container = body.container as { channel_id?: string; thread_ts?: string; is_ephemeral?: boolean };
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const threadTs =
    message?.thread_ts ?? container.thread_ts ?? (container.is_ephemeral ? undefined : message?.ts);
  const channelId = body.channel?.id ?? container.channel_id;
  return {
    userId: body.user.id,
    ...(channelId ? { channelId } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(body.response_url ? { responseUrl: body.response_url } : {}),
  };
}

/**
 * Sends code messages (firewall rules, permission snippets: `what`, for the logs) privately to whoever
 * asked, where they asked: through the pressed button's response URL (ephemeral; works in any
 * conversation, the bot a member or not), else, or once that URL has expired (30 minutes) or
 * refuses, with chat.postEphemeral in the same conversation and thread, and from the Home tab (no
 * conversation) or when that is refused too, in the bot's DM with them.
 */
export async function sendCodePrivately(
  client: WebClient,
  deps: ListenerDeps,
  origin: PrivateOrigin,
  messages: readonly SlackMessage[],
  what = 'firewall rules',
): Promise<void> {
  let sent = 0;
  const thread = origin.threadTs ? { thread_ts: origin.threadTs } : {};
  if (origin.responseUrl) {
    const respond = deps.respondTo(origin.responseUrl);
    try {
      for (const message of messages) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...thread, ...message });
        sent++;
      }
      return;
    } catch (error) {
      logSlackFailure(deps.logger, `sending ${what} through the response URL`, error, {
        user: origin.userId,
        sent,
      });
    }
  }
  if (origin.channelId) {
    try {
      for (const message of messages.slice(sent)) {
        await client.chat.postEphemeral({
          channel: origin.channelId,
          user: origin.userId,
          ...thread,
          text: message.text,
          blocks: message.blocks,
        });
        sent++;
      }
      return;
    } catch (error) {
      logSlackFailure(deps.logger, `sending ${what} as ephemeral messages`, error, {
        user: origin.userId,
        channel: origin.channelId,
        sent,
      });
    }
  }
  try {
    for (const message of messages.slice(sent)) {
      await client.chat.postMessage({ channel: origin.userId, text: message.text, blocks: message.blocks });
    }
  } catch (error) {
    logSlackFailure(deps.logger, `sending ${what} in a direct message`, error, {
      user: origin.userId,
    });
  }
}

/**
 * Posts code messages (firewall rules, permission snippets: `what`, for the logs) for everyone
 * through the share button's response URL, in the thread they were asked in; a failure is logged
 * and told privately to whoever shared. The private copy stays: it may be several messages, and only
 * the one with the button could be removed.
 */
export async function shareCodeMessages(
  deps: ListenerDeps,
  respond: RespondFn,
  messages: readonly SlackMessage[],
  share: { userId: string; threadTs?: string | undefined; what: string },
): Promise<void> {
  try {
    for (const message of messages) {
      await respond({
        response_type: 'in_channel',
        replace_original: false,
        ...(share.threadTs ? { thread_ts: share.threadTs } : {}),
        ...message,
      });
    }
  } catch (error) {
    await reportSlackFailure(deps.logger, error, {
      doing: `sharing ${share.what}`,
      failed: 'share',
      context: { user: share.userId },
      tell: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
    });
  }
}
