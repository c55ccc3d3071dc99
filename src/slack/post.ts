import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../render/blocks/kit.js';

/** Posts a message as the bot, with link previews off (catalog links would unfurl into noise). */
export async function postMessage(
  client: WebClient,
  channel: string,
  message: SlackMessage,
  threadTs?: string,
): Promise<string | undefined> {
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return result.ts;
}
