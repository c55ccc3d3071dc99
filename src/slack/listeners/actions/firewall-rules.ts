import { rulesOriginCodec } from '../../../render/blocks/payloads.js';
import { renderRulesModal } from '../../../render/blocks/rules.js';
import { clickOrigin, providersOfButton } from '../../code-messages.js';
import type { ButtonClickArgs, ListenerDeps } from '../../context.js';
import { reportSlackFailure } from '../../errors.js';

/**
 * "Firewall rules" on a provider card or a checklist: opens the rules modal (format, the Delegate's own
 * egress, cluster) with the trigger_id. The modal carries where the button was (providers, user,
 * channel, thread, the button's response_url) so the rules come back there, privately.
 */
export function openFirewallRules(deps: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: ButtonClickArgs) => {
    await ack();
    const providers = await providersOfButton(deps, action.value, 'firewall rules', respond);
    if (providers.length === 0) return;
    const metadata = rulesOriginCodec.encode({
      providerIds: providers.map((p) => p.id),
      ...clickOrigin(body),
    });
    const network = deps.catalog.delegate;
    const view = renderRulesModal({
      providerNames: providers.map((p) => p.name),
      metadata,
      ...(network
        ? {
            delegate: {
              port: network.harness.port,
              clusters: network.clusters,
              findCluster: network.findCluster.text,
            },
          }
        : {}),
    });
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      // The form could not open (the click's trigger_id lives 3 seconds): say so where the button was.
      await reportSlackFailure(deps.logger, error, {
        doing: 'opening the firewall rules form',
        failed: 'rules form',
        context: { user: body.user.id },
        ...(body.response_url
          ? {
              tell: (text: string) =>
                respond({
                  response_type: 'ephemeral',
                  replace_original: false,
                  text: `The Firewall rules form did not open. ${text}`,
                }),
            }
          : {}),
      });
    }
  };
}
