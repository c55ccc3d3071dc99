import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { mentionedIn } from '../../src/engine/mentions.js';
import { MissedQueries } from '../../src/engine/misses.js';
import { realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();

describe('missed queries', () => {
  it('counts queries that found nothing, normalised, most missed first; answers are not counted', () => {
    const misses = new MissedQueries();
    expect(misses.record(answer('Mainframe?', catalog), 10)).toBe(true);
    expect(misses.record(answer('splunk', catalog), 11)).toBe(false);
    expect(misses.record(answer('port 1', catalog), 12)).toBe(true);
    expect(misses.record(answer('mainframe', catalog), 13)).toBe(true);
    expect(misses.top(10)).toEqual([
      { query: 'mainframe', count: 2, lastAt: 13 },
      { query: 'port 1', count: 1, lastAt: 12 },
    ]);
    expect(misses.total).toBe(3);
  });

  it('forgets the least recently missed query past its capacity', () => {
    const misses = new MissedQueries(2);
    for (const [query, at] of [
      ['aaaqqq', 1],
      ['bbbqqq', 2],
      ['aaaqqq', 3],
      ['cccqqq', 4],
    ] as const) {
      misses.record(answer(query, catalog), at);
    }
    expect(misses.top(5).map((m) => m.query)).toEqual(['aaaqqq', 'cccqqq']);
  });
});

describe('what a message mentions', () => {
  it('reads providers and ports as a lookup, never as a checklist, without reporting ordinary words', () => {
    const result = mentionedIn('please make a checklist for splunk and the wizbang server', catalog);
    expect(result?.intent).toBe('provider');
    expect(result?.matches.map((m) => m.provider.id)).toEqual(['splunk']);
    expect(result?.unmatched).toEqual([]);
    expect(mentionedIn('checklist: open 5985', catalog)?.intent).toBe('port');
  });

  it("reads a message about the Delegate's network alone as its topics, without reporting ordinary words", () => {
    const result = mentionedIn('we moved the frobnicator behind NO_PROXY yesterday', catalog);
    expect(result?.intent).toBe('topic');
    expect(result?.topics?.map((t) => t.topic.id)).toEqual(['proxy']);
    expect(result?.unmatched).toEqual([]);
    expect(result?.suggestions).toEqual([]);
  });

  it('mentions nothing in a message that names no provider, port or topic', () => {
    expect(mentionedIn('lunch at noon, anyone?', catalog)).toBeUndefined();
  });
});
