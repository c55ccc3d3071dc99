import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderChecklistItemMessages, renderChecklistSummary } from '../../src/render/blocks/checklist.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { providerById, realCatalog } from '../helpers/catalog.js';
import {
  context,
  mrkdwn,
  section,
  shareButton,
  slackAnswer as slack,
  terminalAnswer as terminal,
} from '../helpers/expected-blocks.js';

/**
 * The standard answers, pinned whole: a provider card, a port lookup, a no-match and a checklist,
 * in Slack and in the terminal. `toContain` on flattened text cannot see a line said twice or a line
 * gone missing; these can. When wording changes on purpose, update the expected values here (they
 * are plain literals, one per answer).
 */

const _catalog = realCatalog();
const COMMAND = '/harness-ports';

const rulesButton = (ids: string) => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Firewall rules', emoji: true },
  action_id: 'hp_firewall_rules',
  value: ids,
});
const cardTitle = (text: string, id: string) => ({ ...section(text), accessory: rulesButton(id) });
const item = (blockId: string, text: string) => ({
  type: 'section',
  text: mrkdwn(`:white_large_square: ${text}`),
  block_id: blockId,
  accessory: {
    type: 'button',
    text: { type: 'plain_text', text: 'Done', emoji: true },
    action_id: 'hp_tick_item',
    value: 'done',
    style: 'primary',
  },
});

const SPLUNK_DOCS =
  '*Docs:* <http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88|Set permissions for objects in a Splunk app>';
const TABLE_URL = 'https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements';
const TABLE_SOURCE = `Source: <${TABLE_URL}|Permissions and Ports for Harness Connections> (FirstGen table)`;
const SPLUNK_CONNECTOR_URL =
  'https://developer.harness.io/docs/platform/connectors/monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems';
const SPLUNK_HEALTH_URL =
  'https://developer.harness.io/docs/continuous-delivery/verify/configure-cv/health-sources/splunk';
const openButton = (id: string) => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Open', emoji: true },
  action_id: 'hp_open_provider',
  value: id,
});
const row = (text: string, id: string) => ({ ...section(text), accessory: openButton(id) });

