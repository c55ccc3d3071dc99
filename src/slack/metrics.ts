import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { App, Logger, ReceiverEvent } from '@slack/bolt';
import { Counter, Gauge, Registry } from 'prom-client';
import { type CounterSeries, type HistogramSeries, PlainCounter, PlainHistogram } from './metric-series.js';

/** Where Prometheus scrapes the bot: the health port, beside `/healthz`. */
export const METRICS_PATH = '/metrics';

/** What kind of Slack request a request is, as the `surface` label says it. */
export const SURFACES = [
  'slash',
  'mention',
  'dm',
  'home',
  'actions',
  'views',
  'functions',
  'options',
  'shortcuts',
  'events',
  'other',
] as const;
export type Surface = (typeof SURFACES)[number];

/** How a request ended: its listener finished, or it failed (the error handler logged it). */
export const OUTCOMES = ['ok', 'error'] as const;

/** How one Web API call or response URL post ended, after its retries. */
export const SLACK_CALL_RESULTS = ['ok', 'rate_limited', 'error', 'timeout'] as const;
export type SlackCallResult = (typeof SLACK_CALL_RESULTS)[number];
/** Why a call was sent again. */
export type SlackRetryReason = 'rate_limited' | 'server_error' | 'network';

/** The surface of a request from its body (Bolt's body: a slash command, an event, an interaction). */
export function surfaceOf(body: unknown): Surface {
  if (typeof body !== 'object' || body === null) return 'other';
  const request = body as { command?: unknown; type?: unknown; event?: unknown };
  if (typeof request.command === 'string') return 'slash';
  switch (request.type) {
    case 'event_callback':
      return eventSurface(request.event);
    case 'block_actions':
    case 'interactive_message':
      return 'actions';
    case 'view_submission':
    case 'view_closed':
      return 'views';
    case 'block_suggestion':
      return 'options';
    case 'shortcut':
    case 'message_action':
      return 'shortcuts';
    default:
      return 'other';
  }
}

function eventSurface(event: unknown): Surface {
  if (typeof event !== 'object' || event === null) return 'events';
  const { type, channel_type: channelType } = event as { type?: unknown; channel_type?: unknown };
  if (type === 'app_mention') return 'mention';
  if (type === 'message' && channelType === 'im') return 'dm';
  if (type === 'app_home_opened') return 'home';
  if (type === 'function_executed') return 'functions';
  return 'events';
}

/** The series of one surface, bound once so that a request costs no label lookup. */
interface SurfaceSeries {
  ok: CounterSeries;
  error: CounterSeries;
  answer: HistogramSeries;
  ack: HistogramSeries;
}

/** Seconds; acks must come within Slack's 3 s, answers mostly take milliseconds. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Event loop delay is sampled this often (ms), by libuv's timer: nothing runs in JavaScript. */
const EVENT_LOOP_RESOLUTION_MS = 20;

/**
 * The process's own metrics, named as prom-client's defaults are (CPU, memory, heap, open files,
 * event loop lag, start time, version), all read when Prometheus scrapes. prom-client's
 * collectDefaultMetrics is not used: beside METRICS=off it cost more CPU per ack than this
 * (bench/BASELINE.md), its GC observer runs JavaScript after every garbage collection, and neither
 * it nor its event loop monitor can be stopped (one more of each per app in the tests).
 */
