import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/catalog/schema.js';
import { answer, MAX_QUERY_LENGTH } from '../../src/engine/answer.js';
import { catalogProviders } from '../../src/engine/providers.js';
import { indexFor } from '../../src/engine/search-index.js';
import { tokenize } from '../../src/engine/text.js';
import type { Answer } from '../../src/engine/types.js';
import { TOPIC_TERMS } from '../../src/engine/words.js';
import { binaryString } from '../helpers/arbitraries.js';
import { AWS_IDS, providerById, realCatalog } from '../helpers/catalog.js';

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
const idsOf = (providers: readonly Provider[]) => providers.map((provider) => provider.id);
const INTENTS = ['provider', 'port', 'topic', 'checklist', 'list', 'help', 'smalltalk', 'none'];

/**
 * Every provider of the catalog that lists the port, in catalog order: those whose source states it
 * first, then those it is only the product's usual port of (inferred).
 */
const usersOfPort = (port: number) => {
  const users = everyProvider.filter((provider) => provider.ports.some((rule) => rule.port === port));
  const onlyInferred = (provider: Provider) =>
    provider.ports.filter((rule) => rule.port === port).every((rule) => rule.inferred);
  return idsOf([...users.filter((p) => !onlyInferred(p)), ...users.filter(onlyInferred)]);
};

