import { parseArgs } from 'node:util';
import { CatalogError, loadCatalog } from './catalog/load.js';
import { answer } from './engine/answer.js';
import { answerJson } from './render/json.js';
import { helpText, renderText } from './render/text.js';

const USAGE = `Usage: harness-ports [--json] [--catalog FILE] <query…>

  --json           print the answer as JSON (see README, "CLI and JSON")
  --catalog FILE   use another catalog file (default: the bundled data/catalog.yml)
  --help           show this help`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The command-line face: one query in, one answer out. Returns the exit code. */
export function runCli(argv: string[], io: Io): number {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    json: { type: 'boolean' },
    catalog: { type: 'string' },
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
  let catalog: ReturnType<typeof loadCatalog>;
  try {
    catalog = parsed.values.catalog ? loadCatalog(parsed.values.catalog) : loadCatalog();
  } catch (error) {
    if (error instanceof CatalogError) {
      io.err(`harness-ports: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const result = answer(parsed.positionals.join(' '), catalog);
  io.out(parsed.values.json ? JSON.stringify(answerJson(result), null, 2) : renderText(result));
  return 0;
}
