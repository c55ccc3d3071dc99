import type { WebClient } from '@slack/web-api';
import type { Provider } from '../catalog/schema.js';
import { buildChecklist } from '../engine/checklist.js';
import { renderChecklistItemMessages, renderChecklistSummary } from '../render/blocks/checklist.js';
import { itemBlockId } from './checklist-ids.js';
import type { ListenerDeps } from './context.js';
import { postMessage } from './post.js';

/**
 * Posts a checklist: the summary, then its item messages in the summary's thread, or, when the
 * request came from a thread, everything in that thread.
 */
export async function postChecklist(
  client: WebClient,
  deps: ListenerDeps,
  request: { channel: string; providers: Provider[]; requestedBy?: string; threadTs?: string },
): Promise<void> {
  const checklist = buildChecklist(request.providers);
  const summary = renderChecklistSummary(checklist, {
    command: deps.command,
    ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
  });
  const summaryTs = await postMessage(client, request.channel, summary, request.threadTs);
  const threadTs = request.threadTs ?? summaryTs;
  for (const message of renderChecklistItemMessages(checklist, itemBlockId)) {
    await postMessage(client, request.channel, message, threadTs);
  }
}
