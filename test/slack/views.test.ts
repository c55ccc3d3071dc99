import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { answerView } from '../../src/render/answer-view.js';
import { feedbackBlock } from '../../src/render/blocks/feedback.js';
import { slackLimitViolations, viewLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import { blockActionsBody, postSigned, viewSubmissionBody } from '../helpers/slack.js';
import { blocksText, expectBotToken, tableRows, useTestApp } from './support.js';

const catalog = realCatalog();
const NOW = 1732561234;
const t = useTestApp(catalog, { now: () => NOW, config: { feedbackChannel: 'C0FEEDBACK' } });

async function submit(body: string): Promise<unknown> {
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  const text = await response.text();
  await t.slack.settle(t.running.bot);
  return text ? JSON.parse(text) : undefined;
}

function checklistValues(providerIds: string[], channel: string | null, note?: string) {
  return {
    hp_in_providers: {
      hp_checklist_providers: {
        type: 'multi_external_select',
        selected_options: providerIds.map((id) => ({
          text: { type: 'plain_text' as const, text: id },
          value: id,
        })),
      },
    },
    hp_in_channel: { hp_checklist_channel: { type: 'conversations_select', selected_conversation: channel } },
    hp_in_note: { hp_checklist_note: { type: 'plain_text_input', value: note ?? null } },
  };
}

describe('the checklist builder', () => {
  it('posts the same checklist as the slash command in the chosen channel, with the note, and closes', async () => {
    t.slack.api(
      'chat.postMessage',
      (args) => ({ ok: true, channel: args.channel, ts: '1732560000.001000' }),
      2,
    );
    const reply = await submit(
      viewSubmissionBody(
        'hp_checklist_modal',
        checklistValues(['splunk', 'jenkins'], 'C0OPS', 'staging <!here> delegate'),
      ),
    );
    expect(reply).toBeUndefined();
    expectBotToken(t.slack.calls);
    expect(t.slack.calls.map((c) => [c.method, c.args.channel, c.args.thread_ts])).toEqual([
      ['chat.postMessage', 'C0OPS', undefined],
      ['chat.postMessage', 'C0OPS', '1732560000.001000'],
    ]);
    const summary = t.slack.calls[0]!.args;
    expect(summary.text).toBe(
      'Harness Delegate checklist: Splunk and Jenkins\nPorts to open:\n443 · HTTPS · Jenkins · no\n8089 · TCP · Splunk · no',
    );
    expect(tableRows(summary.blocks).slice(1)).toEqual([
      ['443', 'HTTPS', 'Jenkins', 'no'],
      ['8089', 'TCP', 'Splunk', 'no'],
    ]);
    const text = blocksText(summary.blocks);
    expect(text).toContain('*Note:* staging &lt;!here&gt; delegate');
    expect(text).toContain('Started by <@U0ALICE> with `/harness-ports checklist splunk jenkins`');
    for (const call of t.slack.calls) expect(slackLimitViolations(call.args)).toEqual([]);
  });

  it('says inline that a provider is needed, and posts nothing', async () => {
    const reply = await submit(viewSubmissionBody('hp_checklist_modal', checklistValues([], 'C0OPS')));
    expect(reply).toEqual({
      response_action: 'errors',
      errors: { hp_in_providers: 'Choose at least one provider.' },
    });
    expect(t.slack.calls).toEqual([]);
  });

  it('says inline that the bot cannot post in a private channel it was not invited to', async () => {
    t.slack.api('chat.postMessage', { ok: false, error: 'channel_not_found' });
    const reply = await submit(
      viewSubmissionBody('hp_checklist_modal', checklistValues(['nexus'], 'G0SECRET')),
    );
    expect(reply).toEqual({
      response_action: 'errors',
      errors: {
        hp_in_channel:
          'I cannot post there. Invite me first (/invite @Harness Ports), or choose a channel I am in.',
      },
    });
    expect(t.slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });
});

describe('feedback on an answer', () => {
  const buttons = feedbackBlock(
    answerView(answer('what ports does nexus need', catalog)).feedback!,
  ) as unknown as {
    elements: Array<{ positive_button: { value: string }; negative_button: { value: string } }>;
  };
  const press = (value: string) =>
    blockActionsBody({
      type: 'feedback_buttons',
      action_id: 'hp_feedback',
      block_id: 'fb',
      value,
      text: { type: 'plain_text', text: '👎' },
    });

  it('a 👎 opens the short "What was wrong?" modal about that answer', async () => {
    t.slack.api('views.open');
    await submit(press(buttons.elements[0]!.negative_button.value));
    const view = t.slack.calls[0]!.args.view as Record<string, unknown>;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'hp_feedback_modal',
      title: { text: 'What was wrong?' },
    });
    expect(viewLimitViolations(view)).toEqual([]);
    expect(JSON.parse(view.private_metadata as string)).toEqual({
      v: 'bad',
      q: 'what ports does nexus need',
      p: ['nexus', 'nexus3-connector'],
    });
  });

  it('a 👍 is logged, and opens nothing', async () => {
    await submit(press(buttons.elements[0]!.positive_button.value));
    expect(t.slack.calls).toEqual([]);
    const line = t.running.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .findLast((l) => l.event === 'feedback');
    expect(line).toMatchObject({
      rating: 'good',
      query: 'what ports does nexus need',
      providers: ['nexus', 'nexus3-connector'],
      user: 'U0BOB',
      workspace: '-:T0001',
    });
  });

  it('the report is logged as one structured line and posted to FEEDBACK_CHANNEL', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'C0FEEDBACK', ts: '1732560000.002000' });
    const metadata = JSON.stringify({ v: 'bad', q: 'what ports does nexus need', p: ['nexus'] });
    await submit(
      viewSubmissionBody(
        'hp_feedback_modal',
        {
          hp_in_feedback: {
            hp_feedback_text: { type: 'plain_text_input', value: 'Nexus 3 also uses <8081>' },
          },
        },
        metadata,
      ),
    );
    const line = t.running.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .findLast((l) => l.event === 'feedback');
    expect(line).toMatchObject({
      rating: 'bad',
      query: 'what ports does nexus need',
      providers: ['nexus'],
      user: 'U0ALICE',
      workspace: '-:T0001',
      at: NOW,
      text: 'Nexus 3 also uses <8081>',
    });
    const [post] = t.slack.calls;
    expect(post!.args.channel).toBe('C0FEEDBACK');
    expect(slackLimitViolations(post!.args)).toEqual([]);
    const text = blocksText(post!.args.blocks);
    expect(text).toContain('reported wrong* by <@U0ALICE>');
    expect(text).toContain('*Query:* `what ports does nexus need`\n*Providers answered:* `nexus`');
    expect(text).toContain('>Nexus 3 also uses &lt;8081&gt;');
  });
});
