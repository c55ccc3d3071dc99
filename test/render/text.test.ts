import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import { helpText, renderText } from '../../src/render/text.js';
import { ABOUT_TEXT, HELP_EXAMPLES } from '../../src/render/wording.js';
import { realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();
const text = (query: string, command?: string) => renderText(answer(query, catalog), command);
const TABLE_URL = 'https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements';

describe('renderText: a provider', () => {
  it('shows Splunk with its category, permission, TCP 8089 and reference link', () => {
    // Then its NextGen connector (the same product, sameAs), and one sources footer for both.
    expect(text('splunk')).toBe(
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
        '  - Connect to monitoring and logging systems (NextGen docs): https://developer.harness.io/docs/platform/connectors/monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems',
        '  - Splunk (NextGen docs): https://developer.harness.io/docs/continuous-delivery/verify/configure-cv/health-sources/splunk',
      ].join('\n'),
    );
  });

  it('shows several providers one after another, in the order matched', () => {
    const output = text('what ports does the delegate need for splunk and jenkins?');
    expect(output.indexOf('Splunk  (Verification provider · FirstGen table)')).toBe(0);
    expect(output).toContain('\n\nJenkins  (Artifact server · FirstGen table)');
    expect(output).toContain('HTTPS 443: Jenkins over HTTPS');
    expect(output).toContain('https://www.jenkins.io/doc/book/security/managing-security/');
  });

  it('says when a port is conditional, and on what', () => {
    expect(text('prometheus')).toContain(
      '    - TCP 9090: Prometheus server API (conditional: Depends on where the Prometheus server is hosted; for example, on AWS, port 9090 might be required)',
    );
    expect(text('azure')).toContain(
      '    - HTTP 5985: WinRM over HTTP (Windows VMs) (conditional: Windows VMs only (WinRM ports))',
    );
  });

  it("keeps the source's own wording where the catalog normalised a port", () => {
    expect(text('github')).toContain('    - HTTPS 443: GitHub over HTTPS [source says "HTTP: 443"]');
  });

  it('shows the port note of a provider without a fixed port', () => {
    const output = text('k8s');
    expect(output).toContain('Kubernetes Cluster  (Cloud provider / deployment target · FirstGen table)');
    expect(output).toContain('    - Depends where the cluster is hosted, such as GCP or AWS.');
    expect(output).toContain('    - One of: Username and password.');
  });

  it("shows a provider's notes", () => {
    expect(text('gcp')).toContain('  Note: The permissions are from the published page');
  });

  it('omits the References heading for a provider without references', () => {
    expect(text('smtp')).not.toContain('References');
    expect(text('smtp')).toContain('    - TCP 25: Well-known port (SMTP)');
  });

  it('marks the port a provider question asked about', () => {
    expect(text('does splunk need port 8089')).toContain('    > TCP 8089: Splunk REST API');
  });

  it('reports unknown words and invalid ports after the answer', () => {
    const output = text('splunk and mongodb, port 70000');
    expect(output).toMatch(/^Splunk {2}\(Verification provider · FirstGen table\)/);
    expect(output).toContain('\n\nNot recognised: "mongodb".');
    expect(output).toContain('\nNot a valid port (1–65535): "70000".');
  });
});

describe('renderText: a port', () => {
  it('answers "49080" with Bugsnag, its port marked, without a gap of blank lines', () => {
    const output = text('49080');
    expect(output.split('\n')[0]).toBe('Port 49080 is used by:');
    expect(output).toContain('Port 49080 is used by:\n\nBugsnag  (Verification provider · FirstGen table)');
    expect(output).toContain('    > TCP 49080: Data Access API (same port as the dashboard)');
    expect(output).not.toMatch(/\n\n\n/);
  });

  it('answers "8089" with Splunk and its NextGen connector, one line each', () => {
    const output = text('8089');
    expect(output.split('\n').slice(0, 4)).toEqual([
      'Port 8089 is used by 2 providers:',
      '  Splunk: TCP 8089',
      '  Splunk connector: HTTPS 8089',
      '',
    ]);
    expect(output).not.toMatch(/\n\n\n/);
  });

  it('answers "5985" with Azure, WinRM and the WinRM credential, one line each: the port asked about first, then the others', () => {
    expect(text('which providers use 5985?')).toBe(
      [
        'Port 5985 is used by 3 providers:',
        '  Azure: HTTP 5985 (conditional) · also HTTPS 5986 (conditional)',
        '  WinRM: HTTP 5985 · also HTTPS 5986, HTTPS 443, SSH 22',
        '  WinRM credential (secret): HTTP 5985 (conditional) · also HTTPS 5986 (conditional)',
        '',
        'Sources:',
        '  - Permissions and Ports for Harness Connections (FirstGen table): https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements',
        '  - Add WinRM keys (NextGen docs): https://developer.harness.io/docs/platform/secrets/add-winrm-keys',
      ].join('\n'),
    );
  });

  it('says so when no provider uses a valid port', () => {
    expect(text('port 65535')).toBe('No provider in the catalog uses port 65535.');
  });
});

