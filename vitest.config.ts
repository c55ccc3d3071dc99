import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * One project over `test/` (the Dockerfile's steps, a minute or more of installs, are
 * `npm run test:packaging`). Files share one module graph per worker (`isolate: false`): each file
 * need not import Bolt, the catalog, the engine and the renderers afresh. Every file starts and stops
 * its own apps, servers and processes; nock's state is reset before each file
 * (test/helpers/each-file.ts) and after each test (test/slack/support.ts), so no file sees another's.
 *
 * Suite time, measured on the 2-core machine (shared, so noisy), `time npx vitest run`, Node 20:
 * - before (each app file isolated, default semi-space): 130 s and 135 s wall (user+sys 237 s and
 *   235 s); vitest's sums: import 62 s, tests 182 s. The 100x-catalog limits file alone: 33 s,
 *   40% of it in the garbage collector (a CPU profile of the file).
 * - `--max-semi-space-size=32` for the workers: that file 33 s -> 19 s (64 and 128: no better).
 * - `isolate: false` for every file: import 62 s -> 11 s.
 * - the startup failures spawned concurrently (test/hardening/startup.test.ts): that file 12 s -> 10 s;
 *   the lifecycle's spawned bots concurrently (test/hardening/lifecycle.test.ts): 19 s -> 14.5 s alone.
 * - two projects (`pure`, `app`) made one: vitest ran the second project's files only after the
 *   first's, in new workers (a 2 s gap, and no packing of the two together).
 * - the slowest files first (SLOWEST_FIRST), and one worker more than cores (below).
 * - strings of any code point from one cheap unit (test/helpers/arbitraries.ts): fast-check's
 *   `unit: 'binary'` cost 1.15 s of CPU and 85 MB in each worker that used it; the 100x catalog let
 *   go after its file (264 MB of heap carried into the worker's next files); one Ajv per schema in
 *   the MCP tests (about 1 s).
 * - where the CPU goes now (per-file counters, one run of 49 s wall): the workers 49 s, their child
 *   processes 36 s (the spawned bots and failed starts of lifecycle and startup, 24 s), vitest's
 *   own process 6 s; 2 cores, so about half of that in wall time.
 * - six alternating pairs (2026-12-07 23:37 to 2026-12-08 00:37 UTC), `time npx vitest run`:
 *   52.6 to 68.9 s wall for this tree against 122.8 to 134.1 s for dd72be7, the tree before issue
 *   22's work: 39% to 52% in each pair, 45.9% of the sum. The same tree's CPU varied from 98 to
 *   130 s (user+sys) between runs on this shared machine, which moves a pair by more than the margin.
 * - the startup cases read in-process by the start's own first step, 12 spawned starts instead of
 *   34 (test/hardening/startup.test.ts: 14.5 s of child CPU -> 6.5 s); one Socket Mode bot for two
 *   lifecycle tests; the limits tests check the JSON face's value without stringifying it (the
 *   100x catalog's list is 130 MB of JSON): that file 16.4-20.5 s of CPU -> 14.9-16.4 s alone.
 * - eight alternating pairs (2026-12-08 01:08 to 01:49 UTC), the same way: 50.6 to 59.8 s for this
 *   tree (3,971 tests) against 124.3 to 150.1 s for dd72be7 (3,860): 37.8% to 46.5% in each pair,
 *   41.6% of the sum. User+sys 94 to 113 s against 226 to 276 s.
 */

/**
 * The files that take longest (seconds on the 2-core machine, alone), started first so that the
 * rest fill the other workers around them. Vitest's own order needs its cache of last durations,
 * which a fresh clone (and CI) does not have; by file size, these started last: 73 s against 69 s.
 */
const SLOWEST_FIRST = [
  'test/hardening/lifecycle.test.ts', // 13 s: the bot spawned 11 times
  'test/hardening/limits-catalog.test.ts', // 15 s: the 100x catalog through every renderer
  'test/hardening/startup.test.ts', // 7 s: the bot spawned 12 times
  'test/mcp/stdio.test.ts', // 6 s
  'test/cli.test.ts', // 4 s
];

const SHUFFLED = process.argv.some((arg) => arg.startsWith('--sequence.shuffle'));

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = SLOWEST_FIRST.indexOf(relative(this.ctx.config.root, spec.moduleId));
      return at === -1 ? SLOWEST_FIRST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    dir: 'test',
    include: ['**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'packaging/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    passWithNoTests: false,
    isolate: false,
    setupFiles: ['./test/helpers/each-file.ts'],
    // The young generation's size: the default (16 MB) makes the 100x-catalog limits test spend 40%
    // of its time scavenging.
    execArgv: ['--max-semi-space-size=32'],
    // One worker more than cores: a part of the suite waits on child processes, servers and timers,
    // and a third worker fills those waits. On the 2-core machine, the same tree: 69.9 s with 2
    // workers; 63.8 s and 62.5 s with 3; 64.6 s with 4. (Vitest's default, one core free, was 96 s.)
    maxWorkers: availableParallelism() + 1,
    // A sequencer of one's own replaces vitest's random one: `--sequence.shuffle` keeps vitest's.
    ...(SHUFFLED ? {} : { sequence: { sequencer: SlowestFirst } }),
  },
});
