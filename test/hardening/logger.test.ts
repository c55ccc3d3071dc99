import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

/**
 * Structured logs: one JSON object per line, at LOG_LEVEL and nothing below it (whatever Bolt or
 * the Socket Mode client ask of the logger), with tokens and known secrets redacted.
 */

function capture(level: 'debug' | 'info' | 'warn' | 'error', redact: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line), redact);
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the JSON logger', () => {
  it('writes one JSON object per line, with a trailing object as fields', () => {
    const { logger, lines, parsed } = capture('debug');
    logger.info('posted a reply', { channel: 'C0CHANNEL', ms: 12 });
    logger.warn('two', 'parts');
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(parsed()).toMatchObject([
      { level: 'info', name: 'harness-ports', msg: 'posted a reply', channel: 'C0CHANNEL', ms: 12 },
      { level: 'warn', msg: 'two parts' },
    ]);
    expect(Date.parse(String(parsed()[0]!.time))).not.toBeNaN();
  });

  it('never lets a trailing object overwrite time, level, name or msg: those fields are kept as field_<name>', () => {
    const { logger, lines, parsed } = capture('warn');
    logger.error('the real message', {
      level: 'debug',
      msg: 'forged',
      time: 'yesterday',
      name: 'x',
      channel: 'C0',
    });
    logger.info('dropped at warn', { level: 'error' });
    expect(lines).toHaveLength(1);
    const [line] = parsed();
    expect(line).toEqual({
      time: expect.any(String),
      level: 'error',
      name: 'harness-ports',
      msg: 'the real message',
      field_level: 'debug',
      field_msg: 'forged',
      field_time: 'yesterday',
      field_name: 'x',
      channel: 'C0',
    });
    expect(Date.parse(String(line!.time))).not.toBeNaN();
  });

  it('logs an Error with its stack', () => {
    const { logger, parsed } = capture('debug');
    logger.error('a listener failed', new TypeError('boom'));
    expect(String(parsed()[0]!.msg)).toMatch(/a listener failed TypeError: boom\n\s+at /);
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ] as const)('at LOG_LEVEL=%s writes only %j', (level, expected) => {
    const { logger, parsed } = capture(level);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((l) => l.level)).toEqual(expected);
  });

  it("keeps LOG_LEVEL and its name when a library asks otherwise (Bolt's App sets info on the logger it gets)", () => {
    const { logger, parsed } = capture('warn');
    logger.setLevel('debug' as never);
    logger.setName('socket-mode:SocketModeClient:0');
    logger.info('should not appear');
    logger.warn('kept');
    expect(logger.getLevel()).toBe('warn');
    expect(parsed()).toMatchObject([{ msg: 'kept', name: 'harness-ports' }]);
  });

  it('redacts Slack tokens, the configured secrets and payload verification tokens', () => {
    const secret = 'abcdef0123456789abcdef0123456789';
    const { logger, lines } = capture('debug', [secret]);
    logger.debug('Received a message on the WebSocket: {"token":"legacy-verification","type":"x"}');
    logger.info('token xoxb-123-456-abc and xapp-1-A0-99-def and xoxp-9-user', { signingSecret: secret });
    logger.error(new Error(`failed with ${secret}`));
    // Token rotation's tokens: a rotating bot token and a refresh token.
    logger.debug('refreshed xoxe.xoxb-1-rotating with xoxe-1-refresh-me');
    const all = lines.join('\n');
    for (const leaked of [
      'legacy-verification',
      'xoxb-123',
      'xapp-1-A0',
      'xoxp-9',
      'xoxb-1-rot',
      'xoxe-1',
      'xoxe.',
      secret,
    ]) {
      expect(all).not.toContain(leaked);
    }
    expect(all.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
  });
});
