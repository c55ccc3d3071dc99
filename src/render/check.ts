import type { CheckTarget, NotProbed } from '../engine/check-plan.js';
import {
  type CheckReport,
  duration,
  notProbedLine,
  type ProbeVerdict,
  proxyName,
} from '../engine/check-verdict.js';
import { escapeMrkdwn, inlineCode } from './escape.js';

/**
 * A check report (src/engine/check-verdict.ts) as terminal text, JSON, JUnit XML and a Slack
 * message. Pure: the verdicts and their next steps are the engine's; these only lay them out.
 */

/** Where and when the check ran, as every projection shows it. */
export interface CheckOrigin {
  host: string;
  /** ISO time the check started. */
  at: string;
}

/** What a passing check proves, said with every report. */
export const CHECK_CAVEAT =
  'A passing probe proves the network path from here (DNS, the port, TLS, an HTTP answer), not that a credential or permission works.';

type Entry = CheckReport['results'][number];

/** The label of a result: PASS, FAIL, FAIL (optional), WARN, NOT RUN. */
export function statusLabel(entry: Entry): string {
  const { status } = entry.verdict;
  if (status === 'passed') return 'PASS';
  if (status === 'warning') return 'WARN';
  const label = status === 'failed' ? 'FAIL' : 'NOT RUN';
  return entry.target.required ? label : `${label} (optional)`;
}

const destination = (target: CheckTarget) =>
  `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port} ${target.protocol}`;

const marksOf = (target: CheckTarget) =>
  target.marks.length ? ` [${target.marks.join(', ')}]` : target.required ? '' : ' [optional]';

function headline(report: CheckReport): string {
  const { summary } = report;
  const probes = report.results.length;
  if (probes === 0) return 'nothing was probed';
  const parts = [`${summary.passed} of ${probes} passed`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.warnings) parts.push(`${summary.warnings} to look at`);
  if (summary.notRun) parts.push(`${summary.notRun} not finished`);
  return parts.join(', ');
}

/** The closing line: passed, or what failed. */
export function resultLine(report: CheckReport): string {
  if (report.results.length === 0) {
    return 'Result: NOT CHECKED: nothing could be probed; give destinations (see above) and run it again.';
  }
  if (report.summary.ok) return 'Result: PASSED: every required probe passed.';
  const failing = report.results.filter(
    (entry) =>
      entry.target.required && entry.verdict.status !== 'passed' && entry.verdict.status !== 'warning',
  ).length;
  return `Result: FAILED: ${failing} required probe${failing === 1 ? '' : 's'} did not pass.`;
}

function proxyLines(report: CheckReport): string[] {
  const lines: string[] = [];
  if (report.proxy) {
    const noProxy = report.proxy.noProxy.length ? `; NO_PROXY: ${report.proxy.noProxy.join(', ')}` : '';
    const user = report.proxy.user ? ` as ${report.proxy.user}` : '';
    lines.push(`Proxy: ${proxyName(report.proxy)}${user} (from ${report.proxy.from})${noProxy}`);
  }
  for (const warning of report.proxyWarnings) lines.push(`Proxy warning: ${warning}`);
  return lines;
}

/** The report as terminal text: one line per probe, its next step under a failure. */
export function renderCheckText(report: CheckReport, origin: CheckOrigin): string {
  const lines = [
    `harness-ports check from ${origin.host} at ${origin.at}: ${headline(report)}`,
    ...proxyLines(report),
    '',
  ];
  const width = Math.max(4, ...report.results.map((entry) => statusLabel(entry).length));
  for (const entry of report.results) {
    const { target, verdict } = entry;
    lines.push(
      `${statusLabel(entry).padEnd(width)}  ${target.providerName}  ${destination(target)}${marksOf(target)}  ${verdict.verdict}  (${duration(verdict.ms)}, ${verdict.via})`,
    );
    if (verdict.next) lines.push(`${' '.repeat(width)}  next: ${verdict.next}`);
  }
  if (report.notProbed.length) {
    lines.push('', 'Not probed:');
    for (const entry of report.notProbed) lines.push(`  ${notProbedLine(entry)}`);
  }
  lines.push('', resultLine(report), CHECK_CAVEAT);
  return lines.join('\n');
}

export interface CheckJson {
  ok: boolean;
  from: CheckOrigin;
  summary: CheckReport['summary'];
  /** The proxy used, without its password. */
  proxy?: { url: string; from: string; user?: string; noProxy: string[] };
  proxyWarnings: string[];
  probes: Array<{
    id: string;
    provider: string;
    providerName: string;
    host: string;
    port: number;
    protocol: string;
    required: boolean;
    optional?: string;
    marks: string[];
    status: ProbeVerdict['status'];
    verdict: string;
    next?: string;
    ms: number;
    via: string;
    steps: Entry['outcomes'];
  }>;
  notProbed: NotProbed[];
}

