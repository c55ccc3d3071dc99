import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Router } from '../../src/slack/listeners/router.js';
import {
  appMentionEvent,
  BOT_TOKEN,
  blockActionsBody,
  eventCallbackBody,
  postSigned,
  SIGNING_SECRET,
  slashCommandBody,
  untypedEvent,
} from '../helpers/slack.js';

/**
 * The router that stands in for Bolt's per-listener matching, inside a real Bolt app and HTTP
 * receiver with signed requests: each kind of request reaches the handler registered for its id
 * with Bolt's listener arguments, the bot's own events are dropped as Bolt's `ignoreSelf` drops
 * them, and what the router does not handle still reaches Bolt's own listeners.
 */

const form = (payload: Record<string, unknown>) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const FORM = 'application/x-www-form-urlencoded';

const interaction = {
  user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0001' },
  api_app_id: 'A0APP',
  token: 'deprecated-verification-token',
  team: { id: 'T0001', domain: 'acme' },
  trigger_id: '13345224609.738474920.8088930838d88f008e0',
};
const view = (callbackId: string) => ({
  id: 'V0VIEW',
  type: 'modal',
  callback_id: callbackId,
  team_id: 'T0001',
  app_id: 'A0APP',
  bot_id: 'B0BOT',
  blocks: [],
  private_metadata: '',
  state: { values: {} },
  hash: '1.abc',
  title: { type: 'plain_text', text: 'Title' },
});

let server: Server;
let baseUrl: string;
/** What reached a handler: "<kind> <what it saw>". */
let seen: string[] = [];
let errors: string[] = [];
const router = new Router()
  .command(/^\/harness-ports$/, async ({ ack, command, respond, client, context, logger }) => {
    expect([typeof respond, typeof client.chat.postMessage, typeof logger.info]).toEqual([
      'function',
      'function',
      'function',
    ]);
    seen.push(`command ${command.command} ${command.text} ${context.botUserId}`);
    await ack({ text: 'routed' });
  })
  .command(/^\/\S+$/, async ({ ack, command }) => {
    seen.push(`any command ${command.command}`);
    await ack();
  })
  .event('app_mention', async ({ event, say }) => {
    expect(typeof say).toBe('function');
    seen.push(`event app_mention ${event.user}`);
  })
  .event('member_joined_channel', async ({ event }) => {
    seen.push(`event member_joined_channel ${event.user}`);
  })
  .event('message', async ({ event }) => {
    seen.push(`event message ${'bot_id' in event ? event.bot_id : 'no bot id'}`);
  })
  .action('hp_a', async ({ ack, action, body }) => {
    await ack();
    seen.push(`action ${action.type} ${'action_id' in action ? action.action_id : ''} ${body.user.id}`);
  })
  .options('hp_menu', async ({ ack, options }) => {
    seen.push(`options ${options.value}`);
    await ack({ options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }] });
  })
  .view('hp_form', async ({ ack, view: submitted, body }) => {
    seen.push(`view ${body.type} ${submitted.callback_id}`);
    await ack();
  })
  .view(
    'hp_form',
    async ({ ack, body }) => {
      seen.push(`view ${body.type}`);
      await ack();
    },
    'view_closed',
  )
  .shortcut('hp_shortcut', async ({ ack, shortcut }) => {
    seen.push(`shortcut ${shortcut.type} ${shortcut.callback_id}`);
    await ack();
  })
  .action('hp_fails', async ({ ack }) => {
    await ack();
    throw new Error('handler failed');
  });

beforeAll(async () => {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: BOT_TOKEN, botId: 'B0BOT', botUserId: 'U0BOT' }),
    logLevel: LogLevel.ERROR,
    convoStore: false,
    ignoreSelf: false,
  });
  app.use(router.middleware());
  // Added after the router: still reached, whether the router handled the request or not.
  app.action('hp_unrouted', async ({ ack }) => {
    await ack();
    seen.push('bolt listener hp_unrouted');
  });
  app.event('app_mention', async () => {
    seen.push('bolt listener app_mention');
  });
  app.error(async (error) => {
    errors.push(error.message);
  });
  server = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  errors = [];
});

/** Waits until `count` things were seen (events are acked before their handlers run). */
async function waitForSeen(count: number) {
  const deadline = Date.now() + 2_000;
  while (seen.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 30));
}

