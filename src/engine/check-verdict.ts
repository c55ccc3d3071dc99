import type { CheckPlan, CheckTarget, NotProbed, ProbeStep, ProxySettings } from './check-plan.js';

/**
 * What a probe found, step by step (src/check/ performs the steps and returns these), and how each
 * result is worded: the verdict, and for every failure the next step in plain words. Pure.
 */

export type StepOutcome =
  | { step: 'dns'; ok: true; ms: number; addresses: string[] }
  | { step: 'dns'; ok: false; ms: number; code: 'not-found' | 'timeout' | 'error'; detail?: string }
  | { step: 'tcp'; ok: true; ms: number; address: string }
  | {
      step: 'tcp';
      ok: false;
      ms: number;
      address?: string;
      code: 'refused' | 'timeout' | 'unreachable' | 'reset' | 'error';
      detail?: string;
    }
  | { step: 'proxy'; ok: true; ms: number }
  | {
      step: 'proxy';
      ok: false;
      ms: number;
      /** denied: 403; auth: 407; status: another answer; unreachable/timeout: the proxy itself. */
      code: 'denied' | 'auth' | 'status' | 'unreachable' | 'timeout' | 'error';
      status?: number;
      detail?: string;
    }
  | { step: 'tls'; ok: true; ms: number; certificate: CertificateFacts }
  | {
      step: 'tls';
      ok: false;
      ms: number;
      code: 'unknown-issuer' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'handshake' | 'timeout';
      certificate?: CertificateFacts;
      detail?: string;
    }
  | { step: 'http'; ok: true; ms: number; status: number }
  | { step: 'http'; ok: false; ms: number; code: 'timeout' | 'no-answer'; detail?: string }
  | { step: 'wss'; ok: true; ms: number; status: 101 }
  | { step: 'wss'; ok: false; ms: number; code: 'not-upgraded'; status: number }
  | { step: 'wss'; ok: false; ms: number; code: 'cut' | 'timeout'; detail?: string };

export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** ISO date (YYYY-MM-DD). */
  validTo: string;
  /** The names the certificate is for (subjectAltName DNS and IP entries). */
  names: string[];
}

/** passed: every step; failed: a step failed; warning: answered, but not as hoped (WSS not upgraded); not-run: out of time. */
export type ProbeStatus = 'passed' | 'failed' | 'warning' | 'not-run';

export interface ProbeResult {
  target: CheckTarget;
  outcomes: StepOutcome[];
  /** Set when the overall timeout ran out before the probe finished. */
  notRun?: true;
}

export interface ProbeVerdict {
  status: ProbeStatus;
  /** What happened, in a few words ("connected, TLS valid until 2027-03-01, HTTP 200"). */
  verdict: string;
  /** For a failure or a warning: what to do next. */
  next?: string;
  ms: number;
  /** How the probe went: direct, or through the proxy. */
  via: string;
}

export interface CheckSummary {
  passed: number;
  failed: number;
  warnings: number;
  notRun: number;
  /** True when something was probed and every required probe passed: the check's exit code is 0. */
  ok: boolean;
}

export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
export const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : seconds(ms));

export const proxyName = (proxy: ProxySettings) => `${proxy.scheme}://${proxy.host}:${proxy.port}`;

/** How a probe reaches its destination, for the report. */
export function viaOf(target: CheckTarget): string {
  if (target.route.kind === 'proxy') return `via proxy ${proxyName(target.route.proxy)}`;
  return target.route.reason ? `direct (${target.route.reason})` : 'direct';
}

const TLS_PROXY_HINT =
  "most often a TLS-inspecting proxy that re-signs traffic: add its CA certificate to the Delegate (as its custom-certificate setup does) and rerun with --ca FILE; if it is your organisation's own CA, --ca FILE with it";