describe('a provider by name, alias or typo', () => {
  it.each(['splunk', 'Splunk', 'SPLUNK', '  splunk  ', 'splunk?'])(
    'answers %j with Splunk alone',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('provider');
      expect(ids(result)).toEqual(['splunk']);
      expect(result.matches[0]).toMatchObject({ matchedBy: 'name', term: 'splunk' });
      expect(result.matches[0]!.provider.ports.map((rule) => rule.port)).toEqual([8089]);
      expect(result.unmatched).toEqual([]);
      expect(result.suggestions).toEqual([]);
    },
  );

  it('answers the typo "splnuk" (a swapped pair) with Splunk, as a fuzzy match', () => {
    const result = ask('splnuk');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.matches[0]).toMatchObject({ matchedBy: 'fuzzy', term: 'splnuk' });
    expect(result.unmatched).toEqual([]);
  });

  it.each([
    ['k8s', 'kubernetes-cluster'],
    ['K8S', 'kubernetes-cluster'],
    ['pivotal cloud foundry', 'tanzu-application-service'],
    ['Pivotal Cloud Foundry', 'tanzu-application-service'],
    ['pcf', 'tanzu-application-service'],
    ['github', 'github-repo'],
    ['artifactory', 'jfrog-artifactory'],
    ['docker hub', 'docker-registry'],
    ['ecs', 'aws-elb-alb-ecs'],
    ['ldap', 'active-directory-ldap'],
    ['email', 'smtp'],
    ['e-mail', 'smtp'],
  ])('answers the alias %j with %s', (query, id) => {
    const result = ask(query);
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual([id]);
    expect(result.matches[0]!.matchedBy).toBe('alias');
  });

  it.each([
    ['new relic', 'new-relic'],
    ['newrelic', 'new-relic'],
    ['new-relic', 'new-relic'],
    ['logz.io', 'logz-io'],
    ['aws ec2', 'aws-ec2'],
    ['AWS CodeDeploy', 'aws-codedeploy'],
    ['google cloud platform', 'gcp'],
    ['Google Cloud Platform (GCP)', 'gcp'],
    ['aws-elb-alb-ecs', 'aws-elb-alb-ecs'],
  ])('answers the name or id %j with %s, spacing and punctuation ignored', (query, id) => {
    const result = ask(query);
    expect(ids(result)).toEqual([id]);
    expect(result.matches[0]!.matchedBy).toBe('name');
  });

  it.each([
    // one letter missing, doubled, changed, or two neighbours swapped
    ['jenkns', 'jenkins'],
    ['jennkins', 'jenkins'],
    ['jenkims', 'jenkins'],
    ['promethues', 'prometheus'],
    ['kuberntes', 'kubernetes-cluster'],
    ['artifcatory', 'jfrog-artifactory'],
    ['datadgo', 'datadog'],
    ['dyntrace', 'dynatrace'],
    ['appdynamcis', 'appdynamics'],
    ['bugsang', 'bugsnag'],
    ['opnshift', 'openshift'],
    ['winmr', 'winrm'],
    ['elsaticsearch', 'elk-elasticsearch'],
    ['githbu', 'github-repo'],
    ['nexsu', 'nexus'],
    ['bmaboo', 'bamboo'],
    ['azrue', 'azure'],
    ['stmp', 'smtp'],
    ['new relci', 'new-relic'],
    ['pivotl cloud foundry', 'tanzu-application-service'],
    ['google clodu platform', 'gcp'],
  ])('answers the typo %j with %s and leaves nothing unrecognised', (query, id) => {
    const result = ask(query);
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual([id]);
    expect(result.unmatched).toEqual([]);
  });

  it.each([
    ['sumo logik', 'sumo-logic'],
    ['sumo lgoic', 'sumo-logic'],
    ['docker registyr', 'docker-registry'],
    ['tanzu aplication service', 'tanzu-application-service'],
    ['tanzu application servcie', 'tanzu-application-service'],
  ])('reads %j as one mistyped name, not an alias plus an unknown word', (query, id) => {
    const result = ask(query);
    expect(ids(result)).toEqual([id]);
    expect(result.unmatched).toEqual([]);
    expect(result.suggestions).toEqual([]);
  });

  it.each([
    ['elastic laod balancer', 'aws-elb-alb-ecs'],
    ['elastic containr service', 'aws-elb-alb-ecs'],
  ])('reads %j as the longer mistyped name, not the alias its first word is', (query, id) => {
    expect(ids(ask(query))).toEqual([id]);
  });

  describe('every name of the catalog, mistyped once', () => {
    /** One adjacent swap and one deletion at every position of every word of 5+ letters. */
    function typosOf(term: string): string[] {
      const words = tokenize(term);
      const typos = new Set<string>();
      words.forEach((word, w) => {
        if (word.length < 5) return;
        const variants: string[] = [];
        for (let i = 0; i < word.length; i++) {
          variants.push(word.slice(0, i) + word.slice(i + 1));
          if (i + 1 < word.length && word[i] !== word[i + 1]) {
            variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
          }
        }
        for (const variant of variants) typos.add(words.map((x, j) => (j === w ? variant : x)).join(' '));
      });
      return [...typos];
    }

    it.each(everyProvider.map((provider) => [provider.id, provider] as const))(
      'answers every one-edit typo of %s with that provider first',
      (_id, provider) => {
        const index = indexFor(catalog);
        // A "typo" that is itself another term ("secret manager", the category) means that term.
        const typos = [provider.name, ...provider.aliases]
          .flatMap(typosOf)
          .filter((typo) => index.findTerm(tokenize(typo)) === undefined);
        // The same product in the other edition, shown in the same answer, counts ("exus 3": Nexus, then Nexus 3).
        const shows = (first: string | undefined) =>
          first === provider.id || index.partnersOf(provider).some((partner) => partner.id === first);
        const wrong = typos
          .map((typo) => ({ typo, got: ids(ask(typo)).slice(0, 3) }))
          .filter(({ got }) => !shows(got[0]));
        expect(wrong).toEqual([]);
      },
    );
  });
});

