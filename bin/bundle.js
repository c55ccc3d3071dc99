#!/usr/bin/env node
// Build step (`npm run build`, after tsc): bundles what operators and users run into dist/app/.
//
// - dist/app/start.js: the bot and the local console (dist/start.js's code with its dependencies);
//   dist/main.js, the entry point that `npm start`, the Procfile and the Dockerfile run, loads it.
// - dist/app/cli.js: the `harness-ports` command (bin/harness-ports.js), with `mcp` and `check`.
//
// Why: a start reads and links the project's own 119 modules otherwise. Bundled, a bot start to
// listening costs 0.79 to 0.86 s of CPU against 1.07 to 1.26 s (/usr/bin/time, 2026-12-07). What is
// loaded lazily stays lazy: esbuild's code splitting keeps each `import()` (the console, Bolt, the
// MCP SDK) in a chunk of its own.
//
// The dependencies stay in node_modules (`packages: 'external'`). Bundled with them, a start took
// 0.60 s of CPU, but the bot's RSS after 10,000 mixed requests rose from 152 to 171 MB
// (`node bench/ab.js dist/start.js dist/main.js`, the same tree unbundled and bundled; bench's
// target is at most 1.15x bare Bolt's ~141-150 MB). With them external: 151 against 150 MB.
//
// The chunks sit one folder below the project (dist/app/), as tsc's modules do (dist/catalog/):
// the paths the code finds from its own file (`../../data/catalog.yml`, `../catalog.snapshot.json`,
// `../../package.json`) hold in both. tsc's one-file-per-module output stays in dist/ for the
// catalog tools (bin/catalog-*.js).
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).pathname;

rmSync(dist('app'), { recursive: true, force: true });
await build({
  entryPoints: { start: dist('start.js'), cli: dist('cli.js') },
  outdir: dist('app'),
  bundle: true,
  packages: 'external',
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // The dependencies written as CommonJS call `require`, which an ES module does not have.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
writeFileSync(
  dist('main.js'),
  "// The entry point (`npm start`): the bundled bot and console, written by bin/bundle.js.\nimport './app/start.js';\n",
);
