import { parsePolicyShare, renderPolicyMessages } from '../../../render/blocks/policy.js';
import { providersByIds, shareCodeMessages } from '../../code-messages.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';

/**
 * "Share in channel" under private permission snippets: writes the same snippets again (the engine
 * is deterministic) and posts them for everyone through the response URL, in the thread they were
 * asked in, saying who shared them, as firewall rules are shared (shareCodeMessages).
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
    const messages = renderPolicyMessages(providers, { surface: 'public', sharedBy: body.user.id });
    await shareCodeMessages(deps, respond, messages, {
      userId: body.user.id,
      threadTs: share.threadTs,
      what: 'permission snippets',
    });
  };
}
