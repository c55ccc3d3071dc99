import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckEnvironment, runCheckCli } from '../../src/check/cli.js';
import type { ProbeIo } from '../../src/check/probe.js';
import { runCommand } from '../../src/cli.js';
import type { CheckJson } from '../../src/render/check.js';
import {
  connectProxy,
  httpsServer,
  makeCertificates,
  type Running,
  refusedPort,
  type TestCertificates,
} from '../helpers/check-servers.js';

/**
 * `harness-ports check` end to end, in-process: the real catalog, an overlay written here, and the
 * network replaced at the socket: names resolve to 127.0.0.1 (or not at all), and the ports the
 * catalog names are mapped to loopback servers the tests start. Nothing leaves the machine.
 */

const scratch = mkdtempSync(join(tmpdir(), 'harness-ports-check-cli-'));
let certs: TestCertificates;
const servers: Running[] = [];
/** The catalog's port -> the loopback port that stands for it. */
const ports = new Map<number, number>();
let harness: Running & { requests: string[] };
let proxy: Running & { connects: string[] };
let overlay: string;

const NAMES = new Set(['app3.harness.io', 'app.harness.io', 'artifacts.test', 'splunk.test']);

/** A network of loopback servers, with a clock that ticks 1 ms per reading so times are fixed. */
function network(): ProbeIo {
  let ms = 0;
  return {
    lookup: async (host) => {
      if (!NAMES.has(host))
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return ['127.0.0.1'];
    },
    now: () => ++ms,
    connect: (host, port) => {
      if (host !== '127.0.0.1') throw new Error(`a test tried to connect to ${host}`);
      return connect({ host, port: ports.get(port) ?? port });
    },
  };
}

function environment(env: Record<string, string> = {}): CheckEnvironment {
  return { env, probeIo: network(), host: 'delegate-pod-1', now: () => new Date('2026-12-07T02:00:00.000Z') };
}

