import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import type { Answer } from '../../src/engine/types.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { answerJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

/** Answers read like an expert wrote them: yes or no first, compact lists, each thing said once. */

const catalog = realCatalog();
const COMMAND = '/harness-ports';
const ask = (query: string) => answer(query, catalog);
const slack = (query: string | Answer) =>
  renderAnswerMessage(typeof query === 'string' ? ask(query) : query, {
    surface: 'ephemeral',
    command: COMMAND,
  });
const text = (query: string | Answer) => renderText(typeof query === 'string' ? ask(query) : query);

/** A Slack message as the lines a person reads: each section and context, buttons as [labels]. */
function readSlack(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'section') {
      const button = block.accessory?.type === 'button' ? `  [${block.accessory.text.text}]` : '';
      return [`${block.text?.text ?? ''}${button}`];
    }
    if (block.type === 'context') return block.elements.map((el) => ('text' in el ? el.text : ''));
    if (block.type === 'actions') {
      return [block.elements.map((el) => (el.type === 'button' ? `[${el.text.text}]` : el.type)).join(' ')];
    }
    return [`(${block.type})`];
  });
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('a yes/no question is answered yes or no first', () => {
  it('says "Yes" for "does the delegate need 636 open for ldaps?", in the catalog\'s words, then the card', () => {
    const expected = 'Yes: Active Directory LDAP uses LDAPS 636 (secure LDAP).';
    const message = slack('does the delegate need 636 open for ldaps?');
    expect(message.text).toBe(expected);
    expect(readSlack(message.blocks).slice(0, 2)).toEqual([
      expected,
      '*Active Directory LDAP*  ·  Security provider  ·  FirstGen table  [Firewall rules]',
    ]);
    expect(text('does the delegate need 636 open for ldaps?').split('\n').slice(0, 3)).toEqual([
      expected,
      '',
      'Active Directory LDAP  (Security provider · FirstGen table)',
    ]);
  });

  it('says "No" when the port is not one of the provider\'s, and what it uses instead', () => {
    // "splunk" is the table row and its NextGen connector: one line each, the table row first.
    const expected = [
      'No: Splunk does not use port 443. It uses TCP 8089 (Splunk REST API).',
      'No: Splunk connector does not use port 443. It uses HTTPS 8089 (Splunk REST API).',
    ];
    expect(readSlack(slack('does splunk need port 443?').blocks)[0]).toBe(expected.join('\n'));
    expect(text('does splunk need port 443?').split('\n').slice(0, 2)).toEqual(expected);
  });

  it('sums up a yes/no question about a whole group in one line', () => {
    // The AWS connector and Azure connector come with their table rows; a port only inferred never counts as used.
    expect(text('does aws need 443?').split('\n')[0]).toBe(
      "Yes: 5 of the 6 use port 443: AWS Cloud, AWS CodeDeploy, AWS EC2, AWS ELB, ALB, ECS and AWS S3. For AWS connector, port 443 is only the product's usual port, not stated by Harness.",
    );
    expect(text('does microsoft need port 22?').split('\n')[0]).toBe('Yes: 1 of the 5 uses port 22: WinRM.');
    expect(text('do secret managers need 443?').split('\n')[0]).toBe(
      "Not stated by Harness: none of the 9 is stated to use port 443. For AWS Secrets Manager, AWS KMS, Azure Key Vault and GCP Secret Manager, port 443 is only the product's usual port, not stated by Harness.",
    );
  });

  it('points "which ports for WinRM over https?" to the HTTPS ports first', () => {
    // WinRM is the table row and its NextGen credential: one line each, the table row first.
    const expected = [
      'WinRM uses HTTPS 5986 (WinRM over HTTPS) and HTTPS 443.',
      'WinRM credential (secret) uses HTTPS 5986 (WinRM over SSL (default with Use SSL)).',
    ];
    const lines = readSlack(slack('which ports for WinRM over https?').blocks);
    expect(lines[0]).toBe(expected.join('\n'));
    expect(lines).toContain(
      '*Ports*\n• `HTTP 5985` WinRM over HTTP\n• *`HTTPS 5986` WinRM over HTTPS*\n• *`HTTPS 443`*\n• `SSH 22`',
    );
    expect(lines).toContain(
      "*Ports*\n• *`HTTPS 5986` WinRM over SSL (default with Use SSL)*\n      _conditional: Use SSL selected_\n• `HTTP 5985` WinRM without SSL (default)\n      _conditional: Use SSL not selected_\n• _The WinRM Port field takes a default by Use SSL (5986 with SSL, 5985 without) and can be changed. The Kerberos KDC and admin server are hosts in the delegate's /etc/krb5.conf; no KDC port is stated._",
    );
    expect(text('which ports for WinRM over https?').split('\n').slice(0, 2)).toEqual(expected);
  });
});

