import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Catalog } from '../../src/catalog/schema.js';
import type { SlackApp } from '../../src/slack/app.js';
import {
  type ActionFixture,
  BOT_TOKEN,
  buttonClick,
  postSigned,
  RESPONSE_HOST,
  type RunningTestApp,
  SLACK_API_HOST,
  slashCommandBody,
  startTestApp,
  type TestAppOptions,
} from '../helpers/slack.js';
import { decodeSlackArgs } from '../helpers/slack-args.js';

/**
 * nock standing in for the Slack Web API (https://slack.test/api/) and for response URLs
 * (https://hooks.slack.test), recording every call in the order it was made. Any request to either
 * host that no interceptor expects is recorded as unexpected, so a test can prove that nothing was
 * called at all.
 */

export interface ApiCall {
  method: string;
  /** The call's arguments, decoded: `blocks` is an array again, whether sent as form or JSON. */
  args: Record<string, unknown>;
  authorization: string | undefined;
}

export interface ResponseUrlPost {
  path: string;
  body: Record<string, unknown>;
}

type Reply = Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>);

export interface FakeSlack {
  /** Web API calls, in order. */
  calls: ApiCall[];
  /** POSTs to response URLs, in order. */
  responses: ResponseUrlPost[];
  /** Requests to Slack that no interceptor expected ("METHOD url"). */
  unexpected: string[];
  /** Expects `times` calls of a Web API method and answers each with `reply` (ok: true by default). */
  api(method: string, reply?: Reply, times?: number): nock.Scope;
  /** Expects `times` POSTs to a response URL path and answers 200 (or `status`). */
  responseUrl(path: string, times?: number, status?: number): nock.Scope;
  /** Waits until every expected request was made and the app has nothing in flight (bounded). */
  settle(bot: SlackApp): Promise<void>;
  /** Forgets every interceptor and listener; lets the network through again. */
  dispose(): void;
}

