import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { MAX_TOPICS } from '../../src/engine/topics.js';
import type { Answer } from '../../src/engine/types.js';
import { realCatalog } from '../helpers/catalog.js';

/**
 * The Delegate's own network as answers (data/delegate.yml): each question people ask about it, in
 * plain English and with typos, gets its topic, with the cluster, variable or endpoint it named;
 * provider questions stay provider questions.
 */

const catalog = realCatalog();
const network = catalog.delegate!;
const ask = (query: string) => answer(query, catalog);
const topicIds = (result: Answer) => (result.topics ?? []).map((match) => match.topic.id);
const providerIds = (result: Answer) => result.matches.map((match) => match.provider.id);

describe('questions about the Delegate’s own network', () => {
  it.each([
    ['delegate', 'reach-harness'],
    ['Delegates?', 'reach-harness'],
    ['what does the delegate need to reach harness', 'reach-harness'],
    ['What does the Delegate need to reach Harness?', 'reach-harness'],
    ['delegate requirements', 'reach-harness'],
    ['outbound', 'reach-harness'],
    ['does the delegate need outbound ports?', 'reach-harness'],
    ['which domains does the delegate need?', 'allowlist'],
    ['harness domains', 'allowlist'],
    ['do we need static.harness.io for the delegate?', 'allowlist'],
    ['is the delegate outbound only?', 'inbound'],
    ['vanity url', 'clusters'],
    ['does harness support fedramp?', 'gov'],
    ['harness gov cloud hosts', 'gov'],
    ['app.harness.io', 'reach-harness'],
    ['prod3', 'clusters'],
    ["we're on prod3, which host?", 'clusters'],
    ['eu cluster', 'clusters'],
    ['which host is the EU cluster', 'clusters'],
    ['accounts.eu.harness.io', 'clusters'],
    ['allowlist', 'allowlist'],
    ['ip allowlist', 'allowlist'],
    ['harness ip addresses', 'allowlist'],
    ['what IPs do I whitelist?', 'allowlist'],
    ['inbound?', 'inbound'],
    ['does the delegate need inbound ports?', 'inbound'],
    ['proxy', 'proxy'],
    ['delegate behind a corporate proxy', 'proxy'],
    ['NO_PROXY', 'proxy'],
    ['no_proxy cidr', 'proxy'],
    ['wss blocked', 'wss'],
    ['websocket is blocked', 'wss'],
    ['POLL_FOR_TASKS', 'wss'],
    ['logging.googleapis.com', 'logging'],
    ['STACK_DRIVER_LOGGING_ENABLED', 'logging'],
    ['delegate image', 'images'],
    ['docker hub rate limit', 'images'],
    ['mtls', 'mtls'],
    ['heartbeat', 'heartbeat'],
    ['fedramp', 'gov'],
    ['gov cloud', 'gov'],
    ['what host does harness gov use?', 'gov'],
  ])('answers %j with the %s topic', (query, id) => {
    const result = ask(query);
    expect(result.intent).toBe('topic');
    expect(topicIds(result)).toContain(id);
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual([]);
  });

  it.each([
    ['allowlsit', 'allowlist'],
    ['whitelsit', 'allowlist'],
    ['proxxy', 'proxy'],
    ['heartbaet', 'heartbeat'],
    ['websokcet', 'wss'],
    ['fedrmap', 'gov'],
    ['mtsl', 'mtls'],
    ['inbond ports?', 'inbound'],
    ['rate limt', 'images'],
    ['web sockt blocked', 'wss'],
  ])('reads the typo %j as the %s topic', (query, id) => {
    const result = ask(query);
    expect(result.intent).toBe('topic');
    expect(topicIds(result)).toEqual([id]);
    expect(result.topics?.[0]?.matchedBy).toBe('fuzzy');
  });

  it('names the cluster asked about: prod3 is app3.harness.io', () => {
    const [match] = ask("we're on prod3, which host?").topics ?? [];
    expect(match?.named.clusters.map((c) => [c.cluster, c.host])).toEqual([['Prod3', 'app3.harness.io']]);
    expect(match?.clusters).toEqual(network.clusters);
    expect(match?.findCluster?.text).toContain('Account Settings → Account Details → Harness Cluster');
  });

  it.each([
    ['eu cluster', [['EU', 'accounts.eu.harness.io']]],
    [
      'accounts.harness.io',
      [
        ['Prod0', 'accounts.harness.io'],
        ['Prod4', 'accounts.harness.io'],
      ],
    ],
    [
      'prod1 or prod2?',
      [
        ['Prod1', 'app.harness.io'],
        ['Prod2', 'app.harness.io'],
      ],
    ],
  ])('names the clusters of %j', (query, expected) => {
    const [match] = ask(query).topics ?? [];
    expect(match?.topic.id).toBe('clusters');
    expect(match?.named.clusters.map((c) => [c.cluster, c.host])).toEqual(expected);
  });

  it.each(['Prod-3', 'prod_3 host', "we're on Prod 3"])(
    'reads the cluster written apart, %j, as Prod3',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('topic');
      expect(result.topics?.[0]?.named.clusters.map((c) => c.host)).toEqual(['app3.harness.io']);
      expect(result.query).toBe(query);
    },
  );

  it.each(['which cluster am i on?', 'how do i find my cluster'])(
    'answers %j with the clusters and how to find yours',
    (query) => {
      const [match] = ask(query).topics ?? [];
      expect(match?.topic.id).toBe('clusters');
      expect(match?.findCluster?.text).toContain('Account Settings → Account Details → Harness Cluster');
    },
  );

  it('takes one word for a typo of a one-word topic only: "splunk cluster" is no EU cluster', () => {
    const result = ask('splunk cluster');
    expect(providerIds(result)).toEqual(['splunk', 'splunk-connector']);
    expect(result.topics).toBeUndefined();
  });

  it('keeps a port after "prod" a port: "prod 443"', () => {
    const result = ask('prod 443');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([443]);
    expect(result.topics).toBeUndefined();
  });

  it('guesses no cluster: "prod5" is not Prod3 mistyped', () => {
    const result = ask('prod5');
    expect(result.topics).toBeUndefined();
    expect(result.intent).toBe('none');
  });

  it('names the variable asked about: NO_PROXY, with its trap (no CIDR, the master IP)', () => {
    const [match] = ask('NO_PROXY').topics ?? [];
    expect(match?.topic.id).toBe('proxy');
    expect(match?.named.proxyVariables.map((v) => v.name)).toEqual(['NO_PROXY']);
    expect(match?.named.proxyVariables[0]?.meaning).toMatch(/No subnet masks or CIDR/);
    expect(match?.named.proxyVariables[0]?.meaning).toMatch(/cluster master IP/);
    // Every proxy variable the catalog has (layers-fidelity.test.ts pins which), in its order.
    expect(match?.proxyVariables).toEqual(network.proxyVariables);
  });

  it('names the endpoint of the variable that turns it off: STACK_DRIVER_LOGGING_ENABLED', () => {
    const [match] = ask('can I turn off STACK_DRIVER_LOGGING_ENABLED?').topics ?? [];
    expect(match?.topic.id).toBe('logging');
    const [endpoint] = match?.named.endpoints ?? [];
    expect(endpoint?.host).toBe('logging.googleapis.com');
    expect(endpoint?.required).toBe(false);
    expect(endpoint?.disable).toEqual({ variable: 'STACK_DRIVER_LOGGING_ENABLED', value: 'false' });
    expect(endpoint?.ports.every((rule) => rule.inferred)).toBe(true);
  });

  it('answers Gov/FedRAMP as not documented, with no host', () => {
    const [match] = ask('fedramp').topics ?? [];
    expect(match?.topic.notDocumented).toBe(true);
    expect(match?.topic.facts).toEqual([]);
    expect(match?.clusters).toEqual([]);
    expect(match?.endpoints).toEqual([]);
  });

  it('shows the image registries for the delegate image', () => {
    const [match] = ask('where do I pull the delegate image from?').topics ?? [];
    expect(match?.imageRegistries.map((r) => r.location)).toEqual([
      'us-docker.pkg.dev/gar-prod-setup/harness-public/harness/delegate:<tag>',
      'public.ecr.aws/harness',
      'harness/delegate:yy.mm.verno (registry https://registry.hub.docker.com)',
    ]);
  });

  it('shows at most MAX_TOPICS topics, each once', () => {
    const result = ask('proxy wss mtls heartbeat fedramp proxy');
    expect(topicIds(result)).toEqual(['proxy', 'wss', 'mtls'].slice(0, MAX_TOPICS));
  });

  it('answers every alias of every topic with that topic', () => {
    expect(network.topics.length).toBeGreaterThanOrEqual(34);
    for (const topic of network.topics) {
      for (const alias of topic.aliases) {
        expect({ alias, topics: topicIds(ask(alias)) }).toEqual({ alias, topics: [topic.id] });
      }
    }
  });
});

