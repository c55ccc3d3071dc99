import { parseArgs } from 'node:util';
import { CatalogError, loadCatalog } from './catalog/load.js';
import type { Catalog } from './catalog/schema.js';
import { runCheckCli } from './check/cli.js';
import type { PolicyRequest } from './engine/policy-request.js';
import { readRequest } from './engine/request.js';
import { RULE_FORMAT_IDS } from './engine/rules.js';
import type { RulesRequest } from './engine/rules-request.js';
import { policyProblems, renderPolicy } from './render/grants.js';
import { answerJson } from './render/json.js';
import { policyJson } from './render/policy-json.js';
import { DEFAULT_RULE_FORMAT, rulesJson, rulesReply } from './render/rules/response.js';
import { helpText, renderText } from './render/text.js';

const USAGE = `Usage: harness-ports [--json] [--catalog FILE] [--overlay FILE] <query…>
       harness-ports rules <providers…> [--format FORMAT] [--cluster CLUSTER] [--json] [--catalog FILE] [--overlay FILE]
       harness-ports mcp [--catalog FILE] [--overlay FILE]
       harness-ports check <providers…|checklist …|delegate> [--cluster CLUSTER] [--to ID=HOST[:PORT]] [--all] [--json]
                           [--junit FILE] [--ca FILE] [--timeout SECONDS]   (harness-ports check --help)

  --json              print the answer (or the rules) as JSON (see docs/cli.md)
  --catalog FILE      use another catalog file (default: the bundled data/catalog.yml)
  --overlay FILE      add your organisation's facts (destinations, owners, notes; docs/catalog.md)
  --format FORMAT     rules only: ${RULE_FORMAT_IDS.join(', ')} (default: ${DEFAULT_RULE_FORMAT})
  --cluster CLUSTER   rules only: include the Delegate's own egress to this Harness cluster's host (prod1, prod3, eu…)
  --permissions       print permission snippets (IAM policy, token scopes, GCP/Azure roles, Vault ACL) for the
                      providers named, only the grants a source names
  --help              show this help

  mcp                 run the MCP server on stdin/stdout for AI assistants (docs/mcp.md); logs go to stderr

Rules are a starting point to review, not to apply blindly (see docs/rules-and-policies.md).`;

/** The first argument that runs the MCP server instead of answering a query. */
export const MCP_COMMAND = 'mcp';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Prints the rules of a rules query; returns the exit code: 1 when a format or cluster is unknown or
 * nothing at all could be written. Words that named nothing are said first (on stderr), and the rules
 * are written for what is known.
 */
function runRules(request: RulesRequest, catalog: Catalog, json: boolean, io: Io): number {
  const reply = rulesReply(request, catalog);
  if (!reply.ok) {
    io.err(reply.problems.map((problem) => `harness-ports: ${problem}`).join('\n'));
    return 1;
  }
  if (reply.notices.length) io.err(reply.notices.map((notice) => `harness-ports: ${notice}`).join('\n'));
  // io.out ends the text with "\n": the format's own last line break is not repeated (CSV keeps its CRLF).
  io.out(
    json
      ? JSON.stringify(rulesJson(request, reply.format, reply.rules), null, 2)
      : reply.text.replace(/\n$/, ''),
  );
  return 0;
}

/** Prints the permission snippets of the providers a query names; returns the exit code. */
function runPermissions(request: PolicyRequest, json: boolean, io: Io): number {
  const [problem] = policyProblems(request, 'harness-ports --permissions aws-connector vault');
  if (problem) {
    io.err(`harness-ports: ${problem}`);
    return 1;
  }
  if (json) {
    io.out(JSON.stringify(policyJson(request.query, request.providers), null, 2));
    return 0;
  }
  io.out(renderPolicy(request.providers).replace(/\n$/, ''));
  return 0;
}

/** The command-line face: one query in, one answer (or a set of firewall rules) out. Returns the exit code. */
export function runCli(argv: string[], io: Io): number {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    json: { type: 'boolean' },
    catalog: { type: 'string' },
    overlay: { type: 'string' },
    format: { type: 'string' },
    cluster: { type: 'string' },
    permissions: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    io.err(`harness-ports: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${USAGE}\n\n${helpText()}`);
    return 0;
  }
  const query = parsed.positionals.join(' ');
  const { format, cluster, json = false } = parsed.values;
  let catalog: Catalog;
  try {
    catalog = loadCatalog(parsed.values.catalog, undefined, parsed.values.overlay);
  } catch (error) {
    if (error instanceof CatalogError) {
      io.err(`harness-ports: ${error.message}`);
      return 1;
    }
    throw error;
  }
  // The one request path (src/engine/request.ts) says which kind the words are; the flags only add to it.
  const request = readRequest(query, catalog, {
    as: parsed.values.permissions ? 'policy' : undefined,
    format,
    cluster,
  });
  switch (request.kind) {
    case 'policy':
      return runPermissions(request.policy, json, io);
    case 'rules':
    case 'check':
      return runRules(request.rules, catalog, json, io);
    case 'answer':
    case 'checklist':
      io.out(json ? JSON.stringify(answerJson(request.answer), null, 2) : renderText(request.answer));
      return 0;
  }
}

/** Reads `--catalog` and `--overlay` and loads the catalog; a problem is one line on stderr and an exit code. */
function catalogFrom(argv: string[], io: Io): Catalog | number {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>>;
  const options = {
    catalog: { type: 'string' },
    overlay: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options });
  } catch (error) {
    io.err(`harness-ports: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    return loadCatalog(parsed.values.catalog, undefined, parsed.values.overlay);
  } catch (error) {
    if (error instanceof CatalogError) {
      io.err(`harness-ports: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/**
 * `harness-ports mcp`: the MCP server on stdin/stdout (src/mcp/), which runs until stdin ends. stdout
 * carries only the protocol; the one line saying it runs, and any problem, go to stderr. Resolves with
 * the exit code once the server is connected.
 */
export async function runMcp(argv: string[], io: Io): Promise<number> {
  const catalog = catalogFrom(argv, io);
  if (typeof catalog === 'number') return catalog;
  // The SDK is loaded only for this command: every other answer starts without it.
  const { serveStdio } = await import('./mcp/stdio.js');
  io.err(
    `harness-ports: MCP server on stdio (${catalog.providers.length + catalog.connectors.length} providers${catalog.overlay ? `, overlay ${catalog.overlay}` : ''})`,
  );
  await serveStdio(catalog);
  return 0;
}

/**
 * The command's entry point: `check` (which goes on the network, so resolves later) and `mcp` (the
 * MCP server on stdio) are their own faces (src/check/, src/mcp/); every other command is runCli's. `env` is the environment the check reads its
 * proxy from (PROXY_*, HTTPS_PROXY, NO_PROXY), as the Delegate does.
 */
export async function runCommand(
  argv: string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  if (argv[0] === 'check') return runCheckCli(argv.slice(1), io, { env });
  if (argv[0] === MCP_COMMAND) return runMcp(argv.slice(1), io);
  return runCli(argv, io);
}
