import type { Logger } from '@slack/bolt';
import { ErrorCode } from '@slack/web-api';

/**
 * What to tell a user when a Web API call fails: short and saying what to do next.
 * Everything else about the failure goes to the log, with the context.
 */
export function explainSlackError(error: unknown): string {
  const code = slackErrorCode(error);
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return 'I cannot post in this conversation. Invite me first (`/invite @Harness Ports`), or use me in a channel I am in.';
    case 'msg_too_long':
      return 'That answer was too long for one Slack message. Try asking for fewer providers at a time.';
    case 'ratelimited':
      return 'Slack is rate-limiting me right now. Please try again in a minute.';
    case 'is_archived':
      return 'This channel is archived, so I cannot post in it.';
    default:
      return 'Something went wrong while talking to Slack. Please try again in a moment.';
  }
}

/** The `error` string of a Web API platform error, or the kind of failure for other errors. */
export function slackErrorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const { code } = error as { code?: unknown; data?: { error?: unknown } };
    if (code === ErrorCode.PlatformError) {
      const data = (error as { data?: { error?: unknown } }).data;
      return typeof data?.error === 'string' ? data.error : 'platform_error';
    }
    if (code === ErrorCode.RateLimitedError) return 'ratelimited';
    if (code === ErrorCode.RequestError) return 'request_error';
    if (code === ErrorCode.HTTPError) return 'http_error';
    if (typeof code === 'string') return code;
  }
  return 'unknown';
}

/** Logs a failed Slack call with what the bot was doing; never logs tokens or secrets. */
export function logSlackFailure(
  logger: Logger,
  what: string,
  error: unknown,
  extra: Record<string, unknown> = {},
) {
  logger.error(`${what} failed`, {
    error: slackErrorCode(error),
    ...extra,
    message: (error as Error)?.message,
  });
}
