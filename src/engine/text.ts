/** Text normalisation shared by the index and the query parser, so both sides see the same words. */

export { compactKey, tokenize } from '../catalog/terms.js';

/** Three reusable rows for editDistance, grown when a longer word comes: no allocation per call. */
let rowBuffers = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Larger than any distance: a cell outside the band editDistance computes. */
const FAR = 0x3fffffff;

/**
 * Optimal string alignment distance: edits, with a swap of two neighbours counted as one
 * ("splnuk" is one edit from "splunk"). Above `max` it answers `max + 1`. Only the cells within
 * `max` of the diagonal are computed (a cell further off is more than `max` edits already), and it
 * stops as soon as a whole row is beyond `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rowBuffers[0].length < cols) {
    const size = Math.max(cols, rowBuffers[0].length * 2);
    rowBuffers = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  let [twoBack, previous, current] = rowBuffers;
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(cols - 1, i + max);
    // The cells just outside the band, left of this row's and right of the last row's, are far.
    if (low > 1) current[low - 1] = FAR;
    else current[0] = i;
    if (i > 1 && high === i + max) previous[high] = FAR;
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    let rowMin = low === 1 ? i : FAR;
    for (let j = low; j <= high; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = previous[j - 1]! + (ai === bj ? 0 : 1);
      const insert = current[j - 1]! + 1;
      if (insert < value) value = insert;
      const remove = previous[j]! + 1;
      if (remove < value) value = remove;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        const swap = twoBack[j - 2]! + 1;
        if (swap < value) value = swap;
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = twoBack;
    twoBack = previous;
    previous = current;
    current = spare;
  }
  const distance = previous[cols - 1]!;
  return distance > max ? max + 1 : distance;
}

/** How many typing mistakes a term of this length tolerates. */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length < 7) return 1;
  if (length < 12) return 2;
  return 3;
}

/** Sorted, distinct strings, for beginsAny. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort();
}

/** True when some string of `sorted` (see sortedKeys) begins with `prefix`: a binary search, no scan. */
export function beginsAny(sorted: readonly string[], prefix: string): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low]!.startsWith(prefix);
}
