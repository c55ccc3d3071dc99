import { CATEGORY_LABELS, type Catalog, type Category, type Provider } from '../catalog/schema.js';
import { catalogProviders, usesOnlyInferred } from './providers.js';
import { tokenize } from './text.js';
import { CATEGORY_PHRASES } from './words.js';

/**
 * Suggestions for a search box while someone types ("splu" → Splunk): providers, topics (a
 * category, a group, or a topic of the Delegate's own network: "prox" → Delegate behind a proxy)
 * and ports. Pure and fast: the prefix index is built once per catalog, and a lookup is a binary
 * search in a sorted list of words plus a bounded walk.
 */

export type SuggestionKind = 'provider' | 'topic' | 'port';

export interface Suggestion {
  kind: SuggestionKind;
  /** What the engine is asked when the suggestion is chosen: a provider id, a topic phrase, a port. */
  query: string;
  /** What the user sees. */
  label: string;
}

interface Entry {
  /** One word of a name, id or alias, or the whole term without spaces. */
  key: string;
  suggestion: Suggestion;
  /** Lower is better: a name's first word, then any word of a name, then an alias. */
  weight: number;
  /** Catalog order, for stable ties. */
  order: number;
}

/** Whole-term matches rank before word matches, names before aliases, providers before topics. */
const WEIGHT = { nameStart: 0, nameWord: 1, aliasStart: 2, aliasWord: 3, topic: 4 } as const;

class TypeaheadIndex {
  private readonly entries: Entry[] = [];
  private readonly ports: Array<{ port: string; providers: Provider[] }> = [];

  constructor(catalog: Catalog) {
    const add = (term: string, suggestion: Suggestion, start: number, word: number, order: number) => {
      const words = tokenize(term);
      const compact = words.join('');
      if (compact) this.entries.push({ key: compact, suggestion, weight: start, order });
      words.slice(1).forEach((w) => {
        this.entries.push({ key: w, suggestion, weight: word, order });
      });
    };
    const byPort = new Map<number, Provider[]>();
    const providers = catalogProviders(catalog);
    providers.forEach((provider, order) => {
      const suggestion: Suggestion = { kind: 'provider', query: provider.id, label: provider.name };
      add(provider.name, suggestion, WEIGHT.nameStart, WEIGHT.nameWord, order);
      add(provider.id, suggestion, WEIGHT.nameStart, WEIGHT.nameWord, order);
      for (const alias of provider.aliases)
        add(alias, suggestion, WEIGHT.aliasStart, WEIGHT.aliasWord, order);
      for (const rule of provider.ports) {
        const users = byPort.get(rule.port) ?? [];
        if (!users.includes(provider)) users.push(provider);
        byPort.set(rule.port, users);
      }
    });
    const groups = new Set(providers.flatMap((p) => (p.group ? [p.group] : [])));
    let order = providers.length;
    for (const group of groups) {
      const suggestion: Suggestion = { kind: 'topic', query: group, label: `${group.toUpperCase()} (all)` };
      add(group, suggestion, WEIGHT.topic, WEIGHT.topic, order++);
    }
    const present = new Set(providers.map((p) => p.category));
    for (const [category, phrases] of Object.entries(CATEGORY_PHRASES)) {
      if (!present.has(category as Category)) continue;
      const label = CATEGORY_LABELS[category as Category].many;
      const suggestion: Suggestion = { kind: 'topic', query: phrases[0]!, label };
      add(label, suggestion, WEIGHT.topic, WEIGHT.topic, order);
      for (const phrase of phrases) add(phrase, suggestion, WEIGHT.topic, WEIGHT.topic, order);
      order++;
    }
    // The Delegate's own network: each topic by its title and aliases, asked for by its title.
    for (const topic of catalog.delegate?.topics ?? []) {
      const suggestion: Suggestion = { kind: 'topic', query: topic.title, label: topic.title };
      for (const term of [topic.title, ...topic.aliases])
        add(term, suggestion, WEIGHT.topic, WEIGHT.topic, order);
      order++;
    }
    this.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const [port, providers] of [...byPort].sort((a, b) => a[0] - b[0])) {
      const stated = providers.filter((p) => !usesOnlyInferred(p, port));
      this.ports.push({
        port: String(port),
        providers: [...stated, ...providers.filter((p) => usesOnlyInferred(p, port))],
      });
    }
  }

  /** Index of the first entry whose key is >= prefix. */
  private lowerBound(prefix: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid]!.key < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  suggest(text: string, limit: number): Suggestion[] {
    const words = tokenize(text);
    if (words.length === 0) return [];
    const typed = words.join('');
    const results: Suggestion[] = [];
    if (/^\d+$/.test(typed)) {
      for (const { port, providers } of this.ports) {
        if (!port.startsWith(typed)) continue;
        // A product the port is only the usual port of says so (the index lists them last).
        const names = providers.map((p) =>
          usesOnlyInferred(p, Number(port)) ? `${p.name} (usual port)` : p.name,
        );
        const shown =
          names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
        results.push({ kind: 'port', query: port, label: `Port ${port}: ${shown}` });
        if (results.length === limit) break;
      }
      return results;
    }
    // The best weight each suggestion reached, over every key starting with what was typed.
    const best = new Map<Suggestion, Entry>();
    for (let i = this.lowerBound(typed); i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (!entry.key.startsWith(typed)) break;
      const seen = best.get(entry.suggestion);
      if (!seen || entry.weight < seen.weight) best.set(entry.suggestion, entry);
    }
    const ranked = [...best.values()].sort(
      (a, b) =>
        a.weight - b.weight ||
        Number(a.key !== typed) - Number(b.key !== typed) ||
        a.suggestion.label.length - b.suggestion.label.length ||
        a.order - b.order,
    );
    for (const entry of ranked.slice(0, limit)) results.push(entry.suggestion);
    return results;
  }
}

const indexes = new WeakMap<Catalog, TypeaheadIndex>();

function indexFor(catalog: Catalog): TypeaheadIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new TypeaheadIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

/** Builds the prefix index now (at start), so the first keystroke does not pay for it. */
export function prepareTypeahead(catalog: Catalog): void {
  indexFor(catalog);
}

/**
 * Up to `limit` suggestions for what someone has typed so far, best first: providers whose name,
 * id or alias (or one of their words) starts with it, then topics; a number suggests the ports
 * starting with its digits. The index is built on first use and kept for the catalog's lifetime.
 */
export function suggest(text: string, catalog: Catalog, limit = 100): Suggestion[] {
  return indexFor(catalog).suggest(text, limit);
}
