import { parsePolicyShare, renderPolicyMessages } from '../../../render/blocks/policy.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';
import { providersByIds } from '../../rules.js';

/**
 * "Share in channel" under private permission snippets: writes the same snippets again (the engine
 * is deterministic) and posts them for everyone through the response URL, in the thread they were
 * asked in, saying who shared them, as firewall rules are shared. The private copy stays.
 */
export function sharePolicy(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonClickArgs) => {
    await ack();
    const share = parsePolicyShare(action.value);
    const providers = share ? providersByIds(deps.catalog, share.providerIds) : [];
    if (!share || providers.length === 0) {
      deps.logger.warn('share permission snippets button with an unreadable value', {
        value: action.value?.slice(0, 100),
      });
      return;
    }
    try {
      for (const message of renderPolicyMessages(providers, { surface: 'public', sharedBy: body.user.id })) {
        await respond({
          response_type: 'in_channel',
          replace_original: false,
          ...(share.threadTs ? { thread_ts: share.threadTs } : {}),
          ...message,
        });
      }
    } catch (error) {
      await reportSlackFailure(deps.logger, error, {
        doing: 'sharing permission snippets',
        failed: 'share',
        context: { user: body.user.id },
        tell: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
      });
    }
  };
}
