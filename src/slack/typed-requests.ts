import { isPolicyQuery, policyRequest } from '../engine/policy-request.js';
import { isRulesQuery } from '../engine/rules-request.js';
import type { Answer } from '../engine/types.js';
import type { SlackMessage } from '../render/blocks/kit.js';
import { renderPolicyMessages, renderPolicyProblems } from '../render/blocks/policy.js';
import { policyProblems } from '../render/grants.js';
import { countMiss, type Where } from './answers.js';
import type { ListenerDeps } from './context.js';
import { type RulesFace, typedRulesMessages } from './rules.js';

/** Typed code requests: what they are called in logs, when sending their later messages fails. */
export type CodeRequestKind = 'firewall rules' | 'permission snippets';

/**
 * Typed requests answered with code rather than a card, on every surface that takes text (the slash
 * command, mentions, DMs): "rules splunk jenkins as terraform" (firewall rules) and "policy aws ec2"
 * (permission snippets). Returns their messages (or one saying why none were written), or undefined
 * for any other query. Provider words that found nothing count as a miss on the Home tab.
 */
export function typedCodeMessages(
  deps: ListenerDeps,
  query: string,
  face: RulesFace,
  where: Where,
): { kind: CodeRequestKind; messages: SlackMessage[] } | undefined {
  const searched = (search: Answer) => countMiss(deps, search, where);
  if (isPolicyQuery(query)) {
    const request = policyRequest(query, deps.catalog);
    searched(request.search);
    const problems = policyProblems(request, '"policy aws ec2"');
    const messages = problems.length
      ? [renderPolicyProblems(problems)]
      : renderPolicyMessages(request.providers, face);
    return { kind: 'permission snippets', messages };
  }
  if (isRulesQuery(query)) {
    return { kind: 'firewall rules', messages: typedRulesMessages(deps.catalog, query, face, searched) };
  }
  return undefined;
}