describe('ranking: exact names and aliases before fuzzy matches', () => {
  it('puts the exact name first when a typo comes after it: "splunk and jenkns"', () => {
    const result = ask('splunk and jenkns');
    expect(ids(result)).toEqual(['splunk', 'jenkins']);
    expect(named(result).map((m) => m.matchedBy)).toEqual(['name', 'fuzzy']);
  });

  it('puts the exact name first even when the typo is typed first: "jenkns and splunk"', () => {
    expect(ids(ask('jenkns and splunk'))).toEqual(['splunk', 'jenkins']);
  });

  it('ranks an alias hit before a fuzzy hit: "splnuk or k8s"', () => {
    const result = ask('splnuk or k8s');
    expect(ids(result)).toEqual(['kubernetes-cluster', 'splunk']);
    expect(named(result).map((m) => m.matchedBy)).toEqual(['alias', 'fuzzy']);
  });

  it('takes an exact alias over a longer name that merely contains it: "elastic" is ELK, not the ELB', () => {
    expect(ids(ask('elastic'))).toEqual(['elk-elasticsearch']);
  });

  it('reads the longest phrase first: "aws ec2" is EC2, not the whole AWS group', () => {
    const result = ask('aws ec2');
    expect(ids(result)).toEqual(['aws-ec2']);
    expect(result.scope).toBeUndefined();
  });

  it.each([
    ['aws ecs', 'aws-elb-alb-ecs'],
    ['aws elb', 'aws-elb-alb-ecs'],
    ['aws codedeplyo', 'aws-codedeploy'],
    ['aws clod', 'aws-cloud'],
    ['aws ec3', 'aws-ec2'],
  ])('lets a group qualify one of its members: %j is %s alone', (query, id) => {
    const result = ask(query);
    expect(ids(result)).toEqual([id]);
    expect(result.scope).toBeUndefined();
    expect(result.unmatched).toEqual([]);
  });

  it('puts named providers before the members of a group: "aws and jenkins"', () => {
    const result = ask('aws and jenkins');
    expect(ids(result)).toEqual(['jenkins', ...AWS_IDS]);
    expect(
      named(result)
        .slice(1)
        .every((m) => m.matchedBy === 'group'),
    ).toBe(true);
  });

  it('keeps the best reason when a provider is named twice: "k8s kubernetes kubernets"', () => {
    const result = ask('k8s kubernetes kubernets');
    expect(ids(result)).toEqual(['kubernetes-cluster']);
    expect(result.matches[0]).toMatchObject({ matchedBy: 'alias', term: 'k8s' });
  });
});

describe('a port: reverse lookup', () => {
  it('answers "8089" with Splunk', () => {
    const result = ask('8089');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([8089]);
    // The FirstGen row and the NextGen connector page both state 8089.
    expect(ids(result)).toEqual(['splunk', 'splunk-connector']);
    expect(result.matches[0]).toMatchObject({ matchedBy: 'port', term: '8089' });
  });

  it('answers "port 9200" with ELK Elasticsearch', () => {
    const result = ask('port 9200');
    expect(result.intent).toBe('port');
    // The table row, and the health source whose FirstGen connection page states 9200.
    expect(ids(result)).toEqual(['elk-elasticsearch', 'elasticsearch-health-source']);
  });

  it('answers "which providers use 5985?" with Azure and WinRM', () => {
    const result = ask('which providers use 5985?');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([5985]);
    expect(ids(result)).toEqual(['azure', 'winrm', 'winrm-credential']);
  });

  it('answers "port 443" with every provider that lists 443, in catalog order', () => {
    const result = ask('port 443');
    expect(ids(result)).toEqual(usersOfPort(443));
    expect(ids(result)).toEqual(expect.arrayContaining(['jenkins', 'github-repo', 'aws-s3', 'datadog']));
    expect(ids(result)).not.toContain('splunk');
  });

  const catalogPorts = [...new Set(everyProvider.flatMap((p) => p.ports.map((rule) => rule.port)))];
  it('has every table row and connector, and their ports, for the tables of cases here', () => {
    expect(everyProvider.length).toBe(catalog.providers.length + catalog.connectors.length);
    expect(everyProvider.length).toBeGreaterThanOrEqual(84);
    expect(catalogPorts.length).toBeGreaterThanOrEqual(21);
  });
  it.each(catalogPorts)('finds exactly the providers that list port %i', (port) => {
    const result = ask(String(port));
    expect(result.intent).toBe('port');
    expect(ids(result)).toEqual(usersOfPort(port));
  });

  it('answers several ports at once: "8089 and 9200"', () => {
    const result = ask('8089 and 9200');
    expect(result.ports).toEqual([8089, 9200]);
    expect(ids(result)).toEqual([
      'splunk',
      'splunk-connector',
      'elk-elasticsearch',
      'elasticsearch-health-source',
    ]);
  });

  it('answers a valid port no provider uses with the port and no providers', () => {
    const result = ask('port 65535');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([65535]);
    expect(result.matches).toEqual([]);
  });

  it.each(['70000', '0', 'port 65536', 'port 123456'])(
    'reports %j as an invalid port, with no provider',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('none');
      expect(result.matches).toEqual([]);
      expect(result.ports).toEqual([]);
      expect(result.invalidPorts).toEqual([query.replace('port ', '')]);
    },
  );

  it('keeps the provider and reports the invalid port: "splunk port 70000"', () => {
    const result = ask('splunk port 70000');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.invalidPorts).toEqual(['70000']);
  });

  it('answers a provider question that mentions a port as a provider question', () => {
    const result = ask('does the delegate need port 8089 for splunk?');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.ports).toEqual([8089]);
  });
});

