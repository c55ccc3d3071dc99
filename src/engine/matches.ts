import type { Provider } from '../catalog/schema.js';
import type { MatchKind, ProviderMatch } from './types.js';

/** Matches in order, each provider once: the first (best) reason wins. Adding is O(1). */
export class MatchList {
  items: ProviderMatch[] = [];
  /**
   * By object (a catalog's providers are unique objects): cheaper to hash than their ids. Made on
   * the first add: most of the lists an answer keeps stay empty.
   */
  private ids: Set<Provider> | undefined;

  get length(): number {
    return this.items.length;
  }

  add(provider: Provider, matchedBy: MatchKind, term: string): void {
    this.ids ??= new Set();
    if (this.ids.has(provider)) return;
    this.ids.add(provider);
    this.items.push({ provider, matchedBy, term });
  }

  addAll(matches: readonly ProviderMatch[]): void {
    for (const match of matches) this.add(match.provider, match.matchedBy, match.term);
  }

  has(provider: Provider): boolean {
    return this.ids?.has(provider) ?? false;
  }

  /** Takes back the matches `term` made for these providers. */
  drop(term: string, providers: readonly Provider[]): void {
    const members = new Set(providers);
    this.items = this.items.filter((match) => {
      const drop = match.term === term && members.has(match.provider);
      if (drop) this.ids?.delete(match.provider);
      return !drop;
    });
  }
}
