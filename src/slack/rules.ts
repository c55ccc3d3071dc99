import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Catalog, Provider } from '../catalog/schema.js';
import { findProvider } from '../engine/providers.js';
import type { RuleFormat } from '../engine/rules.js';
import { findCluster, type RulesSelection, rulesFor, rulesRequest } from '../engine/rules-request.js';
import type { Answer } from '../engine/types.js';
import { parseProviderIds } from '../render/blocks/ids.js';
import type { SlackMessage } from '../render/blocks/kit.js';
import { type RulesOrigin, renderRulesMessages, renderRulesProblems } from '../render/blocks/rules.js';
import { renderRules } from '../render/rules/index.js';
import { DEFAULT_RULE_FORMAT, rulesProblems } from '../render/rules/response.js';
import type { ButtonClickArgs, ListenerDeps } from './context.js';
import { logSlackFailure, reportSlackFailure } from './errors.js';

/** What the modal or a share button asks for: providers by id, a format, the Delegate's own egress and its cluster. */
export interface RulesAsked {
  providerIds: readonly string[];
  format: RuleFormat;
  delegate: boolean;
  /** The cluster of the Delegate's own egress (a name the catalog has); none: the engine's default host. */
  cluster?: string | undefined;
}

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
 * The providers a button's value names (ids, space-separated), those the catalog still has; none
 * (logged as a warning naming the button) for a value with no known id, a forged one say.
 */
export function providersOfButton(deps: ListenerDeps, value: string | undefined, button: string): Provider[] {
  const providers = providersByIds(deps.catalog, parseProviderIds(value));
  if (providers.length === 0) {
    deps.logger.warn(`${button} button with no known provider`, { value: value?.slice(0, 100) });
  }
  return providers;
}

/** The CLI command that writes the same rules whole, for rules too long for Slack's messages. */
function cliCommand(selection: RulesSelection, format: RuleFormat): string {
  const words = selection.providers.map((p) => p.id);
  if (selection.delegate && !selection.cluster) words.push('delegate');
  const cluster =
    selection.delegate && selection.cluster ? ` --cluster ${selection.cluster.cluster.toLowerCase()}` : '';
  return `harness-ports rules ${words.join(' ')} --format ${format}${cluster}`;
}

export interface RulesFace {
  surface: 'ephemeral' | 'public';
  threadTs?: string | undefined;
  sharedBy?: string;
}

/** A selection's rules (the engine builds them, the format's renderer writes them) as Slack messages. */
function selectionMessages(
  catalog: Catalog,
  selection: RulesSelection,
  format: RuleFormat,
  face: RulesFace,
): SlackMessage[] {
  const delegate = selection.delegate && catalog.delegate !== undefined;
  const cluster = delegate ? selection.cluster?.cluster : undefined;
  return renderRulesMessages({
    format,
    text: renderRules(format, rulesFor(selection, catalog)),
    providerNames: selection.providers.map((p) => p.name),
    delegate,
    cluster,
    surface: face.surface,
    ...(face.sharedBy ? { sharedBy: face.sharedBy } : {}),
    share: {
      providerIds: selection.providers.map((p) => p.id),
      format,
      delegate,
      ...(cluster ? { cluster } : {}),
      ...(face.threadTs ? { threadTs: face.threadTs } : {}),
    },
    whole: cliCommand(selection, format),
  });
}

/** The rules asked for (the modal, a share button) as Slack messages; undefined when nothing asked is in the catalog any more. */
export function rulesMessages(
  catalog: Catalog,
  asked: RulesAsked,
  face: RulesFace,
): SlackMessage[] | undefined {
  const providers = providersByIds(catalog, asked.providerIds);
  const cluster = asked.cluster ? findCluster(catalog, asked.cluster) : undefined;
  const delegate = asked.delegate && catalog.delegate !== undefined;
  if (providers.length === 0 && !delegate) return undefined;
  return selectionMessages(
    catalog,
    { providers, delegate, ...(cluster ? { cluster } : {}) },
    asked.format,
    face,
  );
}

/**
 * A typed rules request ("rules splunk jenkins as terraform", "rules delegate prod3"): the rules as
 * Slack messages, or one message saying why none were written (a word, format or cluster it does not
 * know: rules that silently leave out something asked for are worse than none).
 */
export function typedRulesMessages(
  catalog: Catalog,
  query: string,
  face: RulesFace,
  /** Sees the search the request's provider words got (the faces count it when it found nothing). */
  searched: (search: Answer) => void = () => {},
): SlackMessage[] {
  const request = rulesRequest(query, catalog);
  searched(request.search);
  const problems = rulesProblems(request, catalog);
  if (problems.length) return [renderRulesProblems(problems)];
  return selectionMessages(catalog, request, request.format ?? DEFAULT_RULE_FORMAT, face);
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
