import type { Logger, LogLevel } from '@slack/logger';
import type { LogLevelName } from './config.js';

const ORDER: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Secrets that must never reach a log line, whatever a library prints. */
const SECRET_PATTERN = /\b(xox[abeprs][.-][\w.-]+|xapp-[\w-]+)/g;
/** The legacy verification `token` of Slack payloads, which Socket Mode logs at debug level. */
const PAYLOAD_TOKEN = /(\\?"token\\?":\s*\\?")[^"\\]*/g;

/**
 * What every line carries, set by the logger alone. A field with one of these names (a library's
 * `{ level: … }`) cannot overwrite it: it is kept as `field_<name>`.
 */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(['time', 'level', 'name', 'msg']);

/** A plain object of fields (not an Error, an array or a class instance's internals). */
function isFields(part: unknown): part is Record<string, unknown> {
  return typeof part === 'object' && part !== null && !(part instanceof Error) && !Array.isArray(part);
}

function serialise(part: unknown): string {
  if (part instanceof Error) return part.stack ?? `${part.name}: ${part.message}`;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/**
 * A structured logger (one JSON object per line) implementing Bolt's Logger interface,
 * so Bolt, the Web API client and our own code all log the same way at LOG_LEVEL.
 * Known secrets (`redact`) and anything shaped like a Slack token are replaced by [redacted].
 */
export function createLogger(
  level: LogLevelName,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  redact: readonly string[] = [],
): Logger {
  const threshold = ORDER[level];
  const name = 'harness-ports';
  const clean = (text: string) => {
    let out = text.replace(SECRET_PATTERN, '[redacted]').replace(PAYLOAD_TOKEN, '$1[redacted]');
    for (const secret of redact) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  };
  const emit = (lvl: LogLevelName, parts: unknown[]) => {
    if (ORDER[lvl] < threshold) return;
    // A trailing plain object becomes fields of the line: logger.info('posted', { channel }).
    const last = parts.at(-1);
    const hasFields = parts.length > 1 && isFields(last);
    const fields = hasFields ? last : {};
    const words = hasFields ? parts.slice(0, -1) : parts;
    const line: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: lvl,
      name,
      msg: words.map(serialise).join(' '),
    };
    for (const [key, value] of Object.entries(fields)) {
      line[RESERVED_FIELDS.has(key) ? `field_${key}` : key] = value;
    }
    write(clean(JSON.stringify(line)));
  };
  return {
    debug: (...parts) => emit('debug', parts),
    info: (...parts) => emit('info', parts),
    warn: (...parts) => emit('warn', parts),
    error: (...parts) => emit('error', parts),
    // LOG_LEVEL alone decides: Bolt's App sets its default level (info) on the logger it is given,
    // and the Socket Mode client renames it, so both requests are ignored.
    setLevel: (_level: LogLevel) => {},
    getLevel: () => level as LogLevel,
    setName: (_name: string) => {},
  };
}
