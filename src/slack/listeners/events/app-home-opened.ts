import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { SUGGESTED_PROMPTS } from '../../../render/wording.js';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { logSlackFailure } from '../../errors.js';
import { publishHome } from '../../home.js';

/**
 * `app_home_opened` fires for both tabs of the bot's App Home. The Home tab gets its view
 * (views.publish); the Messages tab, under the agent messaging experience, gets suggested prompts
 * (assistant.threads.setSuggestedPrompts with the DM's channel id and no thread_ts: bolt-js
 * docs/english/concepts/adding-agent-features.md).
 */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    try {
      if (event.tab === 'home') {
        await publishHome(client, deps, event.user, workspaceOf(context));
      } else if (event.tab === 'messages') {
        await client.assistant.threads.setSuggestedPrompts({
          channel_id: event.channel,
          title: SUGGESTED_PROMPTS.title,
          prompts: SUGGESTED_PROMPTS.prompts.map((p) => ({ ...p })),
        });
      }
    } catch (error) {
      logSlackFailure(deps.logger, `opening the ${event.tab} tab`, error, { user: event.user });
    }
  };
}