describe('a question in plain English', () => {
  it('finds both providers in "what ports does the delegate need for splunk and jenkins?"', () => {
    const result = ask('what ports does the delegate need for splunk and jenkins?');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['splunk', 'jenkins']);
    expect(result.unmatched).toEqual([]);
  });

  it('finds GitHub in "permissions for github"', () => {
    const result = ask('permissions for github');
    expect(ids(result)).toEqual(['github-repo']);
    expect(result.unmatched).toEqual([]);
  });

  it('finds Splunk alone in "what port does splunk use"', () => {
    const result = ask('what port does splunk use');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.unmatched).toEqual([]);
  });

  it('finds three providers in "ports for splunk, jenkins & nexus"', () => {
    expect(ids(ask('ports for splunk, jenkins & nexus'))).toEqual(['splunk', 'jenkins', 'nexus']);
  });

  it('finds ten providers named at once, in the order asked', () => {
    const result = ask('jenkins bamboo nexus artifactory docker s3 ec2 gcp azure k8s');
    expect(ids(result)).toEqual([
      'jenkins',
      'bamboo',
      'nexus',
      'jfrog-artifactory',
      'docker-registry',
      'aws-s3',
      'aws-ec2',
      'gcp',
      'azure',
      'kubernetes-cluster',
    ]);
  });

  it.each([
    'what ports do i need',
    'which permissions does the delegate need?',
    'how do i open the firewall',
    'what should i allow',
    'the',
  ])('never turns question words into providers, and shows how to ask instead: %j', (query) => {
    const result = ask(query);
    expect(result.intent).toBe('help');
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual([]);
    expect(result.suggestions).toEqual([]);
  });

  it('answers "ssh" with the providers on port 22', () => {
    const result = ask('which providers need ssh');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([22]);
    expect(ids(result)).toEqual(usersOfPort(22));
    // The table's rows state it; for the Git connectors it is only the usual port, so they come after.
    expect(ids(result).slice(0, 2)).toEqual(['gcp', 'winrm']);
  });

  it('does not read a word that only starts several names as a typo of one: "microsoft" is the maker', () => {
    const result = ask('microsoft');
    expect(ids(result)).toEqual(['active-directory-ldap', 'azure', 'winrm']);
    expect(named(result).every((m) => m.matchedBy === 'maker')).toBe(true);
  });

  it('does not flag ordinary words around a name as unrecognised: "New Relic API key"', () => {
    const result = ask('New Relic API key');
    expect(ids(result)).toEqual(['new-relic']);
    expect(result.unmatched).toEqual([]);
  });

  it('does not match "cloud" to any provider, and suggests real ones instead', () => {
    const result = ask('cloud');
    expect(result.intent).toBe('none');
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual(['cloud']);
    expect(idsOf(result.suggestions)).toContain('aws-cloud');
    for (const suggestion of result.suggestions) expect(everyProvider).toContain(suggestion);
  });

  it('treats a group after "on" as context: "prometheus on aws" is Prometheus only', () => {
    const result = ask('prometheus on aws');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['prometheus']);
    expect(result.scope).toBeUndefined();
  });

  it('treats "ec2 in aws" as EC2 only', () => {
    expect(ids(ask('ec2 in aws'))).toEqual(['aws-ec2']);
  });

  it('answers "ports in aws" with the five AWS rows, since nothing else was asked for', () => {
    const result = ask('ports in aws');
    expect(ids(result)).toEqual([...AWS_IDS]);
    expect(result.scope).toEqual({ kind: 'group', group: 'aws' });
  });

  it('answers what it knows and reports the rest: "splunk and mongodb"', () => {
    const result = ask('splunk and mongodb');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.unmatched).toEqual(['mongodb']);
    expect(idsOf(result.suggestions)).not.toContain('splunk');
  });
});

