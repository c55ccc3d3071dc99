import type { WebClient } from '@slack/web-api';
import type { Provider } from '../catalog/schema.js';
import { buildChecklist, type Checklist } from '../engine/checklist.js';
import { renderChecklistItemMessages, renderChecklistSummary } from '../render/blocks/checklist.js';
import { itemBlockId } from '../render/blocks/payloads.js';
import type { ListenerDeps } from './context.js';
import { postMessage } from './post.js';

export interface ChecklistRequest {
  channel: string;
  providers: Provider[];
  requestedBy?: string;
  threadTs?: string;
  /** Shown under the summary (the checklist builder's optional note). */
  note?: string;
}

export interface StartedChecklist {
  checklist: Checklist;
  /** The summary message's ts. */
  ts: string | undefined;
  /** Posts the item messages in the summary's thread (or the request's thread). */
  postItems(): Promise<void>;
}

/**
 * Posts a checklist's summary and returns how to post its items: the checklist builder answers
 * Slack (or shows an inline error) as soon as it knows the summary could be posted.
 */
export async function startChecklist(
  client: WebClient,
  deps: ListenerDeps,
  request: ChecklistRequest,
): Promise<StartedChecklist> {
  const checklist = buildChecklist(request.providers);
  const summary = renderChecklistSummary(checklist, {
    command: deps.command,
    tables: true,
    ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
    ...(request.note ? { note: request.note } : {}),
  });
  const summaryTs = await postMessage(client, request.channel, summary, request.threadTs);
  const threadTs = request.threadTs ?? summaryTs;
  return {
    checklist,
    ts: summaryTs,
    async postItems() {
      for (const message of renderChecklistItemMessages(checklist, itemBlockId)) {
        await postMessage(client, request.channel, message, threadTs);
      }
    },
  };
}

/**
 * Posts a checklist: the summary, then its item messages in the summary's thread, or, when the
 * request came from a thread, everything in that thread.
 */
export async function postChecklist(
  client: WebClient,
  deps: ListenerDeps,
  request: ChecklistRequest,
): Promise<StartedChecklist> {
  const started = await startChecklist(client, deps, request);
  await started.postItems();
  return started;
}
