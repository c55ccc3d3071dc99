import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Provider, Topic } from '../../src/catalog/schema.js';

/**
 * data/nextgen-more.yml and data/platform.yml against shared/reference/nextgen-connectors-more.md,
 * as layers-fidelity.test.ts does for the first layers: every provider and topic the reference
 * names, its page, the permissions and hosts it quotes, and the ports it says a page states. A port
 * is shown as documented only where the reference says its page states it; every other port of
 * these providers is the product's usual port, flagged inferred. The reference itself is read, so
 * a fact it does not hold cannot pass.
 */

/** The reference's text, markdown emphasis dropped; compared without case, as the catalog's wording may capitalise. */
const REFERENCE = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'reference', 'nextgen-connectors-more.md'),
  'utf8',
).replace(/\*\*/g, '');
const has = (text: string, words: string) => text.toLowerCase().includes(words.toLowerCase());

interface ProviderRow {
  id: string;
  /** The page, as the reference gives its path (the end of it, where the reference shortens it). */
  page: string;
  /** Words the reference quotes that the provider's permissions, notes, port note or facts hold. */
  says: string[];
  /** "PROTOCOL/port" the reference says the page states; every other port is inferred. */
  stated?: string[];
}

const PROVIDERS: ProviderRow[] = [
  {
    id: 'jenkins-connector',
    page: 'artifact-repositories/connect-to-jenkins.md',
    says: ['Overall: Read', 'Job: Build', 'API token'],
  },
  { id: 'spot-connector', page: 'cloud-providers/add-a-spot-connector.md', says: ['API token', 'Account'] },
  {
    id: 'tas-connector',
    page: 'cloud-providers/add-tas-connector.md',
    says: ['CF CLI', 'autoscaler', 'CDS_CF_TOKEN_AUTH'],
  },
  { id: 'pdc-connector', page: 'cloud-providers/pdc-connector.md', says: ['hostAttributes'] },
  {
    id: 'azure-repos-connector',
    page: 'code-repositories/connect-to-a-azure-repo.md',
    says: ['API Access', 'ADDITIONAL_CERTS_PATH', 'dev.azure.com'],
  },
  {
    id: 'git-connector',
    page: 'ref-source-repo-provider/git-connector-settings-reference.md',
    says: ['connection test for Git connectors', 'PEM', 'git@'],
    stated: ['HTTPS/443'],
  },
  {
    id: 'github-app-connector',
    page: 'code-repositories/git-hub-app-support.md',
    says: [
      'Commit statuses',
      'Contents',
      'Metadata',
      'Pull requests',
      'Webhooks',
      'Installation ID',
      'pkcs8',
    ],
  },
  {
    id: 'aws-codecommit-connector',
    page: 'code-repositories/connect-to-code-repo.md',
    says: ['AWSCodeCommitPowerUser', 'DescribeRegions', 'HTTPS Git credentials'],
  },
  {
    id: 'ibm-registry-connector',
    page: 'artifact-repositories/using-ibm-registry-to-create-a-docker-connector.md',
    says: ['iamapikey', 'us.icr.io'],
  },
  {
    id: 'oci-helm-connector',
    page: 'artifact-repositories/connect-to-an-artifact-repo.md',
    says: ['public.ecr.aws:443'],
    stated: ['HTTPS/443'],
  },
  {
    id: 'ecr-oci-helm-connector',
    page: 'artifact-repositories/connect-to-an-artifact-repo.md',
    says: ['get-login-password', '12'],
    stated: ['HTTPS/443'],
  },
  {
    id: 'gcr-oci-helm-connector',
    page: 'artifact-repositories/connect-to-an-artifact-repo.md',
    says: ['_json_key_base64'],
  },
  {
    id: 'acr-oci-helm-connector',
    page: 'artifact-repositories/connect-to-an-artifact-repo.md',
    says: ['Docker Registry'],
  },
  {
    id: 'splunk-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['8089'],
    stated: ['HTTPS/8089'],
  },
  {
    id: 'datadog-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['API key', 'Application key', 'datadoghq'],
  },
  {
    id: 'dynatrace-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['Read metrics', 'Read entities'],
  },
  {
    id: 'signalfx-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['API Token', 'signalfx.com'],
  },
  {
    id: 'prometheus-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['Grafana'],
  },
  {
    id: 'newrelic-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['API key'],
  },
  {
    id: 'appdynamics-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['Client', '/controller'],
  },
  {
    id: 'google-cloud-operations-connector',
    page: 'monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    says: ['logging.viewer', 'monitoring.viewer'],
  },
  {
    id: 'dynatrace-grail-connector',
    page: 'health-sources/dynatrace/dynatrace-health-source.md',
    says: ['Platform URL', 'CDS_CV_DYNATRACE_GRAIL_LOGS_ENABLED'],
  },
  {
    id: 'loki-health-source',
    page: 'health-sources/loki.md',
    says: ['3100', 'SRM_ENABLE_GRAFANA_LOKI_LOGS'],
    stated: ['TCP/3100'],
  },
  {
    id: 'elasticsearch-health-source',
    page: 'health-sources/elastic-search.md',
    says: ['Lucene', '9200'],
    stated: ['TCP/9200'],
  },
  { id: 'sumologic-health-source', page: 'health-sources/sumologic.md', says: ['Access ID', 'Access Key'] },
  { id: 'bigquery-health-source', page: 'health-sources/google-big-query.md', says: ['not stated'] },
  { id: 'azure-logs-health-source', page: 'health-source/azurelogs.md', says: ['Log Analytics'] },
  {
    id: 'cloudwatch-health-source',
    page: 'health-sources/cloudwatch-aws.md',
    says: [
      'ec2:DescribeRegions',
      'logs:DescribeLogGroups',
      'logs:StartQuery',
      'logs:GetQueryResults',
      'sts:AssumeRole',
      'sts:AssumeRoleWithWebIdentity',
      'CDS_CV_CLOUDWATCH_LOGS_ENABLED',
      'Metrics Insight',
    ],
  },
  {
    id: 'gcp-kms-secret-manager',
    page: 'secrets-management/add-google-kms-secrets-manager.md',
    says: ['roles/cloudkms.cryptoKeyEncrypterDecrypter'],
  },
  {
    id: 'custom-secret-manager',
    page: 'secrets-management/custom-secret-manager.md',
    says: ['Create/Edit Secrets', 'Create/Edit Connectors'],
  },
  {
    id: 'cyberark-conjur-secret-manager',
    page: 'secrets-management/add-a-cyberark-conjur-custom-secret-manager.md',
    says: ['CONJUR_APPLIANCE_URL'],
  },
  {
    id: 'harness-secret-manager',
    page: 'secrets-management/harness-secret-manager-overview.md',
    says: ['Google KMS'],
  },
  { id: 'ssh-credential', page: 'secrets/add-use-ssh-secrets.md', says: ['22'], stated: ['SSH/22'] },
  {
    id: 'winrm-credential',
    page: 'secrets/add-winrm-keys.md',
    says: ['5986', '5985', 'Kerberos'],
    stated: ['HTTPS/5986', 'HTTP/5985'],
  },
];

