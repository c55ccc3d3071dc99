import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from '@slack/bolt';
import { answer } from '../../../engine/answer.js';
import { findProvider } from '../../../engine/providers.js';
import { renderProviderMessage } from '../../../render/blocks/answer.js';
import { type ListenerDeps, workspaceOf } from '../../context.js';
import { logSlackFailure, reportSlackFailure } from '../../errors.js';
import { publishHome } from '../../home.js';

type OpenArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction | StaticSelectAction>> & AllMiddlewareArgs;

/**
 * "Open" on a provider in a list (or the list's menu): shows that provider's card to whoever
 * clicked. A private list is replaced by the card; from a public list (a thread or a DM), the card
 * comes as a private message in the same place, with its own "Share in channel" button. On the
 * Home tab, the card is shown on the Home tab.
 */
export function openProvider(deps: ListenerDeps) {
  return async ({ ack, action, body, respond, client, context }: OpenArgs) => {
    await ack();
    const providerId = action.type === 'static_select' ? action.selected_option?.value : action.value;
    const container = body.container as {
      type?: string;
      is_ephemeral?: boolean;
      channel_id?: string;
      thread_ts?: string;
    };
    // On the Home tab (no response URL there), the card replaces what was selected there.
    if (container.type === 'view' && body.view?.type === 'home') {
      await publishHome(
        client,
        deps,
        body.user.id,
        workspaceOf(context),
        answer(providerId ?? '', deps.catalog),
      ).catch((error: unknown) =>
        logSlackFailure(deps.logger, 'opening a provider on the Home tab', error, {
          provider: providerId,
        }),
      );
      return;
    }
    const provider = findProvider(deps.catalog, providerId ?? '');
    if (!provider) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That provider is no longer in the catalog.',
      });
      return;
    }
    const message = body.message as { ts?: string; thread_ts?: string } | undefined;
    const threadTs = message?.thread_ts ?? container.thread_ts;
    const card = renderProviderMessage(provider, {
      surface: 'ephemeral',
      command: deps.command,
      feedback: true,
      ...(threadTs ? { threadTs } : {}),
    });
    try {
      if (container.is_ephemeral || !body.channel?.id) {
        await respond({ response_type: 'ephemeral', replace_original: true, ...card });
      } else {
        await client.chat.postEphemeral({
          channel: body.channel.id,
          user: body.user.id,
          text: card.text,
          blocks: card.blocks,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
      }
    } catch (error) {
      await reportSlackFailure(deps.logger, error, {
        doing: 'opening a provider card',
        failed: 'open',
        context: { provider: provider.id },
        tell: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
      });
    }
  };
}
