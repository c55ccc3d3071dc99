import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { suggest } from '../../src/engine/typeahead.js';
import { realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();
const labels = (text: string, limit?: number) => suggest(text, catalog, limit).map((s) => s.label);

describe('typeahead suggestions', () => {
  it('puts the provider whose name starts with what was typed first: "splu" → Splunk', () => {
    expect(suggest('splu', catalog)[0]).toEqual({ kind: 'provider', query: 'splunk', label: 'Splunk' });
    expect(labels('Splu')[0]).toBe('Splunk');
  });

  it('finds a provider by an alias or a later word of its name', () => {
    expect(suggest('k8', catalog).map((s) => s.query)).toContain('kubernetes-cluster');
    expect(labels('relic')).toContain('New Relic');
  });

  it('suggests topics: groups and categories', () => {
    expect(suggest('aws', catalog).find((s) => s.kind === 'topic')).toEqual({
      kind: 'topic',
      query: 'aws',
      label: 'AWS (all)',
    });
    expect(suggest('security', catalog).find((s) => s.kind === 'topic')?.label).toBe('Security providers');
  });

  it('suggests the Delegate-network topics by title and alias: "prox", "no_pr", "fedr"', () => {
    expect(suggest('prox', catalog)).toContainEqual({
      kind: 'topic',
      query: 'Delegate behind a proxy',
      label: 'Delegate behind a proxy',
    });
    expect(labels('no_pr')).toContain('Delegate behind a proxy');
    expect(labels('fedr')).toEqual(['Harness Gov / FedRAMP hosts']);
    expect(labels('prod3')).toEqual(['Harness host per SaaS cluster']);
  });

  it('asks the engine for the topic each topic suggestion names', () => {
    expect(catalog.delegate!.topics.length).toBeGreaterThanOrEqual(34);
    for (const topic of catalog.delegate!.topics) {
      const suggestion = suggest(topic.aliases[0]!, catalog).find((s) => s.label === topic.title);
      expect(suggestion, topic.id).toBeDefined();
      const result = answer(suggestion!.query, catalog);
      expect(result.intent).toBe('topic');
      expect(result.topics?.map((match) => match.topic.id)).toEqual([topic.id]);
    }
  });

  it('suggests the ports starting with the digits typed, naming who uses them', () => {
    expect(suggest('808', catalog)).toEqual([
      { kind: 'port', query: '8080', label: 'Port 8080: Jenkins connector (usual port)' },
      { kind: 'port', query: '8081', label: expect.stringMatching(/^Port 8081: /) },
      { kind: 'port', query: '8083', label: expect.stringMatching(/^Port 8083: /) },
      { kind: 'port', query: '8085', label: expect.stringMatching(/^Port 8085: /) },
      { kind: 'port', query: '8089', label: 'Port 8089: Splunk, Splunk connector' },
    ]);
  });

  it('suggests nothing for nothing typed, or for what names nothing', () => {
    expect(suggest('  ', catalog)).toEqual([]);
    expect(suggest('zzqx', catalog)).toEqual([]);
  });

  it('never returns more than the limit, or the same suggestion twice, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 100 }), (text, limit) => {
        const found = suggest(text, catalog, limit);
        expect(found.length).toBeLessThanOrEqual(limit);
        expect(new Set(found.map((s) => `${s.kind}:${s.query}`)).size).toBe(found.length);
      }),
    );
  });
});