function processMetrics(registers: Registry[], eventLoop: IntervalHistogram): void {
  const cpu = (name: string, help: string, read: (usage: NodeJS.CpuUsage) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read(process.cpuUsage()) / 1e6);
      },
    });
  cpu('process_cpu_user_seconds_total', 'User CPU time spent, in seconds.', (usage) => usage.user);
  cpu('process_cpu_system_seconds_total', 'System CPU time spent, in seconds.', (usage) => usage.system);
  cpu('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.', (u) => u.user + u.system);
  const gauge = (name: string, help: string, read: () => number | undefined) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const value = read();
        if (value !== undefined) this.set(value);
      },
    });
  gauge('process_resident_memory_bytes', 'Resident memory size, in bytes.', () => process.memoryUsage.rss());
  gauge('nodejs_heap_size_total_bytes', 'V8 heap size, in bytes.', () => process.memoryUsage().heapTotal);
  gauge('nodejs_heap_size_used_bytes', 'V8 heap used, in bytes.', () => process.memoryUsage().heapUsed);
  gauge(
    'nodejs_external_memory_bytes',
    'Memory of C++ objects bound to JavaScript, in bytes.',
    () => process.memoryUsage().external,
  );
  gauge('process_open_fds', 'Open file descriptors (Linux).', () => {
    try {
      return readdirSync('/proc/self/fd').length - 1;
    } catch {
      return undefined;
    }
  });
  const started = Math.round(Date.now() / 1000 - process.uptime());
  gauge(
    'process_start_time_seconds',
    'Start time of the process, in seconds since the epoch.',
    () => started,
  );
  const lag = (name: string, help: string, read: () => number) =>
    gauge(name, help, () => (eventLoop.count > 0 ? read() / 1e9 : undefined));
  lag(
    'nodejs_eventloop_lag_mean_seconds',
    'Mean event loop delay since start, in seconds.',
    () => eventLoop.mean,
  );
  lag(
    'nodejs_eventloop_lag_p99_seconds',
    '99th percentile of event loop delay since start, in seconds.',
    () => eventLoop.percentile(99),
  );
  lag(
    'nodejs_eventloop_lag_max_seconds',
    'Longest event loop delay since start, in seconds.',
    () => eventLoop.max,
  );
  new Gauge({
    name: 'nodejs_version_info',
    help: 'Node.js version.',
    labelNames: ['version'],
    registers,
  }).set({ version: process.version }, 1);
}

export interface MetricsSources {
  /** Whether Redis answers; absent without REDIS_URL (then no `harness_ports_redis_up`). */
  redis?: () => 'up' | 'down' | undefined;
  /** Workspaces the bot is installed in (1 with a single bot token). */
  installations: () => number | Promise<number>;
}

/**
 * What an operator alerts on, in Prometheus's text format (`GET /metrics`). Recording is a few
 * additions on series bound at construction: nothing is awaited, sent or logged on a request's
 * path, and the gauges (Redis, installations) are read only when Prometheus scrapes.
 */
