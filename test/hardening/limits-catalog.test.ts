import type { KnownBlock, TableBlock } from '@slack/types';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES, type Catalog, type Provider } from '../../src/catalog/schema.js';
import { answer } from '../../src/engine/answer.js';
import type { Answer, Intent, MatchKind, Scope } from '../../src/engine/types.js';
import { answerView } from '../../src/render/answer-view.js';
import { renderAnswerMessage, renderProviderMessage } from '../../src/render/blocks/answer.js';
import { feedbackBlock } from '../../src/render/blocks/feedback.js';
import { renderHomeView } from '../../src/render/blocks/home.js';
import { feedbackValueCodec } from '../../src/render/blocks/payloads.js';
import { truncate, truncateMrkdwn } from '../../src/render/limits.js';
import { explainSlackError } from '../../src/slack/errors.js';
import { binaryString } from '../helpers/arbitraries.js';
import { slackLimitViolations, viewLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import { postSigned, slashCommandBody } from '../helpers/slack.js';
import { blocksText, useTestApp } from '../slack/support.js';
import { forgetHundredfoldCatalog, hundredfoldCatalog } from './catalogs.js';
import { HOSTILE_STRINGS, liveSyntaxProblems } from './hostile.js';
import { COMMAND, expectSendable, jsonProblems, RUNS_SCALE, sendProblems } from './sendable.js';

/**
 * Slack's limits, whatever the catalog: a synthetic catalog 100 times the real one (one provider in
 * seven filled to the schema's maximum with hostile text) through every renderer, with the engine's
 * widest answers and with answers of any shape and size, and nothing may throw.
 */

/** Every intent the engine has, as a Record over the type: a new intent joins the arbitrary answers. */
const INTENTS = Object.keys({
  provider: true,
  port: true,
  topic: true,
  checklist: true,
  list: true,
  help: true,
  smalltalk: true,
  none: true,
} satisfies Record<Intent, true>) as Intent[];

/** Every way a provider is found, the same way. */
const MATCH_KINDS = Object.keys({
  name: true,
  alias: true,
  fuzzy: true,
  group: true,
  maker: true,
  category: true,
  port: true,
  list: true,
  sameAs: true,
} satisfies Record<MatchKind, true>) as MatchKind[];

function answerArbitrary(catalog: Catalog): fc.Arbitrary<Answer> {
  const provider = fc.nat({ max: catalog.providers.length - 1 }).map((i) => catalog.providers[i]!);
  const someProviders = fc.oneof(
    { weight: 5, arbitrary: fc.array(provider, { maxLength: 5 }) },
    { weight: 3, arbitrary: fc.array(provider, { minLength: 30, maxLength: 120 }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...CATEGORIES)
        .map((category) => catalog.providers.filter((p) => p.category === category)),
    },
    { weight: 1, arbitrary: fc.constant(catalog.providers) },
  );
  const unique = (providers: Provider[]) => [...new Map(providers.map((p) => [p.id, p])).values()];
  const text = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), binaryString({ maxLength: 600 }));
  const scope: fc.Arbitrary<Scope | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.constant({ kind: 'all' as const }),
    fc.string({ minLength: 1, maxLength: 300 }).map((group) => ({ kind: 'group' as const, group })),
    fc.constantFrom(...CATEGORIES).map((category) => ({ kind: 'category' as const, category })),
  );
  return fc
    .record({
      intent: fc.constantFrom(...INTENTS),
      query: fc.oneof(text, fc.string({ unit: 'binary-ascii', maxLength: 3000 })),
      matches: someProviders.map(unique),
      matchedBy: fc.constantFrom(...MATCH_KINDS),
      ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 40 }),
      scope,
      suggestions: fc.array(provider, { maxLength: 40 }).map(unique),
      unmatched: fc.array(text, { maxLength: 30 }),
      invalidPorts: fc.array(fc.string({ unit: 'binary-ascii', maxLength: 40 }), { maxLength: 30 }),
    })
    .map(({ matchedBy, scope: s, matches, ...rest }) => ({
      ...rest,
      matches: matches.map((p) => ({ provider: p, matchedBy, term: p.id })),
      ...(s ? { scope: s } : {}),
    }));
}

