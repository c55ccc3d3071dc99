import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import {
  type BufferedIncomingMessage,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  type Logger,
  type ReceiverDispatchErrorHandlerArgs,
} from '@slack/bolt';
import { stringCode } from './errors.js';
import { SignatureVerifier } from './signature.js';

/**
 * The largest request body the bot reads: 1 MiB (Bolt's default is 4 MiB). Reading and hashing a
 * body is the work done before its signature is checked, so this bounds what an unsigned request
 * can cost. Slack's payloads to this bot are far smaller: a click on a button of its longest
 * message, on a catalog 100 times the real one, is about 49 KB form-encoded.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const FORM = 'application/x-www-form-urlencoded';
const OPEN_BRACE = 0x7b;
const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** True when a JSON text parses to something other than an object (null, a number, an array…). */
function isJsonButNotAnObject(text: string): boolean {
  let start = 0;
  while (start < text.length && JSON_SPACE.has(text.charCodeAt(start))) start++;
  // A text starting with "{" is an object or no JSON at all: no need to parse it here.
  if (text.charCodeAt(start) === OPEN_BRACE) return false;
  try {
    const value: unknown = JSON.parse(text);
    return value === null || typeof value !== 'object' || Array.isArray(value);
  } catch {
    // Not JSON: Bolt answers that itself (401 unsigned, 400 signed).
    return false;
  }
}

/**
 * True when Bolt would read this body as something other than an object. It reads a form body's
 * `payload` field as JSON when there is one (interactions), the form itself otherwise (slash
 * commands, ssl_check), and any other body as JSON. Mirrors HTTPModuleFunctions.parseHTTPRequestBody
 * of @slack/bolt 5.1, which compares the content type exactly as done here.
 */
export function isNonObjectBody(raw: Buffer, contentType: string | undefined): boolean {
  if (contentType === FORM) {
    if (!raw.includes('payload=')) return false;
    const form = parseForm(raw.toString());
    return typeof form.payload === 'string' && isJsonButNotAnObject(form.payload);
  }
  if (raw.length > 0 && raw[0] === OPEN_BRACE) return false;
  return isJsonButNotAnObject(raw.toString());
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  // The rest of a refused body is not read: the connection closes once the answer is sent.
  res.writeHead(status, { connection: 'close' });
  res.end();
}

type BodyProblem = 'too large' | 'unreadable';

/**
 * Reads a request body, at most `limit` bytes, and calls `done` once: with the body, or with the
 * problem (past the limit the request is paused and no more is read). Lighter than Bolt's reader
 * (raw-body) on the ack path, where every request goes through it.
 */
