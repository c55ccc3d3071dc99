import type { Catalog } from '../catalog/schema.js';
import { answer } from './answer.js';
import { type CheckPlan, type CheckPlanOptions, checkPlan } from './check-plan.js';
import { isPostableChecklist } from './checklist.js';
import { isPolicyQuery, type PolicyRequest, policyRequest } from './policy-request.js';
import { isRulesQuery, type RulesRequest, rulesRequest } from './rules-request.js';
import type { Answer } from './types.js';

/**
 * The one request path: every face (the CLI, the console, Slack's slash command, mentions, DMs and
 * thread replies, the Home tab's search, the MCP server, `harness-ports check`) reads what it was
 * given into one `Request` here, and only projects the result. No face decides by itself which kind a
 * line is, so the same words get the same kind of answer everywhere.
 */

/** The kinds of request the product answers. */
export type RequestKind = Request['kind'];

/**
 * What a face's own controls say, beside the words. `as` is a control that fixes the kind whatever
 * the words say: the CLI's `--permissions` (policy), its `check` command and the MCP server's tools
 * (lookup: answer, firewall_rules: rules, permission_snippets: policy, check_plan: check). The
 * others are the rules' and the check's options (the CLI's `--format` or `--cluster` make a rules
 * request, as the Slack modal's fields do).
 */
export interface FaceOptions {
  as?: RequestKind | undefined;
  format?: string | undefined;
  cluster?: string | undefined;
  delegate?: boolean | undefined;
  /** The check's own options (--all, --to, the Delegate's proxy read from the environment). */
  check?: CheckPlanOptions | undefined;
}

export type Request =
  /** A search answer: a provider card, a port lookup, the Delegate's network, help, the list, small talk, no match. */
  | { kind: 'answer'; query: string; answer: Answer }
  /** A checklist that can be posted (1 to MAX_CHECKLIST_PROVIDERS providers); any other is an `answer` saying why not. */
  | { kind: 'checklist'; query: string; answer: Answer }
  /** Firewall rules: "rules splunk jenkins as terraform", `--format`, the modal. */
  | { kind: 'rules'; query: string; rules: RulesRequest }
  /** Permission snippets: "policy aws ec2", `--permissions`. */
  | { kind: 'policy'; query: string; policy: PolicyRequest }
  /** What `harness-ports check` would probe for the providers named, from the same rules as `rules`. */
  | { kind: 'check'; query: string; rules: RulesRequest; plan: CheckPlan };

/** Which kind the words and the face's options ask for. */
export function requestKind(line: string, options: FaceOptions = {}): RequestKind {
  if (options.as) return options.as;
  if (isPolicyQuery(line)) return 'policy';
  if (isRulesQuery(line) || options.format !== undefined || options.cluster !== undefined) return 'rules';
  return 'answer';
}

/**
 * Reads one line (and the face's options) into the request it is. Pure: the same words and
 * options give the same request on every face.
 */
export function readRequest(line: string, catalog: Catalog, options: FaceOptions = {}): Request {
  const query = line.trim();
  const rulesOptions = { format: options.format, cluster: options.cluster, delegate: options.delegate };
  switch (requestKind(query, options)) {
    case 'policy':
      return { kind: 'policy', query, policy: policyRequest(query, catalog) };
    case 'rules':
      return { kind: 'rules', query, rules: rulesRequest(query, catalog, rulesOptions) };
    case 'check': {
      const rules = rulesRequest(query, catalog, rulesOptions);
      return { kind: 'check', query, rules, plan: checkPlan(rules, catalog, options.check) };
    }
    case 'checklist':
    case 'answer': {
      const result = answer(query, catalog);
      return { kind: isPostableChecklist(result) ? 'checklist' : 'answer', query, answer: result };
    }
  }
}

/** The kinds a face's control can fix whatever the words say, and get back as that kind. */
type FixedKind = 'rules' | 'policy' | 'check';

/**
 * readRequest for a face whose control fixes the kind (an MCP tool, `harness-ports check`): the
 * request comes back typed as that kind.
 */
export function readRequestAs<K extends FixedKind>(
  kind: K,
  line: string,
  catalog: Catalog,
  options: Omit<FaceOptions, 'as'> = {},
): Extract<Request, { kind: K }> {
  const request = readRequest(line, catalog, { ...options, as: kind });
  // requestKind returns `as` itself: a fixed kind is always read as that kind.
  if (request.kind !== kind) throw new Error(`a ${kind} request read as ${request.kind}`);
  return request as Extract<Request, { kind: K }>;
}

/** The search a request ran over its words: faces count it when it found nothing (the Home tab's misses). */
export function searchOf(request: Request): Answer {
  switch (request.kind) {
    case 'answer':
    case 'checklist':
      return request.answer;
    case 'rules':
    case 'check':
      return request.rules.search;
    case 'policy':
      return request.policy.search;
  }
}