/** The 100x catalog (8,400 providers) renders every answer several ways: seconds, not a unit test's default. */
const HUNDREDFOLD_TIMEOUT = 120_000;

afterAll(forgetHundredfoldCatalog);

describe("Slack's limits for any answer the renderers are handed", () => {
  it(
    "holds for the engine's answers to the queries that match the most",
    () => {
      const catalog = hundredfoldCatalog();
      expect(catalog.providers.length).toBe(realCatalog().providers.length * 100);
      const queries = [
        'list',
        'aws',
        'checklist aws',
        'verification providers',
        'checklist verification providers',
        'artifact servers',
        'cloud providers',
        '443',
        '22 443 8080 9090',
        'checklist 443',
        '<!channel> aws <@U0ALICE>',
        'help',
        catalog.providers[3 * 29 + 1]!.id,
        `${catalog.providers[3 * 29 + 1]!.id} ${catalog.providers[3 * 29 + 2]!.id} ${catalog.providers[10 * 29 + 4]!.id}`,
        `checklist ${catalog.providers
          .filter((_, i) => i % 7 === 3)
          .slice(0, 40)
          .map((p) => p.id)
          .join(' ')}`,
      ];
      for (const query of queries) expectSendable(answer(query, catalog), catalog);
    },
    HUNDREDFOLD_TIMEOUT,
  );
  it(
    'holds on the 100x catalog for answers of every shape and size',
    () => {
      const catalog = hundredfoldCatalog();
      fc.assert(
        fc.property(answerArbitrary(catalog), (result) => expectSendable(result, catalog)),
        { numRuns: 25 * RUNS_SCALE },
      );
    },
    HUNDREDFOLD_TIMEOUT,
  );

  it(
    'holds for a provider card of every provider of the 100x catalog',
    () => {
      const catalog = hundredfoldCatalog();
      for (const provider of catalog.providers) {
        for (const surface of ['ephemeral', 'public'] as const) {
          const message = renderProviderMessage(provider, { surface, command: COMMAND });
          expect(sendProblems(message, catalog), provider.id).toEqual([]);
        }
      }
    },
    HUNDREDFOLD_TIMEOUT,
  );

  it('gives every explanation of a Slack failure as a short single-section message', () => {
    for (const code of [
      'not_in_channel',
      'channel_not_found',
      'msg_too_long',
      'ratelimited',
      'timeout',
      'x',
    ]) {
      const text = explainSlackError({ code: 'slack_webapi_platform_error', data: { error: code } });
      expect(text.length).toBeGreaterThan(10);
      expect(text.length).toBeLessThan(200);
      expect(liveSyntaxProblems({ text })).toEqual([]);
    }
  });
});

describe('the JSON check behind expectSendable', () => {
  it('finds nothing in JSON values, and what JSON.stringify would drop, change or throw on', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonProblems(value)).toEqual([]);
        expect(jsonProblems({ value, more: [value, NaN] })).toEqual(['$.more[1]: NaN']);
      }),
    );
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    expect(jsonProblems(cycle)).toEqual(['$.self.back: a cycle']);
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is under test
    expect(jsonProblems([1, , 3])).toEqual(['$[1]: no value']);
    expect(jsonProblems({ a: [undefined], b: undefined, c: 1n, d: () => 1, e: new Date(0) })).toEqual([
      '$.a[0]: no value',
      '$.c: a bigint',
      '$.d: a function',
      '$.e: not a plain object',
    ]);
  });
});

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;
const LOW_SURROGATE = /[\uDC00-\uDFFF]/;