describe('the standard answers in Slack', () => {
  it('a provider card: splunk', () => {
    // Splunk's NextGen connector is the same product (sameAs): its card comes second, after a divider.
    expect(slack('splunk')).toEqual({
      text: 'Delegate permissions and ports: Splunk and Splunk connector',
      blocks: [
        cardTitle('*Splunk*  ·  Verification provider  ·  FirstGen table', 'splunk'),
        section('*Permissions*\n• User account with Read permissions on eventtypes objects.'),
        section('*Ports*\n• `TCP 8089` Splunk REST API'),
        context(SPLUNK_DOCS),
        { type: 'divider' },
        cardTitle('*Splunk connector*  ·  Verification provider  ·  NextGen docs', 'splunk-connector'),
        section(
          [
            '*Permissions*',
            '• Authenticate with a non-SAML account (username and password).',
            '• The Splunk user must be assigned to a role with the REST-related capabilities Search and access to the indexes you want to search.',
            '• Splunk Cloud: submit a support case to get REST API access; self-service deployments get a dedicated user from Splunk Support.',
          ].join('\n'),
        ),
        section(
          `*More from the docs*\n• The Splunk health source uses a Splunk connector: add Splunk as a verification provider first, then select its connector under Connect Health Source. _(<${SPLUNK_HEALTH_URL}|Splunk>)_`,
        ),
        section(
          '*Ports*\n• `HTTPS 8089` Splunk REST API\n• _The URL must include the port, e.g. https://deployment-name.cloud.splunk.com:8089; 8089 is the default and the port is required for hosted Splunk (e.g. https://mycompany.splunkcloud.com:8089). For managed deployments Splunk Support opens port 8089 for REST access and you can limit it to a range of IP addresses._',
        ),
        context(
          '_Note:_ Delegate only: Connect via any available delegate, or only via delegates with the given tags.',
        ),
        context(
          [
            `Sources: <${TABLE_URL}|Permissions and Ports for Harness Connections> (FirstGen table)`,
            `<${SPLUNK_CONNECTOR_URL}|Connect to monitoring and logging systems> (NextGen docs)`,
            `<${SPLUNK_HEALTH_URL}|Splunk> (NextGen docs)`,
          ].join(' · '),
        ),
        shareButton('splunk'),
      ],
    });
  });

  it('a port lookup: 8089, Splunk and its NextGen connector one line each', () => {
    expect(slack('8089')).toEqual({
      text: 'Port 8089: Splunk and Splunk connector',
      blocks: [
        section('Port `8089` is used by *2 providers*:'),
        row('*Splunk*  ·  *TCP 8089*', 'splunk'),
        row('*Splunk connector*  ·  *HTTPS 8089*', 'splunk-connector'),
        context(
          [
            `Sources: <${TABLE_URL}|Permissions and Ports for Harness Connections> (FirstGen table)`,
            `<${SPLUNK_CONNECTOR_URL}|Connect to monitoring and logging systems> (NextGen docs)`,
            `<${SPLUNK_HEALTH_URL}|Splunk> (NextGen docs)`,
          ].join(' · '),
        ),
        shareButton('8089'),
      ],
    });
  });

  it('a NextGen connector, its port only the usual one: vault', () => {
    const vaultPage =
      'https://developer.harness.io/docs/platform/secrets/secrets-management/add-hashicorp-vault';
    const credentialsPage =
      'https://developer.harness.io/docs/platform/secrets/secrets-management/store-authentication-credentials';
    expect(slack('vault')).toEqual({
      text: 'Delegate permissions and ports: HashiCorp Vault',
      blocks: [
        cardTitle('*HashiCorp Vault*  ·  Secret manager  ·  NextGen docs', 'hashicorp-vault'),
        section(
          [
            '*Permissions*',
            '• Make sure that the Harness Delegate can connect to the Vault URL.',
            '• Authentication: AppRole (default path approle; a custom path needs feature flag PL_APPROLE_CUSTOM_PATH), periodic token, Vault Agent sink, AWS IAM/EC2, Kubernetes, JWT/OIDC.',
            '• ACL example: path "secret/*" { capabilities = ["create","update","list","read","delete"] }; a read-only secret manager needs read and list.',
            '• auth/token/renew-self: read and update; sys/mounts: read, to fetch the secret engines.',
          ].join('\n'),
        ),
        section(
          `*More from the docs*\n• AppRole, Token and AWS Auth secret IDs must be stored in the Harness Built-in Secret Manager; Vault Agent and Kubernetes Auth need no stored secret. _(<${credentialsPage}|Store authentication credentials>)_`,
        ),
        section(
          "*Ports*\n• `HTTPS 8200` Vault API _(the product's usual port, not stated by Harness)_\n• _Harness states no port for Vault; the Delegate connects to the Vault URL you give._",
        ),
        context(
          `Sources: <${vaultPage}|Add a HashiCorp Vault secret manager> (NextGen docs) · <${credentialsPage}|Store authentication credentials> (NextGen docs)`,
        ),
        shareButton('vault', 'hashicorp-vault'),
      ],
    });
  });

  it('a port no Harness page states: 8200', () => {
    const message = slack('8200');
    expect(message.text).toBe("Port 8200: HashiCorp Vault (the product's usual port, not stated by Harness)");
    expect(message.blocks[0]).toEqual(
      section(
        "No Harness page states port `8200`. It is the product's usual port (not stated by Harness) for:",
      ),
    );
  });

  it('a no-match: postgres', () => {
    expect(slack('postgres')).toEqual({
      text: 'No provider matches "postgres".',
      blocks: [
        section('No provider matches `postgres`.'),
        context('Try `/harness-ports list` for every provider, or `/harness-ports help`.'),
        shareButton('postgres'),
      ],
    });
  });

  it('a checklist: the summary and its item message for splunk, jenkins and nexus', () => {
    const checklist = buildChecklist(['splunk', 'jenkins', 'nexus'].map(providerById));
    expect(renderChecklistSummary(checklist, { command: COMMAND, requestedBy: 'U0ALICE' })).toEqual({
      text: 'Harness Delegate checklist: Splunk, Jenkins and Nexus',
      blocks: [
        section(
          ':clipboard: *Harness Delegate checklist: Splunk, Jenkins and Nexus*\n7 items, ticked off in the thread below.',
        ),
        section(
          '*Ports to open (3 distinct)*\n• `HTTPS 443` Jenkins\n• `TCP 8081` Nexus\n• `TCP 8089` Splunk',
        ),
        context('Started by <@U0ALICE> with `/harness-ports checklist splunk jenkins nexus`', TABLE_SOURCE),
        { type: 'actions', elements: [rulesButton('splunk jenkins nexus')] },
      ],
    });
    expect(renderChecklistItemMessages(checklist, itemBlockId)).toEqual([
      {
        text: 'Checklist: 0 of 7 done (Splunk, Jenkins and Nexus)',
        blocks: [
          section(
            '*0 of 7 done* for Splunk, Jenkins and Nexus. Press *Done* as you go; everyone here sees who did what.',
          ),
          context('*Splunk*  ·  Verification provider'),
          item('hp_item:splunk:port-0', 'Allow the Delegate to reach Splunk on TCP 8089'),
          item(
            'hp_item:splunk:permission-0',
            'Grant: User account with Read permissions on eventtypes objects.',
          ),
          context('*Jenkins*  ·  Artifact server'),
          item('hp_item:jenkins:port-0', 'Allow the Delegate to reach Jenkins on HTTPS 443'),
          item('hp_item:jenkins:permission-0', 'Grant: Matrix-based: Read permission.'),
          item(
            'hp_item:jenkins:permission-1',
            'Grant: Execute Permission, if jobs are triggered from Workflow.',
          ),
          context('*Nexus*  ·  Artifact server'),
          item('hp_item:nexus:port-0', 'Allow the Delegate to reach Nexus on TCP 8081'),
          item(
            'hp_item:nexus:permission-0',
            'Grant: User account with Repository View Privilege or read for repository.',
          ),
        ],
      },
    ]);
  });
});

