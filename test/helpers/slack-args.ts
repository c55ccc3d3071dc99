/**
 * The one decoder for what the bot sends Slack (Web API calls, response URL posts) and for what
 * Slack sends the bot in tests: a JSON body, or a form body whose nested values (`blocks`,
 * `attachments`, `view`, a `payload`) are JSON strings. Shared by nock and the loopback fake.
 */
export function decodeSlackArgs(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { ...raw };
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (text.trimStart().startsWith('{')) {
    const parsed = parseJson(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ...parsed };
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = /^[[{]/.test(value) ? (parseJson(value) ?? value) : value;
  }
  return args;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
