import { describe, expect, it } from 'vitest';
import type { Category } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import { catalogProviders } from '../../src/engine/providers.js';
import type { Answer } from '../../src/engine/types.js';
import { AWS_IDS, realCatalog } from '../helpers/catalog.js';

/** What a query means, beyond the names in it: which numbers are ports, which words are topics. */

const catalog = realCatalog();
/** The table's rows, then the NextGen connectors: everything the engine searches. */
const everyProvider = catalogProviders(catalog);
const ask = (query: string) => answer(query, catalog);
/**
 * What the question named, in order: its matches without the other edition's entries of the same
 * product that every answer adds beside them (`sameAs`, pinned in their own tests).
 */
const named = (result: Answer) => result.matches.filter((match) => match.matchedBy !== 'sameAs');
const ids = (result: Answer) => named(result).map((match) => match.provider.id);
const categoryIds = (category: Category) =>
  everyProvider.filter((p) => p.category === category).map((p) => p.id);

describe('stray numbers are not ports', () => {
  it.each([
    'https://example.com/foo?bar=1',
    '<script>alert(1)</script>',
    'does splunk v2 work',
    'is jenkins 3.x supported',
    'nexus upgrade on 2024-01-05',
    'splunk 9.1.2',
    'elk id-12345',
    'we have 2 questions about datadog',
    'version 2 of nexus',
    'curl -s http://localhost/health?retry=3',
    'see ticket #42 for jenkins',
    'splunk 1st setup',
    'nexus 3',
    'what changed in 2023 for github',
    'node 20 delegate ports',
    'meeting at 10:30 about splunk',
  ])('finds no port in %j', (query) => {
    const result = ask(query);
    expect(result.ports).toEqual([]);
    expect(result.invalidPorts).toEqual([]);
    expect(result.intent).not.toBe('port');
  });

  it.each([
    ['port 1', [1]],
    ['8089', [8089]],
    ['443', [443]],
    ['who uses 443', [443]],
    ['who uses 443?', [443]],
    [':9200', [9200]],
    ['what listens on :9200?', [9200]],
    ['es.example.com:9200', [9200]],
    ['https://splunk.example.com:8089/services/search', [8089]],
    ['tcp/8089', [8089]],
    ['8089/tcp', [8089]],
    ['TCP/8089 and UDP/53', [8089, 53]],
    ['ports 389, 636', [389, 636]],
    ['(8089)', [8089]],
    ['8089 and 9200', [8089, 9200]],
    ['splunk 8089', [8089]],
    ['can the delegate reach nexus on 8081', [8081]],
    ['is 9999 open for jenkins', [9999]],
    ['ports 389, 636 and 22', [389, 636, 22]],
    ['10.0.0.5:9200', [9200]],
  ] as const)('reads %j as ports %j', (query, ports) => {
    expect(ask(query).ports).toEqual(ports);
  });

  it('still reports a number out of range as not a port: "99999"', () => {
    expect(ask('99999').invalidPorts).toEqual(['99999']);
  });
});

describe('words after a phrase complete it only within their own typo budget', () => {
  it('does not read "microsoft sql server" as a typo of "microsoft ad"', () => {
    const result = ask('microsoft sql server');
    expect(named(result).every((m) => m.matchedBy === 'maker')).toBe(true);
    expect(result.unmatched).toEqual(['sql']);
  });

  it('still completes "aws codedeplyo" and "sumo logik"', () => {
    expect(ids(ask('aws codedeplyo'))).toEqual(['aws-codedeploy']);
    expect(ids(ask('sumo logik'))).toEqual(['sumo-logic']);
  });
});

describe('topic words do not drag in categories', () => {
  it('answers "what IAM policy do I need for S3 artifacts?" with AWS S3 alone', () => {
    const result = ask('what IAM policy do I need for S3 artifacts?');
    expect(ids(result)).toEqual(['aws-s3']);
    expect(result.scope).toBeUndefined();
  });

  it.each([
    ['splunk monitoring', ['splunk']],
    ['nexus artifacts', ['nexus']],
    ['sso with ldap', ['active-directory-ldap']],
    ['iam permissions for ec2', ['aws-ec2']],
    ['jenkins artifact server', ['jenkins']],
  ])('answers %j with the provider it names', (query, expected) => {
    expect(ids(ask(query))).toEqual(expected);
  });

  it.each([
    ['artifact servers', 'artifact-server'],
    ['which artifact repos do you know?', 'artifact-server'],
    ['artifact repository', 'artifact-server'],
    ['monitoring', 'verification-provider'],
    ['what security providers are there', 'security-provider'],
  ] as const)('lists the category for %j, where nothing more specific is asked', (query, category) => {
    const result = ask(query);
    expect(ids(result)).toEqual(categoryIds(category));
    expect(result.scope).toEqual({ kind: 'category', category });
  });

  it('still answers a topic word alone with what it names: "iam" is AWS Cloud', () => {
    expect(ids(ask('iam'))).toEqual(['aws-cloud']);
  });
});

