import { parseRulesShare } from '../../../render/blocks/rules.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';
import { rulesMessages } from '../../rules.js';

/**
 * "Share in channel" under private firewall rules: makes the same rules again (the engine is
 * deterministic) and posts them for everyone through the response URL, in the thread they were asked
 * in, saying who shared them. The private copy stays: it may be several messages, and only the one
 * with the button could be removed.
 */
export function shareRules(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonClickArgs) => {
    await ack();
    const share = parseRulesShare(action.value);
    const messages =
      share && rulesMessages(deps.catalog, share, { surface: 'public', sharedBy: body.user.id });
    if (!share || !messages) {
      deps.logger.warn('share rules button with an unreadable value', { value: action.value?.slice(0, 100) });
      return;
    }
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
        doing: 'sharing firewall rules',
        failed: 'share',
        context: { user: body.user.id },
        tell: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
      });
    }
  };
}
