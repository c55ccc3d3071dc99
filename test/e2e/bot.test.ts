import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackLimitViolations, viewLimitViolations } from '../helpers/block-limits.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { freePort } from '../helpers/main-process.js';
import {
  appHomeOpenedEvent,
  appMentionEvent,
  BOT_TOKEN,
  blockActionsBody,
  blockSuggestionBody,
  buttonClick,
  eventCallbackBody,
  homeActionBody,
  postSigned,
  SIGNING_SECRET,
  slashCommandBody,
  viewSubmissionBody,
} from '../helpers/slack.js';

/**
 * The built bot (`node dist/main.js`, as `npm start` runs it) against a fake Slack Web API on
 * loopback: real process, real configuration from the environment, real HTTP both ways.
 */

const MAIN = resolve('dist/main.js');
let fake: FakeSlackApi;
let bot: ChildProcess;
let baseUrl: string;
let workDir: string;
const output: string[] = [];
let exited: Promise<number | null>;

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; bot output:\n${output.join('')}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  fake = await startFakeSlackApi();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // An empty working directory, so no developer's .env is read.
  workDir = mkdtempSync(join(tmpdir(), 'harness-ports-e2e-'));
  bot = spawn(process.execPath, [MAIN], {
    cwd: workDir,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      FEEDBACK_CHANNEL: 'C0FEEDBACK',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bot.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  bot.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  exited = new Promise((done) => bot.once('exit', (code) => done(code)));
  await until('GET /healthz', async () => {
    if (bot.exitCode !== null) throw new Error(`the bot exited with ${bot.exitCode}:\n${output.join('')}`);
    return fetch(`${baseUrl}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
  });
  await fake.waitForCalls('auth.test', 1);
  await until('the token check', () => output.join('').includes('connected to Slack'));
});

afterAll(async () => {
  if (bot && bot.exitCode === null && bot.signalCode === null) {
    bot.kill('SIGKILL');
    await exited;
  }
  await fake?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const textOf = (blocks: unknown) => JSON.stringify(blocks);

// One bot for the whole file, used as a user would in order, and stopped by the last test: the
// order is the story, so it is kept even under --sequence.shuffle.
describe('the built bot against a fake Slack', { shuffle: false }, () => {
  it('checks its token with auth.test at start, with the bot token', () => {
    const [authTest] = fake.callsOf('auth.test');
    expect(authTest!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(output.join('')).toContain('connected to Slack');
  });

  it('answers /harness-ports splunk privately in the HTTP response, with no Web API call', async () => {
    const before = fake.calls.length;
    const response = await postSigned(
      baseUrl,
      slashCommandBody('splunk'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('Delegate permissions and ports: Splunk and Splunk connector');
    const text = textOf(body.blocks);
    expect(text).toContain('`TCP 8089` Splunk REST API');
    expect(text).toContain('`HTTPS 8089` Splunk REST API');
    expect(text).toContain('http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88');
    expect(text).toContain('"action_id":"hp_share"');
    expect(slackLimitViolations(body)).toEqual([]);
    expect(fake.calls.slice(before)).toEqual([]);
  });

  it('answers a mention inside a thread in that thread', async () => {
    const response = await postSigned(
      baseUrl,
      eventCallbackBody(
        appMentionEvent('which ports does nexus need?', {
          channel: 'C0E2E',
          ts: '1732560050.000200',
          thread_ts: '1732560040.000100',
        }),
      ),
      'application/json',
    );
    expect(response.status).toBe(200);
    const [reply] = await fake.waitForCalls('chat.postMessage', 1);
    expect(reply!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(reply!.args).toMatchObject({
      channel: 'C0E2E',
      thread_ts: '1732560040.000100',
      text: 'Delegate permissions and ports: Nexus and Nexus 3 connector',
    });
    expect(textOf(reply!.args.blocks)).toContain('`TCP 8081` Nexus Repository Manager port');
  });

  it('posts a checklist, then records who ticked what when items are pressed', async () => {
    const posted = fake.callsOf('chat.postMessage').length;
    const response = await postSigned(
      baseUrl,
      slashCommandBody('checklist splunk jenkins nexus', { channel_id: 'C0OPS' }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const [summary, items] = (await fake.waitForCalls('chat.postMessage', posted + 2)).slice(posted);
    expect(summary!.args.channel).toBe('C0OPS');
    expect(summary!.args.thread_ts).toBeUndefined();
    expect(textOf(summary!.args.blocks)).toContain('*Ports to open (3 distinct)*');
    expect(items!.args.channel).toBe('C0OPS');
    const summaryTs = String(summary!.reply.ts);
    const itemsTs = String(items!.reply.ts);
    expect(summaryTs).toMatch(/^\d{10}\.\d{6}$/);
    expect(items!.args.thread_ts).toBe(summaryTs);

    // Bob presses "Done" on Splunk's port, on the message as Slack stored it.
    const stored = (blocks: unknown) => ({
      type: 'message' as const,
      user: 'U0BOT',
      bot_id: 'B0BOT',
      ts: itemsTs,
      thread_ts: summaryTs,
      text: 'Checklist',
      blocks,
    });
    const pressDone = async (blocks: unknown, blockIdPrefix: string, userId: string) => {
      const message = stored(blocks);
      const block = (
        message.blocks as Array<{ block_id?: string; accessory?: Record<string, unknown> }>
      ).find((b) => b.block_id?.startsWith(blockIdPrefix))!;
      const updates = fake.callsOf('chat.update').length;
      const click = await postSigned(
        baseUrl,
        blockActionsBody(buttonClick(block.accessory, block.block_id), { userId, message, channel: 'C0OPS' }),
        'application/x-www-form-urlencoded',
      );
      expect(click.status).toBe(200);
      const update = (await fake.waitForCalls('chat.update', updates + 1)).at(-1)!;
      expect(update.args).toMatchObject({ channel: 'C0OPS', ts: itemsTs });
      return update.args.blocks as Array<{ block_id?: string }>;
    };

    const afterBob = await pressDone(items!.args.blocks, 'hp_item:splunk:port-0', 'U0BOB');
    const bobTick = afterBob.find((b) => b.block_id?.startsWith('hp_item:splunk:port-0'))!;
    expect(bobTick.block_id).toMatch(/^hp_item:splunk:port-0:U0BOB:\d{10}$/);
    expect(textOf(bobTick)).toContain('<@U0BOB>');
    expect(textOf(afterBob)).toMatch(/\*1 of \d+ done\*/);

    // Carol ticks Nexus's port on the updated message: both ticks are kept.
    const afterCarol = await pressDone(afterBob, 'hp_item:nexus:port-0', 'U0CAROL');
    const ids = afterCarol.flatMap((b) => (b.block_id?.startsWith('hp_item:') ? [b.block_id] : []));
    expect(
      ids.filter((id) => id.split(':').length === 5).map((id) => id.split(':').slice(1, 4).join(':')),
    ).toEqual(['splunk:port-0:U0BOB', 'nexus:port-0:U0CAROL']);
    expect(textOf(afterCarol)).toMatch(/\*2 of \d+ done\*/);
    expect(slackLimitViolations({ text: 'x', blocks: afterCarol })).toEqual([]);
  });

  it('publishes the Home tab when it is opened', async () => {
    const before = fake.callsOf('views.publish').length;
    const response = await postSigned(
      baseUrl,
      eventCallbackBody(appHomeOpenedEvent('home')),
      'application/json',
    );
    expect(response.status).toBe(200);
    const publish = (await fake.waitForCalls('views.publish', before + 1)).at(-1)!;
    expect(publish.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(publish.args.user_id).toBe('U0ALICE');
    const view = publish.args.view as Record<string, unknown>;
    expect(view.type).toBe('home');
    expect(viewLimitViolations(view)).toEqual([]);
    expect(textOf(view.blocks)).toContain('"action_id":"hp_home_search"');
  });

  it('suggests Splunk first when "splu" is typed in the search box', async () => {
    const response = await postSigned(
      baseUrl,
      blockSuggestionBody('hp_home_search', 'splu'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { options: Array<{ text: { text: string }; value: string }> };
    expect(body.options[0]).toEqual({ text: { type: 'plain_text', text: 'Splunk' }, value: 'splunk' });
  });

  it('builds a checklist from the modal opened on the Home tab', async () => {
    const opened = fake.callsOf('views.open').length;
    const press = await postSigned(
      baseUrl,
      homeActionBody({
        type: 'button',
        action_id: 'hp_new_checklist',
        value: 'home',
        text: { type: 'plain_text', text: 'New checklist' },
      }),
      'application/x-www-form-urlencoded',
    );
    expect(press.status).toBe(200);
    const modal = (await fake.waitForCalls('views.open', opened + 1)).at(-1)!.args.view as Record<
      string,
      unknown
    >;
    expect(modal.callback_id).toBe('hp_checklist_modal');
    expect(viewLimitViolations(modal)).toEqual([]);

    const posted = fake.callsOf('chat.postMessage').length;
    const submitted = await postSigned(
      baseUrl,
      viewSubmissionBody('hp_checklist_modal', {
        hp_in_providers: {
          hp_checklist_providers: {
            type: 'multi_external_select',
            selected_options: [{ text: { type: 'plain_text', text: 'Splunk' }, value: 'splunk' }],
          },
        },
        hp_in_channel: {
          hp_checklist_channel: { type: 'conversations_select', selected_conversation: 'C0BUILD' },
        },
        hp_in_note: { hp_checklist_note: { type: 'plain_text_input', value: null } },
      }),
      'application/x-www-form-urlencoded',
    );
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');
    const [summary, items] = (await fake.waitForCalls('chat.postMessage', posted + 2)).slice(posted);
    expect(summary!.args.channel).toBe('C0BUILD');
    expect(summary!.args.text).toBe(
      'Harness Delegate checklist: Splunk\nPorts to open:\n8089 · TCP · Splunk · no',
    );
    expect(slackLimitViolations(summary!.args)).toEqual([]);
    expect(items!.args.thread_ts).toBe(summary!.reply.ts);
  });

  it('takes a 👎 to FEEDBACK_CHANNEL: feedback button, "What was wrong?" modal, report', async () => {
    const answer = (await (
      await postSigned(baseUrl, slashCommandBody('nexus'), 'application/x-www-form-urlencoded')
    ).json()) as { blocks: Array<{ type: string; elements?: Array<Record<string, unknown>> }> };
    const feedback = answer.blocks.find((b) => b.type === 'context_actions')!.elements![0]!;
    const negative = (feedback.negative_button as { value: string }).value;
    const opened = fake.callsOf('views.open').length;
    const press = await postSigned(
      baseUrl,
      blockActionsBody(
        { type: 'feedback_buttons', action_id: 'hp_feedback', block_id: 'fb', value: negative },
        { isEphemeral: true },
      ),
      'application/x-www-form-urlencoded',
    );
    expect(press.status).toBe(200);
    const modal = (await fake.waitForCalls('views.open', opened + 1)).at(-1)!.args.view as Record<
      string,
      unknown
    >;
    expect(modal.callback_id).toBe('hp_feedback_modal');

    const posted = fake.callsOf('chat.postMessage').length;
    const sent = await postSigned(
      baseUrl,
      viewSubmissionBody(
        'hp_feedback_modal',
        {
          hp_in_feedback: { hp_feedback_text: { type: 'plain_text_input', value: 'Nexus 2 uses 8081 too' } },
        },
        String(modal.private_metadata),
      ),
      'application/x-www-form-urlencoded',
    );
    expect(sent.status).toBe(200);
    const report = (await fake.waitForCalls('chat.postMessage', posted + 1)).at(-1)!;
    expect(report.args.channel).toBe('C0FEEDBACK');
    expect(textOf(report.args.blocks)).toContain('*Query:* `nexus`');
    expect(textOf(report.args.blocks)).toContain('Nexus 2 uses 8081 too');
    await until('the feedback log line', () => output.join('').includes('"event":"feedback"'));
  });

  it('stops cleanly on SIGTERM (exit code 0)', async () => {
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.join('')).toContain('stopped cleanly');
  });
});
