import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Provider } from '../../src/catalog/schema.js';
import { grantsFor, hasGrants, providersWithGrants } from '../../src/engine/grants.js';
import { realCatalog } from '../helpers/catalog.js';

/** The providers data/grants.yml lists, read from the file itself (not through the loader). */
const GRANTS_FILE = parse(readFileSync('data/grants.yml', 'utf8')) as {
  grants: Record<string, Array<Record<string, unknown>>>;
};
const PROVIDERS_WITH_GRANTS = Object.keys(GRANTS_FILE.grants);

const everyProvider = () => [...realCatalog().providers, ...realCatalog().connectors];
const byId = (id: string): Provider => {
  const provider = everyProvider().find((p) => p.id === id);
  if (!provider) throw new Error(`the catalog has no provider "${id}"`);
  return provider;
};

/**
 * The page a permission grant must cite: the page of an evidence quote of the provider's that
 * writes the value (bold and code marks aside) when that quote names its own page, else the
 * provider's own page.
 */
function pageOfGrant(provider: Provider, value: string) {
  const quoted = provider.evidence.find(
    (evidence) => evidence.source !== undefined && evidence.quote.replace(/[*`_]/g, '').includes(value),
  );
  return quoted ? realCatalog().sources.find((page) => page.id === quoted.source) : provider.source;
}

describe('grantsFor: only what a source states', () => {
  it('has grants for the providers whose sources state them (the list below is not empty)', () => {
    expect(PROVIDERS_WITH_GRANTS.length).toBeGreaterThanOrEqual(22);
  });

  it.each(PROVIDERS_WITH_GRANTS.map((id) => [id]))(
    '%s: every grant is written in the sentence it quotes',
    (id) => {
      const provider = byId(id);
      const grants = grantsFor(provider);
      // A grant table entry whose sentence the catalog lost would vanish silently: none may.
      expect(grants.length).toBeGreaterThan(0);
      for (const grant of grants) {
        expect(provider.permissions).toContain(grant.statement);
        // The table writes "DescribeRegions required."; the NextGen AWS page names it ec2:DescribeRegions.
        const value = grant.value === 'ec2:DescribeRegions' ? 'DescribeRegions' : grant.value;
        // Every word of it: "Artifact Registry Reader and Writer" names "Artifact Registry Writer".
        for (const word of value.split(' ')) expect(grant.statement, grant.value).toContain(word);
        for (const capability of grant.capabilities ?? []) expect(grant.statement).toContain(capability);
        if (grant.resource) expect(grant.statement).toContain(grant.resource);
        expect(grant.source).toBe(pageOfGrant(provider, grant.value));
      }
    },
  );

  it("cites the page a permission's words were quoted from when that is not the provider's own", () => {
    const [code] = grantsFor(byId('azure-repos-connector'));
    expect([code?.value, code?.source.id]).toEqual(['Code: Full', 'ng-source-code-manager']);
    expect(byId('azure-repos-connector').source.id).toBe('ng-azure-repos');
  });

  it('AWS EC2: AmazonEC2FullAccess to attach and ec2:DescribeRegions inline, from the table', () => {
    expect(grantsFor(byId('aws-ec2')).map((g) => [g.kind, g.value, g.source.title])).toEqual([
      ['aws-managed-policy', 'AmazonEC2FullAccess', 'Permissions and Ports for Harness Connections'],
      ['aws-action', 'ec2:DescribeRegions', 'Permissions and Ports for Harness Connections'],
    ]);
  });

  it('holds the GKE role whose ID and title the docs contradict', () => {
    const [gke] = grantsFor(byId('gcp-connector'));
    expect(gke).toMatchObject({ value: 'roles/container.clusterAdmin', when: 'GKE' });
    expect(gke?.hold).toContain('Kubernetes Engine Developer');
  });

  it('gives no grant for a provider whose sentences name none', () => {
    for (const id of ['splunk', 'nexus', 'jenkins', 'prometheus', 'bitbucket-connector']) {
      expect(grantsFor(byId(id)), id).toEqual([]);
    }
  });

  it('drops a grant whose sentence the provider no longer has, rather than stating it unsourced', () => {
    const ec2 = byId('aws-ec2');
    const reworded = {
      ...ec2,
      permissions: ['Policy: AmazonEC2ReadOnlyAccess', 'DescribeRegions required also.'],
    };
    expect(grantsFor(reworded).map((g) => g.value)).toEqual(['ec2:DescribeRegions']);
  });
});

describe('the grants come from data/grants.yml', () => {
  it("gives every provider the file lists all of its grants, in the file's order and words", () => {
    expect(PROVIDERS_WITH_GRANTS.length).toBeGreaterThan(20);
    for (const [id, entries] of Object.entries(GRANTS_FILE.grants)) {
      const grants = grantsFor(byId(id)).map(({ providerId, providerName, source, ...grant }) => {
        expect([providerId, providerName]).toEqual([id, byId(id).name]);
        expect(source).toBe(pageOfGrant(byId(id), grant.value));
        return grant;
      });
      expect(grants, id).toEqual(entries);
    }
  });

  it('lists as providers with grants exactly those the file names', () => {
    expect(providersWithGrants(realCatalog()).sort()).toEqual([...PROVIDERS_WITH_GRANTS].sort());
  });

  it('keeps every hold of the file: the GKE role ID whose title the docs contradict', () => {
    const holds = Object.values(GRANTS_FILE.grants)
      .flat()
      .filter((grant) => grant.hold !== undefined);
    expect(holds.map((grant) => grant.value)).toEqual(['roles/container.clusterAdmin']);
  });
});

describe('hasGrants', () => {
  it('says whether grantsFor finds any, for every provider, and for one whose sentence was lost', () => {
    for (const provider of everyProvider()) {
      expect(hasGrants(provider), provider.id).toBe(grantsFor(provider).length > 0);
    }
    const vault = byId('hashicorp-vault');
    expect(hasGrants(vault)).toBe(true);
    expect(hasGrants({ ...vault, permissions: [] })).toBe(false);
  });
});
