import { describe, expect, it } from 'vitest';
import { isPolicyQuery, policyRequest } from '../../src/engine/policy-request.js';
import { isRulesQuery } from '../../src/engine/rules-request.js';
import { realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();
const ids = (query: string) => policyRequest(query, catalog).providers.map((provider) => provider.id);

describe('isPolicyQuery: asking for permission snippets', () => {
  it.each([
    'policy aws ec2',
    'Policies for AWS S3',
    'grants github vault',
    'show me the policy for vault',
    'iam policy for aws s3',
    'aws ec2 iam policy',
    'permission snippets for jira',
    'Permissions snippet: vault?',
    'policy',
  ])('%s: yes', (query) => {
    expect(isPolicyQuery(query)).toBe(true);
  });

  it.each([
    'splunk',
    'splunk policy',
    'what permissions does splunk need?',
    'which permissions does the delegate need?',
    'rules splunk as network policy',
    'network policy for splunk',
    'firewall rules for nexus',
    'policyholder',
    '',
  ])('%s: no (a card, rules, or nothing)', (query) => {
    expect(isPolicyQuery(query)).toBe(false);
  });

  it('never takes a rules request: "rules … network policy" stays rules', () => {
    expect(isRulesQuery('rules splunk as network policy')).toBe(true);
    expect(isPolicyQuery('rules splunk as network policy')).toBe(false);
  });
});

describe('policyRequest: the providers a snippets request names', () => {
  it('reads the providers after the request words, by name, alias or NextGen id', () => {
    expect(ids('policy aws ec2')).toEqual(['aws-ec2']);
    expect(ids('give me the iam policy for aws s3 and vault')).toEqual(['aws-s3', 'hashicorp-vault']);
    expect(ids('aws ec2 iam policy')).toEqual(['aws-ec2']);
    expect(ids('policy for hashicorp-vault')).toEqual(['hashicorp-vault']);
    expect(ids('grants of jira')).toEqual(['jira']);
  });

  it('adds the other edition of a provider whose own page names no grant, and only then', () => {
    // GitHub's FirstGen row names no exact grant; its NextGen connector's page names the token scopes.
    expect(ids('policy github')).toEqual(['github-repo', 'github-connector']);
    expect(ids('grants github vault')).toEqual(['github-repo', 'hashicorp-vault', 'github-connector']);
    // AWS S3 names its own: the AWS connector's ECR policies are not asked for.
    expect(ids('policy aws s3')).toEqual(['aws-s3']);
  });

  it('reads a query without the request words the same way (the CLI’s --permissions)', () => {
    expect(ids('aws ec2')).toEqual(ids('policy aws ec2'));
    expect(ids('hashicorp-vault aws-connector')).toEqual(['hashicorp-vault', 'aws-connector']);
  });

  it('keeps the words that name nothing, with close names, and names no provider for them', () => {
    const request = policyRequest('policy splnuk qwzxv', catalog);
    expect(request.unmatched).toEqual(['qwzxv']);
    expect(request.providers.map((provider) => provider.id)).toEqual(['splunk']);
    expect(policyRequest('policy qwzxv', catalog).providers).toEqual([]);
  });

  it('names nothing for the request words alone or small talk', () => {
    expect(ids('policy')).toEqual([]);
    expect(ids('policy for')).toEqual([]);
    expect(ids('policy thanks')).toEqual([]);
  });
});
