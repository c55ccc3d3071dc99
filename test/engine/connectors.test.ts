import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { suggest } from '../../src/engine/typeahead.js';
import type { Answer } from '../../src/engine/types.js';
import { realCatalog } from '../helpers/catalog.js';

/** The NextGen connectors in the search: names, aliases, typos, categories, partners, ports. */

const catalog = realCatalog();
const ask = (query: string) => answer(query, catalog);
const ids = (result: Answer) => result.matches.map((match) => match.provider.id);

describe('the NextGen connectors are found', () => {
  it.each([
    ['vault', 'hashicorp-vault'],
    ['aws secrets manager', 'aws-secrets-manager'],
    ['jira', 'jira'],
    ['servicenow', 'servicenow'],
    ['service now', 'servicenow'],
    ['terraform cloud', 'terraform-cloud'],
    ['gitlab', 'gitlab-connector'],
    ['bitbucket', 'bitbucket-connector'],
    ['azure key vault', 'azure-key-vault'],
    ['helm', 'helm-http-connector'],
  ])('answers %j with %s alone', (query, id) => {
    const result = ask(query);
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual([id]);
    expect(result.unmatched).toEqual([]);
  });

  it.each([
    ['vualt', 'hashicorp-vault'],
    ['jria', 'jira'],
    ['servicenwo', 'servicenow'],
    ['gitlba', 'gitlab-connector'],
    ['secrets mnager', 'aws-secrets-manager'],
    ['azure key vualt', 'azure-key-vault'],
    ['terrafrom cloud', 'terraform-cloud'],
  ])('answers the typo %j with %s', (query, id) => {
    const result = ask(query);
    expect(ids(result)[0]).toBe(id);
    expect(result.matches[0]!.matchedBy).toBe('fuzzy');
    expect(result.unmatched).toEqual([]);
  });

  it('answers "secret managers" and "ticketing" with their connectors', () => {
    expect(ids(ask('secret managers'))).toEqual([
      'hashicorp-vault',
      'aws-secrets-manager',
      'aws-kms',
      'azure-key-vault',
      'gcp-secret-manager',
      'harness-secret-manager',
      'custom-secret-manager',
      'cyberark-conjur-secret-manager',
      'gcp-kms-secret-manager',
    ]);
    expect(ids(ask('ticketing'))).toEqual(['servicenow', 'jira']);
  });

  it.each(['kafka', 'postgres'])('still answers %j with no match, never an invented provider', (query) => {
    const result = ask(query);
    expect(result.intent).toBe('none');
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual([query]);
  });
});

describe('a product in both editions', () => {
  it("shows the FirstGen row first, then its connector, for the row's name", () => {
    const result = ask('github');
    // The table row, then both NextGen pages of the same product (the connector, its GitHub App page).
    expect(ids(result)).toEqual(['github-repo', 'github-connector', 'github-app-connector']);
    expect(result.matches.map((m) => m.matchedBy)).toEqual(['alias', 'sameAs', 'sameAs']);
    expect(result.matches.map((m) => m.sameAs)).toEqual([
      ['github-connector', 'github-app-connector'],
      ['github-repo'],
      ['github-repo'],
    ]);
  });

  it("puts the row first for the connector's own words too", () => {
    expect(ids(ask('github token scopes'))).toEqual(['github-repo', 'github-connector']);
    expect(ids(ask('aws connector'))).toEqual(['aws-cloud', 'aws-s3', 'aws-connector']);
  });

  it('keeps a checklist to what was named', () => {
    expect(ids(ask('checklist nexus'))).toEqual(['nexus']);
  });
});

describe('ports a connector page does not state', () => {
  it('lists the providers whose page states a port before those it is only the usual port of', () => {
    const result = ask('22');
    const onlyUsual = (id: string) =>
      result.matches
        .find((m) => m.provider.id === id)!
        .provider.ports.filter((rule) => rule.port === 22)
        .every((rule) => rule.inferred);
    const flags = ids(result).map(onlyUsual);
    expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
    expect(flags).toContain(true);
    expect(flags).toContain(false);
  });

  it('finds the only product 8200 is the usual port of, and checklists it only when no page states the port', () => {
    expect(ids(ask('who uses 8200'))).toEqual(['hashicorp-vault']);
    expect(ids(ask('checklist 8200'))).toEqual(['hashicorp-vault']);
    expect(ids(ask('checklist 443')).some((id) => id === 'jira')).toBe(false);
  });
});

describe('the search box', () => {
  it('suggests the connectors as you type, and says when a port is only their usual one', () => {
    expect(suggest('vau', catalog, 5).map((s) => s.label)).toContain('HashiCorp Vault');
    expect(suggest('servicen', catalog, 5)[0]?.label).toBe('ServiceNow');
    expect(suggest('8200', catalog, 5)).toEqual([
      { kind: 'port', query: '8200', label: 'Port 8200: HashiCorp Vault (usual port)' },
    ]);
  });
});