describe('renderText: the list', () => {
  it('counts the providers and groups every name under its edition, then its category', () => {
    const output = text('list');
    const lines = output.split('\n');
    expect(lines[0]).toBe(
      '84 providers in the catalog: 29 rows of the FirstGen table and 55 NextGen connectors:',
    );
    expect(lines[1]).toBe('  FirstGen table');
    expect(lines).toContain('    Security providers: Active Directory LDAP');
    expect(lines).toContain(
      '    Verification providers: AppDynamics, Bugsnag, Datadog, Dynatrace, ELK Elasticsearch, Logz.io, New Relic, Prometheus, Splunk, Sumo Logic',
    );
    const nextGen = lines.indexOf('  NextGen connectors');
    expect(nextGen).toBeGreaterThan(1);
    expect(lines.slice(nextGen)).toContain(
      '    Secret managers: HashiCorp Vault, AWS Secrets Manager, AWS KMS, Azure Key Vault, GCP Secret Manager, Harness Secret Manager, Custom secret manager, CyberArk Conjur secret manager, Google Cloud KMS secret manager',
    );
    expect(lines.slice(nextGen)).toContain('    Ticketing systems: ServiceNow, Jira');
    for (const provider of [...catalog.providers, ...catalog.connectors])
      expect(output).toContain(provider.name);
    for (const category of new Set(catalog.providers.map((provider) => provider.category))) {
      expect(output).toContain(`    ${CATEGORY_LABELS[category].many}: `);
    }
  });
});

describe('renderText: a checklist', () => {
  it('lists the ports to open, then a task per port and permission for each provider', () => {
    const output = text('checklist splunk jenkins nexus');
    expect(output).toContain('Checklist for Splunk, Jenkins and Nexus');
    const ports = output.slice(output.indexOf('Ports to open:'), output.indexOf('\n\nSplunk'));
    expect(ports.split('\n')).toEqual([
      'Ports to open:',
      '  HTTPS 443: Jenkins',
      '  TCP 8081: Nexus',
      '  TCP 8089: Splunk',
    ]);
    expect(output).toContain(
      '\n\nSplunk\n  [ ] Allow the Delegate to reach Splunk on TCP 8089\n  [ ] Grant: User account with Read permissions on eventtypes objects.',
    );
    expect(output).toContain('  [ ] Grant: Matrix-based: Read permission.');
    expect(output).toContain('  [ ] Allow the Delegate to reach Nexus on TCP 8081');
  });

  it('merges a shared port and marks ports that are only sometimes needed', () => {
    const output = text('checklist aws ec2 prometheus tanzu');
    expect(output).toContain('  TCP 9090: AWS EC2 and Prometheus\n');
    expect(output).toContain('  HTTP 80: AWS EC2 and Tanzu Application Service\n');
    expect(output).not.toContain('TCP 9090: AWS EC2 and Prometheus (conditional)');
    expect(text('checklist prometheus')).toContain('  TCP 9090: Prometheus (conditional)');
  });

  it('gives Kubernetes its port note instead of a port', () => {
    const output = text('checklist k8s');
    expect(output).toContain(
      '  Kubernetes Cluster: Depends where the cluster is hosted, such as GCP or AWS.',
    );
    expect(output).toContain(
      '  [ ] Open the port Kubernetes Cluster needs: Depends where the cluster is hosted, such as GCP or AWS.',
    );
  });

  it('leaves out "None." permissions', () => {
    expect(text('checklist prometheus smtp')).not.toContain('None');
  });

  it('asks for providers when the checklist names none', () => {
    expect(text('checklist')).toBe(
      'Name the providers for the checklist, e.g. "harness-ports checklist splunk jenkins nexus".',
    );
  });

  it('reports unknown words on a checklist', () => {
    expect(text('checklist splunk mongodb')).toContain('Not recognised: "mongodb".');
  });
});

describe('renderText: help', () => {
  it('explains the tool and shows every example with the command name', () => {
    const output = text('help');
    expect(output.startsWith(ABOUT_TEXT)).toBe(true);
    for (const example of HELP_EXAMPLES) {
      expect(output).toMatch(
        new RegExp(`\\n {2}harness-ports ${escapeRegExp(example.query)} +${escapeRegExp(example.what)}`),
      );
    }
    expect(output).toBe(helpText());
  });

  it('shows bare queries, without a leading space, when there is no command (the console)', () => {
    const output = text('', '');
    expect(output).toContain('\n  splunk  ');
    expect(output).toContain('\n  checklist splunk jenkins nexus  ');
    expect(output).not.toContain('harness-ports ');
    expect(output).not.toMatch(/\n {3}\S/);
  });
});

describe('renderText: no match', () => {
  it('says nothing matched and how to see every provider', () => {
    expect(text('mongodb')).toBe(
      'No provider matches "mongodb".\n\nTry "harness-ports list" for every provider, or "harness-ports help".',
    );
  });

  it('offers close names, never as the answer', () => {
    const result = answer('cloud', catalog);
    const output = renderText(result);
    expect(output).toContain('No provider matches "cloud".');
    expect(output).toContain(
      'Did you mean: Google Cloud KMS secret manager, AWS CloudWatch health source or AWS Cloud?',
    );
    expect(output).toMatch(/Did you mean: [^\n]+ or [^\n]+\?/);
    expect(output).not.toContain('Permissions');
  });

  it('reports an invalid port', () => {
    expect(text('port 70000')).toBe(
      [
        '"70000" is not a valid port (1–65535).',
        'Try "harness-ports list" for every provider, or "harness-ports help".',
      ].join('\n\n'),
    );
  });

  it('names "list" alone when there is no command (the console)', () => {
    expect(text('mongodb', '')).toContain('Try "list" for every provider, or "help".');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