function readBody(
  req: IncomingMessage,
  limit: number,
  done: (problem: BodyProblem | undefined, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (problem: BodyProblem | undefined) => {
    if (finished) return;
    finished = true;
    done(problem, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      req.pause();
      finish('too large');
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => finish(undefined));
  req.on('error', () => finish('unreadable'));
  // Closed before its end (the client went away): nothing to answer, but no read left pending.
  req.on('close', () => finish('unreadable'));
}

/**
 * The HTTP receiver's `dispatchErrorHandler`: a request whose URL cannot be parsed (a request line
 * such as `GET http://[`) gets 400 and a warning. Bolt 5.1 parses the URL of every request with
 * `new URL()` before routing it and answers the TypeError with a 500 and an error log. Anything
 * else goes to Bolt's default (404 for an unknown path).
 */
export function dispatchRequestError(args: ReceiverDispatchErrorHandlerArgs): void {
  if (stringCode(args.error) === 'ERR_INVALID_URL') {
    args.logger.warn('refused a request with a malformed URL (400)', { method: args.request.method });
    refuse(args.response, 400);
    return;
  }
  HTTPModuleFunctions.defaultDispatchErrorHandler(args);
}

/** The one path Slack posts to (the manifest's request URLs). */
export const EVENTS_PATH = '/slack/events';

/** Whether Bolt routes this request URL to its events endpoint (it compares `new URL()`'s pathname). */
function isEventsPath(url: string | undefined): boolean {
  if (url === EVENTS_PATH) return true;
  try {
    return new URL(url ?? '', 'http://localhost').pathname === EVENTS_PATH;
  } catch {
    // Bolt's own routing refuses it (dispatchRequestError).
    return false;
  }
}

/** Bolt's test for Slack's SSL check (a form with `ssl_check=1`, which Slack does not sign). */
function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return contentType === FORM && raw.includes('ssl_check=') && parseForm(raw.toString()).ssl_check === '1';
}

export interface GuardedReceiverOptions {
  signingSecret: string;
  logger: Logger;
  customRoutes?: CustomRoute[];
  bodyLimit?: number;
}

/**
 * Bolt's HTTP receiver for `/slack/events`, with a guard in front of its request listener that
 * does what Bolt 5.1 does not, or does at a higher cost:
 *
 * - A POST body is read here, at most `bodyLimit` bytes: a declared Content-Length over the limit
 *   gets 413 before any of it is read, a streamed body as soon as it passes the limit. Bolt then
 *   uses the body read here (it reads a request only once, and keeps it as `rawBody`).
 * - At the events path, Slack's SSL check (`ssl_check=1`, unsigned) gets its empty 200 here, as
 *   Bolt answers it.
 * - Every other POST there must carry Slack's signature (SignatureVerifier, which says why it is
 *   checked here and not by Bolt): if not, 401 and a warning naming what is wrong. The receiver is
 *   built with Bolt's own check off, so the check cannot be left out: the guard and the receiver
 *   exist only together.
 * - A signed body there that parses to something other than an object (JSON `null`,
 *   `payload=null`, a number, an array) would reach a property read on it in Bolt's
 *   HTTPReceiver.handleIncomingEvent: an unhandled rejection, and the request never answered. It
 *   gets 400 and a warning.
 *
 * Everything else goes to Bolt's listener unchanged; a synchronous error from it goes to
 * `dispatchRequestError` as it would from the server Bolt starts.
 */
export function guardedHttpReceiver(options: GuardedReceiverOptions): HTTPReceiver {
  const { signingSecret, logger, bodyLimit = BODY_LIMIT_BYTES } = options;
  const receiver = new HTTPReceiver({
    signingSecret,
    logger,
    customRoutes: options.customRoutes ?? [],
    endpoints: EVENTS_PATH,
    // Checked by the guard below, before Bolt sees the request (SignatureVerifier says why).
    signatureVerification: false,
    bodyLimit,
    dispatchErrorHandler: dispatchRequestError,
  });
  const verifier = new SignatureVerifier(signingSecret);
  const boltListener = receiver.requestListener;
  const tooLarge = (res: ServerResponse) => {
    logger.warn(`refused a request body over the limit of ${bodyLimit} bytes (413)`);
    refuse(res, 413);
  };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    try {
      boltListener(req, res);
    } catch (error) {
      dispatchRequestError({ error: error as Error, logger, request: req, response: res });
    }
  };
  const checkBody = (req: BufferedIncomingMessage, res: ServerResponse) => {
    const contentType = req.headers['content-type'];
    if (isSslCheck(req.rawBody, contentType)) {
      res.writeHead(200);
      res.end();
      return;
    }
    const problem = verifier.problem(
      req.rawBody,
      header(req, 'x-slack-signature'),
      header(req, 'x-slack-request-timestamp'),
      Math.floor(Date.now() / 1000),
    );
    if (problem) {
      logger.warn(`refused a request with ${problem} (401)`);
      refuse(res, 401);
      return;
    }
    if (isNonObjectBody(req.rawBody, contentType)) {
      logger.warn('refused a signed request whose body is not a JSON object (400)');
      refuse(res, 400);
      return;
    }
    forward(req, res);
  };
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST') {
      forward(req, res);
      return;
    }
    if (Number(req.headers['content-length']) > bodyLimit) {
      tooLarge(res);
      return;
    }
    readBody(req, bodyLimit, (problem, body) => {
      if (problem === 'too large') {
        tooLarge(res);
        return;
      }
      if (problem === 'unreadable') {
        logger.warn('refused a request whose body could not be read (400)');
        refuse(res, 400);
        return;
      }
      // Bolt reads a request's body only once: it takes this one.
      const buffered = Object.assign(req, { rawBody: body });
      // Any other path is Bolt's to answer (404: the bot has no other POST route).
      if (isEventsPath(req.url)) checkBody(buffered, res);
      else forward(buffered, res);
    });
  };
  return receiver;
}