describe('many results are compact: one line per provider', () => {
  // The table rows, then the NextGen connectors whose page states 443 (OCI Helm, ECR OCI Helm, Git connector).
  const users443 = [...catalog.providers, ...catalog.connectors].filter((p) =>
    p.ports.some((rule) => rule.port === 443 && !rule.inferred),
  );
  // The NextGen connectors whose usual port 443 is: listed after, under their own title.
  const usual443 = catalog.connectors.filter((p) =>
    p.ports.some((rule) => rule.port === 443 && rule.inferred),
  );

  it('lists the 21 providers on 443 one line each in the terminal, the port first, then the others', () => {
    const lines = text('who uses 443').split('\n');
    expect(users443).toHaveLength(21);
    expect(usual443).toHaveLength(36);
    expect(lines[0]).toBe(`Port 443 is used by ${users443.length} providers:`);
    expect(lines[users443.length + 1]).toBe('');
    expect(lines[users443.length + 2]).toBe(
      `Port 443 is also the product's usual port (not stated by Harness) for ${usual443.length} more:`,
    );
    expect(lines).toContain('  AWS EC2: HTTPS 443 · also HTTP 80, TCP 9090');
    expect(lines).toContain('  Jenkins: HTTPS 443');
    expect(lines).toContain("  Jira: HTTPS 443 (the product's usual port, not stated by Harness)");
    expect(lines.slice(users443.length + 3, users443.length + 3 + usual443.length)).toEqual(
      usual443.map((p) =>
        expect.stringMatching(new RegExp(`^  ${p.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `)),
      ),
    );
    expect(lines).not.toContain('  Permissions');
  });

  it('lists them one line each in Slack, with an Open button', () => {
    const lines = readSlack(slack('who uses 443').blocks);
    expect(lines[0]).toBe(`Port \`443\` is used by *${users443.length} providers*:`);
    const rows = lines.filter((line) => line.endsWith('[Open]'));
    // The two lists share 30 rows (every stated user, then the first usual-port users); the rest
    // are named in one line, so the footer fits in Slack's 50 blocks.
    const shownUsual = 30 - users443.length;
    expect(rows).toHaveLength(30);
    for (const row of rows) expect(row).not.toContain('\n');
    expect(rows).toContain('*AWS EC2*  ·  *HTTPS 443* · also HTTP 80, TCP 9090  [Open]');
    expect(rows.at(-1)).toBe(
      `*${usual443[shownUsual - 1]!.name}*  ·  *HTTPS 443* _(the product's usual port, not stated by Harness)_  [Open]`,
    );
    expect(lines).toContain(
      '…and 27 more: AWS KMS, Azure Key Vault, GCP Secret Manager, ServiceNow, Jira, Terraform Cloud / Enterprise, GCR OCI Helm registry, ACR OCI Helm registry, Jenkins connector, Harness container image connector, IBM Cloud Container Registry, Azure Repos connector, AWS CodeCommit connector, GitHub App (GitHub connector authentication), Spot connector, Tanzu Application Service (TAS) connector, AppDynamics connector, New Relic connector, Google Cloud Operations connector, Splunk Observability (SignalFx) connector, Datadog connector, Dynatrace connector (Classic), Dynatrace Grail connector, Azure Log Analytics health source, Google BigQuery health source, Sumo Logic health source and AWS CloudWatch health source. Ask for one by name.',
    );
    expect(usual443.slice(shownUsual).map((p) => p.name)[0]).toBe('AWS KMS');
  });

  it('lists a category one line each in the terminal', () => {
    expect(text('verification providers')).toBe(
      [
        'Verification providers: 26 providers. Open one for its permissions, ports and docs.',
        '  AppDynamics: HTTP 80',
        '  Bugsnag: TCP 49080',
        '  Datadog: HTTPS 443',
        '  Dynatrace: HTTPS 443',
        '  ELK Elasticsearch: TCP 9200',
        '  Logz.io: HTTPS 443',
        '  New Relic: HTTPS 443',
        '  Prometheus: TCP 9090 (conditional)',
        '  Splunk: TCP 8089',
        '  Sumo Logic: HTTPS 443',
        "  AppDynamics connector: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Prometheus connector: HTTP 9090 (conditional) (the product's usual port, not stated by Harness)",
        "  New Relic connector: HTTPS 443 (the product's usual port, not stated by Harness)",
        '  Splunk connector: HTTPS 8089',
        "  Google Cloud Operations connector: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Splunk Observability (SignalFx) connector: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Datadog connector: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Dynatrace connector (Classic): HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Dynatrace Grail connector: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Custom Health connector: The page states no port: the URL is your metrics data provider's, e.g. https://mycompany.appd.com.",
        "  Azure Log Analytics health source: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  Google BigQuery health source: HTTPS 443 (the product's usual port, not stated by Harness)",
        '  Elasticsearch health source: TCP 9200',
        '  Grafana Loki health source: TCP 3100',
        "  Sumo Logic health source: HTTPS 443 (the product's usual port, not stated by Harness)",
        "  AWS CloudWatch health source: HTTPS 443 (the product's usual port, not stated by Harness)",
        '',
        'Sources:',
        '  - Permissions and Ports for Harness Connections (FirstGen table): https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements',
        '  - Connect to monitoring and logging systems (NextGen docs): https://developer.harness.io/docs/platform/connectors/monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems',
        '  - AppDynamics (NextGen docs): https://developer.harness.io/docs/continuous-delivery/verify/configure-cv/health-sources/app-dynamics',
        '  - Prometheus (NextGen docs): https://developer.harness.io/docs/continuous-delivery/verify/configure-cv/health-sources/prometheus',
        '  - and 19 more pages (open a provider for its page)',
      ].join('\n'),
    );
  });

  it('keeps the full card for a single provider', () => {
    // 8089 is Splunk and its NextGen connector now: two, so one line each; 49080 is Bugsnag alone.
    expect(text('49080')).toContain('  Permissions\n    - Data Access API Auth Token.');
    expect(text('8089').split('\n').slice(0, 3)).toEqual([
      'Port 8089 is used by 2 providers:',
      '  Splunk: TCP 8089',
      '  Splunk connector: HTTPS 8089',
    ]);
    expect(text('8089')).not.toContain('  Permissions');
  });
});

