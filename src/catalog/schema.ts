import { z } from 'zod';

/** Kinds of connection, in the words of the source page's introduction. */
export const CATEGORIES = [
  'artifact-server',
  'cloud-provider',
  'source-repository',
  'verification-provider',
  'security-provider',
  'collaboration',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** How each category is shown to people, singular and plural. */
export const CATEGORY_LABELS: Record<Category, { one: string; many: string }> = {
  'artifact-server': { one: 'Artifact server', many: 'Artifact servers' },
  'cloud-provider': {
    one: 'Cloud provider / deployment target',
    many: 'Cloud providers and deployment targets',
  },
  'source-repository': { one: 'Source repository', many: 'Source repositories' },
  'verification-provider': { one: 'Verification provider', many: 'Verification providers' },
  'security-provider': { one: 'Security provider', many: 'Security providers' },
  collaboration: { one: 'Collaboration', many: 'Collaboration providers' },
};

const nonEmpty = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .trim()
  .min(1, 'must not be empty');

export const PortRuleSchema = z.strictObject({
  port: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535'),
  protocol: nonEmpty.max(20),
  label: nonEmpty.max(200),
  conditional: z.boolean().default(false),
  /** Why the port is conditional, in the source's words (required when conditional). */
  condition: nonEmpty.max(300).optional(),
  /** The source's own wording for this port when the catalog normalised it, e.g. "HTTP: 443". */
  sourceLabel: nonEmpty.max(200).optional(),
});

export const ReferenceSchema = z.strictObject({
  title: nonEmpty.max(200),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000, 'must be at most 2000 characters'),
});

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ProviderSchema = z
  .strictObject({
    id: z.string().regex(idPattern, 'must be lower-case words joined by "-" (e.g. "aws-ec2")').max(64),
    name: nonEmpty.max(100),
    category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` }),
    /** A family of rows people ask for with one word, e.g. "aws". */
    group: z.string().regex(idPattern, 'must be lower-case words joined by "-"').optional(),
    aliases: z.array(nonEmpty.max(60)).default([]),
    permissions: z
      .array(nonEmpty.max(500))
      .min(1, 'must list at least one permission (write "None." if none)'),
    ports: z.array(PortRuleSchema).default([]),
    /** What the source says when there is no fixed port, or a caveat on all of them. */
    portNote: nonEmpty.max(500).optional(),
    references: z.array(ReferenceSchema).default([]),
    notes: z.array(nonEmpty.max(500)).default([]),
  })
  .superRefine((provider, ctx) => {
    if (provider.ports.length === 0 && !provider.portNote) {
      ctx.addIssue({
        code: 'custom',
        path: ['ports'],
        message: 'must list at least one port, or give a portNote saying why there is none',
      });
    }
    provider.ports.forEach((rule, index) => {
      if (rule.conditional && !rule.condition) {
        ctx.addIssue({
          code: 'custom',
          path: ['ports', index, 'condition'],
          message: 'is required when the port is conditional',
        });
      }
    });
  });

export const CatalogSchema = z
  .strictObject({
    version: z.literal(1, { error: 'must be 1' }),
    title: nonEmpty.max(200),
    source: z.strictObject({ title: nonEmpty, url: z.url({ protocol: /^https?$/ }).optional() }),
    about: z.array(nonEmpty.max(1000)).default([]),
    providers: z.array(ProviderSchema).min(1, 'must list at least one provider'),
  })
  .superRefine((catalog, ctx) => {
    const seenIds = new Map<string, number>();
    const seenTerms = new Map<string, string>();
    catalog.providers.forEach((provider, index) => {
      const first = seenIds.get(provider.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', index, 'id'],
          message: `duplicate id "${provider.id}" (also used by providers[${first}])`,
        });
      } else {
        seenIds.set(provider.id, index);
      }
      for (const term of [provider.name, ...provider.aliases]) {
        const key = term.toLowerCase();
        const owner = seenTerms.get(key);
        if (owner !== undefined && owner !== provider.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['providers', index, 'aliases'],
            message: `"${term}" already names provider "${owner}"`,
          });
        } else {
          seenTerms.set(key, provider.id);
        }
      }
    });
  });

export type PortRule = z.infer<typeof PortRuleSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type Catalog = z.infer<typeof CatalogSchema>;
