import type { Logger } from '@slack/bolt';
import { ErrorCode, type FetchFunction, type WebClientOptions } from '@slack/web-api';

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

/** True for the errors fetch throws when it gave up waiting (AbortSignal.timeout). */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The `error` string of a Web API platform error, or the kind of failure for other errors. */
export function slackErrorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const { code } = error as { code?: unknown };
    if (code === ErrorCode.PlatformError) {
      const data = (error as { data?: { error?: unknown } }).data;
      return typeof data?.error === 'string' ? data.error : 'platform_error';
    }
    if (code === ErrorCode.RateLimitedError) return 'ratelimited';
    if (code === ErrorCode.RequestError) {
      return isTimeout((error as { original?: unknown }).original) ? 'timeout' : 'request_error';
    }
    if (code === ErrorCode.HTTPError) return 'http_error';
    if (code === 'slack_bolt_respond_error') {
      const status = (error as { statusCode?: unknown }).statusCode;
      return status === 429 ? 'ratelimited' : 'respond_error';
    }
    if (typeof code === 'string') return code;
  }
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
    message: (error as Error)?.message,
  });
}

/**
 * How the bot talks to Slack's Web API and to response URLs when something goes wrong.
 *
 * - A 429 is retried after its Retry-After only when that is short (`maxRetryAfterSeconds`): an
 *   interactive answer that waits longer is worse than a quick "try again in a minute".
 * - A request that never reached Slack (connection refused, DNS failure) is retried with a short backoff.
 * - A 5xx, a timeout or a connection cut mid-request may have been carried out by Slack already, so
 *   it is retried only for calls that are safe to repeat: never a post (chat.postMessage,
 *   chat.postEphemeral, a response URL), which would answer twice.
 * - Every call, retries and waits included, ends within `timeoutMs`.
 */
export interface WebApiPolicy {
  timeoutMs: number;
  maxRetryAfterSeconds: number;
  retries: number;
  /** First backoff for network and 5xx retries; doubled on each retry. */
  backoffMs: number;
}

export const WEB_API_POLICY: WebApiPolicy = {
  timeoutMs: 10_000,
  maxRetryAfterSeconds: 5,
  retries: 2,
  backoffMs: 250,
};

/** Web API methods that create something each time they run. */
const POSTING_METHODS = /\/(chat\.postMessage|chat\.postEphemeral|chat\.scheduleMessage|chat\.meMessage)$/;
/** Error codes meaning the connection was never made, so Slack never saw the request. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCodeOf(error: unknown): string | undefined {
  const direct = (error as { code?: unknown } | undefined)?.code;
  if (typeof direct === 'string') return direct;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

/** Seconds from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function urlText(url: string | URL): string {
  return typeof url === 'string' ? url : url.href;
}

/** The part of a URL that is safe to log: Slack method names, never a response URL's secret path. */
function logTarget(url: string): string {
  const method = /\/api\/([\w.]+)$/.exec(url)?.[1];
  return method ?? 'a response URL';
}

/**
 * A fetch that applies WebApiPolicy. Used by the Web API client and by Bolt's respond(), so both
 * follow the same rules; it calls the global fetch on each request, which nock can intercept.
 */
export function policyFetch(logger: Logger, policy: WebApiPolicy = WEB_API_POLICY): FetchFunction {
  return async (url, init = {}) => {
    const target = urlText(url);
    const signal = init.signal ?? AbortSignal.timeout(policy.timeoutMs);
    const repeatable = /\/api\/[\w.]+$/.test(target) && !POSTING_METHODS.test(target);
    const resendable = init.body === undefined || typeof init.body === 'string';
    for (let attempt = 0; ; attempt++) {
      const canRetry = resendable && attempt < policy.retries;
      const backoff = policy.backoffMs * 2 ** attempt;
      let response: Response;
      try {
        response = await globalThis.fetch(url, { ...init, signal });
      } catch (error) {
        const code = errorCodeOf(error);
        const notSent = code !== undefined && NOT_SENT_CODES.has(code);
        if (!canRetry || signal.aborted || !(notSent || repeatable)) throw error;
        logger.warn('Slack request failed, retrying', { target: logTarget(target), code, attempt });
        await sleep(backoff, signal);
        continue;
      }
      if (response.status === 429 && canRetry) {
        const wait = retryAfterSeconds(response.headers.get('retry-after'));
        if (wait !== undefined && wait <= policy.maxRetryAfterSeconds) {
          logger.warn('Slack rate-limited a request, retrying', { target: logTarget(target), wait, attempt });
          await response.body?.cancel();
          await sleep(wait * 1000, signal);
          continue;
        }
        logger.warn('Slack rate-limited a request for too long to wait', { target: logTarget(target), wait });
      } else if (response.status >= 500 && canRetry && repeatable) {
        logger.warn('Slack answered with a server error, retrying', {
          target: logTarget(target),
          status: response.status,
          attempt,
        });
        await response.body?.cancel();
        await sleep(backoff, signal);
        continue;
      }
      return response;
    }
  };
}

/**
 * The Web API client options of the policy: WebAPIRateLimitedError on a 429 the policy did not wait
 * for (instead of the client's default: pausing every call for as long as Slack says, 10 times over),
 * and all retries done by policyFetch, so the client itself retries nothing.
 */
export function webApiClientOptions(
  logger: Logger,
  policy: WebApiPolicy = WEB_API_POLICY,
): Pick<WebClientOptions, 'timeout' | 'retryConfig' | 'rejectRateLimitedCalls' | 'fetch'> {
  return {
    timeout: policy.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: policyFetch(logger, policy),
  };
}

/** What an error handler gets from Bolt (the extended form). */
interface ListenerErrorArgs {
  error: Error;
  body?: unknown;
  context?: { retryNum?: number; retryReason?: string };
}

/** Ids that say which request failed, without any of its text. */
function requestContext(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as {
    type?: string;
    command?: string;
    event_id?: string;
    team_id?: string;
    channel_id?: string;
    user_id?: string;
    event?: { type?: string; channel?: string; user?: string };
    actions?: Array<{ action_id?: string }>;
    user?: { id?: string };
    channel?: { id?: string };
    team?: { id?: string };
  };
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

/**
 * Bolt's global error handler: whatever a listener throws ends here, logged once with what the
 * request was (kind, ids; never its text), and the app carries on with the next request.
 * An error that is not a known Slack failure is logged with its stack.
 */
export function listenerErrorHandler(logger: Logger) {
  return async ({ error, body, context }: ListenerErrorArgs): Promise<void> => {
    const original = (error as { original?: unknown }).original;
    const cause = original instanceof Error ? original : error;
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
