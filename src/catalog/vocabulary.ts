import type { Category } from './schema.js';

/**
 * Words people use for sets of providers (categories, makers): the catalog keeps aliases from
 * claiming them, and the engine reads them in queries.
 */

/** Phrases that name a category, matched as whole phrases (singular and plural). */
export const CATEGORY_PHRASES: Record<Category, readonly string[]> = {
  'artifact-server': [
    'artifact server',
    'artifact servers',
    'artifact repository',
    'artifact repositories',
    'artifact repo',
    'artifacts',
    'artifact sources',
  ],
  'cloud-provider': [
    'cloud provider',
    'cloud providers',
    'deployment target',
    'deployment targets',
    'clouds',
  ],
  'source-repository': [
    'source repository',
    'source repositories',
    'source repo',
    'source repos',
    'git providers',
  ],
  'verification-provider': [
    'verification provider',
    'verification providers',
    'verification',
    'verifications',
    'monitoring',
    'apm',
    'observability',
    'logging providers',
  ],
  'security-provider': [
    'security',
    'security provider',
    'security providers',
    'sso',
    'authentication providers',
  ],
  collaboration: ['collaboration', 'collaboration provider', 'collaboration providers'],
  'secret-manager': ['secret manager', 'secret managers', 'secrets management', 'secret stores'],
  ticketing: ['ticketing', 'ticketing system', 'ticketing systems', 'itsm'],
};

/**
 * What people call a maker whose products the catalog has: the phrases, and the terms (names,
 * aliases or groups) of its products. A maker with one group is that group ("amazon" is AWS).
 */
export const MAKERS: ReadonlyArray<{
  name: string;
  phrases: readonly string[];
  products: readonly string[];
}> = [
  { name: 'Amazon', phrases: ['amazon', 'amazon web services'], products: ['aws'] },
  { name: 'Microsoft', phrases: ['microsoft'], products: ['active directory', 'azure', 'winrm'] },
  { name: 'VMware', phrases: ['vmware', 'vmware tanzu'], products: ['tanzu'] },
  { name: 'Google', phrases: ['google', 'google cloud'], products: ['gcp'] },
];
