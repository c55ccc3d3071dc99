import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { type AnswerJson, answerJson } from '../../src/render/json.js';
import { AWS_IDS, realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();
/** The JSON as a consumer of `--json` sees it: serialised and parsed back. */
const json = (query: string): AnswerJson => JSON.parse(JSON.stringify(answerJson(answer(query, catalog))));
const ids = (output: AnswerJson) => output.providers.map((p) => p.id);
const TABLE_SOURCE = {
  id: 'table',
  title: 'Permissions and Ports for Harness Connections',
  url: 'https://docs.harness.io/article/11hjhpatqz-connectivity-and-permissions-requirements',
  edition: 'firstgen-table',
  editionLabel: 'FirstGen table',
  path: null,
  commit: null,
};
/** The page of Splunk's NextGen connector, and the health-source page one of its facts comes from. */
const SPLUNK_CONNECTOR_SOURCES = [
  {
    id: 'ng-monitoring',
    title: 'Connect to monitoring and logging systems',
    url: 'https://developer.harness.io/docs/platform/connectors/monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems',
    edition: 'nextgen-docs',
    editionLabel: 'NextGen docs',
    path: 'docs/platform/connectors/monitoring-and-logging-systems/connect-to-monitoring-and-logging-systems.md',
    commit: '08d8148625728d44e8af9c2eec57f3fc572d9c35',
  },
  {
    id: 'ng-splunk-health',
    title: 'Splunk',
    url: 'https://developer.harness.io/docs/continuous-delivery/verify/configure-cv/health-sources/splunk',
    edition: 'nextgen-docs',
    editionLabel: 'NextGen docs',
    path: 'docs/continuous-delivery/verify/configure-cv/health-sources/splunk.md',
    commit: '5867866890a706365045eb6bb8a2f07133ff246a',
  },
];

describe('answerJson: a provider', () => {
  it('answers "what port does splunk use" with Splunk and port 8089 first, then its NextGen connector', () => {
    const output = json('what port does splunk use');
    expect(output.intent).toBe('provider');
    expect(output.query).toBe('what port does splunk use');
    expect(ids(output)).toEqual(['splunk', 'splunk-connector']);
    expect(output.providers.map((p) => [p.matchedBy, p.edition, p.sameAs])).toEqual([
      ['name', 'firstgen-table', ['splunk-connector']],
      ['sameAs', 'nextgen-docs', ['splunk']],
    ]);
    expect(output.providers[1]?.ports.map((rule) => [rule.port, rule.protocol, rule.inferred])).toEqual([
      [8089, 'HTTPS', false],
    ]);
    expect(output.providers[0]).toEqual({
      id: 'splunk',
      name: 'Splunk',
      category: 'verification-provider',
      categoryLabel: 'Verification provider',
      group: null,
      matchedBy: 'name',
      facts: [],
      connectivity: null,
      permissions: ['User account with Read permissions on eventtypes objects.'],
      ports: [
        {
          port: 8089,
          protocol: 'TCP',
          label: 'Splunk REST API',
          conditional: false,
          condition: null,
          sourceLabel: null,
          inferred: false,
        },
      ],
      portNote: null,
      disagreements: [],
      references: [
        {
          title: 'Set permissions for objects in a Splunk app',
          url: 'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
        },
      ],
      notes: [],
      organisation: null,
      edition: 'firstgen-table',
      source: TABLE_SOURCE,
      sameAs: ['splunk-connector'],
      revisions: [],
    });
    expect(output.sources).toEqual([TABLE_SOURCE, ...SPLUNK_CONNECTOR_SOURCES]);
    expect(output.suggestions).toEqual([]);
    expect(output.unmatched).toEqual([]);
    expect(output.scope).toBeNull();
    expect(output.port).toBeNull();
  });

  it('keeps the order of a multi-provider question, best match first', () => {
    const output = json('jenkns and splunk');
    // Each row comes with its NextGen connector, right after it.
    expect(ids(output)).toEqual(['splunk', 'splunk-connector', 'jenkins', 'jenkins-connector']);
    expect(output.providers.map((p) => p.matchedBy)).toEqual(['name', 'sameAs', 'fuzzy', 'sameAs']);
  });

  it('shows conditional ports as conditional, with the condition', () => {
    const [azure] = json('azure').providers;
    expect(azure?.ports).toEqual([
      {
        port: 5985,
        protocol: 'HTTP',
        label: 'WinRM over HTTP (Windows VMs)',
        conditional: true,
        condition: 'Windows VMs only (WinRM ports)',
        sourceLabel: null,
        inferred: false,
      },
      {
        port: 5986,
        protocol: 'HTTPS',
        label: 'WinRM over HTTPS (Windows VMs)',
        conditional: true,
        condition: 'Windows VMs only (WinRM ports)',
        sourceLabel: null,
        inferred: false,
      },
    ]);
  });

  it("keeps the source's wording of a normalised port", () => {
    const [github] = json('github').providers;
    expect(github?.ports[0]).toMatchObject({ port: 443, protocol: 'HTTPS', sourceLabel: 'HTTP: 443' });
    expect(github?.references.map((r) => r.url)).toEqual([
      'https://help.github.com/articles/permission-levels-for-a-user-account-repository/',
      'https://help.github.com/articles/repository-permission-levels-for-an-organization/',
    ]);
    expect(github?.matchedBy).toBe('alias');
  });

  it('gives Kubernetes no ports and its port note', () => {
    const [kubernetes] = json('k8s').providers;
    expect(kubernetes?.ports).toEqual([]);
    expect(kubernetes?.portNote).toBe('Depends where the cluster is hosted, such as GCP or AWS.');
    expect(kubernetes?.permissions).toHaveLength(4);
  });

  it('reports unknown words and invalid ports alongside the answer', () => {
    const output = json('splunk and mongodb, port 70000');
    expect(ids(output)).toEqual(['splunk', 'splunk-connector']);
    expect(output.unmatched).toEqual(['mongodb']);
    expect(output.invalidPorts).toEqual(['70000']);
  });
});

describe('answerJson: a port', () => {
  it('answers "5985" with Azure (conditional), WinRM (not conditional) and the WinRM credential (conditional)', () => {
    const output = json('which providers use 5985?');
    expect(output.intent).toBe('port');
    expect(output.port).toBe(5985);
    expect(output.ports).toEqual([5985]);
    expect(ids(output)).toEqual(['azure', 'winrm', 'winrm-credential']);
    expect(output.providers.map((p) => p.matchedBy)).toEqual(['port', 'port', 'port']);
    const on5985 = output.providers.map((p) => p.ports.find((rule) => rule.port === 5985)?.conditional);
    expect(on5985).toEqual([true, false, true]);
  });

  it('answers "8089" with Splunk and its NextGen connector', () => {
    const output = json('8089');
    expect(output).toMatchObject({ intent: 'port', port: 8089, ports: [8089] });
    expect(ids(output)).toEqual(['splunk', 'splunk-connector']);
    expect(output.providers.map((p) => p.matchedBy)).toEqual(['port', 'port']);
  });
});

describe('answerJson: groups, list, checklist, help and none', () => {
  it('answers "aws" with the five AWS rows and the group as scope', () => {
    const output = json('aws');
    expect(output.scope).toEqual({ kind: 'group', group: 'aws' });
    // The AWS connector (NextGen) comes after the group's table rows, as the same product.
    expect(ids(output)).toEqual([...AWS_IDS, 'aws-connector']);
    expect(output.providers.slice(0, 5).every((p) => p.group === 'aws' && p.matchedBy === 'group')).toBe(
      true,
    );
    expect(output.providers[5]).toMatchObject({ matchedBy: 'sameAs', sameAs: ['aws-cloud', 'aws-s3'] });
  });

  it('answers "list" with the 29 table rows, then the NextGen connectors, and an "all" scope', () => {
    const output = json('list');
    expect(output.intent).toBe('list');
    expect(output.scope).toEqual({ kind: 'all' });
    expect(ids(output)).toEqual([...catalog.providers, ...catalog.connectors].map((p) => p.id));
    for (const provider of output.providers) {
      expect(Object.keys(provider).sort()).toEqual(
        [
          'category',
          'categoryLabel',
          'connectivity',
          'disagreements',
          'facts',
          'group',
          'id',
          'matchedBy',
          'name',
          'notes',
          'organisation',
          'permissions',
          'portNote',
          'ports',
          'references',
          'edition',
          'source',
          'sameAs',
          'revisions',
        ].sort(),
      );
    }
  });

  it('answers "checklist splunk jenkins nexus" with the three providers', () => {
    const output = json('checklist splunk jenkins nexus');
    expect(output.intent).toBe('checklist');
    expect(ids(output)).toEqual(['splunk', 'jenkins', 'nexus']);
    expect(output.providers.map((p) => p.ports.map((rule) => rule.port))).toEqual([[8089], [443], [8081]]);
  });

  it('answers "help" with intent help and no providers', () => {
    expect(json('help')).toEqual({
      query: 'help',
      intent: 'help',
      headline: 'How to use harness-ports',
      scope: null,
      port: null,
      ports: [],
      providers: [],
      suggestions: [],
      unmatched: [],
      invalidPorts: [],
      notes: [],
      yesNo: false,
      focus: [],
      topics: [],
      topicAnswer: null,
      sources: [],
    });
  });

  it('gives the headline and the notes of the answer view, in plain text, a command as the words to ask', () => {
    expect(json('splunk frobz')).toMatchObject({
      headline: 'Delegate permissions and ports: Splunk and Splunk connector',
      unmatched: ['frobz'],
      notes: ['Not recognised: "frobz". Did you mean JFrog Artifactory?', 'Try "list" for every provider.'],
    });
    expect(json('splunk port 70000')).toMatchObject({
      invalidPorts: ['70000'],
      notes: ['Not a valid port (1–65535): "70000".', 'Try "list" for every provider.'],
    });
    // A no-match says the words in its headline; it has no notes (its sentences say them).
    expect(json('mongodb')).toMatchObject({ headline: 'No provider matches "mongodb".', notes: [] });
    expect(json('8089').headline).toBe('Port 8089: Splunk and Splunk connector');
  });

  it('lists a lookup of several ports in the order every face shows: the stated users first, then the inferred', () => {
    const output = json('443 22');
    const statesOne = (p: AnswerJson['providers'][number]) =>
      p.ports.some((rule) => [443, 22].includes(rule.port) && !rule.inferred);
    const firstInferred = output.providers.findIndex((p) => !statesOne(p));
    expect(firstInferred).toBeGreaterThan(0);
    expect(
      output.providers
        .slice(firstInferred)
        .filter(statesOne)
        .map((p) => p.id),
    ).toEqual([]);
    // GCP states only 22: it is among the stated, not after the connectors that only use 443 as usual.
    expect(ids(output).indexOf('gcp')).toBeLessThan(firstInferred);
  });

  it('answers a yes/no question about one topic with its yes or no and the fact that says so', () => {
    expect(json('does the delegate need inbound ports?').topicAnswer).toEqual({
      answer: 'no',
      fact: {
        text: 'All network connections from your local network to Harness SaaS are outbound-only.',
        source: expect.objectContaining({ id: 'delegate-requirements', edition: 'delegate-docs' }),
      },
    });
    expect(json('inbound ports').topicAnswer).toBeNull();
  });

  it('answers "cloud" with intent none, no providers and real suggestions', () => {
    const output = json('cloud');
    expect(output.intent).toBe('none');
    expect(output.providers).toEqual([]);
    expect(output.unmatched).toEqual(['cloud']);
    expect(output.suggestions).toContainEqual({ id: 'aws-cloud', name: 'AWS Cloud' });
    for (const suggestion of output.suggestions) {
      const known = [...catalog.providers, ...catalog.connectors].find((p) => p.id === suggestion.id);
      expect(known?.name).toBe(suggestion.name);
    }
  });

  it('answers "mongodb" with intent none and nothing invented', () => {
    const output = json('mongodb');
    expect(output).toMatchObject({ intent: 'none', providers: [], unmatched: ['mongodb'] });
  });
});

describe('answerJson: sources, editions, inferred ports and other versions', () => {
  it('gives a NextGen connector its page and edition, and flags its usual port as inferred', () => {
    const output = json('vault');
    expect(ids(output)).toEqual(['hashicorp-vault']);
    const [vault] = output.providers;
    expect(vault).toMatchObject({
      edition: 'nextgen-docs',
      source: {
        title: 'Add a HashiCorp Vault secret manager',
        url: 'https://developer.harness.io/docs/platform/secrets/secrets-management/add-hashicorp-vault',
        edition: 'nextgen-docs',
      },
      sameAs: [],
      revisions: [],
    });
    expect(vault?.ports).toEqual([
      {
        port: 8200,
        protocol: 'HTTPS',
        label: 'Vault API',
        conditional: false,
        condition: null,
        sourceLabel: null,
        inferred: true,
      },
    ]);
    // Its facts also cite the page on storing authentication credentials.
    expect(output.sources.map((source) => source.id)).toEqual(['ng-vault', 'ng-store-auth-credentials']);
    expect(output.sources[0]).toEqual(vault?.source);
  });

  it('shows a product in both editions, the table row first, each naming the other', () => {
    const output = json('github token scopes');
    expect(ids(output)).toEqual(['github-repo', 'github-connector']);
    expect(output.providers.map((p) => [p.matchedBy, p.edition, p.sameAs])).toEqual([
      ['sameAs', 'firstgen-table', ['github-connector', 'github-app-connector']],
      ['alias', 'nextgen-docs', ['github-repo']],
    ]);
    expect(output.providers[0]?.ports.map((rule) => rule.inferred)).toEqual([false]);
    expect(output.providers[1]?.ports.map((rule) => [rule.port, rule.inferred])).toEqual([
      [443, true],
      [22, true],
    ]);
    // The connector's page, then the pages its facts come from.
    expect(output.sources.map((source) => [source.id, source.edition])).toEqual([
      ['table', 'firstgen-table'],
      ['ng-github', 'nextgen-docs'],
      ['ng-code-repo', 'nextgen-docs'],
      ['ng-source-code-manager', 'nextgen-docs'],
    ]);
  });

  it("gives a row the other versions' wording and links, each with its version", () => {
    const [jenkins] = json('jenkins').providers;
    expect(jenkins?.revisions).toEqual([
      {
        kind: 'wording',
        held: 'Execute Permission, if jobs are triggered from Workflow.',
        other: 'Execute Permission, if jobs are triggered from Harness stage.',
        source: {
          id: 'table-nextgen',
          title: 'Permissions and ports for Harness connections (NextGen)',
          url: 'https://developer.harness.io/docs/platform/references/permissions-and-ports-for-harness-connections',
          edition: 'nextgen-docs',
          editionLabel: 'NextGen docs',
          path: 'docs/platform/references/permissions-and-ports-for-harness-connections.md',
          commit: 'acf488170b8479696833faf4a6ed39291ac369cc',
        },
      },
      {
        kind: 'link',
        held: 'https://www.jenkins.io/doc/book/security/managing-security/',
        other: 'https://wiki.jenkins.io/display/JENKINS/Matrix-based+security',
        source: {
          id: 'table-firstgen-dh',
          title: 'Permissions and Ports for Harness Connections (FirstGen copy in developer-hub)',
          url: 'https://developer.harness.io/docs/first-gen/firstgen-platform/techref-category/account-ref/delegate-ref/connectivity-and-permissions-requirements',
          edition: 'firstgen-table',
          editionLabel: 'FirstGen table',
          path: 'docs/first-gen/firstgen-platform/techref-category/account-ref/delegate-ref/connectivity-and-permissions-requirements.md',
          commit: '6a4347bb7f13a71b8c4d15771b43777283fd4761',
        },
      },
    ]);
  });

  it('lists the ports no page states after those a page states, flagged', () => {
    const output = json('who uses 8200');
    expect(output).toMatchObject({ intent: 'port', ports: [8200] });
    expect(ids(output)).toEqual(['hashicorp-vault']);
    expect(output.providers[0]?.ports.find((rule) => rule.port === 8200)?.inferred).toBe(true);
  });
});
