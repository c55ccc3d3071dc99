import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog, Provider } from '../../src/catalog/schema.js';

let shipped: Catalog | undefined;

/** The real data/catalog.yml, loaded and validated once per test file. */
export function realCatalog(): Catalog {
  shipped ??= loadCatalog();
  return shipped;
}

/** A provider of the real catalog by id; throws (failing the test) if the catalog lost it. */
export function providerById(id: string): Provider {
  const provider = realCatalog().providers.find((p) => p.id === id);
  if (!provider) throw new Error(`data/catalog.yml has no provider with id "${id}"`);
  return provider;
}

/** The ids of the real catalog's AWS group, in catalog order. */
export const AWS_IDS = ['aws-cloud', 'aws-codedeploy', 'aws-ec2', 'aws-elb-alb-ecs', 'aws-s3'] as const;
