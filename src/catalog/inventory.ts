import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * data/docs-inventory.yml: every page of harness/developer-hub the catalog was built from, at the
 * commit read, with the front matter that decides its published address and what it provides. A test
 * checks that every page names a provider or topic that exists; `catalog:sync --docs` uses it to tell
 * a page the catalog knows from a new one.
 */

export const DEFAULT_INVENTORY_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'data',
  'docs-inventory.yml',
);

export const PAGE_KINDS = ['connector', 'health-source', 'secret-manager', 'network', 'general'] as const;

const InventoryPageSchema = z.strictObject({
  path: z
    .string()
    .regex(/^docs\/[\w./-]+\.mdx?$/, 'must be a markdown path in harness/developer-hub (docs/…)'),
  commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-character git commit hash'),
  title: z.string().min(1),
  slug: z.string().min(1).nullable().default(null),
  id: z.string().min(1).nullable().default(null),
  redirect_from: z.array(z.string()).default([]),
  kind: z.enum(PAGE_KINDS),
  /** Providers or topics whose facts this page is a source of; empty only for a general page. */
  provides: z.array(z.string()).default([]),
  note: z.string().optional(),
});

export const InventorySchema = z.strictObject({
  pages: z.array(InventoryPageSchema).min(1),
});

export type InventoryPage = z.infer<typeof InventoryPageSchema>;

/** Reads and checks the inventory; throws an Error naming the file and the problem. */
export function loadInventory(path = DEFAULT_INVENTORY_PATH): InventoryPage[] {
  const result = InventorySchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new Error(`${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data.pages;
}