describe('Router', () => {
  it('answers a slash command through the first pattern that matches, with Bolt’s arguments', async () => {
    const response = await postSigned(baseUrl, slashCommandBody('splunk'), FORM);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: 'routed' });
    const renamed = await postSigned(baseUrl, slashCommandBody('x', { command: '/ports' }), FORM);
    expect(renamed.status).toBe(200);
    expect(seen).toEqual(['command /harness-ports splunk U0BOT', 'any command /ports']);
  });

  it('routes an event by its type, and Bolt listeners added after the router run too', async () => {
    await postSigned(baseUrl, eventCallbackBody(appMentionEvent('splunk')), 'application/json');
    await waitForSeen(2);
    expect(seen.sort()).toEqual(['bolt listener app_mention', 'event app_mention U0ALICE']);
  });

  it.each([
    ['an app_mention by the bot user itself', { ...appMentionEvent('x'), user: 'U0BOT' }],
    [
      'a bot_message from the bot',
      {
        type: 'message',
        subtype: 'bot_message',
        bot_id: 'B0BOT',
        channel: 'C0CHANNEL',
        ts: '1.2',
        text: 'x',
      },
    ],
  ])('drops %s, as Bolt’s ignoreSelf does (no handler, no Bolt listener)', async (_what, event) => {
    const response = await postSigned(baseUrl, eventCallbackBody(untypedEvent(event)), 'application/json');
    expect(response.status).toBe(200);
    // A later event that is handled: once it is seen, the dropped one had its turn.
    const marker = {
      type: 'member_joined_channel',
      user: 'U0ALICE',
      channel: 'C0CHANNEL',
      channel_type: 'C',
    };
    await postSigned(baseUrl, eventCallbackBody(untypedEvent(marker)), 'application/json');
    await waitForSeen(1);
    expect(seen).toEqual(['event member_joined_channel U0ALICE']);
  });

  it('keeps what ignoreSelf keeps: another bot’s message, and the bot user joining a channel', async () => {
    const otherBot = { type: 'message', subtype: 'bot_message', bot_id: 'B0OTHER', channel: 'C0', ts: '1.3' };
    await postSigned(baseUrl, eventCallbackBody(untypedEvent(otherBot)), 'application/json');
    const joined = { type: 'member_joined_channel', user: 'U0BOT', channel: 'C0CHANNEL', channel_type: 'C' };
    await postSigned(baseUrl, eventCallbackBody(untypedEvent(joined)), 'application/json');
    await waitForSeen(2);
    expect(seen.sort()).toEqual(['event member_joined_channel U0BOT', 'event message B0OTHER']);
  });

  it('routes a block action by its action_id', async () => {
    const body = blockActionsBody({ type: 'button', action_id: 'hp_a', block_id: 'b', value: 'v' });
    const response = await postSigned(baseUrl, body, FORM);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['action button hp_a U0BOB']);
  });

  it('routes an external select’s options request by its action_id', async () => {
    const body = form({
      ...interaction,
      type: 'block_suggestion',
      action_id: 'hp_menu',
      block_id: 'b',
      value: 'sp',
    });
    const response = await postSigned(baseUrl, body, FORM);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
    });
    expect(seen).toEqual(['options sp']);
  });

  it('routes view_submission and view_closed of one callback id to their own handlers', async () => {
    for (const type of ['view_submission', 'view_closed']) {
      const response = await postSigned(baseUrl, form({ ...interaction, type, view: view('hp_form') }), FORM);
      expect(response.status).toBe(200);
    }
    expect(seen).toEqual(['view view_submission hp_form', 'view view_closed']);
  });

  it('routes global and message shortcuts by callback id', async () => {
    for (const type of ['shortcut', 'message_action']) {
      const body = form({ ...interaction, type, callback_id: 'hp_shortcut', action_ts: '1.4' });
      expect((await postSigned(baseUrl, body, FORM)).status).toBe(200);
    }
    expect(seen).toEqual(['shortcut shortcut hp_shortcut', 'shortcut message_action hp_shortcut']);
  });

  it('passes what it does not handle on to Bolt’s listeners', async () => {
    const body = blockActionsBody({ type: 'button', action_id: 'hp_unrouted', block_id: 'b', value: 'v' });
    expect((await postSigned(baseUrl, body, FORM)).status).toBe(200);
    expect(seen).toEqual(['bolt listener hp_unrouted']);
  });

  it('reports a failing handler to the app’s error handler', async () => {
    const body = blockActionsBody({ type: 'button', action_id: 'hp_fails', block_id: 'b', value: 'v' });
    expect((await postSigned(baseUrl, body, FORM)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 30));
    expect(errors).toEqual(['handler failed']);
  });

  it('refuses two handlers for one id when they are registered', () => {
    const twice = new Router().action('hp_x', async () => {});
    expect(() => twice.action('hp_x', async () => {})).toThrow('action "hp_x" has two handlers');
    expect(() => new Router().event('message', async () => {}).event('message', async () => {})).toThrow(
      'event "message" has two handlers',
    );
  });
});
