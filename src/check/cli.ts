import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { CatalogError, loadCatalog } from '../catalog/load.js';
import {
  type GivenDestination,
  givenDestinationProblems,
  parseGivenDestination,
  readProxySettings,
} from '../engine/check-plan.js';
import { checkReport } from '../engine/check-verdict.js';
import { readRequestAs } from '../engine/request.js';
import { createLogger } from '../logger.js';
import { checkJson, renderCheckJunit, renderCheckSlack, renderCheckText } from '../render/check.js';
import { RULES_USAGE, rulesNotices, rulesProblems } from '../render/rules/response.js';
import type { ReportSettings, ReportTarget } from '../slack/check-report.js';
import { DEFAULT_PROBE_OPTIONS, type ProbeIo, runChecks, systemIo } from './probe.js';

/**
 * The `check` face: `harness-ports check <providers…|checklist …|delegate>` reads the same request
 * as `rules`, has the engine plan the probes, performs them (./probe.ts) and prints the report.
 * Exit code 0 only when every required probe passed; 1 when one did not (or nothing was probed);
 * 2 for a usage error. Words that name nothing are said on stderr first, as `rules` says them.
 */

export const CHECK_USAGE = `Usage: harness-ports check <providers…|checklist …|delegate> [--cluster CLUSTER] [--overlay FILE]
         [--to PROVIDER=HOST[:PORT]]… [--all] [--json] [--junit FILE] [--format text|slack] [--report LINK|CHANNEL] [--ca FILE]
         [--timeout SECONDS] [--step-timeout SECONDS] [--concurrency N]

Run it where the Delegate runs (its host, or deploy/check-job.yaml in its namespace): for every
rule \`harness-ports rules\` would write, it tries DNS, TCP, TLS and one HTTP request, and the
Delegate's own HTTPS and WebSocket to its Harness cluster, through PROXY_* / HTTPS_PROXY as the
Delegate would.

  --cluster CLUSTER      probe the Delegate's own path to this Harness cluster (prod1, prod3, eu…)
  --overlay FILE         your organisation's overlay: its destinations are probed
  --to ID=HOST[:PORT]    a destination for a provider (all its ports, or the one given); repeatable
  --all                  also probe conditional and inferred ports (marked, and optional)
  --json                 the report as JSON
  --junit FILE           also write the report as JUnit XML, for a CI pipeline
  --format text|slack    text (default), or a Slack message to paste
  --report LINK|CHANNEL  post the report in Slack (SLACK_BOT_TOKEN): in a checklist's thread (its
                         link), ticking the port items every probe verified; or in a channel
  --ca FILE              also trust this CA (PEM), e.g. your TLS-inspecting proxy's
  --timeout SECONDS      the whole check's timeout (default ${DEFAULT_PROBE_OPTIONS.overallMs / 1000})
  --step-timeout SECONDS each DNS, TCP, TLS, HTTP or WSS step's timeout (default ${DEFAULT_PROBE_OPTIONS.timeoutMs / 1000})
  --concurrency N        probes at once (default ${DEFAULT_PROBE_OPTIONS.concurrency})

Exit code: 0 when every required probe passed, 1 otherwise, 2 for a usage error.`;

export interface CheckIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What the check reads from where it runs; tests give their own. */
export interface CheckEnvironment {
  /** The proxy variables (PROXY_*, HTTPS_PROXY, NO_PROXY): the Delegate's environment. */
  env: Readonly<Record<string, string | undefined>>;
  probeIo?: ProbeIo;
  /** This machine's name, for the report. */
  host?: string;
  now?: () => Date;
}

const SECONDS = /^\d+(\.\d+)?$/;

function positiveSeconds(name: string, value: string | undefined, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!SECONDS.test(value) || Number(value) <= 0 || Number(value) > 3600) {
    return `--${name} ${value}: give a number of seconds (more than 0, at most 3600)`;
  }
  return Number(value) * 1000;
}