describe('the standard answers in the terminal', () => {
  it('a provider card: splunk', () => {
    expect(terminal('splunk')).toBe(
      [
        'Splunk  (Verification provider · FirstGen table)',
        '  Permissions',
        '    - User account with Read permissions on eventtypes objects.',
        '  Ports',
        '    - TCP 8089: Splunk REST API',
        '  References',
        '    - Set permissions for objects in a Splunk app: http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
        '',
        'Splunk connector  (Verification provider · NextGen docs)',
        '  Permissions',
        '    - Authenticate with a non-SAML account (username and password).',
        '    - The Splunk user must be assigned to a role with the REST-related capabilities Search and access to the indexes you want to search.',
        '    - Splunk Cloud: submit a support case to get REST API access; self-service deployments get a dedicated user from Splunk Support.',
        '  More from the docs',
        '    - The Splunk health source uses a Splunk connector: add Splunk as a verification provider first, then select its connector under Connect Health Source. (Splunk)',
        '  Ports',
        '    - HTTPS 8089: Splunk REST API',
        '    - The URL must include the port, e.g. https://deployment-name.cloud.splunk.com:8089; 8089 is the default and the port is required for hosted Splunk (e.g. https://mycompany.splunkcloud.com:8089). For managed deployments Splunk Support opens port 8089 for REST access and you can limit it to a range of IP addresses.',
        '  Note: Delegate only: Connect via any available delegate, or only via delegates with the given tags.',
        '',
        'Sources:',
        `  - Permissions and Ports for Harness Connections (FirstGen table): ${TABLE_URL}`,
        `  - Connect to monitoring and logging systems (NextGen docs): ${SPLUNK_CONNECTOR_URL}`,
        `  - Splunk (NextGen docs): ${SPLUNK_HEALTH_URL}`,
      ].join('\n'),
    );
  });

  it('a port lookup: 8089, Splunk and its NextGen connector one line each', () => {
    expect(terminal('8089')).toBe(
      [
        'Port 8089 is used by 2 providers:',
        '  Splunk: TCP 8089',
        '  Splunk connector: HTTPS 8089',
        '',
        'Sources:',
        `  - Permissions and Ports for Harness Connections (FirstGen table): ${TABLE_URL}`,
        `  - Connect to monitoring and logging systems (NextGen docs): ${SPLUNK_CONNECTOR_URL}`,
        `  - Splunk (NextGen docs): ${SPLUNK_HEALTH_URL}`,
      ].join('\n'),
    );
  });

  it('one product in both editions, the FirstGen table first: github', () => {
    expect(terminal('github')).toBe(
      [
        'GitHub Repo  (Source repository · FirstGen table)',
        '  Permissions',
        '    - User account: repository owner.',
        '    - Organization account: read and write.',
        '  Ports',
        '    - HTTPS 443: GitHub over HTTPS [source says "HTTP: 443"]',
        '  References',
        '    - Permission levels for a user account repository: https://help.github.com/articles/permission-levels-for-a-user-account-repository/',
        '    - Repository permission levels for an organization: https://help.github.com/articles/repository-permission-levels-for-an-organization/',
        '',
        'GitHub connector  (Source repository · NextGen docs)',
        '  Permissions',
        "    - Personal access token: the token's owner must have admin permission on the repository; scopes repo, user and admin:repo_hook (there is no read-only option).",
        '    - Organisations with SAML SSO: authorize the token for SSO.',
        '    - Other authentication: OAuth (behind a feature flag), GitHub App (installation ID, app ID and PEM private key), or an SSH key (PEM format; user git; GitHub needs ECDSA or Ed25519 keys, not RSA).',
        '    - API access is needed for Git Experience, PR clones, triggers and statuses.',
        '  More from the docs',
        '    - With feature flag OPTIMIZED_GIT_FETCH_FILES enabled and SAML enabled on the GitHub organization, the token must be SAML-authorized to access the organization, even if the repository is public. (Connect to a Git repository)',
        '    - In general the Git provider user account needs the same permissions as when working from Git; to pull manifests, read repo (or equivalent). (Connect to a Git repository)',
        '    - With SSH key authentication the key is a Harness SSH credential secret whose Username must be git. (Connect to a Git repository)',
        '    - SSH authentication also accepts a GitHub deploy key, which grants access to a single repo. (GitHub connector settings reference)',
        '    - Source Code Manager (Harness Git Experience): GitHub username and personal access token with all the repo and user scopes. (Source Code Manager settings)',
        '  Ports',
        "    - HTTPS 443: GitHub over HTTPS (the product's usual port, not stated by Harness)",
        "    - SSH 22: Git over SSH (the product's usual port, not stated by Harness)",
        '    - Harness states no port: URLs https://github.com/... or git@github.com:... (GitHub Enterprise: your own host). With a self-signed certificate, set ADDITIONAL_CERTS_PATH on a Kubernetes delegate.',
        '',
        'GitHub App (GitHub connector authentication)  (Source repository · NextGen docs)',
        '  Permissions',
        '    - You can install GitHub Apps on your personal account or under an organization where you have administrative access; or you have admin permissions on the repo; or the organization owner has approved the app.',
        '    - App repository permissions: Commit statuses Read & write; Contents Read & write; Metadata Read-only; Pull requests Read & write (required for the Issue Comment event trigger); Webhooks Read & write.',
        '    - Where can this GitHub App be installed: Any account (the app must be public to use it with a GitHub connector); webhook Active deselected.',
        "    - Install with Repository access 'Only select repositories' and permissions Metadata Read; Code Read & write; Commit statuses Read & write; Pull Requests Read & write.",
        "    - The connector needs the Installation ID, the App ID, and the app's private key converted with openssl pkcs8 -topk8 ... -nocrypt and stored as a Harness encrypted file secret.",
        '  Ports',
        "    - HTTPS 443: GitHub API over HTTPS (the product's usual port, not stated by Harness)",
        '    - The page states no port; it gives the Homepage URL https://harness.io/ and the installation URL https://github.com/settings/installations/INSTALLATION_ID.',
        '  Note: The GitHub App can be the primary authentication method or the API access authentication method of a GitHub connector.',
        '  Note: Harness recommends GitHub Apps for GitHub connectors (more granular permissions, increased rate limits).',
        '  Note: A private app can only be installed on the account that owns it; make it public.',
        '',
        'Sources:',
        `  - Permissions and Ports for Harness Connections (FirstGen table): ${TABLE_URL}`,
        '  - GitHub connector settings reference (NextGen docs): https://developer.harness.io/docs/platform/connectors/code-repositories/ref-source-repo-provider/git-hub-connector-settings-reference',
        '  - Connect to a Git repository (NextGen docs): https://developer.harness.io/docs/platform/connectors/code-repositories/connect-to-code-repo',
        '  - Source Code Manager settings (NextGen docs): https://developer.harness.io/docs/platform/connectors/code-repositories/ref-source-repo-provider/source-code-manager-settings',
        '  - and 1 more page (open a provider for its page)',
      ].join('\n'),
    );
  });

  it('a row another version of the page words and links differently: jenkins', () => {
    expect(terminal('jenkins')).toBe(
      [
        'Jenkins  (Artifact server · FirstGen table)',
        '  Permissions',
        '    - Matrix-based: Read permission.',
        '    - Execute Permission, if jobs are triggered from Workflow.',
        '      NextGen docs, Permissions and ports for Harness connections (NextGen), says: Execute Permission, if jobs are triggered from Harness stage.',
        '  Ports',
        '    - HTTPS 443: Jenkins over HTTPS',
        '  References',
        '    - Matrix-based security: https://www.jenkins.io/doc/book/security/managing-security/',
        '      FirstGen table, Permissions and Ports for Harness Connections (FirstGen copy in developer-hub), links: https://wiki.jenkins.io/display/JENKINS/Matrix-based+security',
        '  Note: The later published page says "if jobs are triggered from a Harness stage" instead of "from Workflow".',
        '',
        'Jenkins connector  (Artifact server · NextGen docs)',
        '  Permissions',
        '    - The user account for the connection needs Overall: Read and Job: Build in the Jenkins server.',
        '    - Authentication: Username plus a Harness Encrypted Text secret holding the Jenkins API token or password; with Okta or 2FA use API Token.',
        '    - Bearer Token (HTTP Header): the OpenShift OAuth access token, only for Jenkins servers hosted/embedded in an OpenShift cluster.',
        '  Ports',
        "    - HTTPS 443: Jenkins over HTTPS (the product's usual port, not stated by Harness)",
        "    - HTTP 8080: Jenkins default HTTP port (the product's usual port, not stated by Harness)",
        '    - The page states no port. The Jenkins URL is the browser location (SaaS) or Manage Jenkins > Jenkins Location (standalone); the API token is managed at http://Jenkins-IP-address/jobs/me/configure.',
        '  Note: SAML: the page says "Harness does support SAML authentication for Jenkins connections."',
        '  Note: For token-based authentication the token is added as part of the HTTP header.',
        '',
        'Sources:',
        `  - Permissions and Ports for Harness Connections (FirstGen table): ${TABLE_URL}`,
        '  - Connect to Jenkins (NextGen docs): https://developer.harness.io/docs/platform/connectors/artifact-repositories/connect-to-jenkins',
      ].join('\n'),
    );
  });

  it('a no-match: postgres', () => {
    expect(terminal('postgres')).toBe(
      [
        'No provider matches "postgres".',
        'Try "harness-ports list" for every provider, or "harness-ports help".',
      ].join('\n\n'),
    );
  });
});