describe('each thing is said once', () => {
  it('says a no-match once, with suggestions once, and "list" once', () => {
    const message = slack('cloud');
    expect(readSlack(message.blocks)).toEqual([
      'No provider matches `cloud`.',
      'Did you mean:',
      '[Google Cloud KMS secret manager] [AWS CloudWatch health source] [AWS Cloud]',
      'Try `/harness-ports list` for every provider, or `/harness-ports help`.',
      '[Share in channel]',
    ]);
    const all = readSlack(message.blocks).join('\n');
    expect(count(all, 'Did you mean')).toBe(1);
    expect(count(all, 'list`')).toBe(1);
  });

  it('names the unknown word, not the whole sentence', () => {
    expect(readSlack(slack('what ports does postgres need').blocks)[0]).toBe(
      'No provider matches `postgres`.',
    );
    expect(text('what ports does postgres need')).toBe(
      'No provider matches "postgres".\n\nTry "harness-ports list" for every provider, or "harness-ports help".',
    );
  });

  it('says "not a valid port" once for 99999', () => {
    const all = readSlack(slack('99999').blocks).join('\n');
    expect(count(all, 'not a valid port')).toBe(1);
    expect(count(all, 'No provider matches')).toBe(0);
    expect(count(text('99999'), 'not a valid port')).toBe(1);
  });

  it('drops port labels that only repeat the protocol, and keeps what a port is for', () => {
    const ec2 = readSlack(slack('aws ec2').blocks);
    expect(ec2).toContain('*Ports*\n• `HTTP 80`\n• `HTTPS 443` _(source says "HTTP: 443")_\n• `TCP 9090`');
    expect(text('active directory')).toContain(
      '  Ports\n    - HTTPS 443\n    - LDAP 389: LDAP without SSL\n    - LDAPS 636: Secure LDAP\n',
    );
  });

  it('says "Also allow ec2:DescribeRegions." as a sentence, on the card and on the checklist', () => {
    expect(readSlack(slack('aws ec2').blocks)).toContain(
      '*Permissions*\n• Policy: AmazonEC2FullAccess\n• Also allow ec2:DescribeRegions.',
    );
    expect(text('aws cloud')).toContain('    - Allow ec2:DescribeRegions.');
    const checklist = text('checklist aws ec2');
    expect(checklist).toContain('  [ ] Also allow ec2:DescribeRegions.');
    expect(checklist).not.toContain('required also');
  });

  it('joins "did you mean" with "or" whatever the names contain', () => {
    const named = (name: string): Provider => ({
      ...providerById('splunk'),
      id: name.toLowerCase().replace(/\W+/g, '-'),
      name,
    });
    const result: Answer = {
      ...ask('splunk and mongodb'),
      suggestions: [named('Tom and Jerry'), named('New Relic and ELK')],
    };
    expect(readSlack(slack(result).blocks)).toContain(
      'Not recognised: `mongodb`. Did you mean Tom and Jerry or New Relic and ELK?',
    );
    expect(text(result)).toContain(
      'Not recognised: "mongodb". Did you mean Tom and Jerry or New Relic and ELK?',
    );
    const three: Answer = { ...result, suggestions: [named('A and B'), named('C'), named('D and E')] };
    expect(text(three)).toContain('Did you mean A and B, C or D and E?');
  });
});

