import { describe, expect, it } from 'vitest';
import { INFERRED_PORT_LABEL, type Provider } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { answerJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import { mrkdwnTexts } from '../hardening/hostile.js';
import { realCatalog } from '../helpers/catalog.js';

/**
 * Every NextGen connector as people see it in an answer (terminal, Slack, --json), walked against
 * shared/reference/nextgen-connectors.md and nextgen-connectors-more.md, written out here
 * independently of data/: its page, the permissions its docs list (token scopes, IAM actions and
 * managed policies, roles, ACLs), and its ports. Most NextGen pages state no port number: every port
 * an answer shows for such a connector must be flagged as the product's usual port, in every face,
 * and a reverse lookup must list it after every provider whose page states the port. The few ports
 * a page does state (Splunk's 8089, the Git connection test's 443, the OCI URL example's 443, Loki's
 * 3100, the Elasticsearch 9200 default, the SSH and WinRM credential defaults) are shown unflagged.
 */
interface Seen {
  /** The published page (its path's last part) the facts were read in. */
  page: string;
  /** Phrases of the permissions, in the docs' words. */
  permissions: string[];
  /** `protocol port` of each usual (inferred) port, which no page states. */
  usualPorts: string[];
  /** `protocol port` of each port the page states. */
  statedPorts?: string[];
}

const REFERENCE: Record<string, Seen> = {
  'github-connector': {
    page: 'git-hub-connector-settings-reference',
    permissions: ['repo, user and admin:repo_hook', 'admin permission on the repository', 'SSO'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'gitlab-connector': {
    page: 'git-lab-connector-settings-reference',
    permissions: ['api, read_repository, write_repository', 'username must be git'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'bitbucket-connector': {
    page: 'bitbucket-connector-settings-reference',
    permissions: ['app password', 'repository-level tokens are not supported'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'docker-registry-connector': {
    page: 'docker-registry-connector-settings-reference',
    permissions: ['Read, Write, Delete', 'list images and tags'],
    usualPorts: ['HTTPS 443'],
  },
  'artifactory-connector': {
    page: 'artifactory-connector-settings-reference',
    permissions: ['Read permission to all repositories', 'privileged user'],
    usualPorts: [],
  },
  'nexus3-connector': {
    page: 'nexus-connector-settings-reference',
    permissions: ['nx-repository-view-*_*_*', 'All repositories (Read)'],
    usualPorts: [],
  },
  'helm-http-connector': {
    page: 'http-helm-repo-connector-settings-reference',
    permissions: ['basic authentication'],
    usualPorts: [],
  },
  'aws-connector': {
    page: 'aws-connector-settings-reference',
    permissions: [
      'ec2:DescribeRegions',
      'AmazonS3ReadOnlyAccess',
      'AmazonEC2ContainerRegistryReadOnly',
      'AmazonEC2ContainerRegistryFullAccess',
    ],
    usualPorts: ['HTTPS 443'],
  },
  'gcp-connector': {
    page: 'gcs-connector-settings-reference',
    permissions: ['roles/container.clusterAdmin', 'Storage Object Viewer', 'Artifact Registry Reader'],
    usualPorts: ['HTTPS 443'],
  },
  'azure-connector': {
    page: 'add-a-microsoft-azure-connector',
    permissions: ['AcrPull', 'Contributor', 'listClusterUserCredential'],
    usualPorts: ['HTTPS 443'],
  },
  'kubernetes-connector': {
    page: 'kubernetes-cluster-connector-settings-reference',
    permissions: ['cluster-admin', 'configMap, secret, event, deployment and pod'],
    usualPorts: ['HTTPS 443', 'HTTPS 6443'],
  },
  'hashicorp-vault': {
    page: 'add-hashicorp-vault',
    permissions: ['capabilities = ["create","update","list","read","delete"]', 'sys/mounts', 'AppRole'],
    usualPorts: ['HTTPS 8200'],
  },
  'aws-secrets-manager': {
    page: 'add-an-aws-secret-manager',
    permissions: ['secretsmanager:Describe*', 'secretsmanager:Get*', 'secretsmanager:List*', 'TagResource'],
    usualPorts: ['HTTPS 443'],
  },
  'aws-kms': {
    page: 'add-an-aws-kms-secrets-manager',
    permissions: ["the key's ARN", 'STS AssumeRole'],
    usualPorts: ['HTTPS 443'],
  },
  'azure-key-vault': {
    page: 'azure-key-vault',
    permissions: ['Reader role on the subscription', 'Create permission for secrets'],
    usualPorts: ['HTTPS 443'],
  },
  'gcp-secret-manager': {
    page: 'add-a-google-cloud-secret-manager',
    permissions: ['roles/secretmanager.admin', 'roles/secretmanager.secretAccessor'],
    usualPorts: ['HTTPS 443'],
  },
  servicenow: {
    page: 'connect-to-service-now',
    permissions: ['itil_admin', 'import_admin or import_transformer'],
    usualPorts: ['HTTPS 443'],
  },
  jira: {
    page: 'connect-to-jira',
    permissions: ['read:jira-user, read:jira-work, write:jira-work', 'Administer Jira'],
    usualPorts: ['HTTPS 443'],
  },
  'terraform-cloud': {
    page: 'add-a-terraform-cloud-connector',
    permissions: ['list organizations', 'manage state versions'],
    usualPorts: ['HTTPS 443'],
  },
  'oci-helm-connector': {
    page: 'connect-to-an-artifact-repo',
    permissions: ['Username and Password', 'no anonymous'],
    usualPorts: [],
    statedPorts: ['HTTPS 443'],
  },
  'ecr-oci-helm-connector': {
    page: 'connect-to-an-artifact-repo',
    permissions: ['aws ecr get-login-password', 'only valid for 12 hours'],
    usualPorts: [],
    statedPorts: ['HTTPS 443'],
  },
  'gcr-oci-helm-connector': {
    page: 'connect-to-an-artifact-repo',
    permissions: ['access token', '_json_key_base64'],
    usualPorts: ['HTTPS 443'],
  },
  'acr-oci-helm-connector': {
    page: 'connect-to-an-artifact-repo',
    permissions: ['Docker Registry', 'username and password'],
    usualPorts: ['HTTPS 443'],
  },
  'jenkins-connector': {
    page: 'connect-to-jenkins',
    permissions: ['Overall: Read', 'Job: Build', 'API Token', 'OpenShift'],
    usualPorts: ['HTTPS 443', 'HTTP 8080'],
  },
  'harness-image-connector': {
    page: 'connect-to-harness-container-image-registry-using-docker-connector',
    permissions: ['anonymous', 'Read, Write, Delete', 'account scope'],
    usualPorts: ['HTTPS 443'],
  },
  'ibm-registry-connector': {
    page: 'using-ibm-registry-to-create-a-docker-connector',
    permissions: [
      'iamapikey',
      'Other (Docker V2 compliant)',
      'up to 5 minutes',
      'networking connectivity to the IBM Cloud Container Registry',
    ],
    usualPorts: ['HTTPS 443'],
  },
  'azure-repos-connector': {
    page: 'connect-to-a-azure-repo',
    permissions: ['Personal Access Token', 'Git event triggers, webhooks', 'ssh-keygen -t rsa', 'Code: Full'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'aws-codecommit-connector': {
    page: 'connect-to-code-repo',
    permissions: [
      'AWSCodeCommitPowerUser',
      'DescribeRegions',
      'HTTPS Git credentials for AWS CodeCommit',
      'access key and secret key',
    ],
    usualPorts: ['HTTPS 443'],
  },
  'github-app-connector': {
    page: 'git-hub-app-support',
    permissions: ['Metadata Read-only', 'Any account', 'Installation ID', 'App ID', 'openssl pkcs8 -topk8'],
    usualPorts: ['HTTPS 443'],
  },
  'git-connector': {
    page: 'git-connector-settings-reference',
    permissions: ['including read-only repos', 'OpenSSH keys are not supported', 'ECDSA or Ed25519', 'git'],
    usualPorts: ['SSH 22'],
    statedPorts: ['HTTPS 443'],
  },
  'spot-connector': {
    page: 'add-a-spot-connector',
    permissions: ['Account Id', 'API Token'],
    usualPorts: ['HTTPS 443'],
  },
  'tas-connector': {
    page: 'add-tas-connector',
    permissions: [
      'CDS_CF_TOKEN_AUTH',
      '23.12.81804',
      'CF CLI v7',
      'autoscaler',
      'Create-Service-Push',
      'INIT_SCRIPT',
    ],
    usualPorts: ['HTTPS 443'],
  },
  'pdc-connector': {
    page: 'pdc-connector',
    permissions: ['hostname and hostAttributes'],
    usualPorts: [],
  },
  'appdynamics-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['API Client', 'Client Id', 'Client Secret', 'customer1'],
    usualPorts: ['HTTPS 443'],
  },
  'prometheus-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['Grafana URL'],
    usualPorts: ['HTTP 9090'],
  },
  'newrelic-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['user key', 'Insights query key', 'Pro or higher subscription level'],
    usualPorts: ['HTTPS 443'],
  },
  'splunk-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['non-SAML account', 'Search', 'indexes you want to search'],
    usualPorts: [],
    statedPorts: ['HTTPS 8089'],
  },
  'google-cloud-operations-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['logging.viewer', 'compute.networkViewer', 'monitoring.viewer'],
    usualPorts: ['HTTPS 443'],
  },
  'signalfx-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['authorization scope set as API Token'],
    usualPorts: ['HTTPS 443'],
  },
  'datadog-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['application key', 'API key'],
    usualPorts: ['HTTPS 443'],
  },
  'dynatrace-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['Read metrics', 'Read entities', 'must use HTTPS'],
    usualPorts: ['HTTPS 443'],
  },
  'dynatrace-grail-connector': {
    page: 'dynatrace-health-source',
    permissions: ['Platform URL', 'Platform Token', 'CDS_CV_DYNATRACE_GRAIL_LOGS_ENABLED', '869xx'],
    usualPorts: ['HTTPS 443'],
  },
  'custom-health-connector': {
    page: 'connect-to-monitoring-and-logging-systems',
    permissions: ['headers', 'GET or POST', 'validation path'],
    usualPorts: [],
  },
  'azure-logs-health-source': {
    page: 'azurelogs',
    permissions: ['Azure Log Analytics connector', 'Resource ID', 'Workspace ID'],
    usualPorts: ['HTTPS 443'],
  },
  'bigquery-health-source': {
    page: 'google-big-query',
    permissions: ['no connector type'],
    usualPorts: ['HTTPS 443'],
  },
  'elasticsearch-health-source': {
    page: 'elastic-search',
    permissions: ['username', 'password', 'x-api-key'],
    usualPorts: [],
    statedPorts: ['TCP 9200'],
  },
  'loki-health-source': {
    page: 'loki',
    permissions: ['Base URL', 'without any authentication', 'loki/api/v1/labels'],
    usualPorts: [],
    statedPorts: ['TCP 3100'],
  },
  'sumologic-health-source': {
    page: 'sumologic',
    permissions: ['Access ID', 'Access Key', 'Enterprise Accounts only'],
    usualPorts: ['HTTPS 443'],
  },
  'cloudwatch-health-source': {
    page: 'cloudwatch-aws',
    permissions: [
      'ec2:DescribeRegions',
      'logs:DescribeLogGroups',
      'logs:StartQuery',
      'logs:GetQueryResults',
      'sts:AssumeRoleWithWebIdentity',
    ],
    usualPorts: ['HTTPS 443'],
  },
  'ssh-credential': {
    page: 'add-use-ssh-secrets',
    permissions: ['Username must be git', 'PEM'],
    usualPorts: [],
    statedPorts: ['SSH 22'],
  },
  'winrm-credential': {
    page: 'add-winrm-keys',
    permissions: ['NTLM', 'Kerberos', 'INIT_SCRIPT'],
    usualPorts: [],
    statedPorts: ['HTTPS 5986', 'HTTP 5985'],
  },
  'harness-secret-manager': {
    page: 'harness-secret-manager-overview',
    permissions: [
      'requires a running Harness Delegate to encrypt and decrypt secrets',
      'requires direct access to the Secret Manager',
      'does not have access to your key management system',
    ],
    usualPorts: [],
  },
  'custom-secret-manager': {
    page: 'custom-secret-manager',
    permissions: [
      'Create/Edit Secrets',
      'Create/Edit Connectors',
      'cannot write',
      'remote host which is connected to the delegate',
    ],
    usualPorts: [],
  },
  'cyberark-conjur-secret-manager': {
    page: 'add-a-cyberark-conjur-custom-secret-manager',
    permissions: ['API_KEY_SECRET_ID', 'API key'],
    usualPorts: [],
  },
  'gcp-kms-secret-manager': {
    page: 'add-google-kms-secrets-manager',
    permissions: ['roles/cloudkms.cryptoKeyEncrypterDecrypter', 'OpenID Connect', 'symmetric key'],
    usualPorts: [],
  },
};

const catalog = realCatalog();
const COMMAND = '/harness-ports';

const connectors = catalog.connectors.map((connector) => [connector.id, connector] as const);

/** A card for the connector alone: its name asked, the connector's own card (a partner may come first). */
function asked(connector: Provider) {
  const result = answer(connector.name, catalog);
  return {
    result,
    text: renderText(result, 'harness-ports'),
    slack: mrkdwnTexts(renderAnswerMessage(result, { surface: 'public', command: COMMAND })).join('\n'),
    json: JSON.parse(JSON.stringify(answerJson(result))) as ReturnType<typeof answerJson>,
  };
}

describe('every NextGen connector, as an answer shows it', () => {
  it('covers every connector of the catalog, and no other', () => {
    expect(catalog.connectors.length).toBeGreaterThanOrEqual(55);
    expect(catalog.connectors.map((c) => c.id).sort()).toEqual(Object.keys(REFERENCE).sort());
    // The reverse lookups below run only for connectors with stated or usual ports: some of each.
    expect(connectors.filter(([id]) => (REFERENCE[id]!.statedPorts ?? []).length > 0).length).toBeGreaterThan(
      0,
    );
    expect(connectors.filter(([id]) => REFERENCE[id]!.usualPorts.length > 0).length).toBeGreaterThan(0);
  });

  it.each(connectors)('%s: its page and edition, in every face', (id, connector) => {
    const seen = REFERENCE[id]!;
    const { text, slack, json } = asked(connector);
    const shown = json.providers.find((p) => p.id === id)!;
    expect(shown.edition).toBe('nextgen-docs');
    expect(shown.source.url).toContain(seen.page);
    expect(json.sources.map((source) => source.url)).toContain(shown.source.url);
    expect(text).toContain(`${connector.name}  (`);
    expect(text).toContain(' · NextGen docs)');
    expect(text).toContain(`${shown.source.title} (NextGen docs): ${shown.source.url}`);
    expect(slack).toContain(`  ·  NextGen docs`);
    expect(slack).toContain(`<${shown.source.url}|`);
  });

  it.each(connectors)('%s: the permissions its docs list, with their source', (id, connector) => {
    const seen = REFERENCE[id]!;
    const { text, slack, json } = asked(connector);
    const shown = json.providers.find((p) => p.id === id)!;
    for (const phrase of seen.permissions) {
      expect(shown.permissions.join(' ')).toContain(phrase);
      expect(text).toContain(phrase);
      // Slack escapes & < > only; none of these phrases has one.
      expect(slack).toContain(phrase);
    }
  });

  it.each(connectors)('%s: the ports its page states unflagged, each usual one flagged', (id, connector) => {
    const seen = REFERENCE[id]!;
    const stated = seen.statedPorts ?? [];
    const { text, slack, json } = asked(connector);
    const shown = json.providers.find((p) => p.id === id)!;
    const named = (rules: typeof shown.ports) => rules.map((rule) => `${rule.protocol} ${rule.port}`);
    expect(named(shown.ports.filter((rule) => !rule.inferred))).toEqual(stated);
    expect(named(shown.ports.filter((rule) => rule.inferred))).toEqual(seen.usualPorts);
    // The connector's own card: a table row of the same product may come first.
    const card = text.slice(text.indexOf(`${connector.name}  (`)).split('\n');
    const slackCard = slack.slice(slack.indexOf(`*${connector.name}*`)).split('\n');
    /** A port's bullet: its line, and the indented condition lines under it. */
    const bullet = (lines: string[], start: string, more: string) => {
      const at = lines.findIndex((line) => line.startsWith(start));
      if (at < 0) return undefined;
      let end = at + 1;
      while (end < lines.length && lines[end]!.startsWith(more)) end++;
      return lines.slice(at, end).join('\n');
    };
    for (const port of [...stated, ...seen.usualPorts]) {
      const [protocol, number] = port.split(' ');
      const textLine = bullet(card, `    - ${protocol} ${number}`, '      ');
      const slackLine = bullet(slackCard, `• \`${protocol} ${number}\``, '      ');
      expect(textLine, `${id} ${port} in the terminal`).toBeDefined();
      expect(slackLine, `${id} ${port} in Slack`).toBeDefined();
      if (stated.includes(port)) {
        expect(textLine, `${id} ${port} in the terminal`).not.toContain(INFERRED_PORT_LABEL);
        expect(slackLine, `${id} ${port} in Slack`).not.toContain(INFERRED_PORT_LABEL);
      } else {
        expect(textLine, `${id} ${port} in the terminal`).toContain(`(${INFERRED_PORT_LABEL})`);
        expect(slackLine, `${id} ${port} in Slack`).toContain(`_(${INFERRED_PORT_LABEL})_`);
      }
    }
    if (stated.length + seen.usualPorts.length === 0) expect(shown.portNote).toBeTruthy();
  });

  it.each(connectors.filter(([id]) => (REFERENCE[id]!.statedPorts ?? []).length > 0))(
    '%s: a reverse lookup of a port its page states lists it with the providers that use it',
    (id) => {
      for (const port of REFERENCE[id]!.statedPorts!.map((p) => Number(p.split(' ')[1]))) {
        const json = answerJson(answer(String(port), catalog));
        const shown = json.providers.find((p) => p.id === id);
        expect(shown, `${id} on ${port}`).toBeDefined();
        expect(shown!.matchedBy).toBe('port');
        const text = renderText(answer(String(port), catalog), 'harness-ports');
        const name = catalog.connectors.find((c) => c.id === id)!.name;
        const usualTitle = text.indexOf(`Port ${port} is also the product's usual port`);
        const line = text.indexOf(`\n  ${name}: `);
        const card = text.indexOf(`${name}  (`);
        expect(line >= 0 || card >= 0, `${id} on ${port}`).toBe(true);
        if (usualTitle >= 0) expect(line).toBeLessThan(usualTitle);
      }
    },
  );

  it.each(connectors.filter(([id]) => REFERENCE[id]!.usualPorts.length > 0))(
    '%s: a reverse lookup of its usual port lists it after every provider whose page states the port',
    (id) => {
      for (const port of REFERENCE[id]!.usualPorts.map((p) => Number(p.split(' ')[1]))) {
        const result = answer(String(port), catalog);
        const json = answerJson(result);
        const position = json.providers.findIndex((p) => p.id === id);
        expect(position, `${id} on ${port}`).toBeGreaterThanOrEqual(0);
        const stated = json.providers.filter((p) =>
          p.ports.some((rule) => rule.port === port && !rule.inferred),
        );
        for (const provider of stated) {
          expect(json.providers.indexOf(provider)).toBeLessThan(position);
        }
        const text = renderText(result, 'harness-ports');
        const usualTitle = stated.length
          ? `Port ${port} is also the product's usual port (not stated by Harness)`
          : `No Harness page states port ${port}.`;
        const title = text.indexOf(usualTitle);
        expect(title, `${id} on ${port}`).toBeGreaterThanOrEqual(0);
        const name = catalog.connectors.find((c) => c.id === id)!.name;
        // Under that title, one line each ("GitHub connector: …"), or the card when it is alone.
        expect(
          text.indexOf(`\n  ${name}: `, title) > title || text.indexOf(`${name}  (`, title) > title,
        ).toBe(true);
      }
    },
  );
});
