import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
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

/**
 * The overlay deploy/overlay.example.yaml ships as a ConfigMap (the README's example), as YAML
 * text: the tests' overlay, so the example people copy is the one that is tested.
 */
export function exampleOverlayText(): string {
  const configMap = parse(readFileSync('deploy/overlay.example.yaml', 'utf8')) as {
    data: Record<string, string>;
  };
  return configMap.data['overlay.yml']!;
}
