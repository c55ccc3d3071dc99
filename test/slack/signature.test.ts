import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_SECONDS, SignatureVerifier } from '../../src/slack/signature.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = 1_732_564_000;
const verifier = new SignatureVerifier(SECRET);

/** Slack's signature, computed as its guide writes it, over raw bytes. */
function sign(body: Buffer | string, timestamp: string, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

describe('SignatureVerifier', () => {
  const body = Buffer.from('token=x&command=%2Fharness-ports&text=splunk');
  const ts = String(NOW);

  it('accepts a body signed with the secret, at the clock and up to five minutes either way', () => {
    expect(verifier.problem(body, sign(body, ts), ts, NOW)).toBeUndefined();
    for (const skew of [-MAX_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS]) {
      const at = String(NOW + skew);
      expect(verifier.problem(body, sign(body, at), at, NOW)).toBeUndefined();
    }
  });

  it('matches the example of Slack’s guide', () => {
    // https://docs.slack.dev/authentication/verifying-requests-from-slack (the worked example).
    const guide = new SignatureVerifier('8f742231b10e8888abcd99yyyzzz85a5');
    const example = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    expect(guide.problem(example, signature, '1531420618', 1531420618)).toBeUndefined();
    expect(guide.problem(example, signature.replace(/3$/, '4'), '1531420618', 1531420618)).toBe(
      'a signature that does not match',
    );
  });

  it('checks the raw bytes, as Slack signs them (a body that is not valid UTF-8)', () => {
    const raw = Buffer.from([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff, 0xfe]);
    expect(verifier.problem(raw, sign(raw, ts), ts, NOW)).toBeUndefined();
    // Decoding then re-encoding changes those bytes: that signature does not match the body sent.
    expect(verifier.problem(raw, sign(raw.toString(), ts), ts, NOW)).toBe('a signature that does not match');
  });

  it.each([
    ['another secret', sign(body, ts, 'another-secret'), ts, 'a signature that does not match'],
    ['another body', sign('token=y', ts), ts, 'a signature that does not match'],
    ['another timestamp', sign(body, String(NOW - 1)), ts, 'a signature that does not match'],
    ['no signature', undefined, ts, 'no signature'],
    ['an empty signature', '', ts, 'no signature'],
    ['no timestamp', sign(body, ts), undefined, 'no timestamp'],
    ['version v1', sign(body, ts).replace('v0=', 'v1='), ts, 'a malformed signature'],
    ['one hex digit short', sign(body, ts).slice(0, -1), ts, 'a malformed signature'],
    ['one hex digit more', `${sign(body, ts)}0`, ts, 'a malformed signature'],
    ['upper-case hex', sign(body, ts).toUpperCase().replace('V0=', 'v0='), ts, 'a malformed signature'],
    ['a timestamp with a sign', sign(body, `+${ts}`), `+${ts}`, 'a malformed timestamp'],
    ['a fractional timestamp', sign(body, `${ts}.5`), `${ts}.5`, 'a malformed timestamp'],
  ])('refuses %s', (_what, signature, timestamp, problem) => {
    expect(verifier.problem(body, signature, timestamp, NOW)).toBe(problem);
  });

  it.each([
    ['older', -MAX_CLOCK_SKEW_SECONDS - 1],
    ['ahead', MAX_CLOCK_SKEW_SECONDS + 1],
  ])('refuses a correctly signed timestamp more than five minutes %s', (_what, skew) => {
    const at = String(NOW + skew);
    expect(verifier.problem(body, sign(body, at), at, NOW)).toBe(
      'a timestamp more than five minutes from the clock',
    );
  });

  it('cannot be made without a secret', () => {
    expect(() => new SignatureVerifier('')).toThrow(/signing secret/);
  });
});
