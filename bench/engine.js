import { performance } from 'node:perf_hooks';
import { loadCatalog, parseCatalog } from '../dist/catalog/load.js';
import { answer } from '../dist/engine/answer.js';
import { SearchIndex } from '../dist/engine/search-index.js';
import { suggest } from '../dist/engine/typeahead.js';
import { suggestionOptions } from '../dist/render/blocks/options.js';
import { QUERIES } from './queries.js';
import { median, summarize } from './stats.js';

/** Query kinds that reach the fuzzy (fuse.js) search: everything else is answered by exact lookups. */
const FUZZY_KINDS = new Set(['typo', 'miss']);

/**
 * The real catalog `copies` times over: copy 0 is the real catalog, every other copy gets new
 * unique ids, names, aliases and groups (suffix " N<copy>"), its NextGen connectors naming their
 * table rows of the same copy, and the whole is validated by the schema.
 */
export function scaledCatalog(catalog, copies) {
  const providers = [];
  const connectors = [];
  const copyOf = (provider, copy) =>
    copy === 0
      ? provider
      : {
          ...provider,
          id: `${provider.id}-n${copy}`,
          name: `${provider.name} N${copy}`,
          aliases: provider.aliases.map((alias) => `${alias} n${copy}`),
          ...(provider.group ? { group: `${provider.group}-n${copy}` } : {}),
        };
  for (let copy = 0; copy < copies; copy++) {
    // A loaded row carries its resolved source, revisions and grants; the catalog file's entry does not
    // (the copies have no grants: data/grants.yml gives them by provider id, and answer() does not read them).
    for (const {
      source: _source,
      revisions: _revisions,
      grants: _grants,
      ...provider
    } of catalog.providers) {
      providers.push(copyOf(provider, copy));
    }
    // A connector cites its source by id, and names the table rows of its own copy.
    // Its facts and disagreements cite their pages by id too.
    for (const {
      source,
      revisions: _revisions,
      grants: _grants,
      facts,
      disagreements,
      ...connector
    } of catalog.connectors ?? []) {
      const sameAs = connector.sameAs.map((id) => (copy === 0 ? id : `${id}-n${copy}`));
      const cited = (fact) => ({ ...fact, source: fact.source.id });
      connectors.push({
        ...copyOf(connector, copy),
        source: source.id,
        sameAs,
        facts: facts.map(cited),
        disagreements: disagreements.map((d) => ({
          question: d.question,
          statements: d.statements.map(cited),
        })),
      });
    }
  }
  const { version, title, source, about } = catalog;
  const sources = (catalog.sources ?? []).filter((page) => page.id !== 'table');
  return parseCatalog(
    { version, title, source, about, providers, connectors, sources },
    `catalog x${copies}`,
  );
}

function timeBuilds(catalog, repeats) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    new SearchIndex(catalog);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Latency of every query in QUERIES, `rounds` times over (after `warmup` rounds), within `timeLimitMs`. */
function timeAnswers(catalog, { rounds, warmup, timeLimitMs }) {
  const firstStarted = performance.now();
  answer(QUERIES[0][1], catalog);
  const firstAnswerMs = performance.now() - firstStarted;
  const perQuery = QUERIES.map(() => []);
  const deadline = performance.now() + timeLimitMs;
  for (let round = 0; round < warmup + rounds && performance.now() < deadline; round++) {
    QUERIES.forEach(([, query], i) => {
      const started = performance.now();
      answer(query, catalog);
      if (round >= warmup) perQuery[i].push(performance.now() - started);
    });
  }
  const samples = (keep) => perQuery.filter((_, i) => keep(QUERIES[i][0])).flat();
  const byKind = Object.fromEntries(
    [...new Set(QUERIES.map(([kind]) => kind))].map((kind) => {
      const { p50, p99 } = summarize(samples((k) => k === kind));
      return [kind, { p50, p99 }];
    }),
  );
  const slowest = QUERIES.map(([kind, query], i) => ({ kind, query, p50: median(perQuery[i]) }))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 3);
  return {
    firstAnswerMs,
    ...summarize(perQuery.flat()),
    p99WithoutFuzzy: summarize(samples((kind) => !FUZZY_KINDS.has(kind))).p99,
    byKind,
    slowest,
  };
}

/**
 * What people type in a search box, keystroke by keystroke: every prefix (1 to 6 characters) of
 * provider names, aliases and topics, port digits, and a few strings that match nothing.
 */
function typeaheadInputs(catalog) {
  const words = new Set(['aws', 'verification', 'security', 'artifact', 'cloud', 'zzqx', 'qqq', 'x']);
  for (const provider of catalog.providers.slice(0, 29)) {
    words.add(provider.name.toLowerCase());
    for (const alias of provider.aliases) words.add(alias);
    for (const rule of provider.ports) words.add(String(rule.port));
  }
  const inputs = new Set();
  for (const word of words) for (let n = 1; n <= Math.min(6, word.length); n++) inputs.add(word.slice(0, n));
  return [...inputs];
}

/**
 * One options request's work in the bot: suggest() for what was typed (up to Slack's 100 options)
 * and the options rendered for the ack; the first call also builds the prefix index, timed apart.
 */
function timeTypeahead(catalog, { rounds, timeLimitMs }) {
  const inputs = typeaheadInputs(catalog);
  const started = performance.now();
  suggestionOptions(suggest('splu', catalog, 100));
  const firstMs = performance.now() - started;
  const times = [];
  const deadline = performance.now() + timeLimitMs;
  for (let round = 0; round < rounds && performance.now() < deadline; round++) {
    for (const input of inputs) {
      const t0 = performance.now();
      suggestionOptions(suggest(input, catalog, 100));
      times.push(performance.now() - t0);
    }
  }
  const splu = suggest('splu', catalog, 100)[0]?.label;
  return { inputs: inputs.length, firstMs, ...summarize(times), spluFirst: splu };
}

/** answer() latency and index build time on the real catalog and on one 100 times larger. */
export function runEngineBench() {
  const real = loadCatalog();
  const large = scaledCatalog(real, 100);
  const result = {
    queries: QUERIES.length,
    real: {
      providers: real.providers.length,
      buildMs: timeBuilds(real, 50),
      ...timeAnswers(real, { rounds: 200, warmup: 20, timeLimitMs: 10_000 }),
    },
    large: {
      providers: large.providers.length,
      buildMs: timeBuilds(large, 5),
      ...timeAnswers(large, { rounds: 100, warmup: 5, timeLimitMs: 20_000 }),
    },
  };
  result.growth = {
    p50: result.large.p50 / result.real.p50,
    p99: result.large.p99 / result.real.p99,
    build: result.large.buildMs / result.real.buildMs,
  };
  return result;
}

/** Typeahead (suggest + options) latency on the real catalog and on one 100 times larger. */
export function runTypeaheadBench() {
  const real = loadCatalog();
  const large = scaledCatalog(real, 100);
  return {
    real: timeTypeahead(real, { rounds: 50, timeLimitMs: 10_000 }),
    large: timeTypeahead(large, { rounds: 20, timeLimitMs: 20_000 }),
  };
}
