import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { findCluster, isRulesQuery, rulesFor, rulesRequest } from '../../src/engine/rules-request.js';
import { realCatalog } from '../helpers/catalog.js';

const ids = (query: string, options = {}) =>
  rulesRequest(query, realCatalog(), options).providers.map((provider) => provider.id);

describe('isRulesQuery', () => {
  it.each([
    'rules splunk jenkins',
    'Rules for Splunk',
    'firewall rules for nexus and artifactory',
    'rules checklist splunk jenkins',
    'rules delegate',
    'generate firewall rules for splunk',
    'egress rules for jenkins',
    'give me the firewall rule for splunk',
  ])('reads "%s" as a rules request', (query) => {
    expect(isRulesQuery(query)).toBe(true);
  });

  it.each([
    'splunk',
    'what rules does splunk need',
    'checklist splunk',
    'delegate',
    'does prometheus need 9090',
  ])('leaves "%s" to the ordinary answer', (query) => {
    expect(isRulesQuery(query)).toBe(false);
  });
});

describe('rulesRequest', () => {
  it('finds the providers with the same search as every other answer', () => {
    expect(ids('rules splunk jenkins')).toEqual(['splunk', 'jenkins']);
    expect(ids('firewall rules for nexus and artifactory')).toEqual(['nexus', 'jfrog-artifactory']);
    const search = answer('nexus and artifactory', realCatalog());
    // The providers named; the other edition an answer shows beside them (`sameAs`) is not asked for.
    expect(ids('firewall rules for nexus and artifactory')).toEqual(
      search.matches.filter((m) => m.matchedBy !== 'sameAs').map((m) => m.provider.id),
    );
  });

  it('reads "rules checklist …" as the checklist\'s providers', () => {
    expect(ids('rules checklist splunk jenkins')).toEqual(['splunk', 'jenkins']);
  });

  it('reads a group as its members, a typo as the provider, like the answers do', () => {
    expect(ids('rules aws')).toEqual(['aws-cloud', 'aws-codedeploy', 'aws-ec2', 'aws-elb-alb-ecs', 'aws-s3']);
    expect(ids('rules splnuk')).toEqual(['splunk']);
  });

  it('reports an unknown word and never guesses a provider for it', () => {
    const request = rulesRequest('rules splunk qwzxv', realCatalog());
    expect(request.providers.map((p) => p.id)).toEqual(['splunk']);
    expect(request.unmatched).toEqual(['qwzxv']);
  });

  it('"rules delegate" is the Delegate\'s own egress alone', () => {
    const request = rulesRequest('rules delegate', realCatalog());
    expect(request).toMatchObject({ providers: [], delegate: true, unmatched: [] });
    expect(request.cluster).toBeUndefined();
  });

  it('a cluster word picks the cluster and includes the Delegate', () => {
    const request = rulesRequest('rules for the delegate and splunk, prod3', realCatalog());
    expect(request.providers.map((p) => p.id)).toEqual(['splunk']);
    expect(request.delegate).toBe(true);
    expect(request.cluster).toMatchObject({ cluster: 'Prod3', host: 'app3.harness.io' });
    expect(rulesRequest('rules splunk eu', realCatalog()).cluster?.host).toBe('accounts.eu.harness.io');
  });

  it('reads a cluster written apart or by the start of its host as every answer does: Prod3', () => {
    for (const query of [
      'rules delegate prod 3',
      'rules delegate Prod-3',
      'rules delegate prod_3',
      'rules delegate app3',
    ]) {
      const request = rulesRequest(query, realCatalog());
      expect(request.cluster?.cluster, query).toBe('Prod3');
      expect(request.unmatched, query).toEqual([]);
    }
    // "app" starts the host of two clusters and is a common word: it names none.
    expect(rulesRequest('rules for the splunk app', realCatalog()).cluster).toBeUndefined();
  });

  it('reports a cluster the catalog does not have', () => {
    const request = rulesRequest('rules delegate cluster prod9', realCatalog());
    expect(request.unknownCluster).toBe('prod9');
    expect(request.cluster).toBeUndefined();
    expect(rulesRequest('rules delegate', realCatalog(), { cluster: 'mars' }).unknownCluster).toBe('mars');
  });

  it.each([
    ['rules splunk k8s', 'k8s', ['splunk']],
    ['rules for splunk as terraform', 'aws-sg', ['splunk']],
    ['rules splunk aws cli', 'aws-cli', ['splunk']],
    ['rules jenkins nsg', 'azure-nsg', ['jenkins']],
    ['rules splunk as gcp', 'gcp', ['splunk']],
    ['firewall rules for splunk in gcp format', 'gcp', ['splunk']],
    ['rules splunk iptables', 'iptables', ['splunk']],
    ['rules splunk csv', 'csv', ['splunk']],
  ])('"%s" asks for the %s format', (query, format, providers) => {
    const request = rulesRequest(query, realCatalog());
    expect(request.format).toBe(format);
    expect(request.providers.map((p) => p.id)).toEqual(providers);
  });

  it('a word that names a provider and a format is the provider unless "as" or "format" says otherwise', () => {
    expect(rulesRequest('rules gcp', realCatalog()).format).toBeUndefined();
    expect(ids('rules gcp')).toEqual(['gcp']);
    expect(ids('rules kubernetes')).toEqual(['kubernetes-cluster']);
  });

  it('reports a format it does not know', () => {
    const request = rulesRequest('rules splunk as pdf', realCatalog());
    expect(request.format).toBeUndefined();
    expect(request.unknownFormat).toBe('pdf');
    expect(rulesRequest('rules splunk', realCatalog(), { format: 'pdf' }).unknownFormat).toBe('pdf');
  });

  it("lets the face's options win over the query's words", () => {
    const request = rulesRequest('rules splunk csv prod3', realCatalog(), {
      format: 'iptables',
      cluster: 'EU',
      delegate: false,
    });
    expect(request).toMatchObject({ format: 'iptables', delegate: false });
    expect(request.cluster?.cluster).toBe('EU');
  });

  it('a query that names nothing selects nothing', () => {
    expect(rulesRequest('rules', realCatalog())).toMatchObject({ providers: [], delegate: false });
  });
});