/** The verdict of one failed step, and its next step, worded for the target. */
function failure(
  target: CheckTarget,
  outcome: StepOutcome & { ok: false },
  timeoutMs: number,
): [string, string] {
  const where = `${target.host}:${target.port}`;
  const openIt = `open TCP ${target.port} to ${target.host} — \`${target.rulesCommand}\` writes the rule`;
  switch (outcome.step) {
    case 'dns':
      if (outcome.code === 'not-found') {
        return [
          `${target.host} does not resolve`,
          `check the name; if it is right, the Delegate's DNS does not know it (its resolver, or a NetworkPolicy that does not allow DNS to kube-dns)`,
        ];
      }
      if (outcome.code === 'timeout') {
        return [
          `DNS timed out after ${seconds(timeoutMs)}`,
          'the Delegate cannot reach its DNS server: allow UDP and TCP 53 to it (kube-dns in Kubernetes)',
        ];
      }
      return [`DNS failed (${outcome.detail ?? 'error'})`, "check the Delegate's resolver settings"];
    case 'tcp': {
      const at = outcome.address && outcome.address !== target.host ? ` at ${outcome.address}` : '';
      if (outcome.code === 'refused') {
        return [
          `refused${at}`,
          `something answers and rejects port ${target.port}: the service is not listening there, or a firewall rejects it; check the port, or ${openIt}`,
        ];
      }
      if (outcome.code === 'timeout') {
        return [
          `timed out after ${seconds(timeoutMs)}${at}`,
          `a firewall on the path probably drops it; ${openIt}`,
        ];
      }
      if (outcome.code === 'unreachable') {
        return [
          `no route to ${outcome.address ?? target.host}`,
          `the network has no path there: check routing, or ${openIt}`,
        ];
      }
      if (outcome.code === 'reset') {
        return [
          `connection reset${at}`,
          `something on the path cut the connection: a firewall may reject it; ${openIt}`,
        ];
      }
      return [`could not connect (${outcome.detail ?? 'error'})`, openIt];
    }
    case 'proxy': {
      const proxy = target.route.kind === 'proxy' ? proxyName(target.route.proxy) : 'the proxy';
      const direct = `or add ${target.host} to NO_PROXY if the Delegate may reach it directly`;
      if (outcome.code === 'denied') {
        return [
          `the proxy refused CONNECT to ${where} (403)`,
          `ask the proxy's owners to allow ${where}, ${direct}`,
        ];
      }
      if (outcome.code === 'auth') {
        const sent = target.route.kind === 'proxy' && target.route.proxy.user;
        return [
          'the proxy asks for authentication (407)',
          sent
            ? 'the proxy did not accept PROXY_USER and PROXY_PASSWORD: check them (the Delegate reads them from a Kubernetes secret)'
            : 'set PROXY_USER and PROXY_PASSWORD (the Delegate reads them from a Kubernetes secret)',
        ];
      }
      if (outcome.code === 'status') {
        return [
          `the proxy answered CONNECT to ${where} with ${outcome.status ?? 'an error'}`,
          `the proxy could not or would not reach ${where}: ask its owners, ${direct}`,
        ];
      }
      if (outcome.code === 'timeout') {
        return [
          `the proxy ${proxy} did not answer within ${seconds(timeoutMs)}`,
          `check PROXY_HOST and PROXY_PORT, and that the Delegate may reach ${proxy}`,
        ];
      }
      return [
        `could not reach the proxy ${proxy} (${outcome.detail ?? outcome.code})`,
        `check PROXY_HOST, PROXY_PORT and PROXY_SCHEME, and that the Delegate may reach ${proxy}`,
      ];
    }
    case 'tls': {
      const cert = outcome.certificate;
      if (outcome.code === 'unknown-issuer') {
        return [
          `certificate not trusted: "${cert?.subject ?? target.host}" issued by "${cert?.issuer ?? 'an unknown CA'}"`,
          TLS_PROXY_HINT,
        ];
      }
      if (outcome.code === 'expired') {
        return [
          `certificate expired on ${cert?.validTo ?? 'an earlier date'}`,
          `the server at ${where} must renew its certificate: the Delegate rejects it too`,
        ];
      }
      if (outcome.code === 'not-yet-valid') {
        return [
          'certificate not valid yet',
          'check the clock of this host and of the server; the Delegate rejects it too until then',
        ];
      }
      if (outcome.code === 'wrong-host') {
        const names = cert?.names.length ? cert.names.join(', ') : (cert?.subject ?? 'another name');
        return [
          `certificate is for ${names}, not ${target.host}`,
          `use a host name the certificate names, or have it reissued for ${target.host}; a TLS-inspecting proxy can cause it too`,
        ];
      }
      if (outcome.code === 'timeout') {
        return [
          `TLS handshake timed out after ${seconds(timeoutMs)}`,
          `the port accepts connections but does not speak TLS, or something on the path holds it: check that ${where} serves ${target.protocol}`,
        ];
      }
      return [
        `TLS handshake failed (${outcome.detail ?? 'error'})`,
        `check that ${where} serves ${target.protocol} (TLS), not plain text`,
      ];
    }
    case 'http':
      return outcome.code === 'timeout'
        ? [
            `no HTTP answer within ${seconds(timeoutMs)}`,
            `the connection works but ${where} does not answer HTTP: check that it is the right port`,
          ]
        : [
            `no HTTP answer (${outcome.detail ?? 'closed'})`,
            `the connection works but ${where} does not answer HTTP: check that it is the right port`,
          ];
    case 'wss': {
      const poll = 'or set POLL_FOR_TASKS=true on the Delegate so it polls for tasks instead';
      if (outcome.code === 'not-upgraded') {
        return [
          `WebSocket upgrade answered ${outcome.status}, not 101`,
          `the probe is not authenticated, so Harness may answer this; if a proxy or a filter answered, it blocks WSS: allow WebSocket to ${target.host}, ${poll}`,
        ];
      }
      return [
        outcome.code === 'timeout'
          ? `WebSocket upgrade got no answer within ${seconds(timeoutMs)}`
          : `WebSocket upgrade cut (${outcome.detail ?? 'closed'})`,
        `a proxy or firewall on the path probably blocks WSS: allow WebSocket to ${target.host}, ${poll}`,
      ];
    }
  }
}

