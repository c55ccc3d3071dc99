import type { Metric, Registry } from 'prom-client';

/**
 * The per-request series of `GET /metrics` (requests by surface and outcome, ack and answer
 * durations by surface) as plain numbers, shown through prom-client's registry in its own text
 * format. Recording one is a few additions: no label check, no hashing, no allocation.
 *
 * Why not prom-client's own Counter and Histogram: their bound series (`labels(...)`) check the
 * labels and hash them again on every call, and build an object per observation. What that cost the
 * bot, measured on the 2-core machine (2026-12-08):
 * - in-process, a Bolt App processing a slash command (the wrapper of measureRequests, two observes,
 *   one increment; pinned to one CPU, 20 alternating rounds of 20,000): 15.3 µs per request with
 *   prom-client's series against 12.3 µs without metrics; 12.7 µs with these against 12.4 µs.
 * - `npm run bench`, server CPU per ack, bot / METRICS=off, median of the paired rounds, five runs
 *   each: 1.03, 1.07, 1.03, 1.01, 1.08 with prom-client's series (two above the 1.05x target);
 *   1.00, 0.991, 0.993, 0.991, 0.973 with these.
 * The test (test/slack/metric-series.test.ts) holds the text and JSON to what prom-client's own
 * metrics print for the same values.
 */

/** One labelled series of a histogram: a count per bucket (not cumulative), the sum and the count. */
export class HistogramSeries {
  readonly perBucket: number[];
  sum = 0;
  count = 0;

  constructor(readonly bounds: readonly number[]) {
    this.perBucket = bounds.map(() => 0);
  }

  /** As prom-client's: the first bucket whose upper bound is at least the value; beyond the last, only +Inf. */
  observe(value: number): void {
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) this.perBucket[i]! += 1;
    this.sum += value;
    this.count += 1;
  }
}

/** One labelled series of a counter. */
export class CounterSeries {
  value = 0;

  inc(): void {
    this.value += 1;
  }
}

type Labels = Record<string, string | number>;
interface ValueLine {
  value: number;
  labels: Labels;
  metricName?: string;
  /** prom-client's buckets carry one (null: none); kept so that getMetricsAsJSON reads the same. */
  exemplar?: null;
}
interface MetricData {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: ValueLine[];
  aggregator: 'sum';
}

/** The part of prom-client's metric interface its Registry uses to print, list and reset a metric. */
abstract class RegisteredMetric<S> {
  readonly aggregator = 'sum';
  abstract readonly type: 'counter' | 'histogram';
  private readonly series = new Map<string, { labels: Labels; series: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
  ) {
    // prom-client's Registry takes its own metric classes only, by type; it reads name, help, type,
    // aggregator, get() and reset(), which this class has.
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series with these labels, made on first use and kept (bind once, record many times). */
  protected bind(labels: Labels, make: () => S): S {
    const key = JSON.stringify(labels);
    let found = this.series.get(key);
    if (!found) {
      found = { labels, series: make() };
      this.series.set(key, found);
    }
    return found.series;
  }

  protected abstract lines(labels: Labels, series: S): ValueLine[];
  protected abstract used(series: S): boolean;
  protected abstract clear(series: S): void;

  /** As prom-client's get(): only the series recorded at least once, each as its text lines' values. */
  async get(): Promise<MetricData> {
    const values: ValueLine[] = [];
    for (const { labels, series } of this.series.values()) {
      if (this.used(series)) values.push(...this.lines(labels, series));
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    for (const { series } of this.series.values()) this.clear(series);
  }
}

export class PlainCounter extends RegisteredMetric<CounterSeries> {
  readonly type = 'counter';

  labels(labels: Labels): CounterSeries {
    return this.bind(labels, () => new CounterSeries());
  }

  protected lines(labels: Labels, series: CounterSeries): ValueLine[] {
    return [{ value: series.value, labels }];
  }

  protected used(series: CounterSeries): boolean {
    return series.value > 0;
  }

  protected clear(series: CounterSeries): void {
    series.value = 0;
  }
}

export class PlainHistogram extends RegisteredMetric<HistogramSeries> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    super(name, help, registry);
  }

  labels(labels: Labels): HistogramSeries {
    return this.bind(labels, () => new HistogramSeries(this.bounds));
  }

  /** prom-client's lines: cumulative buckets with `le` first, +Inf, then _sum and _count. */
  protected lines(labels: Labels, series: HistogramSeries): ValueLine[] {
    const bucket = `${this.name}_bucket`;
    let cumulative = 0;
    const lines: ValueLine[] = series.bounds.map((le, i) => {
      cumulative += series.perBucket[i]!;
      return { value: cumulative, metricName: bucket, exemplar: null, labels: { le, ...labels } };
    });
    lines.push(
      { value: series.count, metricName: bucket, exemplar: null, labels: { le: '+Inf', ...labels } },
      { value: series.sum, labels: { ...labels }, metricName: `${this.name}_sum` },
      { value: series.count, labels: { ...labels }, metricName: `${this.name}_count` },
    );
    return lines;
  }

  protected used(series: HistogramSeries): boolean {
    return series.count > 0;
  }

  protected clear(series: HistogramSeries): void {
    series.perBucket.fill(0);
    series.sum = 0;
    series.count = 0;
  }
}
