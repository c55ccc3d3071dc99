import { type FaceOptions, type Request, readRequest, searchOf } from '../engine/request.js';
import type { Answer } from '../engine/types.js';
import type { ListenerDeps } from './context.js';
import { slackTextToQuery } from './text.js';

/** Where a query was typed: the face, the user, and the workspace (workspaceOf) it is counted for. */
export interface Where {
  surface: string;
  user?: string;
  workspace: string;
}

/**
 * Reads what someone typed in Slack (already read with slackTextToQuery) through the one request
 * path (src/engine/request.ts), and counts its search when it found nothing (for the maintainers'
 * section of the Home tab), logging one structured line so misses survive a restart in the logs.
 * Every Slack face that takes text (the slash command, mentions, DMs, thread replies, the Home tab's
 * search) reads it here.
 */
export function readSlackRequest(
  deps: ListenerDeps,
  query: string,
  where: Where,
  options: FaceOptions = {},
): Request {
  const request = readRequest(query, deps.catalog, options);
  countMiss(deps, searchOf(request), where);
  return request;
}

/**
 * A search answer to Slack text, whatever its words (a choice in the Home tab's search box is a
 * provider, a topic or a port, never rules).
 */
export function answerSlackText(deps: ListenerDeps, text: string, where: Where): Answer {
  const request = readSlackRequest(deps, slackTextToQuery(text), where, { as: 'answer' });
  return searchOf(request);
}

/**
 * Counts an answer that found nothing (for the maintainers' section of the Home tab) and logs it
 * as one structured line; anything else is left alone. Also for the provider words of a typed
 * `rules …` request.
 */
export function countMiss(deps: ListenerDeps, result: Answer, where: Where): void {
  if (deps.misses.record(where.workspace, result, deps.now())) {
    deps.metrics?.missedQuery();
    deps.logger.info('query found nothing', {
      event: 'query_miss',
      query: result.query,
      surface: where.surface,
      workspace: where.workspace,
      ...(where.user ? { user: where.user } : {}),
    });
  }
}