describe('small talk gets one friendly line with one example', () => {
  it.each([
    ['thanks!', 'You\'re welcome! Ask me again any time, e.g. "harness-ports splunk".'],
    ['hi', 'Hi! Ask me which ports and permissions the Harness Delegate needs, e.g. "harness-ports splunk".'],
    ['👍', 'Hi! Ask me which ports and permissions the Harness Delegate needs, e.g. "harness-ports splunk".'],
  ])('answers %j in the terminal with one line', (query, expected) => {
    expect(text(query)).toBe(expected);
  });

  it('answers in Slack with one section and nothing to share', () => {
    expect(readSlack(slack('thanks!').blocks)).toEqual([
      "You're welcome! Ask me again any time, e.g. `/harness-ports splunk`.",
    ]);
  });
});

describe('--json says how every provider was found', () => {
  it('marks a list answer\'s providers "list"', () => {
    const json = answerJson(ask('list'));
    expect(json.providers).toHaveLength(catalog.providers.length + catalog.connectors.length);
    expect(new Set(json.providers.map((p) => p.matchedBy))).toEqual(new Set(['list']));
  });

  it('says a yes/no question and what it asked of each provider', () => {
    const json = JSON.parse(JSON.stringify(answerJson(ask('does the delegate need 636 open for ldaps?'))));
    expect(json.yesNo).toBe(true);
    expect(json.focus).toEqual([
      { id: 'active-directory-ldap', port: 636, protocol: null, uses: true, ports: [636], inferred: false },
    ]);
    expect(answerJson(ask('winrm over https')).focus).toEqual([
      { id: 'winrm', port: null, protocol: 'HTTPS', uses: true, ports: [5986, 443], inferred: false },
      { id: 'winrm-credential', port: null, protocol: 'HTTPS', uses: true, ports: [5986], inferred: false },
    ]);
    // A port only the product's usual one is flagged.
    expect(answerJson(ask('does vault need 8200?')).focus).toEqual([
      { id: 'hashicorp-vault', port: 8200, protocol: null, uses: true, ports: [8200], inferred: true },
    ]);
  });
});
