import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  Context,
  Logger,
  RespondFn,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { Catalog } from '../catalog/schema.js';
import type { WorkspaceMissedQueries } from '../engine/misses.js';
import type { SealedInstallationStore } from './installations.js';
import type { BotMetrics } from './metrics.js';
import { type SharedStore, workspaceKey } from './store.js';

/** What a button's listener gets from Bolt. */
export type ButtonClickArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** What every listener needs, passed in once: no globals, no env reads. */
export interface ListenerDeps {
  catalog: Catalog;
  logger: Logger;
  /** The slash command as configured in the manifest. */
  command: string;
  /** Clock in seconds, replaceable in tests. */
  now: () => number;
  /** Queries that found nothing, counted per workspace for the maintainers' section of the Home tab. */
  misses: WorkspaceMissedQueries;
  /** What `GET /metrics` reports (missed queries are counted there too); absent with METRICS=off. */
  metrics?: Pick<BotMetrics, 'missedQuery'>;
  /** Where 👎 reports go (FEEDBACK_CHANNEL); unset: they are logged only. */
  feedbackChannel?: string;
  /** Users who see the maintainers' section of the Home tab (ADMIN_USER_IDS). */
  adminUserIds: readonly string[];
  /** Milliseconds a DM answer may take before a "looking up…" status is shown. */
  statusDelayMs: number;
  /** Checklist states and locks: this process's memory, or Redis shared by every instance. */
  store: SharedStore;
  /** The workspaces' installations (OAuth install on): uninstalls and revocations delete theirs. */
  installations?: SealedInstallationStore;
  /**
   * respond() for a response URL carried from another request (a modal submission has none of its
   * own): Bolt's respond, through the same Web API policy.
   */
  respondTo: (responseUrl: string) => RespondFn;
}

/** workspaceKey of a request (store.ts), from Bolt's context. */
export function workspaceOf(context: Context): string {
  return workspaceKey(context);
}

export const SLASH_COMMAND = '/harness-ports';

/** How long a DM answer may take before the bot shows "looking up…" (most answers take a few ms). */
export const STATUS_DELAY_MS = 700;
