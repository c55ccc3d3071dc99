import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import nock from 'nock';
import {
  getMetricsFromStream,
  type PromData,
  type PromHistogramData,
  type PromMetrics,
} from 'prom2javascript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { createLogger } from '../../src/logger.js';
import { startHealthServer } from '../../src/slack/health.js';
import { BotMetrics, METRICS_PATH, SURFACES, surfaceOf } from '../../src/slack/metrics.js';
import { policyFetch } from '../../src/slack/web-api-policy.js';
import { realCatalog } from '../helpers/catalog.js';
import { startFakeSocketServer } from '../helpers/fake-socket-mode.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import {
  appHomeOpenedEvent,
  appMentionEvent,
  eventCallbackBody,
  postSigned,
  SLACK_API_HOST,
  SLACK_API_URL,
  slashCommand,
  slashCommandBody,
  startTestApp,
  untypedEvent,
} from '../helpers/slack.js';
import { fakeSlack, useTestApp } from './support.js';

const catalog = realCatalog();
const t = useTestApp(catalog, { webApiPolicy: { backoffMs: 1 } });

/** GET /metrics, checked to be Prometheus's text format, parsed by an independent parser. */
async function scrape(baseUrl: string): Promise<PromMetrics> {
  const response = await fetch(`${baseUrl}${METRICS_PATH}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return getMetricsFromStream(Readable.from([await response.text()]));
}

/** The value of a counter or gauge sample with exactly these labels (0 when absent). */
function value(metrics: PromMetrics, name: string, labels: Record<string, string> = {}): number {
  const family = metrics[name];
  expect(family, `${name} is exposed`).toBeDefined();
  const sample = (family!.data as PromData[]).find(
    (data) =>
      JSON.stringify(Object.entries(data.labels).sort()) === JSON.stringify(Object.entries(labels).sort()),
  );
  return sample?.value ?? 0;
}

/** How many observations a histogram holds for a surface. */
function observations(metrics: PromMetrics, name: string, surface: string): number {
  const family = metrics[name];
  expect(family?.type, `${name} is a histogram`).toBe('histogram');
  return (family!.data as PromHistogramData[]).find((data) => data.labels.surface === surface)?.count ?? 0;
}

async function deliver(body: string) {
  const response = await postSigned(t.running.baseUrl, body, 'application/json');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

describe('GET /metrics on the health port', () => {
  it('counts a slash command, a mention and a Home tab with their acks, answers and Slack calls', async () => {
    const before = await scrape(t.running.baseUrl);

    const slash = await postSigned(
      t.running.baseUrl,
      slashCommandBody('splunk'),
      'application/x-www-form-urlencoded',
    );
    expect(slash.status).toBe(200);
    expect(await slash.text()).toContain('8089');
    const miss = await postSigned(
      t.running.baseUrl,
      slashCommandBody('qwxzvbn'),
      'application/x-www-form-urlencoded',
    );
    expect(miss.status).toBe(200);
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732560000.000500' });
    await deliver(eventCallbackBody(appMentionEvent('what ports does splunk need?')));
    // views.publish is safe to repeat: its 503 is retried, then the retry succeeds.
    nock(SLACK_API_HOST).post('/api/views.publish').reply(503, 'unavailable');
    t.slack.api('views.publish');
    await deliver(eventCallbackBody(appHomeOpenedEvent('home')));

    const after = await scrape(t.running.baseUrl);
    const moved = (name: string, labels?: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    const observed = (name: string, surface: string) =>
      observations(after, name, surface) - observations(before, name, surface);

    expect(moved('harness_ports_requests_total', { surface: 'slash', outcome: 'ok' })).toBe(2);
    expect(moved('harness_ports_requests_total', { surface: 'mention', outcome: 'ok' })).toBe(1);
    expect(moved('harness_ports_requests_total', { surface: 'home', outcome: 'ok' })).toBe(1);
    expect(moved('harness_ports_requests_total', { surface: 'slash', outcome: 'error' })).toBe(0);
    for (const surface of ['slash', 'mention', 'home']) {
      expect(observed('harness_ports_ack_duration_seconds', surface)).toBe(surface === 'slash' ? 2 : 1);
      expect(observed('harness_ports_answer_duration_seconds', surface)).toBe(surface === 'slash' ? 2 : 1);
    }
    expect(moved('harness_ports_missed_queries_total')).toBe(1);
    expect(moved('harness_ports_slack_api_calls_total', { method: 'chat.postMessage', result: 'ok' })).toBe(
      1,
    );
    expect(moved('harness_ports_slack_api_calls_total', { method: 'views.publish', result: 'ok' })).toBe(1);
    expect(moved('harness_ports_slack_api_calls_total', { method: 'views.publish', result: 'error' })).toBe(
      0,
    );
    expect(
      moved('harness_ports_slack_api_retries_total', { method: 'views.publish', reason: 'server_error' }),
    ).toBe(1);
    expect(value(after, 'harness_ports_installations')).toBe(1);
    // Without REDIS_URL there is no Redis to report on.
    expect(after.harness_ports_redis_up).toBeUndefined();
    // The process's own metrics.
    expect(value(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(after.nodejs_eventloop_lag_p99_seconds?.type).toBe('gauge');
    expect(value(after, 'nodejs_version_info', { version: process.version })).toBe(1);
  });

  it('counts a Slack answer "ok":false as a Slack error; the request that told the user is ok', async () => {
    const before = await scrape(t.running.baseUrl);
    t.slack.api('chat.postMessage', { ok: false, error: 'not_in_channel' });
    t.slack.api('chat.postEphemeral', { ok: true });
    await deliver(eventCallbackBody(appMentionEvent('splunk')));
    const after = await scrape(t.running.baseUrl);
    expect(
      value(after, 'harness_ports_slack_api_calls_total', { method: 'chat.postMessage', result: 'error' }) -
        value(before, 'harness_ports_slack_api_calls_total', { method: 'chat.postMessage', result: 'error' }),
    ).toBe(1);
    // The listener told the user and finished: the request itself was handled.
    expect(
      value(after, 'harness_ports_requests_total', { surface: 'mention', outcome: 'ok' }) -
        value(before, 'harness_ports_requests_total', { surface: 'mention', outcome: 'ok' }),
    ).toBe(1);
  });

  it('counts a request whose handling threw under outcome "error"', async () => {
    const running = await startTestApp(catalog);
    try {
      running.bot.app.use(async ({ body, next }) => {
        if (surfaceOf(body) === 'events') throw new Error('a listener that fails');
        await next();
      });
      const response = await postSigned(
        running.baseUrl,
        eventCallbackBody(untypedEvent({ type: 'reaction_added', user: 'U0ALICE', reaction: 'eyes' })),
        'application/json',
      );
      expect(response.status).toBe(200);
      await expect.poll(() => running.logs.some((line) => line.includes('a listener failed'))).toBe(true);
      const metrics = await scrape(running.baseUrl);
      expect(value(metrics, 'harness_ports_requests_total', { surface: 'events', outcome: 'error' })).toBe(1);
      expect(value(metrics, 'harness_ports_requests_total', { surface: 'events', outcome: 'ok' })).toBe(0);
    } finally {
      await running.stop();
    }
  });

  it("keeps each app's counts to itself: a new app starts from zero", async () => {
    const running = await startTestApp(catalog);
    try {
      const metrics = await scrape(running.baseUrl);
      for (const surface of SURFACES) {
        expect(value(metrics, 'harness_ports_requests_total', { surface, outcome: 'ok' })).toBe(0);
      }
      expect(value(metrics, 'harness_ports_missed_queries_total')).toBe(0);
    } finally {
      await running.stop();
    }
  });
});

describe('METRICS=off', () => {
  it('serves no /metrics (404) and still answers', async () => {
    const running = await startTestApp(catalog, { config: { metricsOff: true } });
    try {
      expect(running.bot.metrics).toBeUndefined();
      expect((await fetch(`${running.baseUrl}${METRICS_PATH}`)).status).toBe(404);
      const response = await postSigned(
        running.baseUrl,
        slashCommandBody('splunk'),
        'application/x-www-form-urlencoded',
      );
      expect(await response.text()).toContain('8089');
    } finally {
      await running.stop();
    }
  });
});

describe('Redis availability', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('is 1 while Redis answers and 0 once it is gone', async () => {
    const running = await startTestApp(catalog, { config: { redisUrl: redis.url } });
    try {
      expect(value(await scrape(running.baseUrl), 'harness_ports_redis_up')).toBe(1);
      await redis.kill();
      await expect
        .poll(async () => value(await scrape(running.baseUrl), 'harness_ports_redis_up'), { timeout: 5_000 })
        .toBe(0);
    } finally {
      await running.stop();
      await redis.restart();
    }
  });
});

describe('Slack call results', () => {
  const logger = createLogger('error', () => undefined);
  const recorded = () => {
    const calls: string[] = [];
    return {
      calls,
      slackCall: (method: string, result: string) => calls.push(`${method} ${result}`),
      slackRetry: (method: string, reason: string) => calls.push(`${method} retry ${reason}`),
    };
  };
  const policy = {
    timeoutMs: 200,
    maxRetryAfterSeconds: 1,
    retries: 2,
    backoffMs: 1,
    maxConcurrentCalls: 10,
  };
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('are ok, rate_limited (Retry-After too long to wait), timeout and error, with retries by reason', async () => {
    const recorder = recorded();
    const fetchFn = policyFetch(logger, policy, recorder);
    const post = (method: string) => fetchFn(`${SLACK_API_URL}${method}`, { method: 'POST', body: 'x=1' });
    nock(SLACK_API_HOST)
      .post('/api/conversations.info')
      .reply(429, '', { 'retry-after': '0' })
      .post('/api/conversations.info')
      .reply(200, { ok: true });
    expect((await (await post('conversations.info')).json()) as unknown).toEqual({ ok: true });
    nock(SLACK_API_HOST).post('/api/chat.postMessage').reply(429, '', { 'retry-after': '30' });
    expect((await post('chat.postMessage')).status).toBe(429);
    nock(SLACK_API_HOST).post('/api/views.publish').times(3).delay(500).reply(200, { ok: true });
    await expect(post('views.publish')).rejects.toThrow();
    nock(SLACK_API_HOST).post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    expect((await (await post('auth.test')).json()) as unknown).toEqual({ ok: false, error: 'invalid_auth' });
    nock('https://hooks.slack.test').post('/commands/T1/1/abc').reply(404, 'expired_url');
    expect((await fetchFn('https://hooks.slack.test/commands/T1/1/abc', { method: 'POST' })).status).toBe(
      404,
    );

    expect(recorder.calls).toEqual([
      'conversations.info retry rate_limited',
      'conversations.info ok',
      'chat.postMessage rate_limited',
      'views.publish timeout',
      'auth.test error',
      'response_url error',
    ]);
  });
});

describe('Socket Mode', () => {
  it('counts a slash command that came over the WebSocket, on the health port', async () => {
    const socket = await startFakeSocketServer();
    const slack = fakeSlack();
    slack.api('apps.connections.open', { ok: true, url: socket.url });
    const running = await startTestApp(catalog, {
      config: { mode: 'socket', appToken: 'xapp-1-A0APP-1-metrics', signingSecret: undefined },
    });
    try {
      await socket.connected;
      socket.send({
        type: 'slash_commands',
        envelope_id: 'e0f1a2b3-0000-4000-8000-000000000001',
        payload: slashCommand('splunk'),
        accepts_response_payload: true,
      });
      const counted = async () =>
        value(await scrape(running.baseUrl), 'harness_ports_requests_total', {
          surface: 'slash',
          outcome: 'ok',
        });
      await expect.poll(counted, { timeout: 5_000 }).toBe(1);
      const metrics = await scrape(running.baseUrl);
      expect(observations(metrics, 'harness_ports_ack_duration_seconds', 'slash')).toBe(1);
      expect(observations(metrics, 'harness_ports_answer_duration_seconds', 'slash')).toBe(1);
    } finally {
      await running.stop();
      slack.dispose();
      await socket.close();
    }
  });

  it('serves /metrics beside /healthz', async () => {
    const metrics = new BotMetrics({ installations: () => 1 });
    const logger = createLogger('error', () => undefined);
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      logger,
      handler: (_req, res) => res.end('{"ok":true}'),
      metrics: metrics.handler(logger),
    });
    try {
      const parsed = await scrape(`http://127.0.0.1:${server.port}`);
      expect(value(parsed, 'harness_ports_installations')).toBe(1);
      expect(parsed.harness_ports_requests_total?.type).toBe('counter');
    } finally {
      await server.close();
      metrics.close();
    }
  });
});

