import { rulesShareCodec } from '../../../render/blocks/payloads.js';
import { shareCodeMessages } from '../../code-messages.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { decodePressed } from '../../payloads.js';
import { rulesMessages } from '../../rules.js';

/**
 * "Share in channel" under private firewall rules: makes the same rules again (the engine is
 * deterministic) and posts them for everyone through the response URL, in the thread they were asked
 * in, saying who shared them (shareCodeMessages).
 */
export function shareRules(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonClickArgs) => {
    await ack();
    const share = await decodePressed(deps, rulesShareCodec, action.value, (text) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
    if (!share) return;
    const messages = rulesMessages(deps.catalog, share, { surface: 'public', sharedBy: body.user.id });
    if (!messages) {
      deps.logger.warn('share rules button with an unreadable value', { value: action.value?.slice(0, 100) });
      return;
    }
    await shareCodeMessages(deps, respond, messages, {
      userId: body.user.id,
      threadTs: share.threadTs,
      what: 'firewall rules',
    });
  };
}