/** Runs `harness-ports check …` (argv without "check"); resolves with the exit code. */
export async function runCheckCli(
  argv: string[],
  io: CheckIo,
  environment: CheckEnvironment,
): Promise<number> {
  const options = {
    catalog: { type: 'string' },
    overlay: { type: 'string' },
    cluster: { type: 'string' },
    to: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    json: { type: 'boolean' },
    junit: { type: 'string' },
    format: { type: 'string' },
    report: { type: 'string' },
    ca: { type: 'string' },
    timeout: { type: 'string' },
    'step-timeout': { type: 'string' },
    concurrency: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    io.err(`harness-ports check: ${(error as Error).message}\n${CHECK_USAGE}`);
    return 2;
  }
  const values = parsed.values;
  if (values.help) {
    io.out(CHECK_USAGE);
    return 0;
  }
  const usage = (message: string) => {
    io.err(`harness-ports check: ${message}`);
    return 2;
  };
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'slack') return usage(`--format ${format}: text or slack`);
  if (values.json && values.format) return usage('--json and --format: give one of them');
  const overallMs = positiveSeconds('timeout', values.timeout, DEFAULT_PROBE_OPTIONS.overallMs);
  if (typeof overallMs === 'string') return usage(overallMs);
  const stepMs = positiveSeconds('step-timeout', values['step-timeout'], DEFAULT_PROBE_OPTIONS.timeoutMs);
  if (typeof stepMs === 'string') return usage(stepMs);
  const concurrency =
    values.concurrency === undefined ? DEFAULT_PROBE_OPTIONS.concurrency : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    return usage(`--concurrency ${values.concurrency}: give a whole number from 1 to 64`);
  }
  const given: GivenDestination[] = [];
  for (const text of values.to ?? []) {
    const read = parseGivenDestination(text);
    if (typeof read === 'string') return usage(read);
    given.push(read);
  }
  let ca: string | undefined;
  if (values.ca !== undefined) {
    try {
      ca = readFileSync(values.ca, 'utf8');
    } catch (error) {
      return usage(`--ca ${values.ca}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      new X509Certificate(ca);
    } catch {
      return usage(`--ca ${values.ca}: not a PEM certificate (-----BEGIN CERTIFICATE-----…)`);
    }
  }
  const proxyRead = readProxySettings(environment.env);
  if ('error' in proxyRead) return usage(proxyRead.error);
  // Slack's side is loaded only when a report is to be posted.
  const slack = values.report === undefined ? undefined : await import('../slack/check-report.js');
  let reportTo: { target: ReportTarget; settings: ReportSettings } | undefined;
  if (slack && values.report !== undefined) {
    const target = slack.parseReportTarget(values.report);
    if (typeof target === 'string') return usage(target);
    const settings = slack.reportSettings(environment.env);
    if (typeof settings === 'string') return usage(settings);
    reportTo = { target, settings };
  }

  let catalog: ReturnType<typeof loadCatalog>;
  try {
    catalog = loadCatalog(values.catalog, undefined, values.overlay);
  } catch (error) {
    if (error instanceof CatalogError) {
      io.err(`harness-ports check: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const words = parsed.positionals.join(' ');
  // The one request path (src/engine/request.ts): the check's plan comes from the same rules as `rules`.
  const { rules: request, plan } = readRequestAs('check', words, catalog, {
    cluster: values.cluster,
    check: {
      all: values.all ?? false,
      to: given,
      proxy: proxyRead.proxy,
      proxyWarnings: proxyRead.warnings,
    },
  });
  if (request.providers.length === 0 && !request.delegate && request.unmatched.length === 0) {
    return usage(
      `name what to check: providers, "checklist …" or "delegate"\n${CHECK_USAGE.split('\n\n')[0]}`,
    );
  }
  const problems = [
    ...rulesProblems(request, catalog).filter((problem) => problem !== RULES_USAGE),
    ...givenDestinationProblems(given, request),
  ];
  if (problems.length) return usage(problems.join('\n'));
  // As `rules` does: words that named nothing are said first, and the rest is checked.
  for (const notice of rulesNotices(request)) io.err(`harness-ports check: ${notice}`);

  const now = environment.now ?? (() => new Date());
  const origin = {
    host: environment.host ?? hostname(),
    at: now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  };
  const results = await runChecks(plan, environment.probeIo ?? systemIo, {
    timeoutMs: Math.min(stepMs, overallMs),
    overallMs,
    concurrency,
    ...(ca ? { ca } : {}),
  });
  const report = checkReport(plan, results, Math.min(stepMs, overallMs), overallMs);
  if (values.junit !== undefined) {
    try {
      writeFileSync(values.junit, renderCheckJunit(report, origin));
    } catch (error) {
      io.err(
        `harness-ports check: --junit ${values.junit}: cannot write it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return 2;
    }
  }
  if (values.json) io.out(JSON.stringify(checkJson(report, origin), null, 2));
  else io.out(format === 'slack' ? renderCheckSlack(report, origin) : renderCheckText(report, origin));
  if (slack && reportTo) {
    const logger = createLogger('warn', (line) => io.err(line), [reportTo.settings.botToken]);
    try {
      const posted = await slack.reportFromCli(
        reportTo.settings,
        { catalog, logger, now: () => Math.floor(now().getTime() / 1000) },
        reportTo.target,
        report,
        origin,
      );
      const ticked = posted.ticked.length ? `; ticked: ${posted.ticked.join(', ')}` : '';
      io.err(`harness-ports check: report posted to ${values.report}${ticked}`);
    } catch (error) {
      io.err(`harness-ports check: --report ${values.report}: ${(error as Error).message}`);
      return 1;
    }
  }
  return report.summary.ok ? 0 : 1;
}
