import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/catalog/schema.js';
import {
  bypassesProxy,
  checkPlan,
  givenDestinationProblems,
  type ProxySettings,
  parseGivenDestination,
  readProxySettings,
} from '../../src/engine/check-plan.js';
import { findCluster, type RulesSelection } from '../../src/engine/rules-request.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();

/** A catalog provider with destinations from an overlay. */
function withDestinations(id: string, destinations: string[]): Provider {
  return {
    ...providerById(id),
    organisation: { destinations, notes: [], aliases: [], addedProvider: false },
  };
}

const proxy: ProxySettings = {
  scheme: 'http',
  host: 'proxy.corp.example.com',
  port: 3128,
  noProxy: ['.corp.example.com'],
  from: 'PROXY_HOST',
  bypassManager: false,
};

describe('checkPlan: the rules the `rules` command writes, as probes', () => {
  it("probes the Delegate's own path to its cluster first: DNS, TCP, TLS, HTTP and WSS, then the optional Google endpoints", () => {
    const selection: RulesSelection = {
      providers: [],
      delegate: true,
      cluster: findCluster(catalog, 'prod3')!,
    };
    const plan = checkPlan(selection, catalog);
    expect(
      plan.targets.map((t) => [t.id, t.host, t.port, t.steps.join(' '), t.required, t.rulesCommand]),
    ).toEqual([
      ['harness-443', 'app3.harness.io', 443, 'dns tcp tls http wss', true, 'harness-ports rules delegate'],
      [
        'logging-googleapis-com-443',
        'logging.googleapis.com',
        443,
        'dns tcp tls http',
        false,
        'harness-ports rules delegate',
      ],
      [
        'storage-googleapis-com-443',
        'storage.googleapis.com',
        443,
        'dns tcp tls http',
        false,
        'harness-ports rules delegate',
      ],
    ]);
    expect(plan.targets[1]!.optional).toBe(
      "inferred: the product's usual port, not stated by Harness; conditional: optional (turn it off with STACK_DRIVER_LOGGING_ENABLED=false)",
    );
    expect(plan.targets[0]!.manager).toBe(true);
    expect(plan.notProbed).toEqual([]);
  });

  it('never probes a placeholder: it says how to give the destination', () => {
    const plan = checkPlan({ providers: [providerById('splunk')], delegate: false }, catalog);
    expect(plan.targets).toEqual([]);
    expect(plan.notProbed).toEqual([
      {
        providerId: 'splunk',
        providerName: 'Splunk',
        port: 8089,
        protocol: 'TCP',
        reason: 'needs-destination',
        text: 'no destination: give one with --to splunk=HOST:8089, or in the overlay (providers.splunk.destinations)',
      },
    ]);
  });

  it("probes the overlay's hosts and single addresses; a wider range asks for one address", () => {
    const splunk = withDestinations('splunk', ['splunk.corp.example.com', '10.20.0.7', '10.20.0.0/16']);
    const plan = checkPlan({ providers: [splunk], delegate: false }, catalog);
    expect(plan.targets.map((t) => [t.id, t.host, t.steps.join(' '), t.destinationFrom])).toEqual([
      ['splunk-8089', 'splunk.corp.example.com', 'dns tcp', 'overlay'],
      ['splunk-8089-2', '10.20.0.7', 'tcp', 'overlay'],
    ]);
    expect(plan.notProbed.map((entry) => [entry.reason, entry.text])).toEqual([
      ['range', '10.20.0.0/16 is a range: give one address in it to probe, e.g. --to splunk=ADDRESS:8089'],
    ]);
  });

  it('gives each protocol its steps: TLS on LDAPS, one HTTP request on HTTPS, TCP only on LDAP', () => {
    const ldap = withDestinations('active-directory-ldap', ['dc1.corp.example.com']);
    const plan = checkPlan({ providers: [ldap], delegate: false }, catalog);
    expect(plan.targets.map((t) => [t.port, t.protocol, t.steps.join(' ')])).toEqual([
      [443, 'HTTPS', 'dns tcp tls http'],
      [389, 'LDAP', 'dns tcp'],
      [636, 'LDAPS', 'dns tcp tls'],
    ]);
  });

  it('takes --to over the overlay, for one port or for all of them', () => {
    const ldap = withDestinations('active-directory-ldap', ['dc1.corp.example.com', 'dc2.corp.example.com']);
    const plan = checkPlan({ providers: [ldap], delegate: false }, catalog, {
      to: [{ providerId: 'active-directory-ldap', host: 'dc9.corp.example.com', port: 636 }],
    });
    expect(plan.targets.map((t) => [t.port, t.host, t.destinationFrom])).toEqual([
      [443, 'dc1.corp.example.com', 'overlay'],
      [443, 'dc2.corp.example.com', 'overlay'],
      [389, 'dc1.corp.example.com', 'overlay'],
      [389, 'dc2.corp.example.com', 'overlay'],
      [636, 'dc9.corp.example.com', 'to'],
    ]);
    const all = checkPlan({ providers: [providerById('jenkins')], delegate: false }, catalog, {
      to: [{ providerId: 'jenkins', host: 'ci.corp.example.com' }],
    });
    expect(all.targets.map((t) => `${t.host}:${t.port}`)).toEqual(['ci.corp.example.com:443']);
  });

  it("takes --to harness=HOST for the Delegate's own Harness Manager (a self-managed platform)", () => {
    const selection: RulesSelection = { providers: [], delegate: true };
    const to = [{ providerId: 'harness', host: 'harness.corp.example.com' }];
    expect(givenDestinationProblems(to, selection)).toEqual([]);
    const plan = checkPlan(selection, catalog, { to });
    expect(plan.targets[0]).toMatchObject({
      host: 'harness.corp.example.com',
      port: 443,
      manager: true,
      destinationFrom: 'to',
      steps: ['dns', 'tcp', 'tls', 'http', 'wss'],
    });
    expect(givenDestinationProblems(to, { providers: [], delegate: false })).toEqual([
      '--to harness=…: harness is not among the providers checked (none)',
    ]);
  });

  it('holds conditional ports unless --all, and then probes them as optional', () => {
    const aws = providerById('aws-cloud');
    const to = [{ providerId: 'aws-cloud', host: 'ec2.us-east-1.amazonaws.com' }];
    const held = checkPlan({ providers: [aws], delegate: false }, catalog, { to });
    expect(held.targets).toEqual([]);
    expect(held.notProbed.map((entry) => entry.text)).toEqual([
      'conditional: Depends on the firewall settings of your VPC, but typically 443; add --all to probe it',
    ]);
    const all = checkPlan({ providers: [aws], delegate: false }, catalog, { to, all: true });
    expect(all.targets.map((t) => [t.host, t.required, t.marks, t.optional])).toEqual([
      [
        'ec2.us-east-1.amazonaws.com',
        false,
        ['conditional'],
        'conditional: Depends on the firewall settings of your VPC, but typically 443',
      ],
    ]);
  });

  it("lists a provider with no port number, with the source's words", () => {
    const plan = checkPlan({ providers: [providerById('kubernetes-cluster')], delegate: false }, catalog);
    expect(plan.notProbed.map((entry) => [entry.reason, entry.port, entry.text])).toEqual([
      [
        'no-port',
        null,
        'no port number in the source: Depends where the cluster is hosted, such as GCP or AWS.',
      ],
    ]);
  });

  it('sends HTTP(S) through the proxy unless NO_PROXY names the host; other protocols go direct', () => {
    const ldap = withDestinations('active-directory-ldap', ['dc1.corp.example.com']);
    const jenkins = withDestinations('jenkins', ['jenkins.example.org']);
    const plan = checkPlan({ providers: [ldap, jenkins], delegate: true }, catalog, { proxy });
    expect(
      plan.targets.map((t) => [
        t.host,
        t.port,
        t.steps.join(' '),
        t.route.kind === 'proxy' ? 'proxy' : t.route.reason,
      ]),
    ).toEqual([
      ['app.harness.io', 443, 'proxy tls http wss', 'proxy'],
      ['logging.googleapis.com', 443, 'proxy tls http', 'proxy'],
      ['storage.googleapis.com', 443, 'proxy tls http', 'proxy'],
      ['dc1.corp.example.com', 443, 'dns tcp tls http', 'NO_PROXY .corp.example.com'],
      ['dc1.corp.example.com', 389, 'dns tcp', 'LDAP does not go through the proxy'],
      ['dc1.corp.example.com', 636, 'dns tcp tls', 'LDAPS does not go through the proxy'],
      ['jenkins.example.org', 443, 'proxy tls http', 'proxy'],
    ]);
  });

  it('reaches Harness Manager directly when PROXY_MANAGER=false', () => {
    const plan = checkPlan({ providers: [], delegate: true }, catalog, {
      proxy: { ...proxy, bypassManager: true },
    });
    expect(plan.targets[0]!.route).toEqual({ kind: 'direct', reason: 'PROXY_MANAGER=false' });
    expect(plan.targets[0]!.steps).toEqual(['dns', 'tcp', 'tls', 'http', 'wss']);
    expect(plan.targets[1]!.route.kind).toBe('proxy');
  });
});

