import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Category, Provider } from '../../src/catalog/schema.js';

/**
 * The NextGen connectors (data/nextgen.yml) and the Delegate's own network (data/delegate.yml),
 * written out here from shared/reference/nextgen-connectors.md and delegate-network.md independently
 * of data/, as test/catalog/fidelity.test.ts does for the 29 table rows: a wrong host, a lost
 * permission or a port shown as documented that no page states fails a test.
 */
interface ExpectedConnector {
  id: string;
  name: string;
  category: Category;
  /** The developer-hub file the facts were read in (or the published page when there is no file). */
  source: string;
  /** Table rows of the same product. */
  sameAs: string[];
  /** Key phrases of the permissions, in the docs' words. */
  permissions: string[];
  /** `protocol/port` of each port, all inferred: no NextGen connector page states a port. */
  inferredPorts: string[];
  /** A phrase of what the page does state about the network (URLs, hosts, a port field). */
  portNote: string;
}

const CONNECTORS: ExpectedConnector[] = [
  {
    id: 'github-connector',
    name: 'GitHub connector',
    category: 'source-repository',
    source:
      'docs/platform/connectors/code-repositories/ref-source-repo-provider/git-hub-connector-settings-reference.md',
    sameAs: ['github-repo'],
    permissions: [
      'admin permission on the repository',
      'repo, user and admin:repo_hook',
      'no read-only option',
      'authorize the token for SSO',
      'ECDSA or Ed25519',
    ],
    inferredPorts: ['HTTPS/443', 'SSH/22'],
    portNote: 'git@github.com',
  },
  {
    id: 'gitlab-connector',
    name: 'GitLab connector',
    category: 'source-repository',
    source:
      'docs/platform/connectors/code-repositories/ref-source-repo-provider/git-lab-connector-settings-reference.md',
    sameAs: [],
    permissions: ['api, read_repository, write_repository', 'username must be git', '2FA'],
    inferredPorts: ['HTTPS/443', 'SSH/22'],
    portNote: 'no port',
  },
  {
    id: 'bitbucket-connector',
    name: 'Bitbucket connector',
    category: 'source-repository',
    source:
      'docs/platform/connectors/code-repositories/ref-source-repo-provider/bitbucket-connector-settings-reference.md',
    sameAs: [],
    permissions: ['repository-level tokens are not supported', 'app password', 'user git'],
    inferredPorts: ['HTTPS/443', 'SSH/22'],
    portNote: 'bitbucket.myorg.com:8080',
  },
  {
    id: 'docker-registry-connector',
    name: 'Docker Registry connector',
    category: 'artifact-server',
    source:
      'docs/platform/connectors/cloud-providers/ref-cloud-providers/docker-registry-connector-settings-reference.md',
    sameAs: ['docker-registry'],
    permissions: [
      'Read, Write, Delete',
      'read permission for all repositories',
      'list images and tags',
      'imagePullSecrets',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'https://index.docker.io/v2/',
  },
  {
    id: 'artifactory-connector',
    name: 'Artifactory connector',
    category: 'artifact-server',
    source:
      'docs/platform/connectors/cloud-providers/ref-cloud-providers/artifactory-connector-settings-reference.md',
    sameAs: ['jfrog-artifactory'],
    permissions: [
      'privileged user is required to access the API',
      'Read permission to all repositories',
      'Basic authentication',
    ],
    inferredPorts: [],
    portNote: 'https://mycompany.jfrog.io/artifactory',
  },
  {
    id: 'nexus3-connector',
    name: 'Nexus 3 connector',
    category: 'artifact-server',
    source: 'docs/platform/connectors/artifact-repositories/nexus-connector-settings-reference.md',
    sameAs: ['nexus'],
    permissions: [
      'All repositories (Read)',
      'Repository Browser',
      'nx-repository-view-*_*_*',
      'Only version 3.x',
    ],
    inferredPorts: [],
    portNote: 'docker login hostname:port',
  },
  {
    id: 'helm-http-connector',
    name: 'HTTP Helm repository connector',
    category: 'artifact-server',
    source:
      'docs/platform/connectors/code-repositories/ref-source-repo-provider/http-helm-repo-connector-settings-reference.md',
    sameAs: [],
    permissions: ['basic authentication', 'S3 or GCS'],
    inferredPorts: [],
    portNote: 'Ignore status code for HTTP connections',
  },
  {
    id: 'aws-connector',
    name: 'AWS connector',
    category: 'cloud-provider',
    source:
      'docs/platform/connectors/cloud-providers/ref-cloud-providers/aws-connector-settings-reference.md',
    sameAs: ['aws-cloud', 'aws-s3'],
    permissions: [
      'ec2:DescribeRegions is required for every AWS connector',
      'AmazonS3ReadOnlyAccess',
      's3:*Object',
      'AmazonEC2ContainerRegistryReadOnly',
      'AmazonEC2ContainerRegistryFullAccess',
      'IRSA',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'gcp-connector',
    name: 'GCP connector',
    category: 'cloud-provider',
    source:
      'docs/platform/connectors/cloud-providers/ref-cloud-providers/gcs-connector-settings-reference.md',
    sameAs: ['gcp'],
    permissions: [
      'roles/container.clusterAdmin',
      'Storage Object Admin',
      'Artifact Registry Reader and Writer',
      'logging.viewer',
      'monitoring.viewer',
      'PL_GCP_OIDC_AUTHENTICATION',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'storage.cloud.google.com',
  },
  {
    id: 'azure-connector',
    name: 'Azure connector',
    category: 'cloud-provider',
    source: 'docs/platform/connectors/cloud-providers/add-a-microsoft-azure-connector.md',
    sameAs: ['azure'],
    permissions: [
      "Don't provide only the AcrPull role",
      'Web Apps: Contributor',
      'listClusterUserCredential/action',
      'kubelogin',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'kubernetes-connector',
    name: 'Kubernetes cluster connector',
    category: 'cloud-provider',
    source:
      'docs/platform/connectors/cloud-providers/ref-cloud-providers/kubernetes-cluster-connector-settings-reference.md',
    sameAs: ['kubernetes-cluster'],
    permissions: [
      'cluster-admin',
      'configMap, secret, event, deployment and pod',
      'pods and secrets',
      "delegate's service account needs cluster-admin",
    ],
    inferredPorts: ['HTTPS/443', 'HTTPS/6443'],
    portNote: 'kubectl cluster-info',
  },
  {
    id: 'hashicorp-vault',
    name: 'HashiCorp Vault',
    category: 'secret-manager',
    source: 'docs/platform/secrets/secrets-management/add-hashicorp-vault.md',
    sameAs: [],
    permissions: [
      'Harness Delegate can connect to the Vault URL',
      'PL_APPROLE_CUSTOM_PATH',
      'read and list',
      'auth/token/renew-self',
      'sys/mounts',
    ],
    inferredPorts: ['HTTPS/8200'],
    portNote: 'no port',
  },
  {
    id: 'aws-secrets-manager',
    name: 'AWS Secrets Manager',
    category: 'secret-manager',
    source: 'docs/platform/secrets/secrets-management/add-an-aws-secret-manager.md',
    sameAs: [],
    permissions: [
      'secretsmanager:Describe*',
      'secretsmanager:Get*',
      'secretsmanager:List*',
      'GetSecretValue',
      'TagResource',
      'AWS_REGION',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'aws-kms',
    name: 'AWS KMS',
    category: 'secret-manager',
    source: 'docs/platform/secrets/secrets-management/add-an-aws-kms-secrets-manager.md',
    sameAs: [],
    permissions: ["key's ARN", 'STS AssumeRole', 'OIDC'],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'azure-key-vault',
    name: 'Azure Key Vault',
    category: 'secret-manager',
    source: 'docs/platform/secrets/secrets-management/azure-key-vault.md',
    sameAs: [],
    permissions: ['Reader role on the subscription', 'managed identity', 'Create permission for secrets'],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'gcp-secret-manager',
    name: 'GCP Secret Manager',
    category: 'secret-manager',
    source: 'docs/platform/secrets/secrets-management/add-a-google-cloud-secret-manager.md',
    sameAs: [],
    permissions: [
      'roles/secretmanager.admin',
      'roles/secretmanager.secretAccessor',
      'roles/secretmanager.secretVersionManager',
      'PL_USE_CREDENTIALS_FROM_DELEGATE_FOR_GCP_SM',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'servicenow',
    name: 'ServiceNow',
    category: 'ticketing',
    source: 'docs/platform/connectors/ticketing-systems/connect-to-service-now.md',
    sameAs: [],
    permissions: [
      'Ideally admin',
      'itil_admin or itil',
      'import_admin or import_transformer',
      'Read-only use: itil',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'no port',
  },
  {
    id: 'jira',
    name: 'Jira',
    category: 'ticketing',
    source: 'docs/platform/connectors/ticketing-systems/connect-to-jira.md',
    sameAs: [],
    permissions: [
      'Administer Jira',
      'full email address',
      'read:jira-user, read:jira-work, write:jira-work',
      'Jira Server only (delegate 78707 or later)',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'https://mycompany.atlassian.net',
  },
  {
    id: 'terraform-cloud',
    name: 'Terraform Cloud / Enterprise',
    category: 'cloud-provider',
    source:
      'https://developer.harness.io/harness-platform/use-harness-platform/connectors/cloud-providers/add-a-terraform-cloud-connector',
    sameAs: [],
    permissions: [
      'list organizations',
      'create, apply and discard runs',
      'manage state versions',
      'delegate that can reach the instance',
    ],
    inferredPorts: ['HTTPS/443'],
    portNote: 'https://app.terraform.io',
  },
];

const catalog = loadCatalog();
const delegate = catalog.delegate!;

function connectorById(id: string): Provider {
  const connector = catalog.connectors.find((candidate) => candidate.id === id);
  if (!connector) throw new Error(`the catalog has no NextGen connector with id "${id}"`);
  return connector;
}

/** Every IPv4 address in a text. */
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

describe('data/nextgen.yml against shared/reference/nextgen-connectors.md', () => {
  it('lists exactly the documented connectors first (data/nextgen.yml), beside the 29 table rows and never over them', () => {
    // data/nextgen-more.yml follows them (test/catalog/more-fidelity.test.ts).
    expect(catalog.connectors.slice(0, CONNECTORS.length).map((c) => c.id)).toEqual(
      CONNECTORS.map((c) => c.id),
    );
    expect(catalog.providers).toHaveLength(29);
    const rowIds = new Set(catalog.providers.map((p) => p.id));
    for (const connector of catalog.connectors) expect(rowIds.has(connector.id), connector.id).toBe(false);
  });

  describe.each(CONNECTORS)('$name ($id)', (row) => {
    it('has its name, category, table counterparts and NextGen source', () => {
      const connector = connectorById(row.id);
      expect(connector.name).toBe(row.name);
      expect(connector.category).toBe(row.category);
      expect(connector.sameAs).toEqual(row.sameAs);
      expect(connector.source.edition).toBe('nextgen-docs');
      expect(row.source.startsWith('https://') ? connector.source.url : connector.source.path).toBe(
        row.source,
      );
    });

    it('keeps every documented permission', () => {
      const text = connectorById(row.id).permissions.join('\n');
      for (const phrase of row.permissions) expect(text).toContain(phrase);
    });

    it('shows no port as documented: each is the product’s usual port, marked inferred', () => {
      const connector = connectorById(row.id);
      expect(connector.ports.map((rule) => `${rule.protocol}/${rule.port}`)).toEqual(row.inferredPorts);
      for (const rule of connector.ports) expect(rule.inferred, `${row.id} ${rule.port}`).toBe(true);
      expect(connector.portNote).toContain(row.portNote);
    });

    it('links its source page', () => {
      const connector = connectorById(row.id);
      expect(connector.references.map((ref) => ref.url)).toContain(connector.source.url);
    });
  });
});

describe('data/delegate.yml against shared/reference/delegate-network.md', () => {
  it('says the Delegate connects out only, on HTTPS 443, over HTTPS and WSS, as the requirements page states', () => {
    expect(delegate.harness.direction).toBe('outbound-only');
    expect(delegate.harness.port).toMatchObject({ port: 443, protocol: 'HTTPS' });
    expect(delegate.harness.port.inferred).toBeFalsy();
    expect(delegate.harness.transport).toMatch(/WSS/);
    const source = delegate.harness.source;
    expect(source.path).toBe('docs/platform/delegates/delegate-concepts/delegate-requirements.md');
    expect(source.edition).toBe('delegate-docs');
  });

  it('has the host of each SaaS cluster exactly', () => {
    expect(delegate.clusters.map((c) => `${c.cluster} ${c.host}`)).toEqual([
      'Prod1 app.harness.io',
      'Prod2 app.harness.io',
      'Prod3 app3.harness.io',
      'Prod0 accounts.harness.io',
      'Prod4 accounts.harness.io',
      'EU accounts.eu.harness.io',
    ]);
    expect(delegate.findCluster.text).toContain('Account Settings → Account Details → Harness Cluster');
  });

  it('marks logging.googleapis.com optional, with the variable that turns it off, and its port inferred', () => {
    const logging = delegate.endpoints.find((e) => e.host === 'logging.googleapis.com')!;
    expect(logging.required).toBe(false);
    expect(logging.disable).toEqual({ variable: 'STACK_DRIVER_LOGGING_ENABLED', value: 'false' });
    for (const rule of logging.ports) expect(rule.inferred).toBe(true);
    const storage = delegate.endpoints.find((e) => e.host === 'storage.googleapis.com')!;
    expect(storage.required).toBe(false);
    expect(storage.purpose).toContain('CI_INDIRECT_LOG_UPLOAD');
  });

  it('lists the documented proxy variables and their traps', () => {
    expect(delegate.proxyVariables.map((v) => v.name)).toEqual([
      'PROXY_HOST',
      'PROXY_PORT',
      'PROXY_SCHEME',
      'NO_PROXY',
      'PROXY_MANAGER',
      'PROXY_USER',
      'PROXY_PASSWORD',
      'POLL_FOR_TASKS',
    ]);
    const noProxy = delegate.proxyVariables.find((v) => v.name === 'NO_PROXY')!;
    expect(noProxy.meaning).toContain('No subnet masks or CIDR');
    expect(noProxy.meaning).toContain('cluster master IP');
    const proxyFacts = delegate.topics
      .find((t) => t.id === 'proxy')!
      .facts.map((f) => f.text)
      .join('\n');
    expect(proxyFacts).toContain('raw sockets that ignore the proxy');
    expect(proxyFacts).toContain('not the proxy');
  });

  it('names the delegate image registries', () => {
    const locations = delegate.imageRegistries.map((r) => r.location).join('\n');
    expect(locations).toContain('us-docker.pkg.dev/gar-prod-setup/harness-public/harness/delegate');
    expect(locations).toContain('public.ecr.aws/harness');
    expect(locations).toContain('registry.hub.docker.com');
  });

  it.each([
    [
      'reach-harness',
      [
        'outbound-only',
        'HTTPS port 443 outbound from the delegate to Harness',
        'logging.googleapis.com',
        'MANAGER_HOST_AND_PORT',
        'The specification of HTTPS in the URL indicates the use of port 443.',
      ],
    ],
    ['inbound', ['outbound-only', 'does not perform IP allowlisting for Harness Delegate connections']],
    ['clusters', ['outbound on HTTPS 443', 'vanity URL, like mycompany.harness.io']],
    [
      'allowlist',
      [
        'trust.harness.io',
        'not publicly listed',
        '/gateway/ci/ips/allowlist',
        'X-API-KEY',
        'PL_ENFORCE_DELEGATE_REGISTRATION_ALLOWLIST',
        'static.harness.io. This is not a Harness Delegate requirement.',
      ],
    ],
    [
      'proxy',
      [
        'any outbound connection',
        'NO_PROXY must contain the cluster master IP',
        'POLL_FOR_TASKS',
        'Kerberos/SPNEGO',
        'keytab',
      ],
    ],
    [
      'wss',
      ['task-event notifications and heartbeats', 'POLL_FOR_TASKS to true', 'polling-based task fetch'],
    ],
    [
      'logging',
      [
        'STACK_DRIVER_LOGGING_ENABLED=false',
        'Not Recommended',
        "Google's Stackdriver Logging API",
        'directly to the Google Cloud network',
        'storage.googleapis.com',
      ],
    ],
    ['images', ['harness/delegate:yy.mm.verno', 'harnessImage', 'GAR or ECR instead of Docker Hub']],
    [
      'mtls',
      [
        'Contact Harness Support',
        'customer1.agent.harness.io',
        'LOOSE',
        'STRICT',
        'not supported between the delegate and connectors',
        'CONNECT: 403',
      ],
    ],
    ['heartbeat', ['every 60 seconds', 'localhost:30109/api/metrics', '3460']],
    ['grpc', ['23.12.81803']],
  ])('topic %s states its documented facts', (id, phrases) => {
    const topic = delegate.topics.find((t) => t.id === id)!;
    const text = topic.facts.map((f) => f.text).join('\n');
    for (const phrase of phrases) expect(text).toContain(phrase);
    for (const fact of topic.facts) expect(['delegate-docs']).toContain(fact.source.edition);
  });

  it('says the Gov/FedRAMP hosts are not documented, and invents none', () => {
    const gov = delegate.topics.find((t) => t.id === 'gov')!;
    expect(gov.notDocumented).toBe(true);
    expect(gov.facts).toEqual([]);
    expect(gov.aliases).toEqual(expect.arrayContaining(['gov', 'fedramp']));
  });

  it('cites a source for every fact, each a Harness page', () => {
    const cited = [
      delegate.harness.source,
      delegate.findCluster.source,
      ...delegate.clusters.map((c) => c.source),
      ...delegate.endpoints.map((e) => e.source),
      ...delegate.proxyVariables.map((v) => v.source),
      ...delegate.imageRegistries.map((r) => r.source),
    ];
    const ids = new Set(catalog.sources.map((s) => s.id));
    for (const source of cited) expect(ids.has(source.id), source.id).toBe(true);
    for (const source of catalog.sources) {
      expect(source.url ?? '', source.id).toMatch(
        /^https:\/\/(developer\.harness\.io|github\.com\/harness\/developer-hub|docs\.harness\.io)\//,
      );
    }
  });
});

describe('IP addresses', () => {
  it('appear nowhere in the catalog: Harness no longer publishes its list, so none is ever shown as current', () => {
    const everything = JSON.stringify({ ...catalog, sources: catalog.sources });
    // The one address a page states that is not Harness's: the GKE metadata server, for NO_PROXY.
    const notHarness = new Set(['169.254.169.254']);
    expect((everything.match(IPV4) ?? []).filter((ip) => !notHarness.has(ip))).toEqual([]);
  });
});
