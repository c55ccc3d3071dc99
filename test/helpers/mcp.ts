import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { Catalog } from '../../src/catalog/schema.js';
import { runCli } from '../../src/cli.js';
import { createMcpServer } from '../../src/mcp/server.js';

/** The SDK's own client connected to a fresh server over the SDK's in-memory transport pair. */
export async function connectedClient(
  catalog: Catalog,
): Promise<{ client: Client; close: () => Promise<void> }> {
  const server = createMcpServer(catalog);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'harness-ports-tests', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** A tool result's text content, joined (what an assistant reads beside the structured content). */
export function resultText(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/** A resource content's text ('' for a binary one). */
export function resourceText(content: { text: string } | { blob: string } | undefined): string {
  return content && 'text' in content ? content.text : '';
}

/**
 * One Ajv and one compiled validator per schema object: a new Ajv compiling the same tool's schema
 * for every call cost about 1 s of CPU in test/mcp/server.test.ts (a CPU profile, 2026-12-07).
 */
const ajv = new AjvJsonSchemaValidator();
const validators = new WeakMap<object, ReturnType<AjvJsonSchemaValidator['getValidator']>>();

/**
 * Checks a value against a JSON Schema as a client would (the SDK's Ajv validator): the schema each
 * tool advertises in tools/list, not the server's zod. Returns Ajv's message, or undefined when valid.
 */
export function schemaProblem(schema: unknown, value: unknown): string | undefined {
  let validate = validators.get(schema as object);
  if (!validate) {
    validate = ajv.getValidator(schema as Record<string, unknown>);
    validators.set(schema as object, validate);
  }
  const outcome = validate(value);
  return outcome.valid ? undefined : (outcome.errorMessage ?? 'invalid');
}

/** The CLI's `--json` output for the same arguments, parsed (what the tools must equal). */
export function cliJson(...argv: string[]): unknown {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli([...argv, '--json'], { out: (text) => out.push(text), err: (text) => err.push(text) });
  if (code !== 0) throw new Error(`harness-ports ${argv.join(' ')} --json exited ${code}: ${err.join(' ')}`);
  return JSON.parse(out.join('\n'));
}

/** What went over the wire: structured content as JSON text reads back (undefined fields dropped). */
export const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
