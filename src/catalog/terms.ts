/**
 * How a term is compared wherever one is (the catalog's alias checks, the search index, the query
 * parser): the ground floor both the catalog and the engine stand on.
 */

/** Lower-cases, strips accents and splits on anything that is not a letter or a digit. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The spacing-insensitive key of a term: "New Relic", "newrelic" and "new-relic" share one. */
export function compactKey(text: string): string {
  return tokenize(text).join('');
}
