import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { App, Logger, ReceiverEvent } from '@slack/bolt';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

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
  ok: Counter.Internal;
  error: Counter.Internal;
  answer: Histogram.Internal<'surface'>;
  ack: Histogram.Internal<'surface'>;
}

/** Seconds; acks must come within Slack's 3 s, answers mostly take milliseconds. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The process's own metrics (CPU, memory, event loop lag, GC, handles), one set per process: they
 * describe the process, and each set keeps a GC observer and an event loop monitor running for
 * good, so one per app would add one of each per app (tests build many). The bot's own counters
 * are per app (BotMetrics), so nothing one app counts shows in another's.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A sample line whose value is prom-client's NaN. */
const UNMEASURED = /^[^#\n][^\n]* Nan\n/gm;

export interface MetricsSources {
  /** Whether Redis answers; absent without REDIS_URL (then no `harness_ports_redis_up`). */
  redis?: () => 'up' | 'down' | undefined;
  /** Workspaces the bot is installed in (1 with a single bot token). */
  installations: () => number;
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

  constructor(sources: MetricsSources) {
    const own = new Registry();
    const registers = [own];
    const requests = new Counter({
      name: 'harness_ports_requests_total',
      help: 'Slack requests handled, by surface and outcome (ok, or error: a listener failed).',
      labelNames: ['surface', 'outcome'],
      registers,
    });
    const answer = new Histogram({
      name: 'harness_ports_answer_duration_seconds',
      help: 'From Bolt getting a request to the end of its handling (the answer sent), by surface.',
      labelNames: ['surface'],
      buckets: ANSWER_BUCKETS,
      registers,
    });
    const ack = new Histogram({
      name: 'harness_ports_ack_duration_seconds',
      help: 'From Bolt getting a request to its ack (Slack waits 3 s at most), by surface.',
      labelNames: ['surface'],
      buckets: ACK_BUCKETS,
      registers,
    });
    this.surfaces = Object.fromEntries(
      SURFACES.map((surface) => [
        surface,
        {
          ok: requests.labels(surface, 'ok'),
          error: requests.labels(surface, 'error'),
          answer: answer.labels(surface),
          ack: ack.labels(surface),
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
      collect() {
        this.set(installations());
      },
    });
    this.registry = Registry.merge([own, processMetrics()]);
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

  /**
   * `GET /metrics`: the text format; a failure to collect is a 500 and a warning, never a crash.
   * A sample with nothing measured yet (the event loop lag right after start, which prom-client
   * writes as `Nan`) is left out rather than sent as a value.
   */
  handler(logger: Logger): (req: IncomingMessage, res: ServerResponse) => void {
    return (_req, res) => {
      this.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': this.registry.contentType });
          res.end(text.replace(UNMEASURED, ''));
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
