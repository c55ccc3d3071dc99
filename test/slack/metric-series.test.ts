import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PlainCounter, PlainHistogram } from '../../src/slack/metric-series.js';

/**
 * The plain series print what prom-client's own Counter and Histogram print for the same
 * observations: the same text (Prometheus's format) and the same JSON, series in the order they
 * were first recorded, and nothing for a series never recorded.
 */

const BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const SURFACES = ['slash', 'mention', 'dm', 'home'];
const OUTCOMES = ['ok', 'error'];

/** Values on the bounds, between them and beyond the last, as durations in seconds are. */
const seconds = fc.oneof(
  fc.constantFrom(0, ...BOUNDS),
  fc.double({ min: 0, max: 4, noNaN: true }),
  fc.double({ min: 0, max: 0.02, noNaN: true }),
);

function bothHistograms(observations: Array<[number, number]>) {
  const theirs = new Registry();
  const ours = new Registry();
  const help = 'From Bolt getting a request to its ack, by surface.';
  const prom = new Histogram({
    name: 'x_seconds',
    help,
    labelNames: ['surface'],
    buckets: BOUNDS,
    registers: [theirs],
  });
  const plain = new PlainHistogram('x_seconds', help, BOUNDS, ours);
  for (const [surface, value] of observations) {
    prom.labels(SURFACES[surface]!).observe(value);
    plain.labels({ surface: SURFACES[surface]! }).observe(value);
  }
  return { theirs, ours };
}

describe('PlainHistogram', () => {
  it("prints prom-client's text and JSON for any observations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: SURFACES.length - 1 }), seconds), { maxLength: 60 }),
        async (observations) => {
          const { theirs, ours } = bothHistograms(observations);
          expect(await ours.metrics()).toBe(await theirs.metrics());
          expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts a value on a bound in that bucket, and one beyond the last only in +Inf', async () => {
    const { ours } = bothHistograms([
      [0, 0.005],
      [0, 3],
    ]);
    const text = await ours.metrics();
    expect(text).toContain('x_seconds_bucket{le="0.0025",surface="slash"} 0');
    expect(text).toContain('x_seconds_bucket{le="0.005",surface="slash"} 1');
    expect(text).toContain('x_seconds_bucket{le="2.5",surface="slash"} 1');
    expect(text).toContain('x_seconds_bucket{le="+Inf",surface="slash"} 2');
    expect(text).toContain('x_seconds_sum{surface="slash"} 3.005');
    expect(text).toContain('x_seconds_count{surface="slash"} 2');
    expect(text).not.toContain('surface="mention"');
  });

  it('is emptied by the registry, as prom-client resets its own', async () => {
    const { theirs, ours } = bothHistograms([
      [1, 0.2],
      [2, 0.01],
    ]);
    theirs.resetMetrics();
    ours.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).not.toContain('x_seconds_count');
  });
});

describe('PlainCounter', () => {
  it("prints prom-client's text and JSON for any increments", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: SURFACES.length - 1 }), fc.nat({ max: OUTCOMES.length - 1 })), {
          maxLength: 60,
        }),
        async (increments) => {
          const theirs = new Registry();
          const ours = new Registry();
          const prom = new Counter({
            name: 'x_total',
            help: 'Requests.',
            labelNames: ['surface', 'outcome'],
            registers: [theirs],
          });
          const plain = new PlainCounter('x_total', 'Requests.', ours);
          for (const [surface, outcome] of increments) {
            prom.labels(SURFACES[surface]!, OUTCOMES[outcome]!).inc();
            plain.labels({ surface: SURFACES[surface]!, outcome: OUTCOMES[outcome]! }).inc();
          }
          expect(await ours.metrics()).toBe(await theirs.metrics());
          expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shares one series between every binding of the same labels', async () => {
    const registry = new Registry();
    const counter = new PlainCounter('x_total', 'Requests.', registry);
    const first = counter.labels({ surface: 'slash', outcome: 'ok' });
    first.inc();
    counter.labels({ surface: 'slash', outcome: 'ok' }).inc();
    expect(first.value).toBe(2);
    expect(await registry.metrics()).toContain('x_total{surface="slash",outcome="ok"} 2');
  });

  it('refuses a second metric of the same name in one registry, as prom-client does', () => {
    const registry = new Registry();
    new PlainCounter('x_total', 'Requests.', registry);
    expect(() => new PlainCounter('x_total', 'Requests.', registry)).toThrow(/already been registered/);
  });
});