async function check(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheckCli(
    argv,
    { out: (text) => out.push(text), err: (text) => err.push(text) },
    environment(env),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  certs = makeCertificates();
  harness = await httpsServer(certs.good, 'accept');
  proxy = await connectProxy({ deny: ['splunk.test'] });
  servers.push(harness, proxy);
  ports.set(443, harness.port);
  ports.set(8443, harness.port);
  ports.set(8089, await refusedPort());
  overlay = join(scratch, 'overlay.yml');
  writeFileSync(
    overlay,
    [
      'add:',
      '  - id: acme-artifacts',
      '    name: ACME Artifact Store',
      '    category: artifact-server',
      '    permissions: [Read access to the release repositories.]',
      '    ports:',
      '      - { port: 8443, protocol: HTTPS, label: Artifact API }',
      '    destinations: [artifacts.test]',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  certs.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('harness-ports check', () => {
  it('prints one line per probe with its verdict, time and route, and passes when every required probe did', async () => {
    const { code, out, err } = await check([
      'acme-artifacts',
      'delegate',
      '--cluster',
      'prod3',
      '--overlay',
      overlay,
      '--ca',
      certs.caFile,
      '--concurrency',
      '1',
    ]);
    expect(err).toBe('');
    const validTo = /TLS valid until (\d{4}-\d{2}-\d{2})/.exec(out)?.[1];
    expect(out).toBe(
      [
        'harness-ports check from delegate-pod-1 at 2026-12-07T02:00:00Z: 2 of 4 passed, 2 failed',
        '',
        `PASS             Harness Manager (Prod3)  app3.harness.io:443 HTTPS  resolved 127.0.0.1; connected; TLS valid until ${validTo}; HTTP 204; WebSocket upgraded (101)  (9 ms, direct)`,
        'FAIL (optional)  logging.googleapis.com  logging.googleapis.com:443 HTTPS [conditional, inferred]  logging.googleapis.com does not resolve  (1 ms, direct)',
        "                 next: check the name; if it is right, the Delegate's DNS does not know it (its resolver, or a NetworkPolicy that does not allow DNS to kube-dns)",
        'FAIL (optional)  storage.googleapis.com  storage.googleapis.com:443 HTTPS [conditional, inferred]  storage.googleapis.com does not resolve  (1 ms, direct)',
        "                 next: check the name; if it is right, the Delegate's DNS does not know it (its resolver, or a NetworkPolicy that does not allow DNS to kube-dns)",
        `PASS             ACME Artifact Store  artifacts.test:8443 HTTPS  resolved 127.0.0.1; connected; TLS valid until ${validTo}; HTTP 204  (4 ms, direct)`,
        '',
        'Result: PASSED: every required probe passed.',
        'A passing probe proves the network path from here (DNS, the port, TLS, an HTTP answer), not that a credential or permission works.',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(harness.requests).toContain('UPGRADE / websocket');
  });

  it('fails (exit 1) when a required probe fails, and lists what needs a destination', async () => {
    const { code, out } = await check(['splunk', 'jenkins', '--to', 'splunk=splunk.test:8089']);
    expect(code).toBe(1);
    expect(out).toContain(
      'FAIL  Splunk  splunk.test:8089 TCP  resolved 127.0.0.1; refused at 127.0.0.1  (2 ms, direct)',
    );
    expect(out).toContain(
      'Not probed:\n  Jenkins HTTPS 443: no destination: give one with --to jenkins=HOST:443, or in the overlay (providers.jenkins.destinations)',
    );
    expect(out).toContain('Result: FAILED: 1 required probe did not pass.');
  });

  it('reads a checklist request as the `rules` command does', async () => {
    const { out } = await check(['checklist', 'splunk', 'and', 'jenkins', '--to', 'splunk=splunk.test']);
    expect(out).toContain('FAIL  Splunk  splunk.test:8089 TCP');
    expect(out).toContain('  Jenkins HTTPS 443: no destination');
  });

  it('says first which words named nothing, and checks the rest', async () => {
    const { out, err } = await check(['splunk', 'sonarqubez', '--to', 'splunk=splunk.test']);
    expect(err.split('\n')).toEqual([
      expect.stringMatching(/^harness-ports check: No provider is called "sonarqubez"\./),
      'harness-ports check: Left out of the rules below, which are for Splunk only.',
    ]);
    expect(out).toContain('FAIL  Splunk  splunk.test:8089 TCP');
  });

  it('does not pass when nothing could be probed', async () => {
    const { code, out } = await check(['splunk']);
    expect(code).toBe(1);
    expect(out).toContain(
      'Result: NOT CHECKED: nothing could be probed; give destinations (see above) and run it again.',
    );
  });

  it('goes through the proxy the Delegate would use, and reports a refused CONNECT as its own verdict', async () => {
    const { code, out } = await check(['jenkins', '--to', 'jenkins=splunk.test'], {
      PROXY_HOST: '127.0.0.1',
      PROXY_PORT: String(proxy.port),
      PROXY_PASSWORD: 'never-printed',
      PROXY_USER: 'delegate',
      NO_PROXY: 'internal.test,10.0.0.0/8',
    });
    expect(code).toBe(1);
    expect(out.split('\n').slice(1, 3)).toEqual([
      `Proxy: http://127.0.0.1:${proxy.port} as delegate (from PROXY_HOST); NO_PROXY: internal.test`,
      'Proxy warning: NO_PROXY 10.0.0.0/8: the Delegate does not honour CIDR ranges in NO_PROXY (list the host names or addresses)',
    ]);
    expect(out).toContain(
      `FAIL  Jenkins  splunk.test:443 HTTPS  the proxy refused CONNECT to splunk.test:443 (403)  (1 ms, via proxy http://127.0.0.1:${proxy.port})`,
    );
    expect(out).not.toContain('never-printed');
  });

  it('prints JSON for scripts, without the proxy password, and writes JUnit XML for CI', async () => {
    const junit = join(scratch, 'check.xml');
    const { code, out } = await check(
      ['splunk', '--to', 'splunk=splunk.test:8089', '--json', '--junit', junit],
      { HTTPS_PROXY: 'http://delegate:never-printed@127.0.0.1:3128' },
    );
    expect(code).toBe(1);
    expect(out).not.toContain('never-printed');
    const json = JSON.parse(out) as CheckJson;
    expect(json.ok).toBe(false);
    expect(json.proxy).toEqual({
      url: 'http://127.0.0.1:3128',
      from: 'HTTPS_PROXY',
      user: 'delegate',
      noProxy: [],
    });
    expect(
      json.probes.map((probe) => [
        probe.id,
        probe.status,
        probe.verdict,
        probe.via,
        probe.steps.map((s) => s.step),
      ]),
    ).toEqual([
      [
        'splunk-8089',
        'failed',
        'resolved 127.0.0.1; refused at 127.0.0.1',
        'direct (TCP does not go through the proxy)',
        ['dns', 'tcp'],
      ],
    ]);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(
      '<testsuites name="harness-ports check" tests="1" failures="1" skipped="0" time="0.002">',
    );
    expect(xml).toContain(
      '<failure message="resolved 127.0.0.1; refused at 127.0.0.1" type="failed">resolved 127.0.0.1; refused at 127.0.0.1\nnext: something answers and rejects port 8089: the service is not listening there, or a firewall rejects it; check the port, or open TCP 8089 to splunk.test — `harness-ports rules splunk` writes the rule\ndirect (TCP does not go through the proxy)</failure>',
    );
  });

  it('prints a Slack message to paste with --format slack', async () => {
    const { out } = await check(['splunk', '--to', 'splunk=splunk.test:8089', '--format', 'slack']);
    expect(out.split('\n')).toEqual([
      '*harness-ports check* from `delegate-pod-1` at 2026-12-07T02:00:00Z: 0 of 1 passed, 1 failed',
      ':x: *Splunk* `splunk.test:8089 TCP`: resolved 127.0.0.1; refused at 127.0.0.1 _(2 ms, direct)_',
      '      ↳ something answers and rejects port 8089: the service is not listening there, or a firewall rejects it; check the port, or open TCP 8089 to splunk.test — `harness-ports rules splunk` writes the rule',
      '*Result: FAILED: 1 required probe did not pass.*',
      '_A passing probe proves the network path from here (DNS, the port, TLS, an HTTP answer), not that a credential or permission works._',
    ]);
  });

  it.each<[string[], Record<string, string>, string]>([
    [[], {}, 'harness-ports check: name what to check: providers, "checklist …" or "delegate"'],
    [
      ['splunk', '--to', 'splunk'],
      {},
      'harness-ports check: --to splunk: give a provider id, a host (or an address) and optionally a port, e.g. --to splunk=splunk.corp.example.com:8089',
    ],
    [
      ['splunk', '--to', 'jenkins=ci.test'],
      {},
      'harness-ports check: --to jenkins=…: jenkins is not among the providers checked (splunk)',
    ],
    [
      ['splunk', '--ca', '/nonexistent/ca.pem'],
      {},
      'harness-ports check: --ca /nonexistent/ca.pem: cannot read it (ENOENT)',
    ],
    [
      ['splunk', '--ca', 'package.json'],
      {},
      'harness-ports check: --ca package.json: not a PEM certificate (-----BEGIN CERTIFICATE-----…)',
    ],
    [
      ['splunk', '--timeout', 'soon'],
      {},
      'harness-ports check: --timeout soon: give a number of seconds (more than 0, at most 3600)',
    ],
    [['splunk', '--format', 'html'], {}, 'harness-ports check: --format html: text or slack'],
    [
      ['delegate', '--cluster', 'prod9'],
      {},
      'harness-ports check: No Harness cluster is called "prod9". Clusters: Prod1, Prod2, Prod3, Prod0, Prod4, EU.',
    ],
    [
      ['splunk'],
      { PROXY_HOST: 'proxy.corp' },
      "harness-ports check: PROXY_PORT must be the proxy's port (1 to 65535) when PROXY_HOST is set",
    ],
  ])('refuses %j with a short message (exit 2)', async (argv, env, message) => {
    const { code, out, err } = await check(argv, env);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toBe(message);
  });

  it('runs through bin/harness-ports.js with its exit code (nothing probed: no destination, no traffic)', () => {
    const root = resolve(import.meta.dirname, '../..');
    const { status, stdout } = spawnSync(
      process.execPath,
      [join(root, 'bin/harness-ports.js'), 'check', 'splunk'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 15_000,
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    expect(status).toBe(1);
    expect(stdout).toContain('Splunk TCP 8089: no destination: give one with --to splunk=HOST:8089');
    expect(stdout).toContain('Result: NOT CHECKED');
  });

  it('is the `check` subcommand of the harness-ports command', async () => {
    const out: string[] = [];
    const code = await runCommand(
      ['check', '--help'],
      { out: (text) => out.push(text), err: () => undefined },
      {},
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: harness-ports check <providers…\|checklist …\|delegate>/);
  });
});