/** The report for scripts (`--json`); the proxy password is never in it. */
export function checkJson(report: CheckReport, origin: CheckOrigin): CheckJson {
  return {
    ok: report.summary.ok,
    from: origin,
    summary: report.summary,
    ...(report.proxy
      ? {
          proxy: {
            url: proxyName(report.proxy),
            from: report.proxy.from,
            ...(report.proxy.user ? { user: report.proxy.user } : {}),
            noProxy: report.proxy.noProxy,
          },
        }
      : {}),
    proxyWarnings: report.proxyWarnings,
    probes: report.results.map(({ target, verdict, outcomes }) => ({
      id: target.id,
      provider: target.providerId,
      providerName: target.providerName,
      host: target.host,
      port: target.port,
      protocol: target.protocol,
      required: target.required,
      ...(target.optional ? { optional: target.optional } : {}),
      marks: target.marks,
      status: verdict.status,
      verdict: verdict.verdict,
      ...(verdict.next ? { next: verdict.next } : {}),
      ms: Math.round(verdict.ms),
      via: verdict.via,
      steps: outcomes.map((outcome) => ({ ...outcome, ms: Math.round(outcome.ms) })),
    })),
    notProbed: report.notProbed,
  };
}

/** Characters XML 1.0 allows: tab, line feed, carriage return and everything from space up. */
const xmlAllowed = (char: string) => {
  const code = char.charCodeAt(0);
  return code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd;
};

const xml = (text: string) =>
  [...text]
    .filter(xmlAllowed)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * The report as JUnit XML for a CI pipeline (`--junit FILE`): a test case per probe, a failure for a
 * required probe that did not pass, `skipped` for an optional one that failed and for every rule
 * not probed. Times in seconds.
 */
export function renderCheckJunit(report: CheckReport, origin: CheckOrigin): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const entry of report.results) {
    const { target, verdict } = entry;
    const name = `${target.providerName} ${destination(target)}`;
    const open = `    <testcase classname="harness-ports.check.${xml(target.providerId)}" name="${xml(name)}" time="${(verdict.ms / 1000).toFixed(3)}">`;
    const message = xml(verdict.verdict);
    const body = xml(
      verdict.next
        ? `${verdict.verdict}\nnext: ${verdict.next}\n${verdict.via}`
        : `${verdict.verdict}\n${verdict.via}`,
    );
    if (verdict.status === 'passed' || verdict.status === 'warning') {
      cases.push(`${open}\n      <system-out>${body}</system-out>\n    </testcase>`);
    } else if (target.required) {
      failures++;
      cases.push(
        `${open}\n      <failure message="${message}" type="${verdict.status}">${body}</failure>\n    </testcase>`,
      );
    } else {
      skipped++;
      cases.push(`${open}\n      <skipped message="optional: ${message}"/>\n    </testcase>`);
    }
  }
  for (const entry of report.notProbed) {
    skipped++;
    const port = entry.port === null ? '' : ` ${entry.protocol} ${entry.port}`;
    cases.push(
      `    <testcase classname="harness-ports.check.${xml(entry.providerId)}" name="${xml(`${entry.providerName}${port}`)}" time="0">\n      <skipped message="${xml(`not probed: ${entry.text}`)}"/>\n    </testcase>`,
    );
  }
  const total = cases.length;
  const seconds = (report.results.reduce((sum, entry) => sum + entry.verdict.ms, 0) / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harness-ports check" tests="${total}" failures="${failures}" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="harness-ports check from ${xml(origin.host)}" timestamp="${xml(origin.at)}" tests="${total}" failures="${failures}" skipped="${skipped}" time="${seconds}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

const SLACK_ICONS: Record<ProbeVerdict['status'], string> = {
  passed: ':white_check_mark:',
  failed: ':x:',
  warning: ':warning:',
  'not-run': ':hourglass:',
};

/** The report as a Slack message to paste (`--format slack`), mrkdwn with every value escaped. */
export function renderCheckSlack(report: CheckReport, origin: CheckOrigin): string {
  const lines = [
    `*harness-ports check* from ${inlineCode(origin.host)} at ${escapeMrkdwn(origin.at)}: ${headline(report)}`,
  ];
  for (const line of proxyLines(report)) lines.push(`_${escapeMrkdwn(line)}_`);
  for (const entry of report.results) {
    const { target, verdict } = entry;
    const optional = target.required ? '' : ' _(optional)_';
    lines.push(
      `${SLACK_ICONS[verdict.status]} *${escapeMrkdwn(target.providerName)}* ${inlineCode(destination(target))}${optional}: ${escapeMrkdwn(verdict.verdict)} _(${duration(verdict.ms)}, ${escapeMrkdwn(verdict.via)})_`,
    );
    if (verdict.next) lines.push(`      ↳ ${escapeMrkdwn(verdict.next)}`);
  }
  if (report.notProbed.length) {
    lines.push('*Not probed*');
    for (const entry of report.notProbed) lines.push(`• ${escapeMrkdwn(notProbedLine(entry))}`);
  }
  lines.push(`*${escapeMrkdwn(resultLine(report))}*`, `_${escapeMrkdwn(CHECK_CAVEAT)}_`);
  return lines.join('\n');
}
