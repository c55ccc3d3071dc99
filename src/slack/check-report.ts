import type { WebClient } from '@slack/web-api';
import { itemsToTick, tickVerified, verifiedPorts } from '../engine/check-ticks.js';
import type { CheckReport } from '../engine/check-verdict.js';
import { type CheckOrigin, renderCheckSlack } from '../render/check.js';
import { escapeMrkdwn, inlineCode, SLACK_USER_ID } from '../render/escape.js';
import { SLACK_LIMITS, truncateMrkdwn } from '../render/limits.js';
import { readChecklistState } from './checklist-ids.js';
import { redrawChecklistMessage, type TickPathDeps } from './checklist-ticks.js';
import { workspaceKey } from './store.js';

/**
 * `harness-ports check … --report <checklist permalink | channel>`: posts the check's report, and
 * on a checklist ticks the port items the check verified (engine/check-ticks.ts) through the same
 * serialised tick path as people's presses (checklist-ticks.ts), as the bot's own user, with the
 * report in the checklist's thread saying "verified by check from <host> at <time>".
 */

/** Where a report goes: a channel, or a checklist (its summary's thread). */
export interface ReportTarget {
  channel: string;
  /** The checklist's summary message (the thread's root). */
  ts?: string;
}

const PERMALINK =
  /^https:\/\/[a-z0-9-]+(?:\.enterprise)?\.slack\.com\/archives\/([A-Z0-9]{3,20})\/p(\d{10})(\d{6})(?:\?(.*))?$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;
const CHANNEL_NAME = /^#[a-z0-9][a-z0-9._-]{0,79}$/;

/** Reads `--report`: a message permalink (its thread's root, when it links a reply), a channel id or #name. */
export function parseReportTarget(text: string): ReportTarget | string {
  const value = text.trim();
  const link = PERMALINK.exec(value);
  if (link) {
    const threadTs = new URLSearchParams(link[4] ?? '').get('thread_ts');
    const ts = threadTs && /^\d{10}\.\d{6}$/.test(threadTs) ? threadTs : `${link[2]}.${link[3]}`;
    return { channel: link[1]!, ts };
  }
  if (CHANNEL_ID.test(value) || CHANNEL_NAME.test(value)) return { channel: value };
  return `--report ${text}: give a checklist's link (Copy link on its summary message) or a channel (C0123ABCD or #netsec)`;
}

export interface PostedReport {
  /** The report message's ts. */
  ts: string | undefined;
  /** The items ticked, as "Provider PROTOCOL port". */
  ticked: string[];
  /** Checklist messages found in the thread. */
  checklistMessages: number;
}

interface ThreadMessage {
  ts: string;
  blocks: unknown;
}

function threadMessages(messages: unknown): ThreadMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: unknown) => {
    if (!message || typeof message !== 'object' || !('ts' in message) || typeof message.ts !== 'string')
      return [];
    return [{ ts: message.ts, blocks: 'blocks' in message ? message.blocks : undefined }];
  });
}

/** The line the thread shows above the report: what the check ticked, and from where. */
export function tickedLine(ticked: readonly string[], origin: CheckOrigin, checklist: boolean): string {
  const from = `from ${inlineCode(origin.host)} at ${escapeMrkdwn(origin.at)}`;
  if (!checklist) return '';
  if (ticked.length === 0)
    return `Nothing ticked by this check ${from}: no port item of the checklist was verified.`;
  return `:white_check_mark: Verified by check ${from} and ticked: ${ticked.map(escapeMrkdwn).join(', ')}.`;
}

/**
 * Posts a report; on a checklist, first ticks what it verified on each item message of the thread.
 * `now` is seconds since the epoch, as ticks record it.
 */
