import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from the bot's clock, either way: five minutes (Slack's rule). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** `v0=` and the SHA-256 HMAC in lower-case hex, as Slack writes X-Slack-Signature. */
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
/** X-Slack-Request-Timestamp: whole seconds since the epoch. */
const TIMESTAMP = /^[0-9]{1,12}$/;

export type SignatureProblem =
  | 'no signature'
  | 'no timestamp'
  | 'a malformed signature'
  | 'a malformed timestamp'
  | 'a timestamp more than five minutes from the clock'
  | 'a signature that does not match';

/**
 * Checks Slack's request signature (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret, and a timestamp within
 * five minutes of the clock. Returns what is wrong, or undefined for a genuine request.
 *
 * Bolt 5.1 does the same check but compares the two hex strings with `tsscmp`, which draws random
 * bytes and computes two more HMACs per request, and parses every form body twice; checking here
 * instead cut the bot's CPU per slash command by about a fifth (bench/BASELINE.md). This
 * computes one HMAC over the raw bytes (as Slack signs them, where Bolt re-encodes a decoded string)
 * and compares the 32-byte digests with `crypto.timingSafeEqual`. It also refuses a timestamp more
 * than five minutes ahead, as Slack's guide says; Bolt refuses only old ones.
 *
 * Kept after the `npm run bench` of 2026-12-07 12:37 UTC (shared 2-core machine, load average 3.4),
 * whose parts section (bench/parts.js) runs this check and Bolt's on the same signed slash command
 * in alternating rounds: 2.7 µs of CPU per check against 13.4 µs for Bolt's `verifySlackRequest`
 * called as its receiver calls it (0.21x, median of the paired rounds), and 19.6 µs for the
 * receiver's whole step, `HTTPModuleFunctions.parseAndVerifyHTTPRequest` (0.14x). Bolt's check
 * would also let a timestamp from the future through.
 */
export class SignatureVerifier {
  private readonly key: KeyObject;

  constructor(signingSecret: string) {
    if (!signingSecret) throw new Error('SignatureVerifier needs a signing secret');
    this.key = createSecretKey(Buffer.from(signingSecret, 'utf8'));
  }

  problem(
    rawBody: Buffer,
    signature: string | undefined,
    timestamp: string | undefined,
    nowSeconds: number,
  ): SignatureProblem | undefined {
    if (!signature) return 'no signature';
    if (!timestamp) return 'no timestamp';
    if (!SIGNATURE.test(signature)) return 'a malformed signature';
    if (!TIMESTAMP.test(timestamp)) return 'a malformed timestamp';
    if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
      return 'a timestamp more than five minutes from the clock';
    }
    const expected = createHmac('sha256', this.key).update(`v0:${timestamp}:`).update(rawBody).digest();
    const given = Buffer.from(signature.slice(3), 'hex');
    return timingSafeEqual(given, expected) ? undefined : 'a signature that does not match';
  }
}