describe('a group or a category', () => {
  it.each(['aws', 'AWS', 'what ports does aws need'])('answers %j with all five AWS rows', (query) => {
    const result = ask(query);
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual([...AWS_IDS]);
    expect(named(result).every((m) => m.matchedBy === 'group' && m.term === 'aws')).toBe(true);
    expect(result.scope).toEqual({ kind: 'group', group: 'aws' });
  });

  it('answers "aws lambda" with the AWS group and reports "lambda" as unknown', () => {
    const result = ask('aws lambda');
    expect(ids(result)).toEqual([...AWS_IDS]);
    expect(result.unmatched).toEqual(['lambda']);
  });

  it.each([
    ['verification providers', 'verification-provider'],
    ['all verification providers', 'verification-provider'],
    ['monitoring', 'verification-provider'],
    ['artifact servers', 'artifact-server'],
    ['cloud providers', 'cloud-provider'],
    ['source repos', 'source-repository'],
    ['security providers', 'security-provider'],
    ['collaboration', 'collaboration'],
  ] as const)('answers %j with every provider of the %s category', (query, category) => {
    const result = ask(query);
    const expected = idsOf(everyProvider.filter((p) => p.category === category));
    expect(expected.length).toBeGreaterThan(0);
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(expected);
    expect(result.scope).toEqual({ kind: 'category', category });
  });

  it('lists Splunk, Datadog and Prometheus among the verification providers, and not Jenkins', () => {
    const found = ids(ask('verification providers'));
    expect(found).toEqual(expect.arrayContaining(['splunk', 'datadog', 'prometheus', 'new-relic']));
    expect(found).not.toContain('jenkins');
  });
});

describe('list and help', () => {
  it.each(['list', 'all', 'List', 'list all providers', 'show me all providers', 'providers'])(
    'answers %j with every provider, in catalog order',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('list');
      expect(ids(result)).toEqual(idsOf(everyProvider));
      // The table's 29 rows, then the 55 NextGen connectors.
      expect(result.matches).toHaveLength(29 + 55);
      expect(ids(result).slice(0, 29)).toEqual(idsOf(catalog.providers));
      expect(result.scope).toEqual({ kind: 'all' });
    },
  );

  it('does not read "list aws" as the whole catalog', () => {
    expect(ids(ask('list aws'))).toEqual([...AWS_IDS]);
  });

  it.each(['', '   ', 'help', 'HELP', 'usage', '?', 'help please', 'help me'])(
    'answers %j with help',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('help');
      expect(result.matches).toEqual([]);
      expect(result.suggestions).toEqual([]);
    },
  );

  it('answers "help me with splunk" with Splunk, not help', () => {
    expect(ids(ask('help me with splunk'))).toEqual(['splunk']);
  });
});

