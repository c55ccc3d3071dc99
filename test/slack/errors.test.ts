import { ErrorCode as BoltErrorCode, type Logger, RespondError } from '@slack/bolt';
import {
  ErrorCode,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  explainSlackError,
  isRespondError,
  isWebAPICallError,
  isWebAPIPlatformError,
  reportSlackFailure,
  slackErrorCode,
} from '../../src/slack/errors.js';

function recordingLogger(): Logger & { errors: unknown[][] } {
  const errors: unknown[][] = [];
  const ignore = () => undefined;
  return {
    errors,
    error: (...args: unknown[]) => errors.push(args),
    warn: ignore,
    info: ignore,
    debug: ignore,
    setLevel: ignore,
    getLevel: () => 'error',
    setName: ignore,
  } as unknown as Logger & { errors: unknown[][] };
}

describe('telling Slack errors apart with type guards', () => {
  it('recognises each Web API error, by instance or by its code alone', () => {
    const platform = new WebAPIPlatformError({ ok: false, error: 'not_in_channel' });
    expect(isWebAPICallError(platform)).toBe(true);
    expect(isWebAPIPlatformError(platform)).toBe(true);
    expect(isWebAPICallError(new WebAPIRateLimitedError(30))).toBe(true);
    expect(isWebAPICallError(new WebAPIHTTPError(502, 'Bad Gateway', {}))).toBe(true);
    expect(isWebAPICallError(new WebAPIRequestError(new Error('socket hang up')))).toBe(true);
    expect(isWebAPIPlatformError({ code: ErrorCode.PlatformError, data: { error: 'is_archived' } })).toBe(
      true,
    );
    expect(isWebAPIPlatformError({ code: ErrorCode.PlatformError, data: {} })).toBe(false);
    expect(isWebAPIPlatformError(new WebAPIRateLimitedError(30))).toBe(false);
    for (const other of [undefined, null, 'boom', 42, new Error('boom'), { code: 'ECONNREFUSED' }]) {
      expect(isWebAPICallError(other)).toBe(false);
    }
    expect(isRespondError(new RespondError('nope', 404))).toBe(true);
    expect(isRespondError({ code: BoltErrorCode.RespondError, statusCode: 429 })).toBe(true);
    expect(isRespondError(new Error('nope'))).toBe(false);
  });

  it('names each failure by its code', () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    expect(slackErrorCode(new WebAPIPlatformError({ ok: false, error: 'not_in_channel' }))).toBe(
      'not_in_channel',
    );
    expect(slackErrorCode({ code: ErrorCode.PlatformError })).toBe('platform_error');
    expect(slackErrorCode(new WebAPIRateLimitedError(30))).toBe('ratelimited');
    expect(slackErrorCode(new WebAPIHTTPError(502, 'Bad Gateway', {}))).toBe('http_error');
    expect(slackErrorCode(new WebAPIRequestError(timeout))).toBe('timeout');
    expect(slackErrorCode(new WebAPIRequestError(new Error('socket hang up')))).toBe('request_error');
    expect(slackErrorCode(new RespondError('slow down', 429))).toBe('ratelimited');
    expect(slackErrorCode(new RespondError('gone', 404))).toBe('respond_error');
    expect(slackErrorCode(Object.assign(new Error('in use'), { code: 'EADDRINUSE' }))).toBe('EADDRINUSE');
    expect(slackErrorCode(timeout)).toBe('timeout');
    expect(slackErrorCode(new Error('boom'))).toBe('unknown');
    expect(slackErrorCode(undefined)).toBe('unknown');
  });
});

describe('reporting a failed Slack call from a listener', () => {
  it('logs what failed, then tells the user what to do next', async () => {
    const logger = recordingLogger();
    const told: string[] = [];
    const error = new WebAPIPlatformError({ ok: false, error: 'not_in_channel' });
    await reportSlackFailure(logger, error, {
      doing: 'posting a checklist',
      failed: 'checklist',
      context: { channel: 'C0CHANNEL' },
      tell: async (text) => told.push(text),
    });
    expect(logger.errors).toEqual([
      [
        'posting a checklist failed',
        { error: 'not_in_channel', channel: 'C0CHANNEL', message: error.message },
      ],
    ]);
    expect(told).toEqual([explainSlackError(error)]);
  });

  it('logs a failure to tell the user as well, and throws nothing', async () => {
    const logger = recordingLogger();
    await reportSlackFailure(logger, new WebAPIRateLimitedError(30), {
      doing: 'replying to a message',
      failed: 'reply',
      tell: () => Promise.reject(new WebAPIPlatformError({ ok: false, error: 'channel_not_found' })),
    });
    expect(logger.errors.map(([msg, fields]) => [msg, (fields as { error: string }).error])).toEqual([
      ['replying to a message failed', 'ratelimited'],
      ['explaining a failed reply failed', 'channel_not_found'],
    ]);
  });

  it('only logs when no one can be told', async () => {
    const logger = recordingLogger();
    await reportSlackFailure(logger, new Error('boom'), { doing: 'replying to a message', failed: 'reply' });
    expect(logger.errors).toEqual([['replying to a message failed', { error: 'unknown', message: 'boom' }]]);
  });
});