export class BotMetrics {
  readonly registry: Registry;
  private readonly surfaces: Record<Surface, SurfaceSeries>;
  private readonly misses: Counter;
  private readonly slackCalls: Counter<'method' | 'result'>;
  private readonly slackRetries: Counter<'method' | 'reason'>;
  private readonly failed = new WeakSet<object>();
  private readonly eventLoop = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });

  constructor(sources: MetricsSources) {
    this.registry = new Registry();
    const registers = [this.registry];
    // Recorded on every request: plain series (metric-series.ts says why and what it saves).
    const requests = new PlainCounter(
      'harness_ports_requests_total',
      'Slack requests handled, by surface and outcome (ok, or error: a listener failed).',
      this.registry,
    );
    const answer = new PlainHistogram(
      'harness_ports_answer_duration_seconds',
      'From Bolt getting a request to the end of its handling (the answer sent), by surface.',
      ANSWER_BUCKETS,
      this.registry,
    );
    const ack = new PlainHistogram(
      'harness_ports_ack_duration_seconds',
      'From Bolt getting a request to its ack (Slack waits 3 s at most), by surface.',
      ACK_BUCKETS,
      this.registry,
    );
    this.surfaces = Object.fromEntries(
      SURFACES.map((surface) => [
        surface,
        {
          ok: requests.labels({ surface, outcome: 'ok' }),
          error: requests.labels({ surface, outcome: 'error' }),
          answer: answer.labels({ surface }),
          ack: ack.labels({ surface }),
        },
      ]),
    ) as Record<Surface, SurfaceSeries>;
    this.misses = new Counter({
      name: 'harness_ports_missed_queries_total',
      help: 'Queries that found nothing (the Home tab lists the most missed).',
      registers,
    });
    this.slackCalls = new Counter({
      name: 'harness_ports_slack_api_calls_total',
      help: 'Slack Web API calls and response URL posts, by method and result (ok, rate_limited, error, timeout).',
      labelNames: ['method', 'result'],
      registers,
    });
    this.slackRetries = new Counter({
      name: 'harness_ports_slack_api_retries_total',
      help: 'Slack calls sent again, by method and reason (rate_limited, server_error, network).',
      labelNames: ['method', 'reason'],
      registers,
    });
    const { redis, installations } = sources;
    if (redis) {
      new Gauge({
        name: 'harness_ports_redis_up',
        help: 'Whether Redis answers (1) or not (0).',
        registers,
        collect() {
          this.set(redis() === 'up' ? 1 : 0);
        },
      });
    }
    new Gauge({
      name: 'harness_ports_installations',
      help: 'Workspaces the bot is installed in.',
      registers,
      async collect() {
        this.set(await installations());
      },
    });
    this.eventLoop.enable();
    processMetrics(registers, this.eventLoop);
  }

  /** Stops sampling the event loop (when the app stops). */
  close(): void {
    this.eventLoop.disable();
  }

  /** The bound series of a surface. */
  series(surface: Surface): SurfaceSeries {
    return this.surfaces[surface];
  }

  /** Marks a request as failed (from the app's error handler, which gets the request's body). */
  requestFailed(body: unknown): void {
    if (typeof body === 'object' && body !== null) this.failed.add(body);
  }

  /** Whether requestFailed was called with this body. */
  hasFailed(body: unknown): boolean {
    return typeof body === 'object' && body !== null && this.failed.has(body);
  }

  missedQuery(): void {
    this.misses.inc();
  }

  slackCall(method: string, result: SlackCallResult): void {
    this.slackCalls.labels(method, result).inc();
  }

  slackRetry(method: string, reason: SlackRetryReason): void {
    this.slackRetries.labels(method, reason).inc();
  }

  /** `GET /metrics`: the text format; a failure to collect is a 500 and a warning, never a crash. */
  handler(logger: Logger): (req: IncomingMessage, res: ServerResponse) => void {
    return (_req, res) => {
      this.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': this.registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          logger.warn(
            'could not collect the metrics',
            error instanceof Error ? error.message : String(error),
          );
          res.writeHead(500);
          res.end();
        },
      );
    };
  }
}

/**
 * Times every request Bolt gets, whichever receiver gives it (HTTP or Socket Mode both call
 * `app.processEvent`): its ack, the end of its handling and its outcome, by surface. It wraps the
 * event's ack in a copy of the event (Bolt's own object is never written to: see
 * middleware-chain.ts for what such a write cost).
 *
 * What it costs each request: in-process (a Bolt App processing a slash command, pinned to one CPU),
 * 12.7 µs with it against 12.4 µs without, the series being plain numbers (metric-series.ts). With
 * prom-client's bound series it was 15.3 µs: their observes and increment cost about 0.8 µs in a
 * loop of 1e6 calls, but about 3 µs on a request's path, and made the bot's server CPU per ack
 * 1.01x to 1.08x that of METRICS=off in `npm run bench` (now 0.97x to 1.00x, five runs each).
 */
export function measureRequests(app: App, metrics: BotMetrics): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const started = performance.now();
    const series = metrics.series(surfaceOf(event.body));
    const boltAck = event.ack;
    let acked = false;
    const ack: ReceiverEvent['ack'] = (response) => {
      if (!acked) {
        acked = true;
        series.ack.observe((performance.now() - started) / 1000);
      }
      return boltAck(response);
    };
    const finish = (failed: boolean) => {
      series.answer.observe((performance.now() - started) / 1000);
      (failed || metrics.hasFailed(event.body) ? series.error : series.ok).inc();
    };
    return processEvent({ ...event, ack }).then(
      () => finish(false),
      (error: unknown) => {
        finish(true);
        throw error;
      },
    );
  };
}