describe('--to', () => {
  it('reads id=host, id=host:port and id=[ipv6]:port', () => {
    expect(parseGivenDestination('splunk=splunk.corp:8089')).toEqual({
      providerId: 'splunk',
      host: 'splunk.corp',
      port: 8089,
    });
    expect(parseGivenDestination('Jenkins=CI.corp.example.com')).toEqual({
      providerId: 'jenkins',
      host: 'ci.corp.example.com',
    });
    expect(parseGivenDestination('splunk=[fd00::5]:8089')).toEqual({
      providerId: 'splunk',
      host: 'fd00::5',
      port: 8089,
    });
  });

  it('refuses what is not a destination, with an example', () => {
    const example =
      'give a provider id, a host (or an address) and optionally a port, e.g. --to splunk=splunk.corp.example.com:8089';
    expect(parseGivenDestination('splunk')).toBe(`--to splunk: ${example}`);
    expect(parseGivenDestination('splunk=10.0.0.0/8')).toBe(`--to splunk=10.0.0.0/8: ${example}`);
    expect(parseGivenDestination('splunk=host:70000')).toBe(
      '--to splunk=host:70000: the port must be between 1 and 65535',
    );
  });

  it('names a provider not checked, and a port the provider does not have', () => {
    const selection: RulesSelection = { providers: [providerById('splunk')], delegate: false };
    expect(
      givenDestinationProblems(
        [
          { providerId: 'jenkins', host: 'ci.corp' },
          { providerId: 'splunk', host: 'splunk.corp', port: 443 },
        ],
        selection,
      ),
    ).toEqual([
      '--to jenkins=…: jenkins is not among the providers checked (splunk)',
      '--to splunk=splunk.corp:443: Splunk has no port 443 in the catalog (its ports: 8089); give splunk=splunk.corp to probe its ports there',
    ]);
  });
});

