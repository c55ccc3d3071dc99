import { describe, expect, it } from 'vitest';
import { type CheckTarget, type ProxySettings, routeFor, stepsFor } from '../../src/engine/check-plan.js';
import {
  checkReport,
  checkSummary,
  type ProbeResult,
  probeVerdict,
  type StepOutcome,
} from '../../src/engine/check-verdict.js';

const proxy: ProxySettings = {
  scheme: 'http',
  host: 'proxy.corp',
  port: 3128,
  noProxy: [],
  from: 'PROXY_HOST',
  bypassManager: false,
};

function target(protocol: string, extra: Partial<CheckTarget> & { viaProxy?: boolean } = {}): CheckTarget {
  const { viaProxy, ...rest } = extra;
  const host = rest.host ?? 'splunk.corp';
  const manager = rest.manager ?? false;
  const route = routeFor(host, protocol, manager, viaProxy ? proxy : undefined);
  return {
    id: 'splunk-8089',
    providerId: 'splunk',
    providerName: 'Splunk',
    host,
    port: 8089,
    protocol,
    steps: stepsFor(host, protocol, manager, route),
    route,
    required: true,
    marks: [],
    destinationFrom: 'to',
    rulesCommand: 'harness-ports rules splunk',
    manager,
    ...rest,
  };
}

const dnsOk: StepOutcome = { step: 'dns', ok: true, ms: 2, addresses: ['10.0.0.5'] };
const tcpOk: StepOutcome = { step: 'tcp', ok: true, ms: 3, address: '10.0.0.5' };
const cert = {
  subject: 'CN=splunk.corp',
  issuer: 'CN=Corp Inspection CA, O=Corp',
  validTo: '2025-01-31',
  names: ['splunk.corp'],
};
const tlsOk: StepOutcome = { step: 'tls', ok: true, ms: 5, certificate: { ...cert, validTo: '2027-03-01' } };

const verdictOf = (t: CheckTarget, outcomes: StepOutcome[], notRun = false) => {
  const result: ProbeResult = notRun ? { target: t, outcomes, notRun: true } : { target: t, outcomes };
  return probeVerdict(result, 3000, 30_000);
};
const open = 'open TCP 8089 to splunk.corp — `harness-ports rules splunk` writes the rule';

