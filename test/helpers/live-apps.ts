import type { SlackApp } from '../../src/slack/app.js';

/**
 * The in-process apps a test file started (startTestApp), so that the file cannot end while one of
 * them still processes a request. A handler still running after its file would make its Slack calls
 * during a later file of the same worker (nock is process-wide), where they would show up as calls
 * "nothing expected" in a test that has nothing to do with them: the stop() test that gave up on a
 * reply did exactly that, its call timing out 10 s later in another file.
 */
const started = new Map<SlackApp, string>();

export function registerApp(bot: SlackApp, startedIn: string): void {
  started.set(bot, startedIn);
}

/**
 * Waits (up to `waitMs`) for every app this file started to have nothing in flight; `forget` then
 * lets go of them (at the file's end). Returns where the apps still processing requests were started.
 */
export async function appsStillBusy(waitMs: number, forget = false): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  const busy = () => [...started].filter(([bot]) => bot.inflight.size > 0);
  while (busy().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const left = busy().map(([bot, where]) => `${where} (${bot.inflight.size} in flight)`);
  if (forget) started.clear();
  return left;
}
