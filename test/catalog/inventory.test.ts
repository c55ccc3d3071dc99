import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/catalog/inventory.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { publishedUrl } from '../../src/catalog/published.js';
import { answer } from '../../src/engine/answer.js';

/**
 * data/docs-inventory.yml lists every page of harness/developer-hub the catalog was read from, at the
 * commit read. Every connector, secret-manager and health-source page there is a provider the bot
 * answers by name with that page as a source; every network page is a topic; and the pages the
 * reference lists under docs/platform/connectors/ are all in it.
 */

const catalog = loadCatalog();
const pages = loadInventory();
const providers = [...catalog.providers, ...catalog.connectors];
const topics = catalog.delegate?.topics ?? [];
const REFERENCE = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'reference', 'nextgen-connectors-more.md'),
  'utf8',
);

const citesPage = (id: string, path: string) => {
  const provider = providers.find((p) => p.id === id);
  if (provider) {
    return [provider.source, ...provider.facts.map((f) => f.source)].some((source) => source.path === path);
  }
  const topic = topics.find((t) => t.id === id);
  return topic?.facts.some((fact) => fact.source.path === path) ?? false;
};

describe('data/docs-inventory.yml', () => {
  it('lists each page once', () => {
    const paths = pages.map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('holds every connector page the reference lists in docs/platform/connectors/', () => {
    const section = REFERENCE.slice(REFERENCE.indexOf('## 0.'), REFERENCE.indexOf('## 1.'));
    const names = [...section.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);
    const expanded = section.match(/\{([a-z,-]+)\}-connector-settings-reference/g) ?? [];
    for (const group of expanded) {
      for (const name of group.replace(/^\{|\}-connector-settings-reference$/g, '').split(',')) {
        names.push(`${name}-connector-settings-reference`);
      }
    }
    const inventoried = new Set(pages.map((page) => page.path.split('/').at(-1)!.replace(/\.md$/, '')));
    const missing = names.filter((name) => !name.startsWith('7') && !inventoried.has(name));
    expect(missing).toEqual([]);
    expect(
      pages.filter((page) => page.path.startsWith('docs/platform/connectors/')).length,
    ).toBeGreaterThanOrEqual(32);
    expect(pages.filter((page) => page.path.startsWith('docs/platform/secrets/')).length).toBe(23);
  });

  it('has pages of both kinds to check below (a filter that kept nothing would check nothing)', () => {
    expect(pages.filter((page) => page.kind !== 'general').length).toBeGreaterThanOrEqual(70);
    expect(pages.filter((page) => page.kind === 'general').length).toBeGreaterThanOrEqual(20);
  });

  it.each(pages.filter((page) => page.kind !== 'general'))(
    '$path provides a provider or topic that cites it',
    (page) => {
      expect(page.provides.length, page.path).toBeGreaterThan(0);
      for (const id of page.provides) {
        expect(citesPage(id, page.path), `${id} cites ${page.path}`).toBe(true);
      }
    },
  );

  it.each(pages.filter((page) => page.kind === 'general'))(
    '$path (general) adds only to what exists',
    (page) => {
      for (const id of page.provides) {
        expect(providers.some((p) => p.id === id) || topics.some((t) => t.id === id), id).toBe(true);
      }
    },
  );

  it('answers every provider of a connector, secret-manager or health-source page by name: first, or after its FirstGen row', () => {
    const ids = new Set(
      pages
        .filter((page) => page.kind !== 'general' && page.kind !== 'network')
        .flatMap((page) => page.provides)
        .filter((id) => providers.some((p) => p.id === id)),
    );
    const wrong: string[] = [];
    for (const id of ids) {
      const provider = providers.find((p) => p.id === id)!;
      // First, or right after the FirstGen row of the same product (one question shows both, the table first).
      const found = answer(provider.name, catalog).matches.map((m) => m.provider.id);
      const place = found.indexOf(id);
      const before = found.slice(0, Math.max(place, 0));
      const partnersFirst = before.every((other) => provider.sameAs.includes(other));
      if (place < 0 || !partnersFirst) wrong.push(`${provider.name}: ${found.slice(0, 3).join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every page the catalog cites its published address, from its path and front matter', () => {
    for (const source of catalog.sources) {
      const page = pages.find((p) => p.path === source.path);
      if (!page) continue;
      expect(source.url, source.id).toBe(
        publishedUrl(page.path, {
          ...(page.slug ? { slug: page.slug } : {}),
          ...(page.id ? { id: page.id } : {}),
        }),
      );
      if (source.commit) expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('links the published page, except a superseded version of a page, which only GitHub serves, at its commit', () => {
    for (const source of catalog.sources) {
      const blob = /^https:\/\/github\.com\/harness\/developer-hub\/blob\/([0-9a-f]{40})\/(.+)$/.exec(
        source.url ?? '',
      );
      if (!blob) {
        expect(source.url ?? '', source.id).not.toContain('github.com/harness/developer-hub/blob');
        continue;
      }
      // An earlier version: pinned to the commit it was read at, beside the page as published now.
      expect(blob[1], source.id).toBe(source.commit);
      expect(blob[2], source.id).toBe(source.path);
      expect(source.title, source.id).toMatch(/early|earlier|version/i);
    }
    const references = [...catalog.providers, ...catalog.connectors].flatMap((p) =>
      p.references.map((r) => r.url),
    );
    expect(references.filter((url) => url.includes('github.com/harness/developer-hub/blob'))).toEqual([]);
  });
});
