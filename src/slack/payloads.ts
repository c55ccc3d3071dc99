import type { PayloadCodec } from '../render/blocks/payloads.js';
import type { ListenerDeps } from './context.js';

/** Told privately when a button, block id or form carries a value this version does not read. */
export const OLDER_PAYLOAD = 'This button is from an older version of harness-ports: ask again.';

/** The same, in a form's field (a modal opened by an older version, or with forged metadata). */
export const OLDER_FORM =
  'This form is from an older version of harness-ports: close it and press the button again.';

/** The first characters of a raw value, for a log line (never the whole of a value someone else wrote). */
export function rawForLog(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw.slice(0, 100) : undefined;
}

/** The one log line a payload that does not decode gets. */
export function logUndecodable(deps: Pick<ListenerDeps, 'logger'>, kind: string, raw: unknown): void {
  deps.logger.warn(`${kind} with a value this version does not read: told the user to ask again`, {
    value: rawForLog(raw),
  });
}

/**
 * Decodes what a pressed button carries with its codec. A value that does not decode (a message an
 * older version posted, a forged payload) gets one log line and a short private answer through
 * `tell` (the click's respond, ephemeral), never an exception; the caller then does nothing else.
 */
export async function decodePressed<T>(
  deps: Pick<ListenerDeps, 'logger'>,
  codec: Pick<PayloadCodec<T>, 'kind' | 'decode'>,
  raw: unknown,
  tell: (text: string) => Promise<unknown>,
): Promise<T | undefined> {
  const value = codec.decode(raw);
  if (value !== undefined) return value;
  logUndecodable(deps, codec.kind, raw);
  await tell(OLDER_PAYLOAD).catch((error: unknown) =>
    deps.logger.warn('could not tell a user their button is from an older version', String(error)),
  );
  return undefined;
}