describe('the cutting helpers', () => {
  it('never exceed the limit, never split a surrogate pair, never leave an entity or token in half', () => {
    fc.assert(
      fc.property(binaryString({ maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        // What is kept is the text's start (then "…"), and it does not end between the two halves of
        // a pair. (The text may hold lone halves of its own: those are kept as they are.)
        const kept = cut === text ? cut : cut.slice(0, -1);
        expect(cut === text || cut.endsWith('…')).toBe(true);
        expect(text.startsWith(kept)).toBe(true);
        const splitPair =
          kept.length < text.length &&
          HIGH_SURROGATE.test(kept.at(-1) ?? '') &&
          LOW_SURROGATE.test(text[kept.length]!);
        expect(splitPair, 'a surrogate pair was split').toBe(false);
        const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        const mrkdwn = truncateMrkdwn(`${escaped} <@U0ALICE> &amp; <https://x.example/a|b>`, max);
        expect(mrkdwn.length).toBeLessThanOrEqual(max);
        expect(
          liveSyntaxProblems({ text: mrkdwn }, { userIds: ['U0ALICE'], urls: ['https://x.example/a'] }),
        ).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

/*
 * The other tests on the 100x catalog live here too, so that it is built once per run: it takes
 * about 3.8 s of CPU (2.9 s to validate, 0.85 s for its search index) in each worker that builds it,
 * and files in different workers built it three times (a per-file CPU count, 2026-12-07).
 */

describe('the Home tab view on the 100x catalog', () => {
  it('stays within 100 blocks for a 100x catalog with a large selected answer and the maintainers section', () => {
    const big = hundredfoldCatalog();
    const misses = {
      top: Array.from({ length: 10 }, (_, i) => ({ query: `miss ${i}`, count: 10 - i, lastAt: i })),
      total: 55,
    };
    for (const query of ['list', 'aws', '443', 'splunk jenkins nexus', 'zzqx']) {
      const view = renderHomeView({ catalog: big, command: COMMAND, selected: answer(query, big), misses });
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
      expect(JSON.stringify(view)).toContain('use the search box');
    }
  });
});

describe('feedback buttons on the 100x catalog', () => {
  it('fit a button value for the longest query on the 100x catalog', () => {
    const big = hundredfoldCatalog();
    const block = feedbackBlock(answerView(answer(`list ${'y'.repeat(600)}`, big)).feedback!);
    expect(slackLimitViolations({ text: 'x', blocks: [block] })).toEqual([]);
    const list = feedbackBlock(answerView(answer('list', big)).feedback!);
    const value = (list as unknown as { elements: Array<{ positive_button: { value: string } }> })
      .elements[0]!.positive_button.value;
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(feedbackValueCodec.decode(value)?.q).toBe('list');
  });
});

describe('table blocks on the 100x catalog', () => {
  const options = { surface: 'public', command: COMMAND, tables: true } as const;
  const tablesIn = (blocks: KnownBlock[]) => blocks.filter((b): b is TableBlock => b.type === 'table');
  it('fall back to the mrkdwn list when the rows do not fit (the 100x catalog)', () => {
    const big = hundredfoldCatalog();
    for (const query of ['list', '443', 'verification providers']) {
      const message = renderAnswerMessage(answer(query, big), options);
      expect(tablesIn(message.blocks)).toEqual([]);
      expect(slackLimitViolations(message)).toEqual([]);
    }
  });
});

describe('/harness-ports checklist for more providers than one checklist takes', () => {
  const t = useTestApp(hundredfoldCatalog());

  it('posts nothing and says privately how many a checklist takes', async () => {
    const response = await postSigned(
      t.running.baseUrl,
      slashCommandBody('checklist verification providers'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_type: string; text: string; blocks: unknown[] };
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
    expect(body.response_type).toBe('ephemeral');
    expect(blocksText(body.blocks)).toContain(
      'A checklist takes at most 30 providers, and this one names 2600',
    );
    expect(slackLimitViolations(body)).toEqual([]);
  });
});