describe('readProxySettings: the proxy as the Delegate reads it', () => {
  it("reads the Delegate's PROXY_* variables and NO_PROXY, warning about a CIDR it ignores", () => {
    const read = readProxySettings({
      PROXY_HOST: 'Proxy.corp.example.com',
      PROXY_PORT: '3128',
      PROXY_SCHEME: 'https',
      PROXY_USER: 'delegate',
      PROXY_PASSWORD: 's3cret',
      NO_PROXY: 'internal.example.com, .corp.example.com,10.0.0.0/8,git.example.com:8443',
      PROXY_MANAGER: 'false',
    });
    expect(read).toEqual({
      proxy: {
        scheme: 'https',
        host: 'proxy.corp.example.com',
        port: 3128,
        user: 'delegate',
        password: 's3cret',
        noProxy: ['internal.example.com', '.corp.example.com', 'git.example.com'],
        from: 'PROXY_HOST',
        bypassManager: true,
      },
      warnings: [
        'NO_PROXY 10.0.0.0/8: the Delegate does not honour CIDR ranges in NO_PROXY (list the host names or addresses)',
      ],
    });
  });

  it('falls back to HTTPS_PROXY (lower case too), with credentials in the URL', () => {
    expect(
      readProxySettings({ https_proxy: 'http://u%40corp:p@127.0.0.1:8080', no_proxy: 'localhost' }),
    ).toEqual({
      proxy: {
        scheme: 'http',
        host: '127.0.0.1',
        port: 8080,
        user: 'u@corp',
        password: 'p',
        noProxy: ['localhost'],
        from: 'HTTPS_PROXY',
        bypassManager: false,
      },
      warnings: [],
    });
    expect(readProxySettings({})).toEqual({ warnings: [] });
  });

  it('names the variable at fault', () => {
    expect(readProxySettings({ PROXY_HOST: 'proxy' })).toEqual({
      error: "PROXY_PORT must be the proxy's port (1 to 65535) when PROXY_HOST is set",
    });
    expect(readProxySettings({ PROXY_HOST: 'proxy', PROXY_PORT: '3128', PROXY_SCHEME: 'socks5' })).toEqual({
      error: 'PROXY_SCHEME=socks5: the Delegate supports http and https',
    });
    expect(readProxySettings({ HTTPS_PROXY: 'socks5://proxy:1080' })).toEqual({
      error: 'HTTPS_PROXY: the scheme socks5 is not supported (http or https)',
    });
  });

  it('matches NO_PROXY by host name and suffix, never by a part of a label', () => {
    const entries = ['.corp.example.com', 'git.example.org'];
    expect(bypassesProxy('a.corp.example.com', entries)).toBe('.corp.example.com');
    expect(bypassesProxy('corp.example.com', entries)).toBe('.corp.example.com');
    expect(bypassesProxy('GIT.example.org', entries)).toBe('git.example.org');
    expect(bypassesProxy('notgit.example.org', entries)).toBeUndefined();
    expect(bypassesProxy('anything', ['*'])).toBe('*');
  });
});