describe('deploy/', () => {
  const deployment = parseAllDocuments(readFileSync('deploy/harness-ports.yaml', 'utf8'))
    .map((doc) => doc.toJS() as { kind: string; spec?: Record<string, unknown> })
    .find((doc) => doc.kind === 'Deployment');
  const alerts = parse(readFileSync('deploy/alerts.yaml', 'utf8')) as {
    kind: string;
    spec: { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> };
  };

  it("asks Prometheus to scrape /metrics on the container's port", () => {
    const template = deployment?.spec?.template as {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: Array<{ ports: Array<{ containerPort: number }> }> };
    };
    expect(template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(template.spec.containers[0]!.ports[0]!.containerPort),
      'prometheus.io/path': METRICS_PATH,
    });
  });

  it('alerts on no answers, Slack errors and Redis down, naming only metrics /metrics exposes', async () => {
    const redis = await startRedis();
    const running = await startTestApp(catalog, { config: { redisUrl: redis.url } });
    try {
      const response = await postSigned(
        running.baseUrl,
        slashCommandBody('splunk'),
        'application/x-www-form-urlencoded',
      );
      expect(response.status).toBe(200);
      const exposed = await scrape(running.baseUrl);
      const rules = alerts.spec.groups.flatMap((group) => group.rules);
      expect(alerts.kind).toBe('PrometheusRule');
      expect(rules.map((rule) => rule.alert)).toEqual([
        'HarnessPortsNoAnswers',
        'HarnessPortsSlackErrors',
        'HarnessPortsRedisDown',
      ]);
      for (const rule of rules) {
        // Metric names: identifiers that are not PromQL functions, keywords or label names.
        const names = [...rule.expr.replace(/\{[^}]*\}|\[[^\]]*\]/g, '').matchAll(/[a-z_][a-z0-9_]*/g)]
          .map(([name]) => name)
          .filter((name) => name.includes('_') && !['by', 'and', 'or', 'unless'].includes(name));
        expect(names.length, `${rule.alert} names a metric`).toBeGreaterThan(0);
        for (const name of names) {
          const family = name.replace(/_(bucket|count|sum)$/, '');
          expect(exposed[family] ?? exposed[name], `${rule.alert}: ${name}`).toBeDefined();
        }
        // Every label it filters on is one the metric has.
        for (const [, label] of rule.expr.matchAll(/[{,]\s*(\w+)\s*!?=/g)) {
          expect(['outcome', 'result', 'surface', 'method', 'reason'], `${rule.alert}: ${label}`).toContain(
            label,
          );
        }
      }
      expect(value(exposed, 'harness_ports_redis_up')).toBe(1);
    } finally {
      await running.stop();
      await redis.stop();
    }
  });
});