describe('checklists', () => {
  it('answers "checklist splunk jenkins nexus" with the three, in order', () => {
    const result = ask('checklist splunk jenkins nexus');
    expect(result.intent).toBe('checklist');
    expect(ids(result)).toEqual(['splunk', 'jenkins', 'nexus']);
    expect(result.unmatched).toEqual([]);
  });

  it('answers "checklist for aws ec2 and jenkins" with exactly EC2 and Jenkins', () => {
    const result = ask('checklist for aws ec2 and jenkins');
    expect(result.intent).toBe('checklist');
    expect(ids(result)).toEqual(['aws-ec2', 'jenkins']);
    expect(result.scope).toBeUndefined();
  });

  it('answers "checklist 8089" with the providers on that port', () => {
    const result = ask('checklist 8089');
    expect(result.intent).toBe('checklist');
    expect(result.ports).toEqual([8089]);
    expect(ids(result)).toEqual(['splunk', 'splunk-connector']);
    expect(result.matches[0]!.matchedBy).toBe('port');
  });

  it('answers "checklist aws" with the five AWS rows', () => {
    const result = ask('checklist aws');
    expect(result.intent).toBe('checklist');
    expect(ids(result)).toEqual([...AWS_IDS]);
  });

  it('understands a checklist asked for mid-sentence: "give me a checklist for splunk and jenkns"', () => {
    const result = ask('give me a checklist for splunk and jenkns');
    expect(result.intent).toBe('checklist');
    expect(ids(result)).toEqual(['splunk', 'jenkins']);
    expect(result.unmatched).toEqual([]);
  });

  it('does not turn a question into a checklist because of an ordinary word: "what tasks does splunk need"', () => {
    const result = ask('what tasks does splunk need');
    expect(result.intent).toBe('provider');
    expect(ids(result)).toEqual(['splunk']);
  });

  it('answers a bare "checklist" as a checklist with nothing on it yet', () => {
    const result = ask('checklist');
    expect(result.intent).toBe('checklist');
    expect(result.matches).toEqual([]);
  });

  it('reports unknown words on a checklist: "checklist splunk mongodb"', () => {
    const result = ask('checklist splunk mongodb');
    expect(result.intent).toBe('checklist');
    expect(ids(result)).toEqual(['splunk']);
    expect(result.unmatched).toEqual(['mongodb']);
  });

  it('reports an invalid port on a checklist: "checklist 70000"', () => {
    const result = ask('checklist 70000');
    expect(result.intent).toBe('checklist');
    expect(result.matches).toEqual([]);
    expect(result.invalidPorts).toEqual(['70000']);
  });
});