export async function postCheckReport(
  deps: TickPathDeps & { now: () => number },
  client: WebClient,
  target: ReportTarget,
  report: CheckReport,
  origin: CheckOrigin,
): Promise<PostedReport> {
  const ticked: string[] = [];
  let checklistMessages = 0;
  if (target.ts) {
    const auth = await client.auth.test();
    const botUser =
      typeof auth.user_id === 'string' && SLACK_USER_ID.test(auth.user_id) ? auth.user_id : undefined;
    if (!botUser) throw new Error('auth.test gave no bot user id to tick items with');
    // The checklist's state is kept under its workspace, as the bot keeps it (context.ts, workspaceKey).
    const workspace = workspaceKey({
      teamId: typeof auth.team_id === 'string' ? auth.team_id : undefined,
      enterpriseId: typeof auth.enterprise_id === 'string' ? auth.enterprise_id : undefined,
    });
    const replies = await client.conversations.replies({
      channel: target.channel,
      ts: target.ts,
      limit: 200,
    });
    const verified = verifiedPorts(report);
    const tick = { userId: botUser, at: deps.now() };
    for (const message of threadMessages(replies.messages)) {
      if (readChecklistState(message.blocks).entries.length === 0) continue;
      checklistMessages++;
      let names: string[] = [];
      const result = await redrawChecklistMessage(
        deps,
        client,
        { workspace, channel: target.channel, ts: message.ts, blocks: message.blocks },
        (latest) => {
          // Worked out again on the latest state under the lock: what someone ticked meanwhile stays theirs.
          names = itemsToTick(latest, verified, deps.catalog).map((item) => {
            const provider = deps.catalog.providers.find((p) => p.id === item.providerId);
            const rule = provider?.ports.find((p) => p.port === item.port);
            return `${provider?.name ?? item.providerId} ${rule?.protocol ?? ''} ${item.port}`.replace(
              /\s+/g,
              ' ',
            );
          });
          return tickVerified(latest, verified, deps.catalog, tick);
        },
      );
      if (result === 'updated') ticked.push(...names);
    }
  }
  const head = tickedLine(ticked, origin, checklistMessages > 0);
  const text = truncateMrkdwn(
    [head, renderCheckSlack(report, origin)].filter(Boolean).join('\n'),
    SLACK_LIMITS.messageText,
  );
  const posted = await client.chat.postMessage({
    channel: target.channel,
    text,
    ...(target.ts ? { thread_ts: target.ts } : {}),
    unfurl_links: false,
  });
  return { ts: typeof posted.ts === 'string' ? posted.ts : undefined, ticked, checklistMessages };
}

/** What `--report` reads from the environment: the bot's token, and where Slack and Redis are. */
export interface ReportSettings {
  botToken: string;
  slackApiUrl?: string;
  /** The bot's REDIS_URL: with it, the report's ticks take the same locks as the bot's replicas. */
  redisUrl?: string;
}

/** The settings `--report` needs from an environment, or what is missing or wrong. */
export function reportSettings(env: Readonly<Record<string, string | undefined>>): ReportSettings | string {
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  if (!botToken) {
    return "--report needs SLACK_BOT_TOKEN (the bot's xoxb- token); without it, --format slack prints the message to paste";
  }
  if (!botToken.startsWith('xoxb-')) return 'SLACK_BOT_TOKEN must be a bot token (xoxb-…)';
  const settings: ReportSettings = { botToken };
  for (const [name, key] of [
    ['SLACK_API_URL', 'slackApiUrl'],
    ['REDIS_URL', 'redisUrl'],
  ] as const) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!URL.canParse(value)) return `${name} must be a URL`;
    settings[key] = value;
  }
  return settings;
}

/**
 * Posts a report as the CLI does: a Web API client with the bot's policy, the bot's store (Redis
 * when REDIS_URL is set, so people's ticks and the report's queue on the same lock), closed after.
 * Resolves with what was posted, or rejects with an explanation for the terminal.
 */
export async function reportFromCli(
  settings: ReportSettings,
  deps: Omit<TickPathDeps, 'store'> & { now: () => number },
  target: ReportTarget,
  report: CheckReport,
  origin: CheckOrigin,
): Promise<PostedReport> {
  const [
    { WebClient },
    { MemoryStore },
    { RedisStore },
    { WEB_API_POLICY, webApiClientOptions },
    { explainSlackError, slackErrorCode },
  ] = await Promise.all([
    import('@slack/web-api'),
    import('./store.js'),
    import('./redis-store.js'),
    import('./web-api-policy.js'),
    import('./errors.js'),
  ]);
  const client = new WebClient(settings.botToken, {
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
    ...webApiClientOptions(deps.logger, WEB_API_POLICY),
  });
  const store = settings.redisUrl
    ? new RedisStore(settings.redisUrl, deps.logger, {
        lockTtlMs: WEB_API_POLICY.timeoutMs + 5_000,
        lockWaitMs: WEB_API_POLICY.timeoutMs + 5_000,
      })
    : new MemoryStore();
  try {
    await store.connect();
    return await postCheckReport({ ...deps, store }, client, target, report, origin);
  } catch (error) {
    throw new Error(`${explainSlackError(error)} (${slackErrorCode(error)})`);
  } finally {
    await store.close();
  }
}