interface TopicRow {
  id: string;
  page: string;
  /** Words the reference quotes that the topic's facts hold (ports as numbers). */
  says: string[];
}

const TOPICS: TopicRow[] = [
  {
    id: 'smp-kots-outbound',
    page: 'kubernetes-cluster-on-prem-infrastructure-requirements.md',
    says: ['kots.io', 'app.replicated.com', 'proxy.replicated.com', 'connected install only'],
  },
  {
    id: 'smp-grpc',
    page: 'kubernetes-cluster-on-prem-infrastructure-requirements.md',
    says: ['9879', '32510', 'HTTP2'],
  },
  {
    id: 'smp-nodeport',
    page: 'kubernetes-cluster-on-prem-kubernetes-cluster-setup.md',
    says: ['30000', '32767', '32500'],
  },
  {
    id: 'smp-log-service',
    page: 'kubernetes-cluster-on-prem-kubernetes-cluster-setup.md',
    says: ['9000', '32507'],
  },
  {
    id: 'smp-kots-admin-console',
    page: 'kubernetes-cluster-on-prem-kubernetes-cluster-setup.md',
    says: ['8800'],
  },
  {
    id: 'smp-certificates',
    page: 'kubernetes-cluster-on-prem-infrastructure-requirements.md',
    says: ['self-signed'],
  },
  { id: 'smp-private-registry', page: 'install/install-using-helm.md', says: ['harnesssecure'] },
  { id: 'smp-eks-ingress', page: 'cloud-providers/install-in-aws.md', says: ['10254'] },
  {
    id: 'harness-cloud',
    page: 'use-harness-cloud-build-infrastructure.md',
    says: ['through the Harness Platform', 'IRSA'],
  },
  {
    id: 'secure-connect',
    page: 'secure-ci/secure-connect.md',
    says: ['7000', '30000-30099', 'sc.harness.io'],
  },
  { id: 'ci-vm-aws', page: 'set-up-an-aws-vm-build-infrastructure.md', says: ['22', '9079', '3389', '3000'] },
  {
    id: 'ci-vm-gcp',
    page: 'define-a-ci-build-infrastructure-in-google-cloud-platform.md',
    says: ['22', '9079'],
  },
  { id: 'chaos-infrastructure-network', page: 'harness-chaos-security.md', says: ['443'] },
  {
    id: 'ff-relay-proxy-v2',
    page: 'relay-proxy/relay_proxy_v2.md',
    says: ['config.ff.harness.io', 'events.ff.harness.io', '8000', '6060'],
  },
];

