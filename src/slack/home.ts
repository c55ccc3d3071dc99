import type { WebClient } from '@slack/web-api';
import type { Answer } from '../engine/types.js';
import { MAX_MISSES_SHOWN, renderHomeView } from '../render/blocks/home.js';
import type { ListenerDeps } from './context.js';

/** Publishes a user's Home tab, with what they selected and, for maintainers, the missed queries. */
export async function publishHome(
  client: WebClient,
  deps: ListenerDeps,
  userId: string,
  workspace: string,
  selected?: Answer,
): Promise<void> {
  const isAdmin = deps.adminUserIds.includes(userId);
  const misses = deps.misses.of(workspace);
  const view = renderHomeView({
    catalog: deps.catalog,
    command: deps.command,
    ...(selected ? { selected } : {}),
    ...(isAdmin ? { misses: { top: misses.top(MAX_MISSES_SHOWN), total: misses.total } } : {}),
  });
  await client.views.publish({ user_id: userId, view });
}
