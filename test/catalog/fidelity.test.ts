import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Category, Provider } from '../../src/catalog/schema.js';

/**
 * The 29 rows of "Permissions and Ports for Harness Connections", written out here from
 * shared/reference/providers.md independently of data/catalog.yml, so that a wrong port,
 * a lost permission or a changed link in the catalog fails a test.
 */
interface ExpectedRow {
  id: string;
  name: string;
  category: Category;
  /** `protocol/port`, with a trailing `?` when the source makes the port conditional. */
  ports: string[];
  /** A key phrase of each permission, in the source's words. */
  permissions: string[];
  references: { title: string; url: string }[];
}

const ROWS: ExpectedRow[] = [
  {
    id: 'active-directory-ldap',
    name: 'Active Directory LDAP',
    category: 'security-provider',
    ports: ['HTTPS/443', 'LDAP/389', 'LDAPS/636'],
    permissions: ['User account in the Active Directory.'],
    references: [
      {
        title: 'Users and Groups',
        url: 'https://docs.microsoft.com/en-us/windows/desktop/secauthz/users-and-groups',
      },
    ],
  },
  {
    id: 'appdynamics',
    name: 'AppDynamics',
    category: 'verification-provider',
    ports: ['HTTP/80'],
    permissions: [
      'View, Edit and Delete permissions for new applications can be set as part of the default permissions for a custom role',
    ],
    references: [
      {
        title: 'General Permissions',
        url: 'https://docs.appdynamics.com/21.3/en/appdynamics-essentials/account-management/tenant-user-management/create-and-manage-custom-roles/application-permissions',
      },
    ],
  },
  {
    id: 'aws-cloud',
    name: 'AWS Cloud',
    category: 'cloud-provider',
    ports: ['HTTPS/443?'],
    permissions: ['IAM user', 'make API requests to AWS', 'DescribeRegions required'],
    references: [
      {
        title: 'Creating an IAM User in Your AWS Account',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html',
      },
    ],
  },
  {
    id: 'aws-codedeploy',
    name: 'AWS CodeDeploy',
    category: 'cloud-provider',
    ports: ['HTTPS/443'],
    permissions: ['AWSCodeDeployRole', 'AWSCodeDeployDeployerAccess', 'DescribeRegions required also'],
    references: [
      {
        title: 'AWS Managed (Predefined) Policies for AWS CodeDeploy',
        url: 'https://docs.aws.amazon.com/codedeploy/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html#managed-policies',
      },
    ],
  },
  {
    id: 'aws-ec2',
    name: 'AWS EC2',
    category: 'cloud-provider',
    ports: ['HTTP/80', 'HTTPS/443', 'TCP/9090'],
    permissions: ['AmazonEC2FullAccess', 'DescribeRegions required also'],
    references: [
      {
        title: 'Controlling Access to Amazon EC2 Resources',
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/UsingIAM.html',
      },
    ],
  },
  {
    id: 'aws-elb-alb-ecs',
    name: 'AWS ELB, ALB, ECS',
    category: 'cloud-provider',
    ports: ['TCP/25', 'TCP/80', 'TCP/443', 'TCP/465', 'TCP/587'],
    permissions: [
      'Policy for Elastic Load Balancer, Application Load Balancer, and Elastic Container Service',
      'DescribeRegions required also',
    ],
    references: [
      {
        title: 'Amazon ECS Service Scheduler IAM Role',
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_IAM_role.html',
      },
    ],
  },
  {
    id: 'aws-s3',
    name: 'AWS S3',
    category: 'artifact-server',
    ports: ['HTTPS/443'],
    permissions: ['AmazonS3ReadOnlyAccess', 'DescribeRegions required also'],
    references: [
      {
        title: 'Creating an IAM User in Your AWS Account',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html#id_users_create_console',
      },
    ],
  },
  {
    id: 'azure',
    name: 'Azure',
    category: 'cloud-provider',
    ports: ['HTTP/5985?', 'HTTPS/5986?'],
    permissions: ['Client (Application) and Tenant (Directory) IDs, and Key'],
    references: [
      {
        title: 'Get application ID and authentication key',
        url: 'https://docs.microsoft.com/en-us/azure/azure-resource-manager/resource-group-create-service-principal-portal#get-application-id-and-authentication-key',
      },
    ],
  },
  {
    id: 'bamboo',
    name: 'Bamboo',
    category: 'artifact-server',
    ports: ['HTTPS/443', 'TCP/8085'],
    permissions: ['Username and password for account'],
    references: [
      {
        title: 'Bamboo permissions',
        url: 'https://confluence.atlassian.com/bamboo/bamboo-permissions-369296034.html',
      },
    ],
  },
  {
    id: 'bugsnag',
    name: 'Bugsnag',
    category: 'verification-provider',
    ports: ['TCP/49080'],
    permissions: ['Data Access API Auth Token'],
    references: [
      {
        title: 'Data Access API Authentication',
        url: 'https://bugsnagapiv2.docs.apiary.io/#introduction/authentication',
      },
    ],
  },
  {
    id: 'datadog',
    name: 'Datadog',
    category: 'verification-provider',
    ports: ['HTTPS/443'],
    permissions: ['API Key'],
    references: [
      { title: 'Open Ports', url: 'https://docs.datadoghq.com/agent/network/?tab=agentv6#open-ports' },
    ],
  },
  {
    id: 'docker-registry',
    name: 'Docker Registry',
    category: 'artifact-server',
    ports: ['TCP/8083'],
    permissions: ['User permission level'],
    references: [
      {
        title: 'Permission levels',
        url: 'https://docs.docker.com/v17.09/datacenter/dtr/2.0/user-management/permission-levels/',
      },
    ],
  },
  {
    id: 'dynatrace',
    name: 'Dynatrace',
    category: 'verification-provider',
    ports: ['HTTPS/443'],
    permissions: ['Access token'],
    references: [
      {
        title: 'Access tokens',
        url: 'https://www.dynatrace.com/support/help/get-started/introduction/why-do-i-need-an-access-token-and-an-environment-id/#anchor-access-tokens',
      },
    ],
  },
  {
    id: 'elk-elasticsearch',
    name: 'ELK Elasticsearch',
    category: 'verification-provider',
    ports: ['TCP/9200'],
    permissions: ['User (Read permission) or Token Header and Token Value'],
    references: [
      {
        title: 'User authentication',
        url: 'https://www.elastic.co/guide/en/elastic-stack-overview/current/setting-up-authentication.html',
      },
    ],
  },
  {
    id: 'github-repo',
    name: 'GitHub Repo',
    category: 'source-repository',
    ports: ['HTTPS/443'],
    permissions: ['User account: repository owner', 'Organization account: read and write'],
    references: [
      {
        title: 'Permission levels for a user account repository',
        url: 'https://help.github.com/articles/permission-levels-for-a-user-account-repository/',
      },
      {
        title: 'Repository permission levels for an organization',
        url: 'https://help.github.com/articles/repository-permission-levels-for-an-organization/',
      },
    ],
  },
  {
    id: 'gcp',
    name: 'Google Cloud Platform (GCP)',
    category: 'cloud-provider',
    ports: ['SSH/22'],
    permissions: ['Kubernetes Engine Admin', 'Storage Object Viewer'],
    references: [
      {
        title: 'Understanding Roles',
        url: 'https://cloud.google.com/iam/docs/understanding-roles#curated_roles',
      },
    ],
  },
  {
    id: 'jfrog-artifactory',
    name: 'JFrog Artifactory',
    category: 'artifact-server',
    ports: ['HTTPS/443'],
    permissions: ['Privileged User: Read permission'],
    references: [
      {
        title: 'Managing Permissions',
        url: 'https://www.jfrog.com/confluence/display/RTF/Managing+Permissions',
      },
    ],
  },
  {
    id: 'jenkins',
    name: 'Jenkins',
    category: 'artifact-server',
    ports: ['HTTPS/443'],
    permissions: ['Matrix-based: Read permission', 'Execute Permission, if jobs are triggered from Workflow'],
    references: [
      {
        title: 'Matrix-based security',
        url: 'https://www.jenkins.io/doc/book/security/managing-security/',
      },
    ],
  },
  {
    id: 'kubernetes-cluster',
    name: 'Kubernetes Cluster',
    category: 'cloud-provider',
    ports: [],
    permissions: [
      'Same cluster as kubernetes delegate',
      'Username and password',
      'CA certificate, client certificate, and client key',
      'Key passphrase and key algorithm are optional',
      'For OpenShift: Kubernetes service account token',
    ],
    references: [
      {
        title: 'Authenticating',
        url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/',
      },
    ],
  },
  {
    id: 'logz-io',
    name: 'Logz.io',
    category: 'verification-provider',
    ports: ['HTTPS/443'],
    permissions: ['Token-based'],
    references: [
      // The seed's link text; providers.md glosses it as "Announcing the (Logz.io) Search API".
      { title: 'Announcing the Search API', url: 'https://logz.io/blog/announcing-the-logz-io-search-api/' },
    ],
  },
  {
    id: 'openshift',
    name: 'OpenShift',
    category: 'cloud-provider',
    ports: ['HTTPS/443'],
    permissions: ['Kubernetes service account token'],
    references: [
      {
        title: 'Enabling Service Account Authentication',
        url: 'https://docs.openshift.com/container-platform/3.6/dev_guide/service_accounts.html#enabling-service-account-authentication',
      },
    ],
  },
  {
    id: 'new-relic',
    name: 'New Relic',
    category: 'verification-provider',
    ports: ['HTTPS/443'],
    permissions: ['API key'],
    references: [
      {
        title: 'Access to REST API keys',
        url: 'https://docs.newrelic.com/docs/apis/getting-started/intro-apis/access-rest-api-keys',
      },
    ],
  },
  {
    id: 'nexus',
    name: 'Nexus',
    category: 'artifact-server',
    ports: ['TCP/8081'],
    permissions: ['User account with Repository View Privilege or read for repository'],
    references: [
      {
        title: 'Nexus Managing Security',
        url: 'https://help.sonatype.com/repomanager2/configuration/managing-security',
      },
    ],
  },
  {
    id: 'tanzu-application-service',
    name: 'Tanzu Application Service',
    category: 'cloud-provider',
    ports: ['HTTP/80?', 'HTTPS/443?'],
    permissions: [
      'Admin, Org Manager, or Space Manager role',
      'must be able to update spaces, orgs, and applications',
    ],
    references: [
      {
        title: 'Orgs, Spaces, Roles, and Permissions',
        url: 'https://docs.pivotal.io/pivotalcf/2-2/concepts/roles.html#roles',
      },
    ],
  },
  {
    id: 'prometheus',
    name: 'Prometheus',
    category: 'verification-provider',
    ports: ['TCP/9090?'],
    permissions: ['None.'],
    references: [
      {
        title: 'Configuration',
        url: 'https://prometheus.io/docs/prometheus/latest/configuration/configuration/',
      },
    ],
  },
  {
    id: 'smtp',
    name: 'SMTP',
    category: 'collaboration',
    ports: ['TCP/25'],
    permissions: ['None.'],
    references: [],
  },
  {
    id: 'splunk',
    name: 'Splunk',
    category: 'verification-provider',
    ports: ['TCP/8089'],
    permissions: ['User account with Read permissions on eventtypes objects'],
    references: [
      {
        title: 'Set permissions for objects in a Splunk app',
        url: 'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
      },
    ],
  },
  {
    id: 'sumo-logic',
    name: 'Sumo Logic',
    category: 'verification-provider',
    ports: ['HTTPS/443'],
    permissions: ['User account with access ID and key and query permissions'],
    references: [
      {
        title: 'API Authentication',
        url: 'https://help.sumologic.com/APIs/General-API-Information/API-Authentication',
      },
    ],
  },
  {
    id: 'winrm',
    name: 'WinRM',
    category: 'cloud-provider',
    ports: ['HTTP/5985', 'HTTPS/5986', 'HTTPS/443', 'SSH/22'],
    permissions: [
      'User account in the same Active Directory domain as the Windows instances the connection uses',
    ],
    references: [
      {
        title: 'Installation and Configuration for Windows Remote Management',
        url: 'https://docs.microsoft.com/en-us/windows/desktop/winrm/installation-and-configuration-for-windows-remote-management',
      },
    ],
  },
];

