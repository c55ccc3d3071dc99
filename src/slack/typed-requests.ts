import type { Request } from '../engine/request.js';
import type { SlackMessage } from '../render/blocks/kit.js';
import { renderPolicyMessages, renderPolicyProblems } from '../render/blocks/policy.js';
import { policyProblems } from '../render/grants.js';
import type { ListenerDeps } from './context.js';
import { type RulesFace, typedRulesMessages } from './rules.js';

/** Typed code requests: what they are called in logs, when sending their later messages fails. */
export type CodeRequestKind = 'firewall rules' | 'permission snippets';

/** A request answered with code rather than a card. */
export type CodeRequest = Extract<Request, { kind: 'rules' | 'policy' | 'check' }>;

/** True for the requests answered with code (firewall rules, permission snippets). */
export function isCodeRequest(request: Request): request is CodeRequest {
  return request.kind === 'rules' || request.kind === 'policy' || request.kind === 'check';
}

/**
 * The messages of a code request on Slack: "rules splunk jenkins as terraform" (firewall rules) and
 * "policy aws ec2" (permission snippets), or one message saying why none were written.
 */
export function codeRequestMessages(
  deps: ListenerDeps,
  request: CodeRequest,
  face: RulesFace,
): { kind: CodeRequestKind; messages: SlackMessage[] } {
  if (request.kind === 'policy') {
    const problems = policyProblems(request.policy, '"policy aws ec2"');
    const messages = problems.length
      ? [renderPolicyProblems(problems)]
      : renderPolicyMessages(request.policy.providers, face);
    return { kind: 'permission snippets', messages };
  }
  return { kind: 'firewall rules', messages: typedRulesMessages(deps.catalog, request.rules, face) };
}