describe('findCluster', () => {
  it('finds a cluster by name in any case, or by its host', () => {
    expect(findCluster(realCatalog(), 'PROD3')?.host).toBe('app3.harness.io');
    expect(findCluster(realCatalog(), 'app.harness.io')?.cluster).toBe('Prod1');
    expect(findCluster(realCatalog(), 'app3')?.cluster).toBe('Prod3');
    expect(findCluster(realCatalog(), 'app')).toBeUndefined();
    expect(findCluster(realCatalog(), 'prod9')).toBeUndefined();
  });
});

describe('rulesFor', () => {
  it("puts the Delegate's egress to its cluster's host first, then the providers'", () => {
    const request = rulesRequest('rules delegate prod3 splunk', realCatalog());
    const rules = rulesFor(request, realCatalog());
    expect(rules.map((r) => [r.name, r.port, r.destination.value])).toEqual([
      ['harness-443', 443, 'app3.harness.io'],
      ['logging-googleapis-com-443', 443, 'logging.googleapis.com'],
      ['storage-googleapis-com-443', 443, 'storage.googleapis.com'],
      ['splunk-8089', 8089, 'REPLACE_WITH_SPLUNK_CIDR'],
    ]);
  });

  it('leaves the Delegate out unless asked', () => {
    const rules = rulesFor(rulesRequest('rules splunk', realCatalog()), realCatalog());
    expect(rules.map((r) => r.name)).toEqual(['splunk-8089']);
  });
});

describe('rulesRequest on any query (property)', () => {
  const catalog = () => realCatalog();
  const vocabulary = [
    'rules',
    'firewall',
    'for',
    'and',
    'as',
    'format',
    'delegate',
    'cluster',
    'prod3',
    'eu',
    'k8s',
    'terraform',
    'gcp',
    'csv',
    'splunk',
    'jenkins',
    'nexus',
    'aws',
    'checklist',
    'splnuk',
    '8089',
    'qwzxv',
    'pdf',
  ];
  const word = fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 12 }));

  it('selects only catalog providers, never a word it did not know, and writes rules with unique names', () => {
    const known = new Set([...catalog().providers, ...catalog().connectors]);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 10 }), (words) => {
        const request = rulesRequest(words.join(' '), catalog());
        for (const provider of request.providers) expect(known.has(provider)).toBe(true);
        // A word reported as unknown names nothing in the request.
        for (const unknown of request.unmatched) {
          expect(request.providers.some((p) => p.id === unknown || p.name.toLowerCase() === unknown)).toBe(
            false,
          );
        }
        const rules = rulesFor(request, catalog());
        expect(new Set(rules.map((rule) => rule.name)).size).toBe(rules.length);
        expect(rules.filter((rule) => rule.providerId === 'harness')).toHaveLength(request.delegate ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });
});
