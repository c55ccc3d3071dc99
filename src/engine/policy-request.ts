import type { Catalog, Provider } from '../catalog/schema.js';
import { answer, MAX_QUERY_LENGTH } from './answer.js';
import { hasGrants } from './grants.js';
import { providersNamedBy, REQUEST_OPENERS, wordOf } from './rules-request.js';
import type { Answer } from './types.js';

/**
 * The permission-snippets intent: "policy aws ec2", "iam policy for aws s3", "grants github",
 * "permission snippets for vault and jira". The snippets themselves are `grantsFor` each provider.
 */

/** Words that make a query a snippets request when they open it (after "show", "give me"…). */
const POLICY_WORDS: ReadonlySet<string> = new Set(['policy', 'policies', 'grants']);
/** Two-word openings that do: "iam policy", "permission snippets". */
const POLICY_PAIRS: ReadonlySet<string> = new Set([
  'iam policy',
  'iam policies',
  'permission snippet',
  'permission snippets',
  'permissions snippet',
  'permissions snippets',
]);
/** Words between the opening and the providers that name none: "policy for aws", "grants of vault". */
const LINKING_WORDS: ReadonlySet<string> = new Set(['for', 'of', 'to']);

export interface PolicyRequest {
  query: string;
  /**
   * The providers named, in order: by search, then the other edition of a named one whose own page
   * names no grant, then NextGen connectors by exact id.
   */
  providers: Provider[];
  /** Words that named nothing: a request with any gets no snippets (render/grants.ts, policyProblems). */
  unmatched: string[];
  /** Close names for those words, as the search offers them. */
  suggestions: Provider[];
  /** The search answer for the provider words (faces count it when it found nothing). */
  search: Answer;
}

/** The query's words, read as rules and snippets requests read them. */
const wordsOf = (query: string): string[] =>
  query.trim().slice(0, MAX_QUERY_LENGTH).split(/\s+/).map(wordOf).filter(Boolean);

/** How many of the query's first words say "permission snippets" (0: they do not). */
function openingLength(words: readonly string[]): number {
  const first = words.findIndex((word) => !REQUEST_OPENERS.has(word));
  if (first < 0) return 0;
  if (POLICY_PAIRS.has(`${words[first]} ${words[first + 1] ?? ''}`)) return first + 2;
  return POLICY_WORDS.has(words[first]!) ? first + 1 : 0;
}

/** Where a two-word phrase such as "iam policy" is in the words (-1: nowhere). */
const pairAt = (words: readonly string[]) =>
  words.findIndex((word, i) => POLICY_PAIRS.has(`${word} ${words[i + 1] ?? ''}`));

/**
 * True when the query asks for permission snippets: it opens with "policy", "policies" or "grants"
 * (after "show", "give me"…), or says "iam policy" or "permission snippets" anywhere ("aws ec2 iam
 * policy"). Every face routes it to policyRequest.
 */
export function isPolicyQuery(query: string): boolean {
  const words = wordsOf(query);
  return openingLength(words) > 0 || pairAt(words) >= 0;
}

/**
 * The providers whose permission snippets an answer asks for: those it names, then the other edition
 * of each whose own page names no exact grant ("github" names the FirstGen table's row, whose
 * sentence names none, and its NextGen connector's page names the token scopes). A provider with
 * grants of its own brings nothing more ("aws s3" is not the AWS connector's ECR policies). The
 * other editions are in the answer already (`sameAs` matches).
 */
export function policyProviders(search: Answer): Provider[] {
  const named = providersNamedBy(search);
  const partnerIds = new Set(
    search.matches
      .filter((match) => match.matchedBy !== 'sameAs' && !hasGrants(match.provider))
      .flatMap((match) => match.sameAs ?? []),
  );
  const partners = search.matches
    .filter((match) => match.matchedBy === 'sameAs' && partnerIds.has(match.provider.id))
    .map((match) => match.provider)
    .filter(hasGrants);
  return [...new Set([...named, ...partners])];
}

/**
 * Reads the providers of a snippets request. `query` may open with the request's words ("policy for
 * aws ec2", from Slack) or not ("aws ec2", the CLI's `--permissions`). A word that is exactly a
 * NextGen connector's id ("hashicorp-vault", "aws-connector") names it.
 */
export function policyRequest(rawQuery: string, catalog: Catalog): PolicyRequest {
  const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
  let chunks = query.split(/\s+/).filter(Boolean);
  let start = openingLength(chunks.map(wordOf));
  while (start > 0 && start < chunks.length && LINKING_WORDS.has(wordOf(chunks[start]!))) start++;
  chunks = chunks.slice(start);
  // "aws ec2 iam policy": the phrase says what is asked, not for what.
  for (let at = pairAt(chunks.map(wordOf)); at >= 0; at = pairAt(chunks.map(wordOf))) chunks.splice(at, 2);
  const byId = new Map(catalog.connectors.map((connector) => [connector.id, connector]));
  const named = chunks.flatMap((chunk) => byId.get(wordOf(chunk)) ?? []);
  const search = answer(chunks.filter((chunk) => !byId.has(wordOf(chunk))).join(' '), catalog);
  return {
    query,
    providers: [...new Set([...policyProviders(search), ...named])],
    unmatched: search.unmatched,
    suggestions: search.suggestions,
    search,
  };
}
