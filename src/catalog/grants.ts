import { z } from 'zod';

/**
 * Permission snippets as data (data/grants.yml): the exact grants a source names (an AWS managed
 * policy, an IAM action, a token scope, a GCP or Azure role, a Vault ACL path), read from the
 * catalog's permission sentences. Each grant quotes the sentence it comes from (`statement`, the
 * catalog's words exactly) and takes that sentence's page as its source; the catalog refuses a grant
 * whose provider or sentence it does not have, or whose value the sentence does not write. Where the
 * source is loose or contradicts itself, the grant is held with the reason (`hold`).
 */

export const GRANT_KINDS = [
  'aws-managed-policy',
  'aws-action',
  'token-scope',
  'gcp-role',
  'azure-role',
  'vault-path',
] as const;

export type GrantKind = (typeof GRANT_KINDS)[number];

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max);

export const GrantSchema = z.strictObject({
  kind: z.enum(GRANT_KINDS, { error: `must be one of: ${GRANT_KINDS.join(', ')}` }),
  /** What to grant, as the source writes it: "AmazonEC2FullAccess", "ec2:DescribeRegions", "repo", "Reader". */
  value: text(200),
  /** Only needed for this use, in the source's words ("S3 write", "ECR push"): written held. */
  when: text(200).optional(),
  /** One of several ways the source offers ("roles/secretmanager.admin, or …"): written held, pick one. */
  alternative: text(200).optional(),
  /** Vault: the capabilities the source lists for the path. */
  capabilities: z.array(text(40)).min(1, 'must list at least one capability').optional(),
  /** AWS actions: the resource the source names ("bucket/*"); none: the action applies to all ("*"). */
  resource: text(300).optional(),
  /** The token a scope belongs to: "GitHub personal access token". */
  token: text(100).optional(),
  /** Why the grant must be checked before use (the source is loose or contradicts itself). */
  hold: text(300).optional(),
  /** The provider's permission sentence (or fact) the grant comes from, exactly. */
  statement: text(600),
});

/** The grants of a catalog, by provider id (a table row or a NextGen connector). */
export const GrantsSchema = z.record(z.string(), z.array(GrantSchema).min(1, 'must list at least one grant'));

/** A grant as the file writes it. */
export type GrantEntry = z.infer<typeof GrantSchema>;

/** A grant with the page its sentence comes from (the provider's own, or the page of the fact it quotes). */
export type Grant<S = unknown> = GrantEntry & { source: S };

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `word` is written in `sentence` as a whole word ("repo" in "scopes repo, user", not in "repository"). */
function writes(sentence: string, word: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(word)}([^A-Za-z0-9_]|$)`).test(sentence);
}

/**
 * The words a grant's value is written with: each word of it ("Artifact Registry Writer" is written in
 * "Artifact Registry Reader and Writer"); an AWS action may be written without its service
 * ("DescribeRegions required." names ec2:DescribeRegions).
 */
export function valueWords(grant: Pick<GrantEntry, 'kind' | 'value'>): string[][] {
  const ways = [grant.value];
  if (grant.kind === 'aws-action' && grant.value.includes(':'))
    ways.push(grant.value.slice(grant.value.indexOf(':') + 1));
  return ways.map((way) => way.split(/\s+/).filter(Boolean));
}

/** Whether `text` writes the grant's value, in one of the ways `valueWords` gives. */
export function writesValue(grant: Pick<GrantEntry, 'kind' | 'value'>, text: string): boolean {
  return valueWords(grant).some((words) => words.every((word) => writes(text, word)));
}

/** Whether `text` writes what the grant names: its value and each of its capabilities. */
export function writesNames(
  grant: Pick<GrantEntry, 'kind' | 'value' | 'capabilities'>,
  text: string,
): boolean {
  return (
    writesValue(grant, text) && (grant.capabilities ?? []).every((capability) => writes(text, capability))
  );
}

/** What of a grant its statement does not write: the value, a capability or the resource; none when all are. */
export function unwrittenInStatement(
  grant: GrantEntry,
): { field: 'value' | 'capabilities' | 'resource'; index?: number; text: string } | undefined {
  if (!writesValue(grant, grant.statement)) return { field: 'value', text: grant.value };
  const missing = (grant.capabilities ?? []).findIndex((capability) => !writes(grant.statement, capability));
  if (missing !== -1) return { field: 'capabilities', index: missing, text: grant.capabilities![missing]! };
  if (grant.resource && !grant.statement.includes(grant.resource))
    return { field: 'resource', text: grant.resource };
  return undefined;
}

type Issue = { path: PropertyKey[]; message: string };

/**
 * The grants' cross-references: every provider id is one of the catalog's, every statement one of that
 * provider's permission sentences or facts, and the statement writes the grant's value, capabilities
 * and resource.
 */
export function checkGrants(
  grants: Readonly<Record<string, readonly GrantEntry[]>>,
  providers: ReadonlyArray<{
    id: string;
    permissions: readonly string[];
    facts: ReadonlyArray<{ text: string }>;
  }>,
): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  for (const [id, list] of Object.entries(grants)) {
    const provider = byId.get(id);
    if (!provider) {
      issues.push({ path: ['grants', id], message: `no provider or connector has id "${id}"` });
      continue;
    }
    const sentences = new Set([...provider.permissions, ...provider.facts.map((fact) => fact.text)]);
    list.forEach((grant, index) => {
      const path = ['grants', id, index];
      if (!sentences.has(grant.statement)) {
        issues.push({
          path: [...path, 'statement'],
          message: `is not one of the permission sentences or facts of "${id}" (it must quote one exactly)`,
        });
        return;
      }
      const unwritten = unwrittenInStatement(grant);
      if (unwritten) {
        issues.push({
          path: [...path, unwritten.field, ...(unwritten.index === undefined ? [] : [unwritten.index])],
          message: `"${unwritten.text}" is not written in the statement`,
        });
      }
    });
  }
  return issues;
}
