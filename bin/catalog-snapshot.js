#!/usr/bin/env node
// Build step (`npm run build`): snapshots the validated default catalog next to dist/main.js.
const { runSnapshotBuild } = await import(new URL('../dist/catalog/snapshot.js', import.meta.url).href);
process.exitCode = runSnapshotBuild(process.stderr);
