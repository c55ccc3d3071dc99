import { renderPolicyMessages } from '../../../render/blocks/policy.js';
import { clickOrigin, providersOfButton, sendCodePrivately } from '../../code-messages.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';

/**
 * "Permission snippets" under an answer: the snippets of its providers (the ids in the button's
 * value), sent privately to whoever pressed it, where they pressed it, as `policy …` would write them.
 */
export function sendPermissionSnippets(deps: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: ButtonClickArgs) => {
    await ack();
    const providers = await providersOfButton(deps, action.value, 'permission snippets', respond);
    if (providers.length === 0) return;
    const origin = clickOrigin(body);
    const messages = renderPolicyMessages(providers, { surface: 'ephemeral', threadTs: origin.threadTs });
    await sendCodePrivately(client, deps, origin, messages, 'permission snippets');
  };
}
