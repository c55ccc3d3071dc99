import { ErrorCode as BoltErrorCode, type Logger, type RespondError } from '@slack/bolt';
import { ErrorCode, type WebAPICallError, type WebAPIPlatformError } from '@slack/web-api';
import { z } from 'zod';

/**
 * What a failed Slack call means: its error code, what to tell the user, and how it is logged.
 * How calls are made and retried is the Web API policy (web-api-policy.ts).
 */

const WEB_API_CALL_CODES: ReadonlySet<unknown> = new Set([
  ErrorCode.PlatformError,
  ErrorCode.RequestError,
  ErrorCode.HTTPError,
  ErrorCode.RateLimitedError,
]);

function hasCode(error: unknown): error is { code: unknown } {
  return typeof error === 'object' && error !== null && 'code' in error;
}

/** The `code` of an error when it is a string (Node's system errors, Slack's SDK errors). */
export function stringCode(error: unknown): string | undefined {
  return hasCode(error) && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * An error of a Web API call (platform, request, HTTP or rate limit). Told apart by its code, not
 * by `instanceof`, so an error from another copy of @slack/web-api is recognised too.
 */
export function isWebAPICallError(error: unknown): error is WebAPICallError {
  return hasCode(error) && WEB_API_CALL_CODES.has(error.code);
}

/** A platform error (`ok: false`) that says which error Slack reported. */
export function isWebAPIPlatformError(error: unknown): error is WebAPIPlatformError {
  return (
    isWebAPICallError(error) &&
    error.code === ErrorCode.PlatformError &&
    typeof error.data === 'object' &&
    error.data !== null &&
    typeof error.data.error === 'string'
  );
}

/** Bolt's error for a response URL that did not take the message. */
export function isRespondError(error: unknown): error is RespondError {
  return hasCode(error) && error.code === BoltErrorCode.RespondError;
}

/** True for the errors fetch throws when it gave up waiting (AbortSignal.timeout). */
function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error.name === 'TimeoutError' || error.name === 'AbortError')
  );
}

/** The message of an error, or of anything thrown that carries one. */
export function errorMessage(error: unknown): string | undefined {
  if (error instanceof Error) return error.message;
  return typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
    ? error.message
    : undefined;
}

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
    case 'timeout':
      return 'Slack did not answer me in time. Please try again in a moment.';
    case 'is_archived':
      return 'This channel is archived, so I cannot post in it.';
    default:
      return 'Something went wrong while talking to Slack. Please try again in a moment.';
  }
}

/** The `error` string of a Web API platform error, or the kind of failure for other errors. */
export function slackErrorCode(error: unknown): string {
  if (isWebAPIPlatformError(error)) return error.data.error;
  if (isWebAPICallError(error)) {
    switch (error.code) {
      case ErrorCode.PlatformError:
        return 'platform_error';
      case ErrorCode.RateLimitedError:
        return 'ratelimited';
      case ErrorCode.RequestError:
        return isTimeout(error.original) ? 'timeout' : 'request_error';
      case ErrorCode.HTTPError:
        return 'http_error';
    }
  }
  if (isRespondError(error)) return error.statusCode === 429 ? 'ratelimited' : 'respond_error';
  const code = stringCode(error);
  if (code !== undefined) return code;
  if (isTimeout(error)) return 'timeout';
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
    message: errorMessage(error),
  });
}

/** A failed Slack call in a listener, and how to tell the user about it. */
export interface SlackFailure {
  /** What the bot was doing, logged as "<doing> failed": "replying to a message". */
  doing: string;
  /** The failure in a few words, logged as "explaining a failed <failed> failed" if telling fails too. */
  failed: string;
  /** Ids that say where it happened (channel, user…), never message text. */
  context?: Record<string, unknown>;
  /** Sends the explanation to the user (a respond(), an ephemeral message); absent when no one can be told. */
  tell?: (explanation: string) => Promise<unknown>;
}

/**
 * The one way a listener handles a failed Slack call: log it with what the bot was doing, then tell
 * the user what to do next; a failure to tell them is logged and goes no further.
 */
export async function reportSlackFailure(
  logger: Logger,
  error: unknown,
  failure: SlackFailure,
): Promise<void> {
  logSlackFailure(logger, failure.doing, error, failure.context);
  if (!failure.tell) return;
  await failure
    .tell(explainSlackError(error))
    .catch((tellError: unknown) =>
      logSlackFailure(logger, `explaining a failed ${failure.failed}`, tellError),
    );
}

/** What an error handler gets from Bolt (the extended form). */
export interface ListenerErrorArgs {
  error: Error;
  body?: unknown;
  context?: { retryNum?: number; retryReason?: string };
}

/** An id in a request body: kept when it is a string, dropped (never failing the rest) otherwise. */
const id = z.string().optional().catch(undefined);
const withId = z.object({ id }).optional().catch(undefined);

/** The ids of any request Bolt hands to the error handler: slash command, event, action, view. */
const RequestIds = z.object({
  type: id,
  command: id,
  event_id: id,
  team_id: id,
  channel_id: id,
  user_id: id,
  event: z.object({ type: id, channel: id, user: id }).optional().catch(undefined),
  actions: z
    .array(z.object({ action_id: id }).catch({}))
    .optional()
    .catch(undefined),
  user: withId,
  channel: withId,
  team: withId,
});

/** Ids that say which request failed, without any of its text. */
function requestContext(body: unknown): Record<string, unknown> {
  const parsed = RequestIds.safeParse(body);
  if (!parsed.success) return {};
  const b = parsed.data;
  const fields: Record<string, unknown> = {
    kind: b.type ?? (b.command ? 'slash_command' : undefined),
    command: b.command,
    event: b.event?.type,
    eventId: b.event_id,
    action: b.actions?.[0]?.action_id,
    team: b.team_id ?? b.team?.id,
    channel: b.event?.channel ?? b.channel_id ?? b.channel?.id,
    user: b.event?.user ?? b.user_id ?? b.user?.id,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** The error a listener threw, unwrapped from Bolt's wrapper when there is one. */
function causeOf(error: Error): Error {
  return 'original' in error && error.original instanceof Error ? error.original : error;
}

/**
 * Bolt's global error handler: whatever a listener throws ends here, logged once with what the
 * request was (kind, ids; never its text), and the app carries on with the next request.
 * An error that is not a known Slack failure is logged with its stack.
 */
export function listenerErrorHandler(logger: Logger) {
  return async ({ error, body, context }: ListenerErrorArgs): Promise<void> => {
    const cause = causeOf(error);
    const code = slackErrorCode(cause);
    const known = code !== 'unknown' && !code.startsWith('slack_bolt_');
    logger.error('a listener failed', {
      error: code,
      message: cause.message,
      ...requestContext(body),
      ...(context?.retryNum ? { retryNum: context.retryNum, retryReason: context.retryReason } : {}),
      ...(known ? {} : { stack: cause.stack }),
    });
  };
}
