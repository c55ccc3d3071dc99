import { connect, createServer, Socket } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProbeIo, type ProbeOptions, runChecks, runProbe, systemIo } from '../../src/check/probe.js';
import {
  type CheckPlan,
  type CheckTarget,
  type ProxySettings,
  routeFor,
  stepsFor,
} from '../../src/engine/check-plan.js';
import { probeVerdict, type StepOutcome } from '../../src/engine/check-verdict.js';
import {
  connectProxy,
  httpServer,
  httpsServer,
  listen,
  makeCertificates,
  type Running,
  refusedPort,
  silentServer,
  type TestCertificates,
  tcpServer,
  tlsServer,
} from '../helpers/check-servers.js';

/** Names the tests use, all this machine; any other name does not resolve (nothing leaves the machine). */
const NAMES: Record<string, string[]> = {
  'splunk.test': ['127.0.0.1'],
  'other.test': ['127.0.0.1'],
  'app.harness.test': ['127.0.0.1'],
};
const io: ProbeIo = {
  ...systemIo,
  lookup: async (host) => {
    const addresses = NAMES[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  },
  connect: (host, port) => {
    if (host !== '127.0.0.1') throw new Error(`a test tried to connect to ${host}`);
    return connect({ host, port });
  },
};
const options: ProbeOptions = { timeoutMs: 300, overallMs: 5000, concurrency: 4 };

/** A probe as the plan makes it (the engine's steps and route), to a loopback port. */
function target(
  host: string,
  port: number,
  protocol: string,
  extra: { manager?: boolean; proxy?: ProxySettings } = {},
): CheckTarget {
  const manager = extra.manager ?? false;
  const route = routeFor(host, protocol, manager, extra.proxy);
  return {
    id: `test-${port}`,
    providerId: manager ? 'harness' : 'splunk',
    providerName: manager ? 'Harness Manager (Prod1)' : 'Splunk',
    host,
    port,
    protocol,
    steps: stepsFor(host, protocol, manager, route),
    route,
    required: true,
    marks: [],
    destinationFrom: 'to',
    rulesCommand: manager ? 'harness-ports rules delegate' : 'harness-ports rules splunk',
    manager,
  };
}

/** The steps of a result, as `step:ok` or `step:code`. */
const trace = (outcomes: StepOutcome[]) =>
  outcomes.map((outcome) => `${outcome.step}:${outcome.ok ? 'ok' : outcome.code}`);

let certs: TestCertificates;
const servers: Running[] = [];
const start = async <T extends Running>(running: Promise<T>): Promise<T> => {
  const server = await running;
  servers.push(server);
  return server;
};

beforeAll(() => {
  certs = makeCertificates();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  certs.cleanup();
});

describe('DNS and TCP', () => {
  it('resolves, connects to an open port and tells a refused port apart', async () => {
    const open = await start(tcpServer());
    const ok = await runProbe(target('splunk.test', open.port, 'TCP'), io, options);
    expect(trace(ok.outcomes)).toEqual(['dns:ok', 'tcp:ok']);
    expect(ok.outcomes[0]).toMatchObject({ addresses: ['127.0.0.1'] });
    expect(probeVerdict(ok, 300, 5000)).toMatchObject({
      status: 'passed',
      verdict: 'resolved 127.0.0.1; connected',
      via: 'direct',
    });

    const closed = await refusedPort();
    const refused = await runProbe(target('splunk.test', closed, 'TCP'), io, options);
    expect(trace(refused.outcomes)).toEqual(['dns:ok', 'tcp:refused']);
    expect(probeVerdict(refused, 300, 5000)).toMatchObject({
      status: 'failed',
      verdict: 'resolved 127.0.0.1; refused at 127.0.0.1',
      next: `something answers and rejects port ${closed}: the service is not listening there, or a firewall rejects it; check the port, or open TCP ${closed} to splunk.test — \`harness-ports rules splunk\` writes the rule`,
    });
  });

  it('reports a name that does not resolve, without connecting', async () => {
    const result = await runProbe(target('nowhere.test', 8089, 'TCP'), io, options);
    expect(trace(result.outcomes)).toEqual(['dns:not-found']);
  });

  it('times out a resolver that does not answer', async () => {
    const silent: ProbeIo = { ...io, lookup: () => new Promise<string[]>(() => undefined) };
    const result = await runProbe(target('splunk.test', 8089, 'TCP'), silent, options);
    expect(trace(result.outcomes)).toEqual(['dns:timeout']);
  });

  it('reports a connection that never completes as timed out (a firewall dropping packets)', async () => {
    // A socket that is never connected: what a dropped SYN looks like from here.
    const dropping: ProbeIo = { ...io, connect: () => new Socket() };
    const started = performance.now();
    const result = await runProbe(target('127.0.0.1', 8089, 'TCP'), dropping, options);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(trace(result.outcomes)).toEqual(['tcp:timeout']);
    expect(probeVerdict(result, 300, 5000)).toMatchObject({
      verdict: 'timed out after 0.3 s',
      next: 'a firewall on the path probably drops it; open TCP 8089 to 127.0.0.1 — `harness-ports rules splunk` writes the rule',
    });
  });
});

describe('TLS', () => {
  it('reports a certificate from an unknown CA with its subject and issuer, and passes with --ca', async () => {
    const server = await start(tlsServer(certs.good));
    const untrusted = await runProbe(target('splunk.test', server.port, 'LDAPS'), io, options);
    expect(trace(untrusted.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:unknown-issuer']);
    expect(probeVerdict(untrusted, 300, 5000)).toMatchObject({
      status: 'failed',
      verdict:
        'resolved 127.0.0.1; connected; certificate not trusted: "CN=splunk.test" issued by "CN=harness-ports test CA, O=harness-ports tests"',
      next: "most often a TLS-inspecting proxy that re-signs traffic: add its CA certificate to the Delegate (as its custom-certificate setup does) and rerun with --ca FILE; if it is your organisation's own CA, --ca FILE with it",
    });

    const trusted = await runProbe(target('splunk.test', server.port, 'LDAPS'), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(trusted.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok']);
    const tls = trusted.outcomes[2];
    expect(tls?.step === 'tls' && tls.ok && tls.certificate.names).toEqual([
      'splunk.test',
      'app.harness.test',
      'app3.harness.io',
      'artifacts.test',
      '127.0.0.1',
    ]);
  });

  it('reports an expired certificate and one for another host', async () => {
    const expired = await start(tlsServer(certs.expired));
    const old = await runProbe(target('splunk.test', expired.port, 'LDAPS'), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(old.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:expired']);
    const validTo = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(probeVerdict(old, 300, 5000)).toMatchObject({
      verdict: `resolved 127.0.0.1; connected; certificate expired on ${validTo}`,
      next: `the server at splunk.test:${expired.port} must renew its certificate: the Delegate rejects it too`,
    });

    const wrong = await start(tlsServer(certs.wrongHost));
    const other = await runProbe(target('splunk.test', wrong.port, 'LDAPS'), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(other.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:wrong-host']);
    expect(probeVerdict(other, 300, 5000)).toMatchObject({
      verdict: 'resolved 127.0.0.1; connected; certificate is for other.test, not splunk.test',
      next: 'use a host name the certificate names, or have it reissued for splunk.test; a TLS-inspecting proxy can cause it too',
    });
  });

  it('times out a port that accepts but never speaks TLS', async () => {
    const slow = await start(silentServer());
    const result = await runProbe(target('splunk.test', slow.port, 'LDAPS'), io, options);
    expect(trace(result.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:timeout']);
  });

  it('fails the handshake on a plain-text port', async () => {
    const plain = await start(httpServer());
    const result = await runProbe(target('splunk.test', plain.port, 'HTTPS'), io, options);
    expect(trace(result.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:handshake']);
  });
});

/** A proxy on this machine, as PROXY_HOST and PROXY_PORT set it. */
const proxyAt = (port: number, extra: Partial<ProxySettings> = {}): ProxySettings => ({
  scheme: 'http',
  host: '127.0.0.1',
  port,
  noProxy: [],
  from: 'PROXY_HOST',
  bypassManager: false,
  ...extra,
});

describe('HTTP and the WebSocket to Harness', () => {
  it('sends one HEAD / on an HTTP port and counts any answer', async () => {
    const server = await start(httpServer());
    const result = await runProbe(target('splunk.test', server.port, 'HTTP'), io, options);
    expect(trace(result.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'http:ok']);
    expect(server.requests).toEqual(['HEAD /']);
  });

  it('speaks HTTP on its own socket: an HTTP interceptor in the process (nock here) changes nothing', async () => {
    // test/helpers/each-file.ts loads nock in every file, with net connect enabled, as an APM agent
    // would patch node:http in the Delegate's network.
    expect(nock.isActive()).toBe(true);
    const server = await start(httpServer());
    const proxy = await start(connectProxy());
    const direct = await runProbe(target('splunk.test', server.port, 'HTTP'), io, options);
    const tunnelled = await runProbe(
      target('splunk.test', server.port, 'HTTP', { proxy: proxyAt(proxy.port) }),
      io,
      options,
    );
    expect([trace(direct.outcomes), trace(tunnelled.outcomes)]).toEqual([
      ['dns:ok', 'tcp:ok', 'http:ok'],
      ['proxy:ok', 'http:ok'],
    ]);
    expect(server.requests).toEqual(['HEAD /', 'HEAD /']);
  });

  it('reports a port that answers something other than HTTP, or a head that never ends, as no HTTP answer', async () => {
    for (const reply of [
      'SSH-2.0-OpenSSH_9.6\r\n\r\n',
      `HTTP/1.1 200 OK\r\n${'X-Pad: y\r\n'.repeat(3000)}`,
    ]) {
      const server = await start(listen(createServer((socket) => socket.end(reply))));
      const result = await runProbe(target('splunk.test', server.port, 'HTTP'), io, options);
      expect(trace(result.outcomes), reply.slice(0, 20)).toEqual(['dns:ok', 'tcp:ok', 'http:no-answer']);
    }
  });

  it('times out an HTTP port that never answers', async () => {
    const slow = await start(silentServer());
    const result = await runProbe(target('splunk.test', slow.port, 'HTTP'), io, options);
    expect(trace(result.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'http:timeout']);
    expect(probeVerdict(result, 300, 5000).next).toBe(
      `the connection works but splunk.test:${slow.port} does not answer HTTP: check that it is the right port`,
    );
  });

  it("checks the Delegate's path: HTTPS, then a WebSocket upgrade on a second connection", async () => {
    const server = await start(httpsServer(certs.good, 'accept'));
    const result = await runProbe(target('app.harness.test', server.port, 'HTTPS', { manager: true }), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(result.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'http:ok', 'wss:ok']);
    expect(server.requests).toEqual([`HEAD / app.harness.test:${server.port}`, 'UPGRADE / websocket']);
    expect(probeVerdict(result, 300, 5000).verdict).toMatch(
      /^resolved 127\.0\.0\.1; connected; TLS valid until \d{4}-\d{2}-\d{2}; HTTP 204; WebSocket upgraded \(101\)$/,
    );
  });

  it('fails when the upgrade is cut, and warns when it is answered without switching', async () => {
    const cut = await start(httpsServer(certs.good, 'cut'));
    const blocked = await runProbe(target('app.harness.test', cut.port, 'HTTPS', { manager: true }), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(blocked.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'http:ok', 'wss:cut']);
    const verdict = probeVerdict(blocked, 300, 5000);
    expect(verdict.status).toBe('failed');
    expect(verdict.next).toBe(
      'a proxy or firewall on the path probably blocks WSS: allow WebSocket to app.harness.test, or set POLL_FOR_TASKS=true on the Delegate so it polls for tasks instead',
    );

    const forbid = await start(httpsServer(certs.good, 'forbid'));
    const answered = await runProbe(target('app.harness.test', forbid.port, 'HTTPS', { manager: true }), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(answered.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'http:ok', 'wss:not-upgraded']);
    expect(probeVerdict(answered, 300, 5000)).toMatchObject({
      status: 'warning',
      verdict: expect.stringMatching(/; WebSocket upgrade answered 403, not 101$/),
    });
  });
});

describe('through an HTTP CONNECT proxy', () => {
  it('tunnels to the destination, and says so', async () => {
    const proxy = await start(connectProxy());
    const server = await start(httpsServer(certs.good));
    const result = await runProbe(
      target('splunk.test', server.port, 'HTTPS', { proxy: proxyAt(proxy.port) }),
      io,
      { ...options, ca: certs.ca },
    );
    expect(trace(result.outcomes)).toEqual(['proxy:ok', 'tls:ok', 'http:ok']);
    expect(proxy.connects).toEqual([`splunk.test:${server.port}`]);
    expect(probeVerdict(result, 300, 5000).via).toBe(`via proxy http://127.0.0.1:${proxy.port}`);
  });

  it('reports a refused CONNECT (403) as its own verdict', async () => {
    const proxy = await start(connectProxy({ deny: ['splunk.test'] }));
    const result = await runProbe(
      target('splunk.test', 443, 'HTTPS', { proxy: proxyAt(proxy.port) }),
      io,
      options,
    );
    expect(trace(result.outcomes)).toEqual(['proxy:denied']);
    expect(probeVerdict(result, 300, 5000)).toMatchObject({
      verdict: 'the proxy refused CONNECT to splunk.test:443 (403)',
      next: "ask the proxy's owners to allow splunk.test:443, or add splunk.test to NO_PROXY if the Delegate may reach it directly",
    });
  });

  it('asks for PROXY_USER and PROXY_PASSWORD on 407, and passes with them', async () => {
    const proxy = await start(connectProxy({ auth: 'delegate:s3cret' }));
    const server = await start(httpServer());
    const without = await runProbe(
      target('splunk.test', server.port, 'HTTP', { proxy: proxyAt(proxy.port) }),
      io,
      options,
    );
    expect(trace(without.outcomes)).toEqual(['proxy:auth']);
    expect(probeVerdict(without, 300, 5000).next).toBe(
      'set PROXY_USER and PROXY_PASSWORD (the Delegate reads them from a Kubernetes secret)',
    );
    const wrong = proxyAt(proxy.port, { user: 'delegate', password: 'wrong' });
    const rejected = await runProbe(
      target('splunk.test', server.port, 'HTTP', { proxy: wrong }),
      io,
      options,
    );
    expect(probeVerdict(rejected, 300, 5000).next).toBe(
      'the proxy did not accept PROXY_USER and PROXY_PASSWORD: check them (the Delegate reads them from a Kubernetes secret)',
    );
    const right = proxyAt(proxy.port, { user: 'delegate', password: 's3cret' });
    const passed = await runProbe(target('splunk.test', server.port, 'HTTP', { proxy: right }), io, options);
    expect(trace(passed.outcomes)).toEqual(['proxy:ok', 'http:ok']);
  });

  it('goes direct for a host NO_PROXY names', async () => {
    const proxy = await start(connectProxy({ deny: ['splunk.test'] }));
    const server = await start(httpServer());
    const bypass = proxyAt(proxy.port, { noProxy: ['.test'] });
    const result = await runProbe(target('splunk.test', server.port, 'HTTP', { proxy: bypass }), io, options);
    expect(trace(result.outcomes)).toEqual(['dns:ok', 'tcp:ok', 'http:ok']);
    expect(proxy.connects).toEqual([]);
    expect(probeVerdict(result, 300, 5000).via).toBe('direct (NO_PROXY .test)');
  });

  it('speaks TLS to a PROXY_SCHEME=https proxy, then CONNECT inside it', async () => {
    const proxy = await start(connectProxy({ tls: certs.good }));
    const server = await start(httpsServer(certs.good));
    const https = proxyAt(proxy.port, { scheme: 'https' });
    const result = await runProbe(target('splunk.test', server.port, 'HTTPS', { proxy: https }), io, {
      ...options,
      ca: certs.ca,
    });
    expect(trace(result.outcomes)).toEqual(['proxy:ok', 'tls:ok', 'http:ok']);
    expect(proxy.connects).toEqual([`splunk.test:${server.port}`]);
    const untrusted = await runProbe(
      target('splunk.test', server.port, 'HTTPS', { proxy: https }),
      io,
      options,
    );
    expect(untrusted.outcomes).toMatchObject([
      {
        step: 'proxy',
        ok: false,
        code: 'error',
        detail: 'TLS to the proxy: UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      },
    ]);
  });

  it('reports a proxy that is not there', async () => {
    const closed = await refusedPort();
    const result = await runProbe(
      target('splunk.test', 443, 'HTTPS', { proxy: proxyAt(closed) }),
      io,
      options,
    );
    expect(trace(result.outcomes)).toEqual(['proxy:unreachable']);
    expect(probeVerdict(result, 300, 5000).next).toBe(
      `check PROXY_HOST, PROXY_PORT and PROXY_SCHEME, and that the Delegate may reach http://127.0.0.1:${closed}`,
    );
  });
});

describe('runChecks: a bound on concurrency, one overall timeout', () => {
  it('keeps the plan order and stops what the overall timeout catches', async () => {
    const open = await start(tcpServer());
    const slow = await start(silentServer());
    const plan: CheckPlan = {
      targets: [
        target('splunk.test', open.port, 'TCP'),
        { ...target('splunk.test', slow.port, 'HTTP'), id: 'slow' },
        { ...target('splunk.test', open.port, 'TCP'), id: 'queued' },
      ],
      notProbed: [],
      proxyWarnings: [],
    };
    const started = performance.now();
    const results = await runChecks(plan, io, { timeoutMs: 2000, overallMs: 400, concurrency: 1 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(
      results.map((result) => [result.target.id, result.notRun ?? false, trace(result.outcomes)]),
    ).toEqual([
      [`test-${open.port}`, false, ['dns:ok', 'tcp:ok']],
      ['slow', true, []],
      ['queued', true, []],
    ]);
    expect(probeVerdict(results[2]!, 2000, 400)).toMatchObject({
      status: 'not-run',
      verdict: 'not finished: the overall timeout (0.4 s) ran out',
      next: 'rerun with a larger --timeout, or with fewer providers',
    });
  });
});
