import { answer } from '../../../engine/answer.js';
import { findProvider } from '../../../engine/providers.js';
import { renderAnswerMessage, renderProviderMessage } from '../../../render/blocks/answer.js';
import { shareValueCodec } from '../../../render/blocks/payloads.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';
import { decodePressed } from '../../payloads.js';

/**
 * "Share in channel": answers the same query again (the engine is deterministic), or shows the same
 * provider's card again, and posts it for
 * everyone through the response URL, saying who shared it, then removes the private copy.
 */
export function shareAnswer(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonClickArgs) => {
    await ack();
    const share = await decodePressed(deps, shareValueCodec, action.value, (text) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
    if (!share) return;
    const options = {
      surface: 'public',
      command: deps.command,
      sharedBy: body.user.id,
      feedback: true,
      tables: true,
    } as const;
    // One provider's card shares as that card; anything else is answered again.
    const provider = share.p === undefined ? undefined : findProvider(deps.catalog, share.p);
    const message = provider
      ? renderProviderMessage(provider, options)
      : renderAnswerMessage(answer(share.q, deps.catalog), options);
    try {
      await respond({
        response_type: 'in_channel',
        replace_original: false,
        ...(share.t ? { thread_ts: share.t } : {}),
        ...message,
      });
      await respond({ delete_original: true });
    } catch (error) {
      await reportSlackFailure(deps.logger, error, {
        doing: 'sharing an answer',
        failed: 'share',
        context: { user: body.user.id },
        tell: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
      });
    }
  };
}