describe('topics beside providers', () => {
  it('answers a provider and a topic together: "splunk behind a proxy"', () => {
    const result = ask('splunk behind a proxy');
    expect(result.intent).toBe('provider');
    expect(providerIds(result)).toEqual(['splunk', 'splunk-connector']);
    expect(topicIds(result)).toEqual(['proxy']);
    expect(result.unmatched).toEqual([]);
  });

  it.each(['what ports does the delegate need for splunk', 'what ip does splunk use', 'splunk delegate'])(
    'keeps %j a Splunk question: "delegate" and ordinary words name no topic beside a provider',
    (query) => {
      const result = ask(query);
      expect(result.intent).toBe('provider');
      expect(providerIds(result)).toEqual(['splunk', 'splunk-connector']);
      expect(result.topics).toBeUndefined();
    },
  );

  it('answers a question on direction with the provider and the Delegate\'s direction: "does splunk need inbound ports?"', () => {
    const result = ask('does splunk need inbound ports?');
    expect(providerIds(result)).toEqual(['splunk', 'splunk-connector']);
    expect(topicIds(result)).toEqual(['inbound']);
  });

  it('lets a provider name win over a shorter topic word inside it: "docker hub" is the Docker registry', () => {
    const result = ask('docker hub');
    // The table's row, then the same product's NextGen connector.
    expect(providerIds(result)).toEqual(['docker-registry', 'docker-registry-connector']);
    expect(result.topics).toBeUndefined();
  });

  it('answers a port and a topic together: "443 through a proxy"', () => {
    const result = ask('443 through a proxy');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([443]);
    expect(topicIds(result)).toEqual(['proxy']);
  });

  it('answers a port asked inbound with its providers and the Delegate\'s direction: "do I need to open port 443 inbound"', () => {
    const result = ask('do I need to open port 443 inbound');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([443]);
    expect(topicIds(result)).toEqual(['inbound']);
  });

  it('adds the Delegate topic when the Delegate is asked about its own port to Harness: "does the delegate need port 443?"', () => {
    const result = ask('does the delegate need port 443?');
    expect(result.intent).toBe('port');
    expect(result.ports).toEqual([443]);
    expect(topicIds(result)).toEqual(['reach-harness']);
    expect(catalog.delegate?.harness.port.port).toBe(443);
  });

  it.each(['does the delegate need 636?', 'who uses 443', 'does splunk need 443 from the delegate?'])(
    'adds no Delegate topic to %j: another port, no Delegate, or a provider named',
    (query) => {
      expect(ask(query).topics).toBeUndefined();
    },
  );

  it('puts no topic on a checklist', () => {
    const result = ask('checklist splunk proxy');
    expect(result.intent).toBe('checklist');
    expect(providerIds(result)).toEqual(['splunk']);
    expect(result.topics).toBeUndefined();
  });
});