/** Starts intercepting Slack; call in beforeEach and dispose() in afterEach. */
export function fakeSlack(): FakeSlack {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const unexpected: string[] = [];
  const onNoMatch = (req: { method?: string; href?: string; host?: string; hostname?: string }) => {
    const where = req.href ?? `${req.hostname ?? req.host ?? ''}`;
    if (where.includes('slack.test')) unexpected.push(`${req.method ?? '?'} ${where}`);
  };
  nock.emitter.on('no match', onNoMatch);

  return {
    calls,
    responses,
    unexpected,
    api(method, reply = { ok: true }, times = 1) {
      return nock(SLACK_API_HOST)
        .post(`/api/${method}`)
        .times(times)
        .reply(function (_uri, body) {
          const args = decodeSlackArgs(body);
          const auth = this.req.headers.authorization;
          calls.push({ method, args, authorization: Array.isArray(auth) ? auth[0] : auth });
          return [
            200,
            typeof reply === 'function' ? reply(args) : reply,
            { 'content-type': 'application/json' },
          ];
        });
    },
    responseUrl(path, times = 1, status = 200) {
      return nock(RESPONSE_HOST)
        .post(path)
        .times(times)
        .reply((_uri, body) => {
          responses.push({ path, body: decodeSlackArgs(body) });
          return [status, status === 200 ? 'ok' : 'expired_url'];
        });
    },
    async settle(bot) {
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        if (nock.isDone() && bot.inflight.size === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // One more turn for anything a finished request would still start.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(nock.pendingMocks(), 'Slack calls that were expected but never made').toEqual([]);
      expect(unexpected, 'Slack calls that nothing expected').toEqual([]);
      expect(bot.inflight.size, 'requests still being processed').toBe(0);
    },
    dispose() {
      nock.emitter.off('no match', onNoMatch);
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

/** Every call carries the bot token: the assertion a test makes about how the Web API was called. */
export function expectBotToken(calls: ApiCall[]) {
  for (const call of calls) expect(call.authorization, call.method).toBe(`Bearer ${BOT_TOKEN}`);
}

/** All the text of a message's blocks, joined, for content assertions. */
/** The code of a message's code blocks (rules, permission snippets), unescaped, one block per line group. */
export function codeOf(blocks: unknown): string {
  return (blocks as Array<{ type: string; text?: { text: string } }>)
    .flatMap((b) =>
      b.type === 'section' && b.text?.text.startsWith('```\n') ? [b.text.text.slice(4, -4)] : [],
    )
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') out.push(inner);
        else walk(inner);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** Buttons of a message's blocks (accessories and actions elements), in order. */
export function buttonsOf(blocks: unknown): Array<{ text: string; action_id: string; value?: string }> {
  const found: Array<{ text: string; action_id: string; value?: string }> = [];
  const visit = (element: unknown) => {
    const el = element as { type?: string; text?: { text?: string }; action_id?: string; value?: string };
    if (el?.type === 'button' && el.action_id) {
      found.push({
        text: el.text?.text ?? '',
        action_id: el.action_id,
        ...(el.value ? { value: el.value } : {}),
      });
    }
  };
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const b = block as { accessory?: unknown; elements?: unknown[] };
    visit(b.accessory);
    for (const element of b.elements ?? []) visit(element);
  }
  return found;
}

export interface TestAppContext {
  /** The real Bolt app and HTTP receiver, started once for the file (or describe block). */
  readonly running: RunningTestApp;
  /** nock standing in for the Web API and response URLs, fresh for each test. */
  readonly slack: FakeSlack;
}

/** Registers the hooks the handler tests share: one running app, a fresh fake Slack per test. */
export function useTestApp(catalog: Catalog, options: TestAppOptions = {}): TestAppContext {
  let running: RunningTestApp | undefined;
  let slack: FakeSlack | undefined;
  beforeAll(async () => {
    running = await startTestApp(catalog, options);
  });
  afterAll(async () => {
    await running?.stop();
  });
  beforeEach(() => {
    slack = fakeSlack();
  });
  afterEach(() => {
    slack?.dispose();
  });
  return {
    get running() {
      if (!running) throw new Error('the test app is not running (used outside a test?)');
      return running;
    },
    get slack() {
      if (!slack) throw new Error('no fake Slack (used outside a test?)');
      return slack;
    },
  };
}

/** Blocks as Slack sends them back in an action payload: every block has a block_id. */
export function asStored(blocks: unknown[]): Array<Record<string, unknown>> {
  return (blocks as Array<Record<string, unknown>>).map((block, i) => ({ block_id: `Slk${i}`, ...block }));
}

/** The action Slack sends when someone presses a button (found by action id and value) in these blocks. */
export function press(
  blocks: Array<Record<string, unknown>>,
  actionId: string,
  value?: string,
): ActionFixture {
  for (const block of blocks) {
    const elements = [block.accessory, ...((block.elements as unknown[]) ?? [])] as Array<
      Record<string, unknown> | undefined
    >;
    const button = elements.find(
      (el) =>
        el?.type === 'button' && el.action_id === actionId && (value === undefined || el.value === value),
    );
    if (button) return buttonClick(button, block.block_id);
  }
  throw new Error(`no ${actionId} button${value ? ` with value ${value}` : ''} in these blocks`);
}

/** Runs the slash command on the test app: expects its 200, waits for its Slack calls, returns the ack's JSON. */
export async function slashAck(
  t: TestAppContext,
  text: string,
  overrides: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await postSigned(
    t.running.baseUrl,
    slashCommandBody(text, overrides),
    'application/x-www-form-urlencoded',
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  await t.slack.settle(t.running.bot);
  return body;
}

/** Posts a signed Events API body to the test app, expects its 200, and waits for the bot's Slack calls. */
export async function deliverEvent(t: TestAppContext, body: string): Promise<void> {
  const response = await postSigned(t.running.baseUrl, body, 'application/json');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

/** The cells of a message's table block, row by row (header first); throws when there is none. */
export function tableRows(blocks: unknown): string[][] {
  const table = (Array.isArray(blocks) ? blocks : []).find((b: { type?: string }) => b.type === 'table') as
    | { rows: Array<Array<{ type: string; text?: string }>> }
    | undefined;
  if (!table) throw new Error('no table block in this message');
  return table.rows.map((row) => row.map((cell) => cell.text ?? ''));
}

/** The option values of the static selects in a message's blocks, in order. */
export function selectValues(blocks: unknown): string[] {
  const values: string[] = [];
  for (const block of Array.isArray(blocks) ? blocks : []) {
    for (const el of (block as { elements?: Array<{ type?: string; options?: Array<{ value: string }> }> })
      .elements ?? []) {
      if (el.type === 'static_select') values.push(...(el.options ?? []).map((o) => o.value));
    }
  }
  return values;
}
