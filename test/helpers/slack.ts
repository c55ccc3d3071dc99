import { createHmac } from 'node:crypto';
import type {
  BlockAction,
  BlockSuggestion,
  ButtonAction,
  EnvelopedEvent,
  FeedbackButtonsAction,
  GlobalShortcut,
  MessageShortcut,
  SlashCommand,
  StaticSelectAction,
  ViewOutput,
  ViewStateValue,
  ViewSubmitAction,
} from '@slack/bolt';
import type {
  AppHomeOpenedEvent,
  AppMentionEvent,
  FunctionExecutedEvent,
  GenericMessageEvent,
  SlackEvent,
} from '@slack/types';
import { expect } from 'vitest';
import type { Catalog } from '../../src/catalog/schema.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, type SlackApp, type SlackConfig } from '../../src/slack/app.js';
import type { WebApiPolicy } from '../../src/slack/web-api-policy.js';
import type { StoredMessage } from './fake-slack-api.js';
import { registerApp } from './live-apps.js';

/** Shared Slack test helpers: signed requests, payload factories shaped like Slack's, a running app. */

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'a');
export const BOT_TOKEN = 'xoxb-test-1234';
/** nock intercepts this host for the Web API; response URLs live on RESPONSE_HOST. */
export const SLACK_API_HOST = 'https://slack.test';
export const SLACK_API_URL = `${SLACK_API_HOST}/api/`;
export const RESPONSE_HOST = 'https://hooks.slack.test';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequestOptions {
  /** Seconds; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (a forged one); null leaves the header out. */
  signature?: string | null;
  headers?: Record<string, string>;
  /** Aborts the request (e.g. `AbortSignal.timeout(ms)`, so a request never answered fails fast). */
  signal?: AbortSignal;
}

/** POSTs a correctly signed (unless told otherwise) request to the app's /slack/events. */
export async function postSigned(
  baseUrl: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedRequestOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? nowSeconds();
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...options.headers,
  };
  const sig = options.signature === undefined ? signature(body, timestamp) : options.signature;
  if (sig !== null) headers['x-slack-signature'] = sig;
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers,
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** A slash command as Slack sends it; `overrides` replace any field. */
export function slashCommand(text: string, overrides: Partial<SlashCommand> = {}): SlashCommand {
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C0CHANNEL',
    channel_name: 'platform',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/harness-ports',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: `${RESPONSE_HOST}/commands/T0001/1/abc`,
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    ...overrides,
  };
}

/** A slash command body as Slack sends it (form-encoded). */
export function slashCommandBody(text: string, overrides: Partial<SlashCommand> = {}): string {
  const fields = Object.entries(slashCommand(text, overrides)).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return new URLSearchParams(fields).toString();
}

export interface EventOverrides {
  eventId?: string;
}

/**
 * An event whose shape a test varies on purpose (another subtype, a missing or mistyped field), to
 * show the bot ignores or survives it. Well-formed events come from the typed factories below.
 */
export function untypedEvent(fields: object): SlackEvent {
  return fields as unknown as SlackEvent;
}

