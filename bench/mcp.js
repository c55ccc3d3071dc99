import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { loadCatalog } from '../dist/catalog/load.js';
import { answer } from '../dist/engine/answer.js';
import { createMcpServer } from '../dist/mcp/server.js';
import { answerJson } from '../dist/render/json.js';
import { renderText } from '../dist/render/text.js';
import { QUERIES } from './queries.js';
import { summarize } from './stats.js';

/**
 * The MCP face's cost: a `lookup` tool call through the SDK's client and server over the in-memory
 * transport (argument and output validation, JSON-RPC, the client's check of the output schema),
 * beside answer() alone and beside the tool's own work without the SDK (answer, answerJson,
 * renderText), on the same queries in the same rounds. What the SDK adds is the call minus that work.
 */
export async function runMcpBench({ rounds = 100, warmup = 10, timeLimitMs = 15_000 } = {}) {
  const catalog = loadCatalog();
  const server = createMcpServer(catalog);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  // The client checks structured content against the schemas tools/list gave it, as assistants' clients do.
  await client.listTools();
  const times = { answer: [], work: [], call: [] };
  const deadline = performance.now() + timeLimitMs;
  for (let round = 0; round < warmup + rounds && performance.now() < deadline; round++) {
    for (const [, query] of QUERIES) {
      const t0 = performance.now();
      answer(query, catalog);
      const t1 = performance.now();
      const found = answer(query, catalog);
      JSON.stringify(answerJson(found));
      renderText(found, '');
      const t2 = performance.now();
      const result = await client.callTool({ name: 'lookup', arguments: { query } });
      const t3 = performance.now();
      if (result.isError) throw new Error(`lookup "${query}" failed: ${JSON.stringify(result.content)}`);
      if (round >= warmup) {
        times.answer.push(t1 - t0);
        times.work.push(t2 - t1);
        times.call.push(t3 - t2);
      }
    }
  }
  await client.close();
  await server.close();
  const answerStats = summarize(times.answer);
  const work = summarize(times.work);
  const call = summarize(times.call);
  return {
    queries: QUERIES.length,
    answer: answerStats,
    work,
    call,
    sdk: { p50: call.p50 - work.p50, p99: call.p99 - work.p99 },
  };
}