/** A passed step in a few words. */
function passed(outcome: StepOutcome & { ok: true }): string {
  switch (outcome.step) {
    case 'dns':
      return `resolved ${outcome.addresses.join(', ')}`;
    case 'tcp':
      return 'connected';
    case 'proxy':
      return 'proxy CONNECT 200';
    case 'tls':
      return `TLS valid until ${outcome.certificate.validTo}`;
    case 'http':
      return `HTTP ${outcome.status}`;
    case 'wss':
      return 'WebSocket upgraded (101)';
  }
}

/** The verdict of one probe: what it found and, when it did not pass, what to do next. */
export function probeVerdict(result: ProbeResult, timeoutMs: number, overallMs: number): ProbeVerdict {
  const ms = result.outcomes.reduce((sum, outcome) => sum + outcome.ms, 0);
  const via = viaOf(result.target);
  const done = result.outcomes.filter((outcome) => outcome.ok).map(passed);
  const failed = result.outcomes.find((outcome): outcome is StepOutcome & { ok: false } => !outcome.ok);
  if (failed) {
    const [what, next] = failure(result.target, failed, timeoutMs);
    const status: ProbeStatus =
      failed.step === 'wss' && failed.code === 'not-upgraded' ? 'warning' : 'failed';
    return { status, verdict: [...done, what].join('; '), next, ms, via };
  }
  if (result.notRun) {
    return {
      status: 'not-run',
      verdict: [...done, `not finished: the overall timeout (${seconds(overallMs)}) ran out`].join('; '),
      next: 'rerun with a larger --timeout, or with fewer providers',
      ms,
      via,
    };
  }
  return { status: 'passed', verdict: done.join('; '), ms, via };
}

/** The totals of a check; `ok` when every required probe passed (warnings and optional failures do not count). */
export function checkSummary(
  results: readonly ProbeResult[],
  verdicts: readonly ProbeVerdict[],
): CheckSummary {
  const count = (status: ProbeStatus) => verdicts.filter((verdict) => verdict.status === status).length;
  // A check that probed nothing proves nothing: it does not pass.
  const ok =
    results.length > 0 &&
    results.every(
      (result, i) =>
        !result.target.required || verdicts[i]!.status === 'passed' || verdicts[i]!.status === 'warning',
    );
  return {
    passed: count('passed'),
    failed: count('failed'),
    warnings: count('warning'),
    notRun: count('not-run'),
    ok,
  };
}

/** One line for a rule the check did not probe. */
export function notProbedLine(entry: NotProbed): string {
  const port = entry.port === null ? '' : ` ${entry.protocol} ${entry.port}`;
  return `${entry.providerName}${port}: ${entry.text}`;
}

/** What a step is called in the report. */
export const STEP_NAMES: Record<ProbeStep, string> = {
  dns: 'DNS',
  tcp: 'TCP',
  proxy: 'proxy CONNECT',
  tls: 'TLS',
  http: 'HTTP',
  wss: 'WSS',
};

/** The whole report's view: one entry per probe, what was not probed, the proxy's warnings, the totals. */
export interface CheckReport {
  results: Array<ProbeResult & { verdict: ProbeVerdict }>;
  notProbed: NotProbed[];
  proxyWarnings: string[];
  proxy?: ProxySettings;
  summary: CheckSummary;
  timeoutMs: number;
  overallMs: number;
}

export function checkReport(
  plan: CheckPlan,
  results: readonly ProbeResult[],
  timeoutMs: number,
  overallMs: number,
): CheckReport {
  const verdicts = results.map((result) => probeVerdict(result, timeoutMs, overallMs));
  return {
    results: results.map((result, i) => ({ ...result, verdict: verdicts[i]! })),
    notProbed: plan.notProbed,
    proxyWarnings: plan.proxyWarnings,
    ...(plan.proxy ? { proxy: plan.proxy } : {}),
    summary: checkSummary(results, verdicts),
    timeoutMs,
    overallMs,
  };
}
