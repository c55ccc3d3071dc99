import type { WebClient } from '@slack/web-api';
import type { Catalog, Provider } from '../catalog/schema.js';
import type { RuleFormat } from '../engine/rules.js';
import { findCluster, rulesFor } from '../engine/rules-request.js';
import type { SlackMessage } from '../render/blocks/kit.js';
import { type RulesOrigin, renderRulesMessages } from '../render/blocks/rules.js';
import { renderRules } from '../render/rules/index.js';
import type { ListenerDeps } from './context.js';
import { logSlackFailure } from './errors.js';

/** What the modal or a share button asks for: providers by id, a format, and a cluster for the Delegate's rule. */
export interface RulesAsked {
  providerIds: readonly string[];
  format: RuleFormat;
  /** The cluster of the Delegate's own egress; none: that egress is left out. */
  cluster?: string | undefined;
}

/** The catalog's providers for these ids, in the order given; ids the catalog lost are dropped. */
export function providersByIds(catalog: Catalog, ids: readonly string[]): Provider[] {
  return ids.flatMap((id) => {
    const provider = catalog.providers.find((p) => p.id === id);
    return provider ? [provider] : [];
  });
}

/** The CLI command that writes the same rules whole, for rules too long for Slack's messages. */
function cliCommand(providers: readonly Provider[], asked: RulesAsked): string {
  const cluster = asked.cluster ? ` --cluster ${asked.cluster.toLowerCase()}` : '';
  return `harness-ports rules ${providers.map((p) => p.id).join(' ')} --format ${asked.format}${cluster}`;
}

/**
 * The rules asked for as Slack messages (the engine builds them, the format's renderer writes them),
 * or undefined when none of the providers is in the catalog any more.
 */
export function rulesMessages(
  catalog: Catalog,
  asked: RulesAsked,
  face: { surface: 'ephemeral' | 'public'; threadTs?: string | undefined; sharedBy?: string },
): SlackMessage[] | undefined {
  const providers = providersByIds(catalog, asked.providerIds);
  if (providers.length === 0) return undefined;
  const cluster = asked.cluster ? findCluster(catalog, asked.cluster) : undefined;
  const delegate = cluster !== undefined && catalog.delegate !== undefined;
  const rules = rulesFor({ providers, delegate, ...(cluster ? { cluster } : {}) }, catalog);
  return renderRulesMessages({
    format: asked.format,
    text: renderRules(asked.format, rules),
    providerNames: providers.map((p) => p.name),
    ...(delegate && cluster ? { cluster: cluster.cluster } : {}),
    surface: face.surface,
    ...(face.sharedBy ? { sharedBy: face.sharedBy } : {}),
    share: {
      providerIds: providers.map((p) => p.id),
      format: asked.format,
      ...(delegate && cluster ? { cluster: cluster.cluster } : {}),
      ...(face.threadTs ? { threadTs: face.threadTs } : {}),
    },
    whole: cliCommand(providers, { ...asked, ...(delegate && cluster ? { cluster: cluster.cluster } : {}) }),
  });
}

/**
 * Sends rules privately to whoever asked, where they asked: through the pressed button's response
 * URL (ephemeral; works in any conversation, the bot a member or not), else, or once that URL has
 * expired (30 minutes) or refuses, with chat.postEphemeral in the same conversation and thread, and
 * from the Home tab (no conversation) or when that is refused too, in the bot's DM with them.
 */
export async function sendRulesPrivately(
  client: WebClient,
  deps: ListenerDeps,
  origin: RulesOrigin,
  messages: readonly SlackMessage[],
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
      logSlackFailure(deps.logger, 'sending firewall rules through the response URL', error, {
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
      logSlackFailure(deps.logger, 'sending firewall rules as ephemeral messages', error, {
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
    logSlackFailure(deps.logger, 'sending firewall rules in a direct message', error, {
      user: origin.userId,
    });
  }
}
