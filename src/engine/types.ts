import type { Category, Provider } from '../catalog/schema.js';

export type Intent = 'provider' | 'port' | 'checklist' | 'list' | 'help' | 'none';

/** How a provider was found: its name or id, one of its aliases, a typo of either, or its group or category. */
export type MatchKind = 'name' | 'alias' | 'fuzzy' | 'group' | 'category' | 'port';

export interface ProviderMatch {
  provider: Provider;
  matchedBy: MatchKind;
  /** The words of the query that matched, as the user typed them (normalised). */
  term: string;
}

/** A group ("aws") or category ("verification providers") the query asked for as a whole. */
export type Scope =
  | { kind: 'group'; group: string }
  | { kind: 'category'; category: Category }
  | { kind: 'all' };

export interface Answer {
  intent: Intent;
  /** The query as received, trimmed. */
  query: string;
  /** Best match first. */
  matches: ProviderMatch[];
  /** The port numbers asked about (reverse lookup, or a checklist by port). */
  ports: number[];
  /** Set when the query named a whole group or category. */
  scope?: Scope;
  /** Close names for words the engine did not recognise; never presented as an answer. */
  suggestions: Provider[];
  /** Words of the query that looked like provider names but matched nothing. */
  unmatched: string[];
  /** Numbers the query gave that are not valid TCP/UDP ports. */
  invalidPorts: string[];
}