describe('no match', () => {
  it.each(['mongodb', 'foobarbaz', 'MongoDB?'])('answers %j with intent none and no provider', (query) => {
    const result = ask(query);
    expect(result.intent).toBe('none');
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual([query.toLowerCase().replace('?', '')]);
    for (const suggestion of result.suggestions) expect(everyProvider).toContain(suggestion);
  });

  it('suggests Splunk for "spl", without answering with it', () => {
    const result = ask('spl');
    expect(result.intent).toBe('none');
    expect(result.matches).toEqual([]);
    expect(result.suggestions[0]!.id).toBe('splunk');
    expect(result.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('suggests Kubernetes for "k8", without answering with it', () => {
    const result = ask('k8');
    expect(result.intent).toBe('none');
    expect(idsOf(result.suggestions)).toEqual(['kubernetes-cluster']);
  });
});

describe('the search index and the query length', () => {
  it('builds the index once per catalog', () => {
    const first = indexFor(catalog);
    ask('splunk');
    expect(indexFor(catalog)).toBe(first);
    expect(indexFor(catalog)).toBe(first);
  });

  it('builds a separate index for another catalog', () => {
    const other = structuredClone(catalog);
    expect(indexFor(other)).not.toBe(indexFor(catalog));
    expect(indexFor(other).catalog).toBe(other);
  });

  it('answers from the catalog it is given, not the shipped one', () => {
    const splunk = providerById('splunk');
    const small = {
      ...catalog,
      providers: [{ ...splunk, ports: [{ ...splunk.ports[0]!, port: 18089 }] }],
      connectors: [],
    };
    expect(ids(answer('18089', small))).toEqual(['splunk']);
    expect(answer('8089', small).matches).toEqual([]);
    expect(answer('jenkins', small).intent).toBe('none');
  });

  it(`cuts queries to MAX_QUERY_LENGTH (${MAX_QUERY_LENGTH}) characters and still answers`, () => {
    const result = ask(`splunk ${'x'.repeat(10 * MAX_QUERY_LENGTH)}`);
    expect(result.query.length).toBe(MAX_QUERY_LENGTH);
    expect(ids(result)).toEqual(['splunk']);
  });

  it('does not read names past MAX_QUERY_LENGTH', () => {
    const result = ask(`${'zz '.repeat(MAX_QUERY_LENGTH)}splunk`);
    expect(result.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(result.matches).toEqual([]);
  });

  it('answers a long query of unknown words without hanging, with at most three suggestions', () => {
    const result = ask('abcdefghij '.repeat(100));
    expect(result.intent).toBe('none');
    expect(result.suggestions.length).toBeLessThanOrEqual(3);
  });
});

describe('properties', () => {
  it('never throws on any string, and answers only with providers of the catalog', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), binaryString()), (query) => {
        const result = ask(query);
        expect(INTENTS).toContain(result.intent);
        for (const match of result.matches) expect(everyProvider).toContain(match.provider);
        for (const match of result.topics ?? []) expect(catalog.delegate?.topics).toContain(match.topic);
        if (result.intent === 'topic') expect(result.topics?.length).toBeGreaterThan(0);
        for (const suggestion of result.suggestions) expect(everyProvider).toContain(suggestion);
        expect(new Set(result.matches.map((m) => m.provider.id)).size).toBe(result.matches.length);
        expect(result.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on queries mixing names, question words, numbers and noise', () => {
    const vocabulary = [
      ...everyProvider.flatMap((p) => [p.name, ...p.aliases]),
      ...(catalog.delegate?.topics ?? []).flatMap((topic) => topic.aliases),
      'what',
      'ports',
      'for',
      'and',
      'on',
      'in',
      'aws',
      'checklist',
      'list',
      'help',
      'cloud',
      'verification providers',
    ];
    const word = fc.oneof(fc.constantFrom(...vocabulary), fc.nat({ max: 99999 }).map(String), fc.string());
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const result = ask(words.join(' '));
        expect(INTENTS).toContain(result.intent);
        for (const match of result.matches) expect(everyProvider).toContain(match.provider);
        for (const match of result.topics ?? []) expect(catalog.delegate?.topics).toContain(match.topic);
        if (result.intent === 'topic') expect(result.topics?.length).toBeGreaterThan(0);
        if (result.intent === 'port') expect(result.ports.length).toBeGreaterThan(0);
        if (result.intent === 'none') expect(result.matches).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every provider named, in order, when names and aliases are joined by "and"', () => {
    // A topic word ("iam") names its provider only when nothing more specific is named.
    const term = fc
      .constantFrom(...everyProvider)
      .chain((provider) =>
        fc
          .constantFrom(provider.name, ...provider.aliases.filter((alias) => !TOPIC_TERMS.has(alias)))
          .map((text) => ({ provider, text })),
      );
    fc.assert(
      fc.property(
        fc.uniqueArray(term, { minLength: 1, maxLength: 5, selector: (t) => t.provider.id }),
        (terms) => {
          const result = ask(terms.map((t) => t.text).join(' and '));
          expect(ids(result)).toEqual(terms.map((t) => t.provider.id));
          expect(result.unmatched).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  describe.each(everyProvider.map((provider) => [provider.id, provider] as const))(
    'every way to name %s',
    (_id, provider) => {
      it.each([provider.name, provider.id, provider.name.toUpperCase(), ...provider.aliases])(
        'answers %j with it first',
        (term) => {
          const result = ask(term);
          expect(result.intent).toBe('provider');
          const named = result.matches.filter((match) => match.matchedBy !== 'sameAs');
          expect(named[0]!.provider.id).toBe(provider.id);
          expect(named[0]!.matchedBy === 'name' || named[0]!.matchedBy === 'alias').toBe(true);
          expect(result.unmatched).toEqual([]);
        },
      );
    },
  );
});
