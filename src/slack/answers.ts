import { answer } from '../engine/answer.js';
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
 * Answers what someone typed in Slack with the engine, and counts it when it found nothing (for the
 * maintainers' section of the Home tab), logging one structured line so misses survive a restart
 * in the logs. Every face answers through here.
 */
export function answerSlackText(deps: ListenerDeps, text: string, where: Where): Answer {
  return answerSlackQuery(deps, slackTextToQuery(text), where);
}

/** answerSlackText for text already read with slackTextToQuery (the slash command reads it once). */
export function answerSlackQuery(deps: ListenerDeps, query: string, where: Where): Answer {
  const result = answer(query, deps.catalog);
  countMiss(deps, result, where);
  return result;
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
