import { setFlagsFromString } from 'node:v8';

/**
 * How much the bot's V8 heap may grow past what a full collection left live, in percent. V8's own
 * choice grows it by up to 4 times that when allocation is fast, which every request is: the bot
 * starts with more live heap than a bare Bolt app (the catalog, its search indexes, zod), so after
 * 10,000 mixed requests its RSS stood at 187 to 192 MB against bare Bolt's 119 to 145 MB, with a
 * live heap of about 26 MB. Doubling at most keeps it at about 153 MB for 4 full collections per
 * 20,000 acks instead of 1 (50% gave 139 MB but 8 collections); the CPU per ack it costs is below
 * what the bench can tell apart (bench/BASELINE.md, 2026-12-02).
 */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = '--heap-growing-percent';

/**
 * Sets the bot's heap growing factor unless the operator chose one (`node --heap-growing-percent=N`
 * or the same in NODE_OPTIONS). V8 reads the flag at each full collection, so it is set once the bot
 * listens: set before loading Bolt, it made the start itself collect more often (spawn to /healthz,
 * five alternating runs each on the shared 2-core machine: median 1,160 ms with it set at start,
 * 1,100 ms set once listening). The caller passes what it read (only src/start.ts reads the environment). Returns the
 * flag set, if any.
 */
export function tuneHeap(
  execArgv: readonly string[],
  nodeOptions: string,
  setFlags: (flags: string) => void = setFlagsFromString,
): string | undefined {
  const chosen = (arg: string) => arg.replace(/_/g, '-').startsWith(FLAG);
  if (execArgv.some(chosen) || nodeOptions.split(/\s+/).some(chosen)) return undefined;
  const flag = `${FLAG}=${HEAP_GROWING_PERCENT}`;
  setFlags(flag);
  return flag;
}
