import { policyShareCodec } from '../../../render/blocks/payloads.js';
import { renderPolicyMessages } from '../../../render/blocks/policy.js';
import { providersByIds, shareCodeMessages } from '../../code-messages.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { decodePressed } from '../../payloads.js';

/**
 * "Share in channel" under private permission snippets: writes the same snippets again (the engine
 * is deterministic) and posts them for everyone through the response URL, in the thread they were
 * asked in, saying who shared them, as firewall rules are shared (shareCodeMessages).
 */
export function sharePolicy(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonClickArgs) => {
    await ack();
    const share = await decodePressed(deps, policyShareCodec, action.value, (text) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
    if (!share) return;
    const providers = providersByIds(deps.catalog, share.providerIds);
    if (providers.length === 0) {
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
