import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { type AnswerJson, answerJson } from '../../src/render/json.js';
import { AWS_IDS, realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();
/** The JSON as a consumer of `--json` sees it: serialised and parsed back. */
const json = (query: string): AnswerJson => JSON.parse(JSON.stringify(answerJson(answer(query, catalog))));
const ids = (output: AnswerJson) => output.providers.map((p) => p.id);

describe('answerJson: a provider', () => {
  it('answers "what port does splunk use" with Splunk and port 8089 first', () => {
    const output = json('what port does splunk use');
    expect(output.intent).toBe('provider');
    expect(output.query).toBe('what port does splunk use');
    expect(ids(output)).toEqual(['splunk']);
    expect(output.providers[0]).toEqual({
      id: 'splunk',
      name: 'Splunk',
      category: 'verification-provider',
      categoryLabel: 'Verification provider',
      group: null,
      matchedBy: 'name',
      permissions: ['User account with Read permissions on eventtypes objects.'],
      ports: [
        {
          port: 8089,
          protocol: 'TCP',
          label: 'Splunk REST API',
          conditional: false,
          condition: null,
          sourceLabel: null,
        },
      ],
      portNote: null,
      references: [
        {
          title: 'Set permissions for objects in a Splunk app',
          url: 'http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
        },
      ],
      notes: [],
      organisation: null,
    });
    expect(output.suggestions).toEqual([]);
    expect(output.unmatched).toEqual([]);
    expect(output.scope).toBeNull();
    expect(output.port).toBeNull();
  });

  it('keeps the order of a multi-provider question, best match first', () => {
    const output = json('jenkns and splunk');
    expect(ids(output)).toEqual(['splunk', 'jenkins']);
    expect(output.providers.map((p) => p.matchedBy)).toEqual(['name', 'fuzzy']);
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
      },
      {
        port: 5986,
        protocol: 'HTTPS',
        label: 'WinRM over HTTPS (Windows VMs)',
        conditional: true,
        condition: 'Windows VMs only (WinRM ports)',
        sourceLabel: null,
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
    expect(ids(output)).toEqual(['splunk']);
    expect(output.unmatched).toEqual(['mongodb']);
    expect(output.invalidPorts).toEqual(['70000']);
  });
});

describe('answerJson: a port', () => {
  it('answers "5985" with Azure (conditional) and WinRM (not conditional)', () => {
    const output = json('which providers use 5985?');
    expect(output.intent).toBe('port');
    expect(output.port).toBe(5985);
    expect(output.ports).toEqual([5985]);
    expect(ids(output)).toEqual(['azure', 'winrm']);
    expect(output.providers.map((p) => p.matchedBy)).toEqual(['port', 'port']);
    const on5985 = output.providers.map((p) => p.ports.find((rule) => rule.port === 5985)?.conditional);
    expect(on5985).toEqual([true, false]);
  });

  it('answers "8089" with Splunk', () => {
    const output = json('8089');
    expect(output).toMatchObject({ intent: 'port', port: 8089, ports: [8089] });
    expect(ids(output)).toEqual(['splunk']);
  });
});

describe('answerJson: groups, list, checklist, help and none', () => {
  it('answers "aws" with the five AWS rows and the group as scope', () => {
    const output = json('aws');
    expect(output.scope).toEqual({ kind: 'group', group: 'aws' });
    expect(ids(output)).toEqual([...AWS_IDS]);
    expect(output.providers.every((p) => p.group === 'aws' && p.matchedBy === 'group')).toBe(true);
  });

  it('answers "list" with all 29 providers and an "all" scope', () => {
    const output = json('list');
    expect(output.intent).toBe('list');
    expect(output.scope).toEqual({ kind: 'all' });
    expect(ids(output)).toEqual(catalog.providers.map((p) => p.id));
    for (const provider of output.providers) {
      expect(Object.keys(provider).sort()).toEqual(
        [
          'category',
          'categoryLabel',
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
      scope: null,
      port: null,
      ports: [],
      providers: [],
      suggestions: [],
      unmatched: [],
      invalidPorts: [],
      yesNo: false,
      focus: [],
      topics: [],
    });
  });

  it('answers "cloud" with intent none, no providers and real suggestions', () => {
    const output = json('cloud');
    expect(output.intent).toBe('none');
    expect(output.providers).toEqual([]);
    expect(output.unmatched).toEqual(['cloud']);
    expect(output.suggestions).toContainEqual({ id: 'aws-cloud', name: 'AWS Cloud' });
    for (const suggestion of output.suggestions) {
      expect(catalog.providers.find((p) => p.id === suggestion.id)?.name).toBe(suggestion.name);
    }
  });

  it('answers "mongodb" with intent none and nothing invented', () => {
    const output = json('mongodb');
    expect(output).toMatchObject({ intent: 'none', providers: [], unmatched: ['mongodb'] });
  });
});
