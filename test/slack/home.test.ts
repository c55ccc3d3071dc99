import type { SlackEvent } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { viewLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import {
  appHomeOpenedEvent,
  blockSuggestionBody,
  directMessageEvent,
  eventCallbackBody,
  homeActionBody,
  postSigned,
  slashCommandBody,
} from '../helpers/slack.js';
import { blocksText, buttonsOf, expectBotToken, useTestApp } from './support.js';

const catalog = realCatalog();
const t = useTestApp(catalog, { config: { adminUserIds: ['U0ADMIN'] } });

async function deliver(event: SlackEvent) {
  const response = await postSigned(t.running.baseUrl, eventCallbackBody(event), 'application/json');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

async function interact(body: string): Promise<Response> {
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  return response;
}

/** The view of the one views.publish call made, checked against Slack's view limits. */
function publishedView(userId: string): Record<string, unknown> {
  const calls = t.slack.calls.filter((c) => c.method === 'views.publish');
  expect(calls.map((c) => c.args.user_id)).toEqual([userId]);
  const view = calls[0]!.args.view as Record<string, unknown>;
  expect(view.type).toBe('home');
  expect(viewLimitViolations(view)).toEqual([]);
  return view;
}

describe('the Home tab', () => {
  it('is published when opened: search box, New checklist, the catalog by category with Open buttons, the how-to', async () => {
    t.slack.api('views.publish');
    await deliver(appHomeOpenedEvent('home'));
    expectBotToken(t.slack.calls);
    const view = publishedView('U0ALICE');
    const blocks = view.blocks as Array<Record<string, unknown>>;
    const search = (blocks[2]!.elements as Array<Record<string, unknown>>)[0]!;
    expect(search).toMatchObject({
      type: 'external_select',
      action_id: 'hp_home_search',
      min_query_length: 2,
    });
    const buttons = buttonsOf(blocks);
    expect(buttons[0]).toEqual({ text: 'New checklist', action_id: 'hp_new_checklist', value: 'home' });
    const open = buttons.filter((b) => b.action_id === 'hp_open_provider').map((b) => b.value);
    expect(open).toEqual(
      [...catalog.providers, ...catalog.connectors].map((p) => p.id).sort((a, b) => order(a) - order(b)),
    );
    const text = blocksText(blocks);
    for (const heading of [
      '*Artifact servers* (',
      '*Verification providers* (',
      '*How to ask*',
      '*Look up ports*',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('*Harness ports checklist*');
    expect(text).toContain(
      '• *Firewall rules* on a provider card or a checklist, or `/harness-ports rules splunk jenkins as terraform`: rules to review before you apply them',
    );
    expect(text).not.toContain('Queries that found nothing');
  });

  it('shows maintainers (ADMIN_USER_IDS) the queries that found nothing, most missed first', async () => {
    // A typed rules request whose provider words found nothing counts as well ("rules mainframe").
    for (const query of ['mainframe', 'zzzfoo', 'rules mainframe as csv', 'rules splunk']) {
      const response = await postSigned(
        t.running.baseUrl,
        slashCommandBody(query),
        'application/x-www-form-urlencoded',
      );
      expect(response.status).toBe(200);
    }
    t.slack.api('views.publish');
    await deliver(appHomeOpenedEvent('home', 'U0ADMIN'));
    const text = blocksText(publishedView('U0ADMIN').blocks);
    expect(text).toMatch(/Queries that found nothing\* \(\d+ since this instance started/);
    expect(text.indexOf('`mainframe` × 2')).toBeGreaterThan(-1);
    expect(text.indexOf('`mainframe` × 2')).toBeLessThan(text.indexOf('`zzzfoo` × 1'));
  });

  it('answers the search box as the user types: "splu" suggests Splunk first, within 100 options', async () => {
    const response = await interact(blockSuggestionBody('hp_home_search', 'splu'));
    const body = (await response.json()) as { options: Array<{ text: { text: string }; value: string }> };
    expect(body.options[0]).toEqual({ text: { type: 'plain_text', text: 'Splunk' }, value: 'splunk' });
    expect(body.options.length).toBeLessThanOrEqual(100);
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
  });

  it('suggests topics and ports too: "verif" the verification providers, "80" every catalog port starting with 80, in order', async () => {
    const topics = (await (await interact(blockSuggestionBody('hp_home_search', 'verif'))).json()) as {
      options: Array<{ text: { text: string }; value: string }>;
    };
    expect(topics.options.map((o) => o.text.text)).toContain('Verification providers');
    const ports = (await (await interact(blockSuggestionBody('hp_home_search', '80'))).json()) as {
      options: Array<{ text: { text: string }; value: string }>;
    };
    // 8080 is the Jenkins connector's usual port.
    expect(ports.options.map((o) => o.value)).toEqual(['80', '8080', '8081', '8083', '8085', '8089']);
    expect(ports.options.every((o) => o.value.startsWith('80'))).toBe(true);
    expect(ports.options.find((o) => o.value === '8089')!.text.text).toBe(
      'Port 8089: Splunk, Splunk connector',
    );
  });

  it('shows the chosen provider card on the Home tab', async () => {
    t.slack.api('views.publish');
    await interact(
      homeActionBody({
        type: 'external_select',
        action_id: 'hp_home_search',
        selected_option: { text: { type: 'plain_text', text: 'Splunk' }, value: 'splunk' },
      }),
    );
    await t.slack.settle(t.running.bot);
    const text = blocksText(publishedView('U0ALICE').blocks);
    expect(text).toContain('*Splunk*  ·  Verification provider');
    expect(text).toContain('`TCP 8089` Splunk REST API');
  });

  it('shows a provider opened from the catalog on the Home tab, not in a message', async () => {
    t.slack.api('views.publish');
    await interact(
      homeActionBody({
        type: 'button',
        action_id: 'hp_open_provider',
        value: 'nexus',
        text: { type: 'plain_text', text: 'Open' },
      }),
    );
    await t.slack.settle(t.running.bot);
    expect(blocksText(publishedView('U0ALICE').blocks)).toContain('*Nexus*');
    expect(t.slack.responses).toEqual([]);
  });

  it('says on the Home tab when a provider opened there is no longer in the catalog', async () => {
    t.slack.api('views.publish');
    await interact(
      homeActionBody({
        type: 'button',
        action_id: 'hp_open_provider',
        value: 'retired-provider',
        text: { type: 'plain_text', text: 'Open' },
      }),
    );
    await t.slack.settle(t.running.bot);
    // The no-match names the word it did not recognise ("provider" is a question word).
    expect(blocksText(publishedView('U0ALICE').blocks)).toContain('No provider matches `retired`.');
    expect(t.slack.responses).toEqual([]);
  });

  it('opens the checklist builder from "New checklist"', async () => {
    t.slack.api('views.open');
    await interact(
      homeActionBody({
        type: 'button',
        action_id: 'hp_new_checklist',
        value: 'home',
        text: { type: 'plain_text', text: 'New checklist' },
      }),
    );
    await t.slack.settle(t.running.bot);
    const [open] = t.slack.calls;
    expect(open!.args.trigger_id).toBe('13345224609.738474920.8088930838d88f008e0');
    const view = open!.args.view as Record<string, unknown>;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'hp_checklist_modal' });
    expect(viewLimitViolations(view)).toEqual([]);
  });
});

describe('the Messages tab (agent messaging experience)', () => {
  it('sets the three suggested prompts when the user opens it', async () => {
    t.slack.api('assistant.threads.setSuggestedPrompts');
    await deliver(appHomeOpenedEvent('messages'));
    expect(t.slack.calls.map((c) => [c.method, c.args.channel_id, c.args.thread_ts])).toEqual([
      ['assistant.threads.setSuggestedPrompts', 'D0DIRECT', undefined],
    ]);
    expect((t.slack.calls[0]!.args.prompts as Array<{ message: string }>).map((p) => p.message)).toEqual([
      'What does the Delegate need to reach Harness?',
      'Ports for Splunk',
      'Checklist for AWS',
    ]);
  });

  it('answers each message in its thread with feedback buttons, and sets no status for a quick answer', async () => {
    t.slack.api('chat.postMessage', { ok: true, channel: 'D0DIRECT', ts: '1732560000.000901' });
    await deliver(directMessageEvent('Ports for Splunk', { ts: '1732560000.000222' }));
    expect(t.slack.calls.map((c) => [c.method, c.args.thread_ts])).toEqual([
      ['chat.postMessage', '1732560000.000222'],
    ]);
    const blocks = t.slack.calls[0]!.args.blocks as Array<Record<string, unknown>>;
    expect(blocks.at(-1)).toMatchObject({
      type: 'context_actions',
      elements: [{ type: 'feedback_buttons', action_id: 'hp_feedback' }],
    });
  });
});

const order = (id: string) => {
  const categories = [
    'artifact-server',
    'cloud-provider',
    'source-repository',
    'verification-provider',
    'security-provider',
    'collaboration',
    'secret-manager',
    'ticketing',
  ];
  const every = [...catalog.providers, ...catalog.connectors];
  const provider = every.find((p) => p.id === id)!;
  return categories.indexOf(provider.category) * 1000 + every.indexOf(provider);
};