describe('probeVerdict: every verdict and its next step', () => {
  it('passes with what each step found, and the time it took', () => {
    const t = target('HTTPS');
    expect(verdictOf(t, [dnsOk, tcpOk, tlsOk, { step: 'http', ok: true, ms: 10, status: 401 }])).toEqual({
      status: 'passed',
      verdict: 'resolved 10.0.0.5; connected; TLS valid until 2027-03-01; HTTP 401',
      ms: 20,
      via: 'direct',
    });
  });

  it.each<[string, string, StepOutcome[], string, string]>([
    [
      'a name that does not resolve',
      'TCP',
      [{ step: 'dns', ok: false, ms: 4, code: 'not-found' }],
      'splunk.corp does not resolve',
      "check the name; if it is right, the Delegate's DNS does not know it (its resolver, or a NetworkPolicy that does not allow DNS to kube-dns)",
    ],
    [
      'a DNS timeout',
      'TCP',
      [{ step: 'dns', ok: false, ms: 3000, code: 'timeout' }],
      'DNS timed out after 3 s',
      'the Delegate cannot reach its DNS server: allow UDP and TCP 53 to it (kube-dns in Kubernetes)',
    ],
    [
      'another DNS error',
      'TCP',
      [{ step: 'dns', ok: false, ms: 4, code: 'error', detail: 'EAI_AGAIN' }],
      'DNS failed (EAI_AGAIN)',
      "check the Delegate's resolver settings",
    ],
    [
      'a refused port',
      'TCP',
      [dnsOk, { step: 'tcp', ok: false, ms: 1, address: '10.0.0.5', code: 'refused' }],
      'resolved 10.0.0.5; refused at 10.0.0.5',
      `something answers and rejects port 8089: the service is not listening there, or a firewall rejects it; check the port, or ${open}`,
    ],
    [
      'a timed-out connection',
      'TCP',
      [dnsOk, { step: 'tcp', ok: false, ms: 3000, address: '10.0.0.5', code: 'timeout' }],
      'resolved 10.0.0.5; timed out after 3 s at 10.0.0.5',
      `a firewall on the path probably drops it; ${open}`,
    ],
    [
      'no route',
      'TCP',
      [dnsOk, { step: 'tcp', ok: false, ms: 1, address: '10.0.0.5', code: 'unreachable' }],
      'resolved 10.0.0.5; no route to 10.0.0.5',
      `the network has no path there: check routing, or ${open}`,
    ],
    [
      'a reset',
      'TCP',
      [dnsOk, { step: 'tcp', ok: false, ms: 1, address: '10.0.0.5', code: 'reset' }],
      'resolved 10.0.0.5; connection reset at 10.0.0.5',
      `something on the path cut the connection: a firewall may reject it; ${open}`,
    ],
    [
      'another connection error',
      'TCP',
      [dnsOk, { step: 'tcp', ok: false, ms: 1, address: '10.0.0.5', code: 'error', detail: 'EACCES' }],
      'resolved 10.0.0.5; could not connect (EACCES)',
      open,
    ],
    [
      'an untrusted certificate',
      'LDAPS',
      [dnsOk, tcpOk, { step: 'tls', ok: false, ms: 6, code: 'unknown-issuer', certificate: cert }],
      'resolved 10.0.0.5; connected; certificate not trusted: "CN=splunk.corp" issued by "CN=Corp Inspection CA, O=Corp"',
      "most often a TLS-inspecting proxy that re-signs traffic: add its CA certificate to the Delegate (as its custom-certificate setup does) and rerun with --ca FILE; if it is your organisation's own CA, --ca FILE with it",
    ],
    [
      'an expired certificate',
      'LDAPS',
      [dnsOk, tcpOk, { step: 'tls', ok: false, ms: 6, code: 'expired', certificate: cert }],
      'resolved 10.0.0.5; connected; certificate expired on 2025-01-31',
      'the server at splunk.corp:8089 must renew its certificate: the Delegate rejects it too',
    ],
    [
      'a certificate not valid yet',
      'LDAPS',
      [dnsOk, tcpOk, { step: 'tls', ok: false, ms: 6, code: 'not-yet-valid', certificate: cert }],
      'resolved 10.0.0.5; connected; certificate not valid yet',
      'check the clock of this host and of the server; the Delegate rejects it too until then',
    ],
    [
      'a certificate for another host',
      'LDAPS',
      [
        dnsOk,
        tcpOk,
        {
          step: 'tls',
          ok: false,
          ms: 6,
          code: 'wrong-host',
          certificate: { ...cert, names: ['a.corp', 'b.corp'] },
        },
      ],
      'resolved 10.0.0.5; connected; certificate is for a.corp, b.corp, not splunk.corp',
      'use a host name the certificate names, or have it reissued for splunk.corp; a TLS-inspecting proxy can cause it too',
    ],
    [
      'a TLS timeout',
      'LDAPS',
      [dnsOk, tcpOk, { step: 'tls', ok: false, ms: 3000, code: 'timeout' }],
      'resolved 10.0.0.5; connected; TLS handshake timed out after 3 s',
      'the port accepts connections but does not speak TLS, or something on the path holds it: check that splunk.corp:8089 serves LDAPS',
    ],
    [
      'a failed handshake',
      'LDAPS',
      [
        dnsOk,
        tcpOk,
        { step: 'tls', ok: false, ms: 6, code: 'handshake', detail: 'ERR_SSL_WRONG_VERSION_NUMBER' },
      ],
      'resolved 10.0.0.5; connected; TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER)',
      'check that splunk.corp:8089 serves LDAPS (TLS), not plain text',
    ],
    [
      'no HTTP answer in time',
      'HTTP',
      [dnsOk, tcpOk, { step: 'http', ok: false, ms: 3000, code: 'timeout' }],
      'resolved 10.0.0.5; connected; no HTTP answer within 3 s',
      'the connection works but splunk.corp:8089 does not answer HTTP: check that it is the right port',
    ],
    [
      'a connection closed without an HTTP answer',
      'HTTP',
      [dnsOk, tcpOk, { step: 'http', ok: false, ms: 5, code: 'no-answer', detail: 'ECONNRESET' }],
      'resolved 10.0.0.5; connected; no HTTP answer (ECONNRESET)',
      'the connection works but splunk.corp:8089 does not answer HTTP: check that it is the right port',
    ],
  ])('%s', (_name, protocol, outcomes, verdict, next) => {
    expect(verdictOf(target(protocol), outcomes)).toMatchObject({ status: 'failed', verdict, next });
  });

  const manager = target('HTTPS', {
    host: 'app.harness.io',
    port: 443,
    manager: true,
    rulesCommand: 'harness-ports rules delegate',
  });
  const path: StepOutcome[] = [dnsOk, tcpOk, tlsOk, { step: 'http', ok: true, ms: 9, status: 200 }];
  const poll = 'or set POLL_FOR_TASKS=true on the Delegate so it polls for tasks instead';

  it('fails a cut WebSocket upgrade and suggests POLL_FOR_TASKS', () => {
    expect(
      verdictOf(manager, [...path, { step: 'wss', ok: false, ms: 4, code: 'cut', detail: 'ECONNRESET' }]),
    ).toMatchObject({
      status: 'failed',
      verdict:
        'resolved 10.0.0.5; connected; TLS valid until 2027-03-01; HTTP 200; WebSocket upgrade cut (ECONNRESET)',
      next: `a proxy or firewall on the path probably blocks WSS: allow WebSocket to app.harness.io, ${poll}`,
    });
    expect(
      verdictOf(manager, [...path, { step: 'wss', ok: false, ms: 3000, code: 'timeout' }]),
    ).toMatchObject({
      status: 'failed',
      verdict:
        'resolved 10.0.0.5; connected; TLS valid until 2027-03-01; HTTP 200; WebSocket upgrade got no answer within 3 s',
    });
  });

  it('warns when the upgrade is answered without switching protocols (the probe is not authenticated)', () => {
    expect(
      verdictOf(manager, [...path, { step: 'wss', ok: false, ms: 4, code: 'not-upgraded', status: 403 }]),
    ).toMatchObject({
      status: 'warning',
      verdict:
        'resolved 10.0.0.5; connected; TLS valid until 2027-03-01; HTTP 200; WebSocket upgrade answered 403, not 101',
      next: `the probe is not authenticated, so Harness may answer this; if a proxy or a filter answered, it blocks WSS: allow WebSocket to app.harness.io, ${poll}`,
    });
  });

  it.each<[string, StepOutcome, string, string]>([
    [
      'a refused CONNECT',
      { step: 'proxy', ok: false, ms: 2, code: 'denied', status: 403 },
      'the proxy refused CONNECT to splunk.corp:8089 (403)',
      "ask the proxy's owners to allow splunk.corp:8089, or add splunk.corp to NO_PROXY if the Delegate may reach it directly",
    ],
    [
      'proxy authentication',
      { step: 'proxy', ok: false, ms: 2, code: 'auth', status: 407 },
      'the proxy asks for authentication (407)',
      'set PROXY_USER and PROXY_PASSWORD (the Delegate reads them from a Kubernetes secret)',
    ],
    [
      'another answer to CONNECT',
      { step: 'proxy', ok: false, ms: 2, code: 'status', status: 502 },
      'the proxy answered CONNECT to splunk.corp:8089 with 502',
      'the proxy could not or would not reach splunk.corp:8089: ask its owners, or add splunk.corp to NO_PROXY if the Delegate may reach it directly',
    ],
    [
      'a proxy that does not answer',
      { step: 'proxy', ok: false, ms: 3000, code: 'timeout' },
      'the proxy http://proxy.corp:3128 did not answer within 3 s',
      'check PROXY_HOST and PROXY_PORT, and that the Delegate may reach http://proxy.corp:3128',
    ],
    [
      'a proxy that cannot be reached',
      { step: 'proxy', ok: false, ms: 1, code: 'unreachable', detail: 'ECONNREFUSED' },
      'could not reach the proxy http://proxy.corp:3128 (ECONNREFUSED)',
      'check PROXY_HOST, PROXY_PORT and PROXY_SCHEME, and that the Delegate may reach http://proxy.corp:3128',
    ],
  ])('through the proxy: %s', (_name, outcome, verdict, next) => {
    expect(verdictOf(target('HTTPS', { viaProxy: true }), [outcome])).toMatchObject({
      status: 'failed',
      verdict,
      next,
      via: 'via proxy http://proxy.corp:3128',
    });
  });

  it('says a probe the overall timeout stopped did not finish', () => {
    expect(verdictOf(target('TCP'), [dnsOk], true)).toEqual({
      status: 'not-run',
      verdict: 'resolved 10.0.0.5; not finished: the overall timeout (30 s) ran out',
      next: 'rerun with a larger --timeout, or with fewer providers',
      ms: 2,
      via: 'direct',
    });
  });
});

