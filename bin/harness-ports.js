#!/usr/bin/env node
// The `harness-ports` command: runs the built CLI (dist/, made by `npm run build`, which `npm ci` runs).
// `harness-ports mcp` runs the MCP server on stdin/stdout instead (see README, "MCP server").
import { MCP_COMMAND, runCli, runMcp } from '../dist/cli.js';

const [first, ...rest] = process.argv.slice(2);
const io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};
process.exitCode = first === MCP_COMMAND ? await runMcp(rest, io) : runCli(process.argv.slice(2), io);
