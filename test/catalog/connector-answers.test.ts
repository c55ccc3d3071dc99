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
 * shared/reference/nextgen-connectors.md, written out here independently of data/: its page, the
 * permissions its docs list (token scopes, IAM actions and managed policies, roles, ACLs), and its
 * ports. The reference says no NextGen connector page states a port number, so every port an answer
 * shows for a connector must be flagged as the product's usual port, in every face; and a reverse
 * lookup must list it after every provider whose page states the port.
 */
interface Seen {
  /** The developer-hub file (or published page) the facts were read in. */
  page: string;
  /** Phrases of the permissions, in the docs' words. */
  permissions: string[];
  /** `protocol port` of each usual (inferred) port; no page states one. */
  usualPorts: string[];
}

const REFERENCE: Record<string, Seen> = {
  'github-connector': {
    page: 'git-hub-connector-settings-reference.md',
    permissions: ['repo, user and admin:repo_hook', 'admin permission on the repository', 'SSO'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'gitlab-connector': {
    page: 'git-lab-connector-settings-reference.md',
    permissions: ['api, read_repository, write_repository', 'username must be git'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'bitbucket-connector': {
    page: 'bitbucket-connector-settings-reference.md',
    permissions: ['app password', 'repository-level tokens are not supported'],
    usualPorts: ['HTTPS 443', 'SSH 22'],
  },
  'docker-registry-connector': {
    page: 'docker-registry-connector-settings-reference.md',
    permissions: ['Read, Write, Delete', 'list images and tags'],
    usualPorts: ['HTTPS 443'],
  },
  'artifactory-connector': {
    page: 'artifactory-connector-settings-reference.md',
    permissions: ['Read permission to all repositories', 'privileged user'],
    usualPorts: [],
  },
  'nexus3-connector': {
    page: 'nexus-connector-settings-reference.md',
    permissions: ['nx-repository-view-*_*_*', 'All repositories (Read)'],
    usualPorts: [],
  },
  'helm-http-connector': {
    page: 'http-helm-repo-connector-settings-reference.md',
    permissions: ['basic authentication'],
    usualPorts: [],
  },
  'aws-connector': {
    page: 'aws-connector-settings-reference.md',
    permissions: [
      'ec2:DescribeRegions',
      'AmazonS3ReadOnlyAccess',
      'AmazonEC2ContainerRegistryReadOnly',
      'AmazonEC2ContainerRegistryFullAccess',
    ],
    usualPorts: ['HTTPS 443'],
  },
  'gcp-connector': {
    page: 'gcs-connector-settings-reference.md',
    permissions: ['roles/container.clusterAdmin', 'Storage Object Viewer', 'Artifact Registry Reader'],
    usualPorts: ['HTTPS 443'],
  },
  'azure-connector': {
    page: 'add-a-microsoft-azure-connector.md',
    permissions: ['AcrPull', 'Contributor', 'listClusterUserCredential'],
    usualPorts: ['HTTPS 443'],
  },
  'kubernetes-connector': {
    page: 'kubernetes-cluster-connector-settings-reference.md',
    permissions: ['cluster-admin', 'configMap, secret, event, deployment and pod'],
    usualPorts: ['HTTPS 443', 'HTTPS 6443'],
  },
  'hashicorp-vault': {
    page: 'add-hashicorp-vault.md',
    permissions: ['capabilities = ["create","update","list","read","delete"]', 'sys/mounts', 'AppRole'],
    usualPorts: ['HTTPS 8200'],
  },
  'aws-secrets-manager': {
    page: 'add-an-aws-secret-manager.md',
    permissions: ['secretsmanager:Describe*', 'secretsmanager:Get*', 'secretsmanager:List*', 'TagResource'],
    usualPorts: ['HTTPS 443'],
  },
  'aws-kms': {
    page: 'add-an-aws-kms-secrets-manager.md',
    permissions: ["the key's ARN", 'STS AssumeRole'],
    usualPorts: ['HTTPS 443'],
  },
  'azure-key-vault': {
    page: 'azure-key-vault.md',
    permissions: ['Reader role on the subscription', 'Create permission for secrets'],
    usualPorts: ['HTTPS 443'],
  },
  'gcp-secret-manager': {
    page: 'add-a-google-cloud-secret-manager.md',
    permissions: ['roles/secretmanager.admin', 'roles/secretmanager.secretAccessor'],
    usualPorts: ['HTTPS 443'],
  },
  servicenow: {
    page: 'connect-to-service-now',
    permissions: ['itil_admin', 'import_admin or import_transformer'],
    usualPorts: ['HTTPS 443'],
  },
  jira: {
    page: 'connect-to-jira.md',
    permissions: ['read:jira-user, read:jira-work, write:jira-work', 'Administer Jira'],
    usualPorts: ['HTTPS 443'],
  },
  'terraform-cloud': {
    page: 'add-a-terraform-cloud-connector',
    permissions: ['list organizations', 'manage state versions'],
    usualPorts: ['HTTPS 443'],
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
    expect(catalog.connectors.map((c) => c.id).sort()).toEqual(Object.keys(REFERENCE).sort());
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

  it.each(connectors)('%s: no port shown as documented, each usual one flagged', (id, connector) => {
    const seen = REFERENCE[id]!;
    const { text, slack, json } = asked(connector);
    const shown = json.providers.find((p) => p.id === id)!;
    expect(shown.ports.map((rule) => `${rule.protocol} ${rule.port}`)).toEqual(seen.usualPorts);
    expect(shown.ports.every((rule) => rule.inferred)).toBe(true);
    // The connector's own card: a table row of the same product may come first.
    const card = text.slice(text.indexOf(`${connector.name}  (`));
    const slackCard = slack.slice(slack.indexOf(`*${connector.name}*`));
    for (const port of seen.usualPorts) {
      const [protocol, number] = port.split(' ');
      const textLine = card.split('\n').find((line) => line.startsWith(`    - ${protocol} ${number}`));
      expect(textLine, `${id} ${port} in the terminal`).toContain(`(${INFERRED_PORT_LABEL})`);
      const slackLine = slackCard.split('\n').find((line) => line.startsWith(`• \`${protocol} ${number}\``));
      expect(slackLine, `${id} ${port} in Slack`).toContain(`_(${INFERRED_PORT_LABEL})_`);
    }
    if (seen.usualPorts.length === 0) expect(shown.portNote).toBeTruthy();
  });

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
