#!/usr/bin/env node
// The `harness-ports` command: runs the built CLI (dist/app/, bundled by `npm run build`, which `npm ci` runs).
// `harness-ports mcp` runs the MCP server on stdin/stdout instead (see README, "MCP server"), and
// `harness-ports check` probes the network (see README, "Check it works").
import { runCommand } from '../dist/app/cli.js';

process.exitCode = await runCommand(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  process.env,
);
