import type { Logger } from '@slack/bolt';
import type { FetchFunction, WebClientOptions } from '@slack/web-api';

type CallInit = NonNullable<Parameters<FetchFunction>[1]>;

import { stringCode } from './errors.js';
import type { SlackCallResult, SlackRetryReason } from './metrics.js';

/** Where policyFetch counts its calls and retries (BotMetrics in the app). */
export interface SlackCallRecorder {
  slackCall(method: string, result: SlackCallResult): void;
  slackRetry(method: string, reason: SlackRetryReason): void;
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
 * - At most `maxConcurrentCalls` calls run at once; past that a call waits for a free slot.
 * - Every call, its wait for a slot, retries and backoffs included, ends within `timeoutMs` of being
 *   asked for: a call that waited its whole time is never sent.
 */
export interface WebApiPolicy {
  timeoutMs: number;
  maxRetryAfterSeconds: number;
  retries: number;
  /** First backoff for network and 5xx retries; doubled on each retry. */
  backoffMs: number;
  /** Calls (Web API and response URLs) running at once; the others wait, within their timeout. */
  maxConcurrentCalls: number;
}

export const WEB_API_POLICY: WebApiPolicy = {
  timeoutMs: 10_000,
  maxRetryAfterSeconds: 5,
  retries: 2,
  backoffMs: 250,
  // Enough that calls hung by a Slack outage do not hold up the others: 100 calls a second can
  // start during a whole timeout before any waits. It bounds the connections an outage can hold.
  maxConcurrentCalls: 1_000,
};

/**
 * Slots for calls running at once. A caller waits for one in order of arrival, until its signal
 * aborts (it then leaves the queue with the signal's reason, as fetch would).
 */
class CallSlots {
  private running = 0;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly max: number) {}

  /** Resolves with the function that gives the slot back. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.running++;
        resolve(this.releaser());
      };
      const onAbort = () => {
        this.waiting.delete(grant);
        reject(signal.reason);
      };
      this.waiting.add(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const next = this.waiting.values().next();
      if (!next.done) {
        this.waiting.delete(next.value);
        next.value();
      }
    };
  }
}

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

/** The system error code of a failed fetch (undici puts it on the error's cause), if any. */
function networkErrorCode(error: unknown): string | undefined {
  const direct = stringCode(error);
  if (direct !== undefined) return direct;
  return error && typeof error === 'object' && 'cause' in error ? stringCode(error.cause) : undefined;
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

/** The Web API method of a URL (`chat.postMessage`), or undefined for a response URL. */
function apiMethod(url: string): string | undefined {
  return /\/api\/([\w.]+)$/.exec(url)?.[1];
}

/** The part of a URL that is safe to log: Slack method names, never a response URL's secret path. */
function logTarget(url: string): string {
  return apiMethod(url) ?? 'a response URL';
}

/** A Web API answer that says `"ok":false` (Slack writes `ok` first, with no spaces). */
const NOT_OK = /^\s*\{\s*"ok"\s*:\s*false\b/;

/**
 * Counts how a call ended. A Web API call answered 200 is read here to tell `"ok":false` (an
 * error such as `invalid_auth`) from success, and handed on as a new Response with the same text.
 */
async function recordResponse(
  recorder: SlackCallRecorder,
  method: string | undefined,
  response: Response,
): Promise<Response> {
  const label = method ?? 'response_url';
  if (response.status === 429) {
    recorder.slackCall(label, 'rate_limited');
    return response;
  }
  if (response.status < 200 || response.status > 299) {
    recorder.slackCall(label, 'error');
    return response;
  }
  if (method === undefined) {
    recorder.slackCall(label, 'ok');
    return response;
  }
  const text = await response.text();
  recorder.slackCall(label, NOT_OK.test(text) ? 'error' : 'ok');
  return new Response(text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * A fetch that applies WebApiPolicy. Used by the Web API client and by Bolt's respond(), so both
 * follow the same rules; it calls the global fetch on each request, which nock can intercept.
 * With a recorder, every call is counted once by how it ended (ok, rate_limited, error, timeout)
 * and every retry by its reason.
 */
export function policyFetch(
  logger: Logger,
  policy: WebApiPolicy = WEB_API_POLICY,
  recorder?: SlackCallRecorder,
): FetchFunction {
  const slots = new CallSlots(policy.maxConcurrentCalls);
  return async (url, init = {}) => {
    const signal = init.signal ?? AbortSignal.timeout(policy.timeoutMs);
    const method = apiMethod(urlText(url));
    try {
      const release = await slots.acquire(signal);
      try {
        const response = await attempts(url, { ...init, signal }, method);
        return recorder ? await recordResponse(recorder, method, response) : response;
      } finally {
        release();
      }
    } catch (error) {
      recorder?.slackCall(method ?? 'response_url', signal.aborted ? 'timeout' : 'error');
      throw error;
    }
  };

  function retried(method: string | undefined, reason: SlackRetryReason): void {
    recorder?.slackRetry(method ?? 'response_url', reason);
  }

  /** One call: its attempts, with retries and backoffs, within its signal. */
  async function attempts(
    url: string | URL,
    init: CallInit & { signal: AbortSignal },
    method: string | undefined,
  ): Promise<Response> {
    const target = urlText(url);
    const { signal } = init;
    const repeatable = /\/api\/[\w.]+$/.test(target) && !POSTING_METHODS.test(target);
    const resendable = init.body === undefined || typeof init.body === 'string';
    for (let attempt = 0; ; attempt++) {
      const canRetry = resendable && attempt < policy.retries;
      const backoff = policy.backoffMs * 2 ** attempt;
      let response: Response;
      try {
        response = await globalThis.fetch(url, { ...init, signal });
      } catch (error) {
        const code = networkErrorCode(error);
        const notSent = code !== undefined && NOT_SENT_CODES.has(code);
        if (!canRetry || signal.aborted || !(notSent || repeatable)) throw error;
        logger.warn('Slack request failed, retrying', { target: logTarget(target), code, attempt });
        retried(method, 'network');
        await sleep(backoff, signal);
        continue;
      }
      if (response.status === 429 && canRetry) {
        const wait = retryAfterSeconds(response.headers.get('retry-after'));
        if (wait !== undefined && wait <= policy.maxRetryAfterSeconds) {
          logger.warn('Slack rate-limited a request, retrying', { target: logTarget(target), wait, attempt });
          retried(method, 'rate_limited');
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
        retried(method, 'server_error');
        await response.body?.cancel();
        await sleep(backoff, signal);
        continue;
      }
      return response;
    }
  }
}

/**
 * The Web API client options of the policy: WebAPIRateLimitedError on a 429 the policy did not wait
 * for (instead of the client's default: pausing every call for as long as Slack says, 10 times over),
 * and all retries done by policyFetch, so the client itself retries nothing. The client's own queue
 * is unbounded: its default (100 at once) held new calls behind calls hung by a Slack outage until
 * those timed out, and its timeout starts only when a call leaves the queue. policyFetch limits the
 * calls instead, counting the wait in the timeout.
 */
export function webApiClientOptions(
  logger: Logger,
  policy: WebApiPolicy = WEB_API_POLICY,
  recorder?: SlackCallRecorder,
): Pick<
  WebClientOptions,
  'timeout' | 'retryConfig' | 'rejectRateLimitedCalls' | 'fetch' | 'maxRequestConcurrency'
> {
  return {
    maxRequestConcurrency: Number.POSITIVE_INFINITY,
    timeout: policy.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: policyFetch(logger, policy, recorder),
  };
}