describe('checkSummary: exit 0 only when every required probe passed', () => {
  const refused: StepOutcome = { step: 'tcp', ok: false, ms: 1, code: 'refused' };
  const run = (...results: ProbeResult[]) =>
    checkSummary(
      results,
      results.map((result) => probeVerdict(result, 3000, 30_000)),
    );

  it('passes when the only failure is optional', () => {
    expect(
      run(
        { target: target('TCP'), outcomes: [dnsOk, tcpOk] },
        { target: target('TCP', { required: false }), outcomes: [refused] },
      ),
    ).toEqual({
      passed: 1,
      failed: 1,
      warnings: 0,
      notRun: 0,
      ok: true,
    });
  });

  it('fails on a required failure and on a required probe not finished', () => {
    expect(run({ target: target('TCP'), outcomes: [refused] }).ok).toBe(false);
    expect(run({ target: target('TCP'), outcomes: [], notRun: true })).toMatchObject({
      notRun: 1,
      ok: false,
    });
  });

  it("reports the plan's unprobed rules and proxy warnings beside the results; probing nothing does not pass", () => {
    const report = checkReport(
      {
        targets: [],
        notProbed: [
          {
            providerId: 'splunk',
            providerName: 'Splunk',
            port: 8089,
            protocol: 'TCP',
            reason: 'needs-destination',
            text: 'no destination',
          },
        ],
        proxyWarnings: ['NO_PROXY 10.0.0.0/8: ignored'],
      },
      [],
      3000,
      30_000,
    );
    expect(report).toMatchObject({
      notProbed: [{ providerId: 'splunk', reason: 'needs-destination' }],
      proxyWarnings: ['NO_PROXY 10.0.0.0/8: ignored'],
      summary: { passed: 0, failed: 0, ok: false },
    });
  });
});