const AWS_IDS = ['aws-cloud', 'aws-codedeploy', 'aws-ec2', 'aws-elb-alb-ecs', 'aws-s3'];

const catalog = loadCatalog();

function providerById(id: string): Provider {
  const provider = catalog.providers.find((candidate) => candidate.id === id);
  if (!provider) throw new Error(`the catalog has no provider with id "${id}"`);
  return provider;
}

const byPortNumber = (a: string, b: string) =>
  Number(a.split('/')[1]?.replace('?', '')) - Number(b.split('/')[1]?.replace('?', ''));

function portKeys(provider: Provider): string[] {
  return provider.ports
    .map((rule) => `${rule.protocol}/${rule.port}${rule.conditional ? '?' : ''}`)
    .sort(byPortNumber);
}

describe('data/catalog.yml against the source table', () => {
  it('lists the 29 rows of the source, in the source order, with unique ids', () => {
    expect(catalog.providers).toHaveLength(29);
    expect(catalog.providers.map((provider) => provider.id)).toEqual(ROWS.map((row) => row.id));
    expect(new Set(catalog.providers.map((provider) => provider.id)).size).toBe(29);
  });

  it('puts exactly the five AWS rows in the "aws" group', () => {
    const grouped = catalog.providers
      .filter((provider) => provider.group === 'aws')
      .map((provider) => provider.id);
    expect(grouped).toEqual(AWS_IDS);
    expect(catalog.providers.filter((provider) => provider.group !== undefined)).toHaveLength(5);
  });

  it("names the source page and keeps the Delegate's own outbound-443 fact", () => {
    expect(catalog.title).toBe('Permissions and Ports for Harness Connections');
    expect(catalog.source.title).toBe('Permissions and Ports for Harness Connections');
    expect(catalog.about.join('\n')).toMatch(/Harness Manager over HTTPS 443/);
    expect(catalog.about.join('\n')).toMatch(/SSH over port 22/);
  });

  describe.each(ROWS)('$name ($id)', (row) => {
    it('has the source name and category', () => {
      const provider = providerById(row.id);
      expect(provider.name).toBe(row.name);
      expect(provider.category).toBe(row.category);
    });

    it('has exactly the source ports, protocols and conditions', () => {
      const provider = providerById(row.id);
      expect(portKeys(provider)).toEqual([...row.ports].sort(byPortNumber));
      for (const rule of provider.ports) {
        if (rule.conditional) expect(rule.condition, `${row.id} port ${rule.port}`).toBeTruthy();
      }
    });

    it('keeps every permission of the source', () => {
      const provider = providerById(row.id);
      const text = provider.permissions.join('\n');
      for (const phrase of row.permissions) expect(text).toContain(phrase);
    });

    it('links the source references exactly', () => {
      expect(providerById(row.id).references).toEqual(row.references);
    });
  });

  it('says why Kubernetes Cluster has no port instead of inventing one', () => {
    const kubernetes = providerById('kubernetes-cluster');
    expect(kubernetes.ports).toEqual([]);
    expect(kubernetes.portNote).toBe('Depends where the cluster is hosted, such as GCP or AWS.');
  });

  it('keeps the source wording "HTTP: 443" visible where it normalised the protocol to HTTPS', () => {
    for (const id of ['aws-cloud', 'aws-ec2', 'aws-s3', 'bamboo', 'github-repo', 'jfrog-artifactory']) {
      const rule = providerById(id).ports.find((candidate) => candidate.port === 443);
      expect(rule?.protocol, id).toBe('HTTPS');
      expect(rule?.sourceLabel, id).toBe('HTTP: 443');
    }
  });

  it('states the conditions of conditional ports in the source words', () => {
    expect(providerById('aws-cloud').ports[0]?.condition).toMatch(/firewall settings of your VPC/);
    expect(providerById('prometheus').ports[0]?.condition).toMatch(/where the Prometheus server is hosted/);
    for (const rule of providerById('azure').ports) expect(rule.condition).toMatch(/Windows VMs/);
    for (const rule of providerById('tanzu-application-service').ports)
      expect(rule.condition).toMatch(/80 or .*443/);
  });

  it('records where the catalog departs from the seed text', () => {
    expect(providerById('gcp').notes.join(' ')).toMatch(/lost/);
    expect(providerById('jenkins').notes.join(' ')).toMatch(/Harness stage/);
  });

  it('gives each alias to one provider only and never uses the group name "aws" as an alias', () => {
    const owners = new Map<string, string>();
    for (const provider of catalog.providers) {
      for (const alias of provider.aliases) {
        expect(alias).toBe(alias.toLowerCase());
        expect(owners.get(alias) ?? provider.id, `alias "${alias}"`).toBe(provider.id);
        owners.set(alias, provider.id);
      }
    }
    expect(owners.has('aws')).toBe(false);
    expect(owners.get('k8s')).toBe('kubernetes-cluster');
    expect(owners.get('pcf')).toBe('tanzu-application-service');
    expect(owners.get('ldap')).toBe('active-directory-ldap');
  });
});