describe('common names resolve the way people mean them', () => {
  it.each(['amazon', 'Amazon Web Services', 'what does amazon need'])(
    'answers %j with the AWS group',
    (query) => {
      const result = ask(query);
      expect(ids(result)).toEqual([...AWS_IDS]);
      expect(result.scope).toEqual({ kind: 'group', group: 'aws' });
      expect(result.unmatched).toEqual([]);
    },
  );

  it('answers "microsoft" with the Microsoft products of the catalog', () => {
    const result = ask('microsoft');
    expect(ids(result)).toEqual(['active-directory-ldap', 'azure', 'winrm']);
    expect(result.unmatched).toEqual([]);
    expect(result.scope).toEqual({ kind: 'maker', maker: 'Microsoft' });
  });

  it.each([
    ['google', 'gcp'],
    ['jfrog', 'jfrog-artifactory'],
    ['sonatype', 'nexus'],
    ['elastic', 'elk-elasticsearch'],
    ['tanzu', 'tanzu-application-service'],
    ['vmware tanzu', 'tanzu-application-service'],
    ['amazon s3', 'aws-s3'],
    ['amazon ecs', 'aws-elb-alb-ecs'],
    ['microsoft azure', 'azure'],
    ['microsoft active directory', 'active-directory-ldap'],
  ])('answers %j with %s alone', (query, id) => {
    const result = ask(query);
    expect(ids(result)).toEqual([id]);
    expect(result.unmatched).toEqual([]);
  });
});

describe('yes/no questions and what a question is about', () => {
  it('marks "does the delegate need 636 open for ldaps?" as yes/no, with port 636 of Active Directory LDAP', () => {
    const result = ask('does the delegate need 636 open for ldaps?');
    expect(result.yesNo).toBe(true);
    expect(ids(result)).toEqual(['active-directory-ldap']);
    expect(result.focus?.map((f) => [f.provider.id, f.asked, f.rules.map((r) => r.port)])).toEqual([
      ['active-directory-ldap', { port: 636 }, [636]],
    ]);
  });

  it('finds that Splunk does not use 443: "does splunk need port 443?"', () => {
    const result = ask('does splunk need port 443?');
    expect(result.yesNo).toBe(true);
    expect(result.focus?.map((f) => [f.provider.id, f.asked, f.rules])).toEqual([
      ['splunk', { port: 443 }, []],
      ['splunk-connector', { port: 443 }, []],
    ]);
  });

  it('points "which ports for WinRM over https?" to the HTTPS ports', () => {
    const result = ask('which ports for WinRM over https?');
    expect(result.yesNo).toBe(false);
    expect(ids(result)).toEqual(['winrm']);
    expect(result.focus?.map((f) => [f.asked, f.rules.map((r) => r.port)])).toEqual([
      [{ protocol: 'HTTPS' }, [5986, 443]],
      [{ protocol: 'HTTPS' }, [5986]],
    ]);
  });

  it.each(['which ports does splunk need', 'splunk', 'what ports for splunk and jenkins'])(
    'is neither yes/no nor focused: %j',
    (query) => {
      const result = ask(query);
      expect(result.yesNo).toBe(false);
      expect(result.focus).toEqual([]);
    },
  );
});

describe('small talk', () => {
  it.each(['thanks!', 'Thank you so much', 'hi', 'hello there', '👍', ':thumbsup:', 'ok cool', '🙏 thx'])(
    'answers %j as small talk, not help',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('smalltalk');
      expect(result.matches).toEqual([]);
    },
  );

  it.each(['', 'help', 'hi, what does splunk need?'])('does not take %j for small talk', (query) => {
    expect(ask(query).intent).not.toBe('smalltalk');
  });

  it('does not report small-talk words around a name as unrecognised: "yes please, splunk"', () => {
    const result = ask('yes please, splunk');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.unmatched).toEqual([]);
  });
});

describe('how every provider was found', () => {
  it('marks the providers of a list answer as found by "list"', () => {
    const result = ask('list');
    expect(result.matches.length).toBe(everyProvider.length);
    expect(result.matches.every((m) => m.matchedBy === 'list')).toBe(true);
  });
});
