import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { ACTION_IDS, INPUT_BLOCK_IDS } from '../../../render/blocks/ids.js';
import { rulesOriginCodec } from '../../../render/blocks/payloads.js';
import { DELEGATE_OPTION_VALUE, RULES_MODAL_ERRORS, readRulesChoice } from '../../../render/blocks/rules.js';
import { sendCodePrivately } from '../../code-messages.js';
import type { ListenerDeps } from '../../context.js';
import { logUndecodable, OLDER_FORM } from '../../payloads.js';
import { rulesMessages } from '../../rules.js';

/**
 * "Get rules" in the firewall rules modal: a format, and a cluster when the Delegate's own egress is
 * ticked (said inline when missing). The modal closes at once and the rules come back privately where
 * the button was pressed (sendCodePrivately), as code blocks within Slack's limits.
 */
export function rulesSubmitted(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    if (body.type !== 'view_submission') return;
    // A form an older version opened (or forged metadata) is told so in the form, which stays open.
    const origin = rulesOriginCodec.decode(view.private_metadata);
    if (!origin) {
      logUndecodable(deps, rulesOriginCodec.kind, view.private_metadata);
      await ack({ response_action: 'errors', errors: { [INPUT_BLOCK_IDS.rulesFormat]: OLDER_FORM } });
      return;
    }
    const values = view.state.values;
    const format = values[INPUT_BLOCK_IDS.rulesFormat]?.[ACTION_IDS.rulesFormat]?.selected_option?.value;
    const ticked = (
      values[INPUT_BLOCK_IDS.rulesDelegate]?.[ACTION_IDS.rulesDelegate]?.selected_options ?? []
    ).some((option) => option.value === DELEGATE_OPTION_VALUE);
    const cluster = values[INPUT_BLOCK_IDS.rulesCluster]?.[ACTION_IDS.rulesCluster]?.selected_option?.value;
    const choice = readRulesChoice(
      format,
      ticked && deps.catalog.delegate !== undefined,
      cluster,
      deps.catalog.delegate?.clusters ?? [],
    );
    if ('error' in choice) {
      const block = choice.error === 'noCluster' ? INPUT_BLOCK_IDS.rulesCluster : INPUT_BLOCK_IDS.rulesFormat;
      await ack({ response_action: 'errors', errors: { [block]: RULES_MODAL_ERRORS[choice.error] } });
      return;
    }
    await ack();
    if (origin.userId !== body.user.id) {
      deps.logger.warn('firewall rules form with unreadable metadata', { user: body.user.id });
      return;
    }
    const messages = rulesMessages(
      deps.catalog,
      {
        providerIds: origin.providerIds,
        format: choice.format,
        delegate: choice.cluster !== undefined,
        cluster: choice.cluster,
      },
      { surface: 'ephemeral', threadTs: origin.threadTs },
    );
    if (!messages) return;
    await sendCodePrivately(client, deps, origin, messages);
  };
}