/**
 * Pages the reference does not cover, read for this catalog (data/docs-inventory.yml): checked by
 * `catalog:sync --docs` against the page, and here for the honesty of their ports.
 */
const OUTSIDE_REFERENCE = ['harness-image-connector', 'custom-health-connector'];

const catalog = loadCatalog();
const more = catalog.connectors.slice(19);
const textOf = (provider: Provider) =>
  [
    ...provider.permissions,
    ...provider.notes,
    provider.portNote ?? '',
    ...provider.facts.map((f) => f.text),
  ].join('\n');
const topicText = (topic: Topic) => topic.facts.map((fact) => fact.text).join('\n');
const pagesOf = (provider: Provider) => [provider.source, ...provider.facts.map((fact) => fact.source)];

describe('data/nextgen-more.yml against shared/reference/nextgen-connectors-more.md', () => {
  it('holds every provider the reference names, and no other', () => {
    expect(more.map((p) => p.id).sort()).toEqual(
      [...PROVIDERS.map((row) => row.id), ...OUTSIDE_REFERENCE].sort(),
    );
  });

  it.each(OUTSIDE_REFERENCE)("%s: no port shown as documented, and the page's own words behind it", (id) => {
    const provider = more.find((p) => p.id === id)!;
    expect(provider.ports.every((rule) => rule.inferred)).toBe(true);
    expect(provider.evidence.length).toBeGreaterThan(0);
  });

  describe.each(PROVIDERS)('$id', (row) => {
    const provider = more.find((p) => p.id === row.id);

    it('cites the page the reference names, read at a recorded commit, published on developer.harness.io', () => {
      expect(REFERENCE).toContain(row.page.split('/').at(-1)!.replace(/\.md$/, ''));
      expect(provider?.source.path).toMatch(new RegExp(`${row.page.replace(/[.]/g, '\\.')}$`));
      expect(provider?.source.url).toMatch(/^https:\/\/developer\.harness\.io\/(docs|kb)\//);
    });

    it('says what the reference quotes from the page', () => {
      for (const words of row.says) {
        expect(has(REFERENCE, words), `the reference quotes "${words}"`).toBe(true);
        expect(has(textOf(provider!), words), `${row.id} says "${words}"`).toBe(true);
      }
    });

    it('shows as documented only the ports the reference says its page states; every other port is inferred', () => {
      const stated = provider!.ports.filter((rule) => !rule.inferred).map((r) => `${r.protocol}/${r.port}`);
      expect(stated).toEqual(row.stated ?? []);
      for (const rule of provider!.ports.filter((r) => !r.inferred)) {
        expect(REFERENCE, `the reference states ${rule.port}`).toContain(String(rule.port));
        expect(
          provider!.evidence.some((e) => e.quote.includes(String(rule.port))) ||
            provider!.facts.some((f) => f.quote?.includes(String(rule.port))),
          `${rule.port} has the page's words`,
        ).toBe(true);
      }
      expect(pagesOf(provider!).every((page) => page.edition === 'nextgen-docs')).toBe(true);
    });

    it("backs its permissions with the page's own words", () => {
      expect(provider!.evidence.length + provider!.facts.filter((f) => f.quote).length).toBeGreaterThan(0);
    });
  });

  it('shows where the pages disagree on Nexus 2.x, each statement with its page', () => {
    const nexus = catalog.connectors.find((p) => p.id === 'nexus3-connector')!;
    const [disagreement] = nexus.disagreements;
    expect(REFERENCE).toContain('For Nexus 2.x, Harness supports repository formats Maven, npm, and NuGet');
    expect(disagreement?.statements.map((s) => s.source.path)).toEqual([
      'docs/platform/connectors/artifact-repositories/nexus-connector-settings-reference.md',
      'docs/platform/connectors/artifact-repositories/connect-to-an-artifact-repo.md',
    ]);
    expect(disagreement?.statements.map((s) => s.text).join('\n')).toContain('2.x');
  });
});

describe('data/platform.yml against shared/reference/nextgen-connectors-more.md', () => {
  const topics = catalog.delegate!.topics.filter((topic) => topic.network === 'platform');

  describe.each(TOPICS)('$id', (row) => {
    const topic = topics.find((t) => t.id === row.id);

    it("states what the reference quotes, from the page it names, with the page's words", () => {
      expect(topic, row.id).toBeDefined();
      for (const words of row.says) {
        expect(has(REFERENCE, words), `the reference quotes "${words}"`).toBe(true);
        expect(has(topicText(topic!), words), `${row.id} says "${words}"`).toBe(true);
      }
      expect(topic!.facts.some((fact) => fact.source.path?.endsWith(row.page))).toBe(true);
      expect(topic!.facts.filter((fact) => fact.source.path).every((fact) => fact.quote)).toBe(true);
    });
  });

  it('shows where the pages disagree on self-signed certificates toward a self-managed Manager', () => {
    const certificates = topics.find((t) => t.id === 'smp-certificates')!;
    const [disagreement] = certificates.disagreements;
    expect(REFERENCE).toContain(
      'Harness does not support self-signed certificates for connections to Harness Manager',
    );
    expect(disagreement?.statements.map((s) => s.source.path)).toEqual([
      'docs/self-managed-enterprise-edition/deploy-with-kots/kubernetes-cluster-on-prem-infrastructure-requirements.md',
      'docs/self-managed-enterprise-edition/install/install-using-helm.md',
    ]);
  });

  it('never lists an IP address of Harness as current: Harness Cloud and Feature Flags point to the allowlist page', () => {
    const text = topics.map(topicText).join('\n');
    expect(text).not.toMatch(/\b35\.\d+\.\d+\.\d+\b/);
    expect(text).toMatch(/allowlist/i);
  });
});