describe('yes/no questions a topic answers (yesNo in data/delegate.yml)', () => {
  const OUTBOUND_ONLY = 'All network connections from your local network to Harness SaaS are outbound-only.';

  it.each([
    ['does the delegate need inbound ports?', 'no', OUTBOUND_ONLY],
    ['Do I need to open inbound ports for the delegate?', 'no', OUTBOUND_ONLY],
    ['does the delegate accept incoming connections', 'no', OUTBOUND_ONLY],
    ['is ingress needed for delegates?', 'no', OUTBOUND_ONLY],
    ['is the delegate outbound only?', 'yes', OUTBOUND_ONLY],
    [
      'does the delegate need outbound ports?',
      'yes',
      'HTTPS port 443 outbound from the delegate to Harness.',
    ],
  ])('%s: %s, with the fact that says so', (query, yesOrNo, fact) => {
    const result = ask(query);
    expect(result.intent).toBe('topic');
    expect(result.topicAnswer?.answer).toBe(yesOrNo);
    expect(result.topicAnswer?.fact.text).toBe(fact);
    expect(result.topicAnswer?.fact.source.id).toBe('delegate-requirements');
  });

  it.each([
    ['inbound ports', 'not a yes/no question'],
    ['which inbound ports does the delegate need?', 'not a yes/no question'],
    ['does the delegate not need inbound ports?', 'a negation turns yes and no around'],
    ["doesn't the delegate need inbound ports?", 'a negation, and no yes/no opener'],
    ['does the delegate need inbund ports?', 'a typo: its alias is a guess'],
    ['does the delegate need inbound ports through a proxy?', 'two topics'],
    ['does splunk need inbound ports?', 'a provider: its ports answer'],
    ['does the delegate need a proxy?', 'a topic with no yes or no in its data'],
  ])('gives no yes or no to "%s" (%s)', (query) => {
    expect(ask(query).topicAnswer).toBeUndefined();
  });
});

describe('words that are neither', () => {
  it.each(['kafka', 'postgres'])('answers %j with no match and no topic', (query) => {
    const result = ask(query);
    expect(result.intent).toBe('none');
    expect(result.unmatched).toEqual([query]);
    expect(result.topics).toBeUndefined();
  });

  it('answers the topic and says which word it did not recognise: "kafka behind a proxy"', () => {
    const result = ask('kafka behind a proxy');
    expect(result.intent).toBe('topic');
    expect(topicIds(result)).toEqual(['proxy']);
    expect(result.unmatched).toEqual(['kafka']);
  });

  it.each(['what ports do i need', 'which permissions does the delegate need?', 'help'])(
    'still shows how to ask for %j',
    (query) => {
      expect(ask(query).intent).toBe('help');
    },
  );
});
