import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answer } from '../../../engine/answer.js';
import { isPostableChecklist, MAX_CHECKLIST_PROVIDERS } from '../../../engine/checklist.js';
import { CALLBACK_IDS } from '../../../render/blocks/ids.js';
import { namesText } from '../../../render/wording.js';
import { postChecklist } from '../../checklist.js';
import type { ListenerDeps } from '../../context.js';
import { explainSlackError, logSlackFailure } from '../../errors.js';
import type { Router } from '../router.js';

/** What bolt passes a function_executed listener: SlackCustomFunctionMiddlewareArgs, which it does not export. */
type FunctionArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;

/** Why a providers text cannot make a checklist, in words a workflow's author can act on. */
function problemWith(providers: string, result: ReturnType<typeof answer>): string | undefined {
  if (result.unmatched.length) {
    const hint = result.suggestions.length ? ` Did you mean ${namesText(result.suggestions)}?` : '';
    return `Not a provider I know: ${result.unmatched.join(', ')}.${hint}`;
  }
  if (result.matches.length === 0) {
    return `No provider named in "${providers.slice(0, 100)}". Use names such as: splunk, jenkins, nexus.`;
  }
  if (result.matches.length > MAX_CHECKLIST_PROVIDERS) {
    return `A checklist takes at most ${MAX_CHECKLIST_PROVIDERS} providers; this names ${result.matches.length}.`;
  }
  return undefined;
}

/**
 * Workflow Builder step "Create Harness ports checklist" (manifest `functions`): posts the same
 * checklist as `/harness-ports checklist <providers>` in the chosen channel, and completes with the
 * summary's link and the ports to open; anything wrong ends the step with `fail` and a readable
 * error (bolt-js docs/english/concepts/custom-steps.md). The router acknowledges function_executed first, as Bolt would.
 */
function createChecklistStep(deps: ListenerDeps) {
  return async ({ inputs, complete, fail, client }: FunctionArgs) => {
    const providers = typeof inputs.providers === 'string' ? inputs.providers : '';
    const channel = typeof inputs.channel === 'string' ? inputs.channel : '';
    if (!channel) {
      await fail({ error: 'Choose the channel to post the checklist in.' });
      return;
    }
    const result = answer(`checklist ${providers}`, deps.catalog);
    const problem = problemWith(providers, result);
    if (problem || !isPostableChecklist(result)) {
      await fail({ error: problem ?? 'Name the providers for the checklist, e.g. splunk jenkins nexus.' });
      return;
    }
    try {
      const started = await postChecklist(client, deps, {
        channel,
        providers: result.matches.map((m) => m.provider),
      });
      const link = started.ts
        ? (await client.chat.getPermalink({ channel, message_ts: started.ts })).permalink
        : undefined;
      const ports = started.checklist.ports.map((p) => `${p.protocols.join('/')} ${p.port}`);
      await complete({
        outputs: {
          checklist_link: link ?? '',
          ports: ports.join('\n'),
        },
      });
    } catch (error) {
      logSlackFailure(deps.logger, 'running the Create Harness ports checklist step', error, { channel });
      await fail({ error: explainSlackError(error) });
    }
  };
}

/**
 * The step on the router, as `app.function(callbackId, listener)` would run it: only for its own
 * callback id, acknowledged before it runs (Bolt's autoAcknowledge). Bolt itself gives every
 * function_executed event `inputs`, `complete`, `fail` and the step's token as the client's, with
 * or without a listener of its own; a Bolt listener would instead cost every request a run of its
 * matching middleware.
 */
export function register(router: Router, deps: ListenerDeps) {
  const step = createChecklistStep(deps);
  router.event('function_executed', async (args) => {
    if (args.event.function.callback_id !== CALLBACK_IDS.checklistFunction) return;
    await args.ack();
    await step(args);
  });
}
