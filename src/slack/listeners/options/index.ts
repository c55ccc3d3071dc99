import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { suggest } from '../../../engine/typeahead.js';
import { ACTION_IDS } from '../../../render/blocks/ids.js';
import { suggestionOptions } from '../../../render/blocks/options.js';
import { SLACK_LIMITS } from '../../../render/limits.js';
import type { ListenerDeps } from '../../context.js';
import type { Router } from '../router.js';

type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/**
 * Typeahead (`block_suggestion`): Slack asks for options as the user types, and the answer goes in
 * the ack itself, within 3 s and at most 100 options (bolt-js docs/english/concepts/select-menu-options.md).
 * The Home search box suggests providers, topics and ports; the checklist builder only providers.
 */
export function register(router: Router, deps: ListenerDeps) {
  router.options<'block_suggestion'>(ACTION_IDS.homeSearch, async ({ options, ack }: OptionsArgs) => {
    const found = suggest(options.value, deps.catalog, SLACK_LIMITS.externalSelectOptions);
    await ack({ options: suggestionOptions(found) });
  });
  router.options<'block_suggestion'>(ACTION_IDS.checklistProviders, async ({ options, ack }: OptionsArgs) => {
    const found = suggest(options.value, deps.catalog, SLACK_LIMITS.externalSelectOptions * 2).filter(
      (s) => s.kind === 'provider',
    );
    await ack({ options: suggestionOptions(found) });
  });
}
