export { answer, MAX_QUERY_LENGTH } from './answer.js';
export { indexFor, SearchIndex } from './search-index.js';
export type { Answer, Intent, MatchKind, ProviderMatch, Scope } from './types.js';
