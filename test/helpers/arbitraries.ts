import fc from 'fast-check';

/**
 * One code point of any value, lone surrogates included: what fast-check's `unit: 'binary'` draws,
 * without its cost. fast-check builds that unit's reverse map (every one of the 1,114,112 code points)
 * the first time it is used in a process, to split its "dangerous strings" into units: 1.15 s of CPU
 * and 85 MB of heap kept for the rest of the worker (measured: the first `fc.sample` of
 * `fc.string({ unit: 'binary' })`, 2026-12-07). With `isolate: false` every worker that ran such a
 * test paid it, and carried the map into every later file. This unit is drawn from an integer, which
 * fast-check biases towards small and extreme values (ASCII and the top of the range more often),
 * and read back by `codePointAt` for shrinking.
 */
export const anyCodePoint: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0x10ffff }).map(
  (codePoint) => String.fromCodePoint(codePoint),
  (value) => {
    if (typeof value !== 'string') throw new Error('not a string');
    const codePoint = value.codePointAt(0);
    if (codePoint === undefined || String.fromCodePoint(codePoint) !== value)
      throw new Error('not one code point');
    return codePoint;
  },
);

/** A string of any code points, lone surrogates included (fast-check's `unit: 'binary'`, as above). */
export const binaryString = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc.string({ ...constraints, unit: anyCodePoint });
