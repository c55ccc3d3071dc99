import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Catalog } from '../catalog/schema.js';
import { createMcpServer } from './server.js';

/**
 * `harness-ports mcp`: connects the MCP server to stdin and stdout. The process then runs as long as
 * its input is open: once it ends, the requests already read are answered and the process exits
 * (nothing else keeps it alive). stdout carries only the protocol's messages: whatever else the
 * process says goes to stderr.
 */
export async function serveStdio(
  catalog: Catalog,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
  await createMcpServer(catalog).connect(new StdioServerTransport(input, output));
}
