import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Catalog } from '../catalog/schema.js';
import { createMcpServer } from './server.js';

/**
 * `harness-ports mcp`: the MCP server on stdin and stdout until stdin ends. stdout carries only the
 * protocol's messages: whatever else the process says goes to stderr.
 */
export async function serveStdio(
  catalog: Catalog,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
  const server = createMcpServer(catalog);
  const ended = new Promise<void>((resolve) => {
    input.once('end', resolve);
    input.once('close', resolve);
  });
  await server.connect(new StdioServerTransport(input, output));
  await ended;
  await server.close();
}