/** An Events API `event_callback` envelope around an event (JSON). */
export function eventCallbackBody(event: SlackEvent, overrides: EventOverrides = {}): string {
  const envelope: EnvelopedEvent<SlackEvent> = {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: overrides.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: 1732560000,
    authorizations: [
      { enterprise_id: null, team_id: 'T0001', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  };
  // An event of a test's own shape may lack event_ts; Slack always sends one.
  return JSON.stringify({ ...envelope, event: { event_ts: '1732560000.000100', ...event } });
}

/** An `app_mention` event in a channel (optionally in a thread). */
export function appMentionEvent(text: string, extra: Partial<AppMentionEvent> = {}): AppMentionEvent {
  return {
    type: 'app_mention',
    user: 'U0ALICE',
    text: `<@U0BOT> ${text}`,
    ts: '1732560000.000100',
    event_ts: '1732560000.000100',
    client_msg_id: 'c1a2b3c4-0000-4000-8000-000000000001',
    team: 'T0001',
    channel: 'C0CHANNEL',
    ...extra,
  };
}

/** A direct message to the bot (`message` with channel_type im). */
export function directMessageEvent(
  text: string,
  extra: Partial<GenericMessageEvent> = {},
): GenericMessageEvent {
  return {
    type: 'message',
    subtype: undefined,
    channel_type: 'im',
    user: 'U0ALICE',
    text,
    ts: '1732560000.000200',
    event_ts: '1732560000.000200',
    client_msg_id: 'c1a2b3c4-0000-4000-8000-000000000002',
    team: 'T0001',
    channel: 'D0DIRECT',
    ...extra,
  };
}

/** The action of a click, without what the factory fills in (its time, a button's label). */
export type ActionFixture =
  | (Omit<ButtonAction, 'action_ts' | 'text'> & { text?: ButtonAction['text'] })
  | (Omit<FeedbackButtonsAction, 'action_ts' | 'text'> & { text?: FeedbackButtonsAction['text'] })
  | Omit<StaticSelectAction, 'action_ts'>;

/** The actions the bot's messages carry. */
export type ClickedAction = ButtonAction | FeedbackButtonsAction | StaticSelectAction;

function actionOf(fixture: ActionFixture): ClickedAction {
  const action_ts = '1732560100.000000';
  const text = { type: 'plain_text' as const, text: 'Button' };
  switch (fixture.type) {
    case 'static_select':
      return { action_ts, ...fixture };
    case 'feedback_buttons':
      return { action_ts, text, ...fixture };
    case 'button':
      return { action_ts, text, ...fixture };
  }
}

/**
 * An action whose shape a test varies on purpose (a select without its selection…), to show the
 * bot survives it. Well-formed actions are typed ActionFixtures or come from buttonClick().
 */
export function untypedAction(fields: Record<string, unknown>): ActionFixture {
  return fields as unknown as ActionFixture;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? Reflect.get(value, name) : undefined;
}

/**
 * The action Slack sends when someone clicks a button the bot rendered (or Slack stored and sent
 * back) in block `blockId`. Fails the test when it is not a button.
 */
export function buttonClick(button: unknown, blockId: unknown): ActionFixture {
  const actionId = field(button, 'action_id');
  const label = field(field(button, 'text'), 'text');
  const value = field(button, 'value');
  if (field(button, 'type') !== 'button' || typeof actionId !== 'string' || typeof blockId !== 'string') {
    throw new Error(`not a button in a block with an id: ${JSON.stringify(button)}`);
  }
  return {
    type: 'button',
    action_id: actionId,
    block_id: blockId,
    text: { type: 'plain_text', text: typeof label === 'string' ? label : '' },
    ...(typeof value === 'string' ? { value } : {}),
  };
}

/** A `block_actions` interaction, e.g. a button click on a message. */
export function blockAction(
  action: ActionFixture,
  options: {
    userId?: string;
    channel?: string;
    message?: BlockAction['message'];
    isEphemeral?: boolean;
    threadTs?: string;
  } = {},
): BlockAction<ClickedAction> {
  const channel = options.channel ?? 'C0CHANNEL';
  const message = options.message ?? { type: 'message', ts: '1732560000.000300', text: '', blocks: [] };
  return {
    type: 'block_actions',
    user: { id: options.userId ?? 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0001' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel,
      is_ephemeral: options.isEphemeral ?? false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    team: { id: 'T0001', domain: 'acme' },
    is_enterprise_install: false,
    channel: { id: channel, name: 'platform' },
    ...(options.isEphemeral ? {} : { message }),
    state: { values: {} },
    response_url: `${RESPONSE_HOST}/actions/T0001/2/def`,
    actions: [actionOf(action)],
  };
}

/** A `block_actions` interaction as Slack posts it (form-encoded `payload=`). */
export function blockActionsBody(
  action: ActionFixture,
  options: Parameters<typeof blockAction>[1] = {},
): string {
  return new URLSearchParams({ payload: JSON.stringify(blockAction(action, options)) }).toString();
}

/**
 * A click on the first item of a checklist item message whose item blocks are whatever a (forged)
 * payload lists: one "Done" section per block id, in `message` (its other fields) in `channel`.
 */
export function forgedItemClick(
  blockIds: string[],
  message: { type: 'message'; ts: string } & Record<string, unknown>,
  channel: string,
): string {
  const blocks = blockIds.map((block_id) => ({
    type: 'section',
    block_id,
    text: { type: 'mrkdwn', text: 'item' },
    accessory: {
      type: 'button',
      action_id: 'hp_tick_item',
      value: 'done',
      text: { type: 'plain_text', text: 'Done' },
    },
  }));
  return blockActionsBody(buttonClick(blocks[0]!.accessory, blocks[0]!.block_id), {
    message: { ...message, blocks },
    channel,
  });
}

/**
 * The `block_actions` body Slack sends when `userId` presses the button of the block whose id
 * starts with `blockIdPrefix`, on a message the fake Slack API keeps: like Slack, it carries the
 * message's blocks as they stand at that moment (take `message` from the fake right before).
 */
export function pressOnStored(message: StoredMessage, blockIdPrefix: string, userId: string): string {
  const blocks = structuredClone(message.blocks) as Array<{ block_id?: string; accessory?: unknown }>;
  const block = blocks.find((b) => b.block_id?.startsWith(blockIdPrefix));
  if (!block) throw new Error(`no block ${blockIdPrefix} in message ${message.ts}`);
  return blockActionsBody(buttonClick(block.accessory, block.block_id), {
    userId,
    channel: message.channel,
    ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
    message: {
      type: 'message',
      ts: message.ts,
      text: String(message.text ?? ''),
      blocks,
      user: message.user,
      bot_id: message.bot_id,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
  });
}

export interface RunningTestApp {
  baseUrl: string;
  bot: SlackApp;
  logs: string[];
  stop: () => Promise<void>;
}

export interface TestAppOptions {
  now?: () => number;
  config?: Partial<SlackConfig>;
  /** Shorter Slack timeouts and backoffs for fault tests. */
  webApiPolicy?: Partial<WebApiPolicy>;
  /** What the logger redacts; by default the test secret and token. */
  redact?: string[];
  /** Milliseconds before a DM answer shows "looking up…". */
  statusDelayMs?: number;
}

/** Starts the real Bolt app with its real HTTP receiver on a loopback port chosen by the OS. */
export async function startTestApp(catalog: Catalog, options: TestAppOptions = {}): Promise<RunningTestApp> {
  const logs: string[] = [];
  const config = {
    mode: 'http',
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    slackApiUrl: SLACK_API_URL,
    logLevel: 'debug',
    adminUserIds: [],
    ...options.config,
  } as SlackConfig;
  const logger = createLogger(
    'debug',
    (line) => logs.push(line),
    options.redact ?? [SIGNING_SECRET, BOT_TOKEN],
  );
  const bot = createSlackApp({
    config,
    catalog,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.webApiPolicy ? { webApiPolicy: options.webApiPolicy } : {}),
    ...(options.statusDelayMs !== undefined ? { statusDelayMs: options.statusDelayMs } : {}),
  });
  const { port } = await bot.start();
  registerApp(bot, expect.getState().currentTestName ?? expect.getState().testPath ?? 'a test file');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    bot,
    logs,
    stop: async () => {
      await bot.stop(2_000);
    },
  };
}

const TEAM = { id: 'T0001', domain: 'acme' };
const TRIGGER_ID = '13345224609.738474920.8088930838d88f008e0';
const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** `app_home_opened` for a tab of the bot's App Home (an Events API event). */
export function appHomeOpenedEvent(tab: 'home' | 'messages', user = 'U0ALICE'): AppHomeOpenedEvent {
  return { type: 'app_home_opened', user, channel: 'D0DIRECT', tab, event_ts: '1732560000.000400' };
}

/** The part of a view payload Slack always sends; `state` and the rest as the test needs. */
export function viewOutput(overrides: Partial<ViewOutput> = {}): ViewOutput {
  return {
    id: 'V0VIEW',
    callback_id: '',
    team_id: 'T0001',
    app_id: 'A0APP',
    bot_id: 'B0BOT',
    title: { type: 'plain_text', text: 'Harness Ports', emoji: true },
    type: 'modal',
    blocks: [],
    close: null,
    submit: null,
    state: { values: {} },
    hash: '1732560000.abcdef',
    private_metadata: '',
    root_view_id: 'V0VIEW',
    previous_view_id: null,
    clear_on_close: false,
    notify_on_close: false,
    ...overrides,
  };
}

/** `block_suggestion`: what the user typed in an external select (form-encoded `payload=`). */
export function blockSuggestionBody(
  actionId: string,
  value: string,
  view: ViewOutput = viewOutput(),
): string {
  const payload: BlockSuggestion = {
    type: 'block_suggestion',
    user: { id: 'U0ALICE', name: 'alice', team_id: 'T0001' },
    container: { type: 'view', view_id: view.id },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    action_id: actionId,
    block_id: 'hp_search_block',
    value,
    team: TEAM,
    view,
  };
  return form(payload);
}

/** A global shortcut (`shortcut`): no channel, a trigger_id for a modal. */
export function globalShortcutBody(callbackId: string): string {
  const payload: GlobalShortcut = {
    type: 'shortcut',
    callback_id: callbackId,
    trigger_id: TRIGGER_ID,
    user: { id: 'U0ALICE', username: 'alice', team_id: 'T0001' },
    team: TEAM,
    token: 'deprecated-verification-token',
    action_ts: '1732560100.000000',
    is_enterprise_install: false,
    enterprise: undefined,
  };
  return form(payload);
}

/** A message shortcut (`message_action`) on a message in a channel, with its response_url. */
export function messageShortcutBody(
  callbackId: string,
  message: { text: string; ts?: string; thread_ts?: string; user?: string },
): string {
  const payload: MessageShortcut = {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: TRIGGER_ID,
    message_ts: message.ts ?? '1732560000.000500',
    response_url: `${RESPONSE_HOST}/actions/T0001/3/ghi`,
    message: {
      type: 'message',
      user: message.user ?? 'U0CAROL',
      ts: message.ts ?? '1732560000.000500',
      text: message.text,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
    user: { id: 'U0ALICE', name: 'alice', team_id: 'T0001' },
    channel: { id: 'C0CHANNEL', name: 'platform' },
    team: TEAM,
    token: 'deprecated-verification-token',
    action_ts: '1732560100.000000',
    is_enterprise_install: false,
    enterprise: undefined,
  };
  return form(payload);
}

/** `view_submission` of a modal with its input state (block id → action id → value). */
export function viewSubmissionBody(
  callbackId: string,
  values: Record<string, Record<string, ViewStateValue>>,
  privateMetadata = '',
): string {
  const payload: ViewSubmitAction = {
    type: 'view_submission',
    team: TEAM,
    user: { id: 'U0ALICE', name: 'alice', team_id: 'T0001' },
    view: viewOutput({ callback_id: callbackId, state: { values }, private_metadata: privateMetadata }),
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: TRIGGER_ID,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: undefined,
  };
  return form(payload);
}

/** A `block_actions` interaction from a Home tab view (no channel, no response_url). */
export function homeActionBody(action: Record<string, unknown>, userId = 'U0ALICE'): string {
  return form({
    type: 'block_actions',
    user: { id: userId, username: 'alice', name: 'alice', team_id: 'T0001' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: TRIGGER_ID,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    view: viewOutput({
      id: 'V0HOME',
      type: 'home',
      title: { type: 'plain_text', text: 'View Title', emoji: true },
    }),
    actions: [{ action_ts: '1732560100.000000', block_id: 'hp_home', ...action }],
  });
}

/** `function_executed` for a Workflow Builder step of this app, with its inputs. */
export function functionExecutedEvent(
  callbackId: string,
  inputs: FunctionExecutedEvent['inputs'],
): FunctionExecutedEvent {
  return {
    type: 'function_executed',
    function: {
      id: 'Fn0STEP',
      callback_id: callbackId,
      title: 'Create Harness ports checklist',
      type: 'app',
      input_parameters: [],
      output_parameters: [],
      app_id: 'A0APP',
      date_created: 1732560000,
      date_updated: 1732560000,
      date_deleted: 0,
    },
    inputs,
    function_execution_id: 'Fx0EXECUTION',
    workflow_execution_id: 'Wx0EXECUTION',
    event_ts: '1732560000.000600',
    bot_access_token: 'xwfp-function-token',
  };
}
