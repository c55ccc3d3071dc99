import type { ViewStateValue } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import { isRulesQuery, rulesRequest } from '../../src/engine/rules-request.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { renderChecklistSummary } from '../../src/render/blocks/checklist.js';
import { SLACK_LIMITS } from '../../src/render/limits.js';
import { HELP_EXAMPLES } from '../../src/render/wording.js';
import { typedRulesMessages } from '../../src/slack/rules.js';
import { slackLimitViolations, viewLimitViolations } from '../helpers/block-limits.js';
import { providerById, realCatalog } from '../helpers/catalog.js';
import {
  appMentionEvent,
  blockActionsBody,
  directMessageEvent,
  eventCallbackBody,
  homeActionBody,
  postSigned,
  slashCommandBody,
  viewSubmissionBody,
} from '../helpers/slack.js';
import {
  asStored,
  blocksText,
  buttonsOf,
  codeOf,
  deliverEvent,
  expectBotToken,
  press,
  useTestApp,
} from './support.js';

const catalog = realCatalog();
const t = useTestApp(catalog);

/** The response URL of every button click the test helpers send. */
const CLICK_RESPONSE_PATH = '/actions/T0001/2/def';
const CLICK_RESPONSE_URL = `https://hooks.slack.test${CLICK_RESPONSE_PATH}`;
const CHECKLIST_TS = '1732560000.000900';

async function send(body: string): Promise<unknown> {
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  const text = await response.text();
  await t.slack.settle(t.running.bot);
  return text ? JSON.parse(text) : undefined;
}

/** The modal's inputs as Slack sends them on submission. */
function modalValues(
  format: string,
  delegate: boolean,
  cluster?: string,
): Record<string, Record<string, ViewStateValue>> {
  const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
  return {
    hp_in_rules_format: { hp_rules_format: { type: 'static_select', selected_option: option(format) } },
    hp_in_rules_delegate: {
      hp_rules_delegate: { type: 'checkboxes', selected_options: delegate ? [option('delegate')] : [] },
    },
    hp_in_rules_cluster: {
      hp_rules_cluster: { type: 'static_select', selected_option: cluster ? option(cluster) : null },
    },
  };
}

/** The public checklist summary for Splunk and Jenkins, as Slack stores it in the channel. */
function checklistMessage() {
  const summary = renderChecklistSummary(buildChecklist(['splunk', 'jenkins'].map(providerById)), {
    command: '/harness-ports',
    requestedBy: 'U0ALICE',
  });
  return {
    type: 'message' as const,
    user: 'U0BOT',
    bot_id: 'B0BOT',
    ts: CHECKLIST_TS,
    text: summary.text,
    blocks: asStored(summary.blocks),
  };
}

/** Presses "Firewall rules" on the checklist summary and returns the modal views.open got. */
async function openFromChecklist(): Promise<Record<string, unknown>> {
  t.slack.api('views.open');
  const message = checklistMessage();
  await send(blockActionsBody(press(message.blocks, 'hp_firewall_rules'), { message, userId: 'U0ALICE' }));
  const call = t.slack.calls.find((c) => c.method === 'views.open')!;
  expect(call.args.trigger_id).toBe('13345224609.738474920.8088930838d88f008e0');
  t.slack.calls.length = 0;
  return call.args.view as Record<string, unknown>;
}

/** Presses "Firewall rules" on the private card `query` answers with, and returns the modal views.open got. */
async function openFromPrivateCard(query: string): Promise<Record<string, unknown>> {
  t.slack.api('views.open');
  const card = renderAnswerMessage(answer(query, catalog), {
    surface: 'ephemeral',
    command: '/harness-ports',
  });
  await send(
    blockActionsBody(press(asStored(card.blocks), 'hp_firewall_rules'), {
      isEphemeral: true,
      userId: 'U0ALICE',
    }),
  );
  return t.slack.calls[0]!.args.view as Record<string, unknown>;
}

describe('"Firewall rules": button, modal, private rules, share', () => {
  it('runs the whole round trip from a checklist: modal, private code blocks in its thread, shared in its thread', async () => {
    const view = await openFromChecklist();
    expect(viewLimitViolations(view)).toEqual([]);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'hp_rules_modal',
      title: { text: 'Firewall rules' },
    });
    const metadata = view.private_metadata as string;
    expect(metadata.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
    expect(JSON.parse(metadata)).toEqual({
      p: 'splunk jenkins',
      u: 'U0ALICE',
      c: 'C0CHANNEL',
      t: CHECKLIST_TS,
      r: CLICK_RESPONSE_URL,
    });
    const text = blocksText(view.blocks);
    expect(text).toContain('Firewall rules for Splunk and Jenkins');
    expect(text).toContain('Prod3 (app3.harness.io)');

    // Submitted: Terraform, the Delegate's own egress to Prod3. The modal closes (an empty ack).
    t.slack.responseUrl(CLICK_RESPONSE_PATH);
    const reply = await send(
      viewSubmissionBody('hp_rules_modal', modalValues('aws-sg', true, 'Prod3'), metadata),
    );
    expect(reply).toBeUndefined();
    expect(t.slack.calls).toEqual([]);
    const [rules] = t.slack.responses.map((r) => r.body);
    expect(rules).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      thread_ts: CHECKLIST_TS,
    });
    expect(slackLimitViolations(rules!)).toEqual([]);
    expect(rules!.text).toBe('Firewall rules (aws-sg) for Splunk and Jenkins');
    expect(blocksText(rules!.blocks)).toContain(
      ":shield: *Firewall rules: Splunk and Jenkins*\nAWS security group rules (Terraform), with the Delegate's own egress to Harness (Prod3).",
    );
    expect(blocksText(rules!.blocks)).toContain('starting point to review, not something to apply blindly');
    const code = codeOf(rules!.blocks);
    expect(code).toMatch(/resource "aws_vpc_security_group_egress_rule" "splunk-8089"/);
    expect(code).toMatch(/from_port += 8089\n +to_port += 8089/);
    expect(code).toMatch(/resource "aws_vpc_security_group_egress_rule" "jenkins-443"/);
    expect(code).toContain('app3.harness.io');
    expect(code).toContain('Splunk');
    expect(code).toContain('Jenkins');

    // "Share in channel" posts the same rules for everyone in the checklist's thread, saying who shared them.
    t.slack.responses.length = 0;
    t.slack.responseUrl(CLICK_RESPONSE_PATH);
    const stored = asStored(rules!.blocks as unknown[]);
    await send(blockActionsBody(press(stored, 'hp_share_rules'), { isEphemeral: true, userId: 'U0ALICE' }));
    const [shared] = t.slack.responses.map((r) => r.body);
    expect(shared).toMatchObject({
      response_type: 'in_channel',
      replace_original: false,
      thread_ts: CHECKLIST_TS,
    });
    expect(codeOf(shared!.blocks)).toBe(code);
    expect(blocksText(shared!.blocks)).toContain('Shared by <@U0ALICE>');
    expect(buttonsOf(shared!.blocks)).toEqual([]);
    expect(slackLimitViolations(shared!)).toEqual([]);
  });

  it("keeps the modal open and asks for the cluster when the Delegate's egress is ticked without one", async () => {
    const view = await openFromChecklist();
    const reply = await send(
      viewSubmissionBody('hp_rules_modal', modalValues('k8s', true), view.private_metadata as string),
    );
    expect(reply).toEqual({
      response_action: 'errors',
      errors: { hp_in_rules_cluster: "Choose your Harness cluster, or untick the Delegate's own egress." },
    });
    expect(t.slack.responses).toEqual([]);
  });

  it("splits the whole catalog's NetworkPolicy over several private messages, at line boundaries, in order", async () => {
    t.slack.api('views.open');
    const all = catalog.providers.map((p) => p.id);
    const summary = renderChecklistSummary(buildChecklist(catalog.providers), { command: '/harness-ports' });
    const message = {
      type: 'message' as const,
      ts: CHECKLIST_TS,
      text: summary.text,
      blocks: asStored(summary.blocks),
    };
    await send(blockActionsBody(press(message.blocks, 'hp_firewall_rules'), { message, userId: 'U0ALICE' }));
    const view = t.slack.calls[0]!.args.view as Record<string, unknown>;
    expect(JSON.parse(view.private_metadata as string).p).toBe(all.join(' '));

    t.slack.responseUrl(CLICK_RESPONSE_PATH, 4);
    await send(
      viewSubmissionBody('hp_rules_modal', modalValues('k8s', true, 'EU'), view.private_metadata as string),
    );
    const posts = t.slack.responses.map((r) => r.body);
    expect(posts.map((p) => p.text)).toEqual([
      `Firewall rules (k8s) for ${catalog.providers
        .slice(0, -1)
        .map((p) => p.name)
        .join(', ')} and ${catalog.providers.at(-1)!.name} (part 1 of 4)`.replace(/&/g, '&amp;'),
      expect.stringMatching(/\(part 2 of 4\)$/),
      expect.stringMatching(/\(part 3 of 4\)$/),
      expect.stringMatching(/\(part 4 of 4\)$/),
    ]);
    for (const post of posts) {
      expect(slackLimitViolations(post)).toEqual([]);
      expect(post.thread_ts).toBe(CHECKLIST_TS);
    }
    const code = posts.map((p) => codeOf(p.blocks)).join('\n');
    expect(code.startsWith('# Harness Delegate egress rules')).toBe(true);
    expect(code).toContain('apiVersion: networking.k8s.io/v1');
    expect(code).toContain('accounts.eu.harness.io');
    for (const provider of catalog.providers)
      for (const port of provider.ports) expect(code).toContain(`port: ${port.port}`);
    // Split at line boundaries: every line shown is a whole line of YAML or a comment.
    for (const line of code.split('\n'))
      expect(line).toMatch(/^(\s*#.*|\s*- .*|\s*[\w./-]+:.*|[\w]+:.*|\s*)$/);
    expect(posts.slice(0, -1).flatMap((p) => buttonsOf(p.blocks))).toEqual([]);
    expect(buttonsOf(posts[3]!.blocks).map((b) => b.action_id)).toEqual(['hp_share_rules']);
  });

  it('falls back to chat.postEphemeral in the same thread when the response URL has expired', async () => {
    const view = await openFromChecklist();
    t.slack.responseUrl(CLICK_RESPONSE_PATH, 1, 404);
    t.slack.api('chat.postEphemeral', { ok: true, message_ts: '1732560000.001000' });
    await send(
      viewSubmissionBody('hp_rules_modal', modalValues('csv', false), view.private_metadata as string),
    );
    expectBotToken(t.slack.calls);
    const [call] = t.slack.calls;
    expect(call).toMatchObject({
      method: 'chat.postEphemeral',
      args: { channel: 'C0CHANNEL', user: 'U0ALICE', thread_ts: CHECKLIST_TS },
    });
    expect(blocksText(call!.args.blocks)).toContain("without the Delegate's own egress to Harness");
    expect(codeOf(call!.args.blocks).split('\n')).toEqual([
      'provider,protocol,port,direction,destination,conditional,note',
      expect.stringMatching(/^Splunk,TCP,8089,egress,REPLACE_WITH_SPLUNK_CIDR,no,/),
      expect.stringMatching(/^Jenkins,TCP,443,egress,REPLACE_WITH_JENKINS_CIDR,no,/),
    ]);
  });

  it('sends them in the DM with the bot when the response URL has expired and the channel refuses ephemeral posts', async () => {
    const view = await openFromChecklist();
    t.slack.responseUrl(CLICK_RESPONSE_PATH, 1, 404);
    t.slack.api('chat.postEphemeral', { ok: false, error: 'not_in_channel' });
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.003000' });
    await send(
      viewSubmissionBody('hp_rules_modal', modalValues('iptables', false), view.private_metadata as string),
    );
    expect(t.slack.calls.map((c) => [c.method, c.args.channel])).toEqual([
      ['chat.postEphemeral', 'C0CHANNEL'],
      ['chat.postMessage', 'U0ALICE'],
    ]);
    expect(codeOf(t.slack.calls[1]!.args.blocks)).toContain('--dport 8089');
  });

  it('from a private card: opens the modal for that provider and answers in the same place', async () => {
    const view = await openFromPrivateCard('ldap');
    // An ephemeral message has no ts to thread under: no thread.
    expect(JSON.parse(view.private_metadata as string)).toEqual({
      p: 'active-directory-ldap',
      u: 'U0ALICE',
      c: 'C0CHANNEL',
      r: CLICK_RESPONSE_URL,
    });
    t.slack.responseUrl(CLICK_RESPONSE_PATH);
    await send(
      viewSubmissionBody('hp_rules_modal', modalValues('iptables', false), view.private_metadata as string),
    );
    const [post] = t.slack.responses.map((r) => r.body);
    expect(post!.thread_ts).toBeUndefined();
    const code = codeOf(post!.blocks);
    // Active Directory LDAP states 443, 389 and 636, none conditional: all three are open, none held.
    const rules = code.split('\n').filter((line) => line.includes('--dport'));
    expect(rules.map((line) => line.match(/--dport (\d+)/)![1])).toEqual(['443', '389', '636']);
    expect(rules.filter((line) => line.startsWith('#'))).toEqual([]);
  });

  it("from a NextGen connector's card: the rules hold its usual port, not stated by Harness", async () => {
    const view = await openFromPrivateCard('vault');
    expect(JSON.parse(view.private_metadata as string)).toMatchObject({ p: 'hashicorp-vault' });
    t.slack.responseUrl(CLICK_RESPONSE_PATH);
    await send(
      viewSubmissionBody('hp_rules_modal', modalValues('iptables', false), view.private_metadata as string),
    );
    const [post] = t.slack.responses.map((r) => r.body);
    const code = codeOf(post!.blocks);
    const lines = code.split('\n').filter((l) => l.includes('--dport 8200'));
    expect(lines).not.toEqual([]);
    for (const line of lines) expect(line.startsWith('#')).toBe(true);
    expect(code).toContain(
      "# HOLD hashicorp-vault-8200 (inferred: the product's usual port, not stated by Harness)",
    );
  });

  it('says privately where the button was when the form cannot open (an expired trigger_id)', async () => {
    t.slack.api('views.open', { ok: false, error: 'expired_trigger_id' });
    t.slack.responseUrl(CLICK_RESPONSE_PATH);
    const message = checklistMessage();
    await send(blockActionsBody(press(message.blocks, 'hp_firewall_rules'), { message, userId: 'U0ALICE' }));
    const [told] = t.slack.responses.map((r) => r.body);
    expect(told).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(told!.text).toMatch(/^The Firewall rules form did not open\. .*try again/i);
    expect(t.running.logs.some((line) => line.includes('opening the firewall rules form failed'))).toBe(true);
  });

  it('from the Home tab (no channel, no response URL): sends the rules in the DM with the bot', async () => {
    t.slack.api('views.open');
    const card = renderAnswerMessage(answer('splunk', catalog), {
      surface: 'public',
      command: '/harness-ports',
    });
    const button = card.blocks[0] as { accessory: { action_id: string; value: string } };
    await send(
      homeActionBody({
        type: 'button',
        action_id: button.accessory.action_id,
        value: button.accessory.value,
      }),
    );
    const view = t.slack.calls[0]!.args.view as Record<string, unknown>;
    expect(JSON.parse(view.private_metadata as string)).toEqual({ p: 'splunk', u: 'U0ALICE' });
    t.slack.calls.length = 0;
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.002000' });
    await send(
      viewSubmissionBody(
        'hp_rules_modal',
        modalValues('gcp', true, 'Prod1'),
        view.private_metadata as string,
      ),
    );
    const [call] = t.slack.calls;
    expect(call).toMatchObject({ method: 'chat.postMessage', args: { channel: 'U0ALICE' } });
    const code = codeOf(call!.args.blocks);
    expect(code).toContain('gcloud compute firewall-rules create');
    expect(code).toContain('--direction=EGRESS');
    expect(code).toContain('tcp:8089');
    expect(code).toContain('app.harness.io');
  });
});

describe('"rules …" typed to the bot', () => {
  const deliver = (body: string) => deliverEvent(t, body);

  it('a mention answers in its thread with the rules as code, publicly, without a share button', async () => {
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.000500' });
    await deliver(
      eventCallbackBody(
        appMentionEvent('firewall rules for splunk and jenkins as terraform', { ts: '1732560000.000100' }),
      ),
    );
    expectBotToken(t.slack.calls);
    const [call] = t.slack.calls;
    expect(call).toMatchObject({
      method: 'chat.postMessage',
      args: {
        channel: 'C0CHANNEL',
        thread_ts: '1732560000.000100',
        text: 'Firewall rules (aws-sg) for Splunk and Jenkins',
      },
    });
    expect(slackLimitViolations(call!.args)).toEqual([]);
    expect(blocksText(call!.args.blocks)).toContain("without the Delegate's own egress to Harness");
    const code = codeOf(call!.args.blocks);
    expect(code).toMatch(/resource "aws_vpc_security_group_egress_rule" "splunk-8089"/);
    expect(code).toMatch(/resource "aws_vpc_security_group_egress_rule" "jenkins-443"/);
    expect(buttonsOf(call!.args.blocks)).toEqual([]);
  });

  it("a DM 'rules delegate prod3 csv' answers in the DM's thread with the Delegate's own egress", async () => {
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.000600' });
    await deliver(
      eventCallbackBody(directMessageEvent('rules delegate prod3 csv', { ts: '1732560000.000200' })),
    );
    const [call] = t.slack.calls;
    expect(call).toMatchObject({
      method: 'chat.postMessage',
      args: { channel: 'D0DIRECT', thread_ts: '1732560000.000200' },
    });
    expect(blocksText(call!.args.blocks)).toContain(
      ":shield: *Firewall rules: the Delegate*\nCSV (a ticket or a spreadsheet), with the Delegate's own egress to Harness (Prod3).",
    );
    const rows = codeOf(call!.args.blocks).split('\n');
    expect(rows[0]).toBe('provider,protocol,port,direction,destination,conditional,note');
    expect(rows[1]).toMatch(/^Harness Manager \(Prod3\),TCP,443,egress,app3\.harness\.io,no,/);
  });

  it("the help's rules examples write rules", () => {
    const examples = HELP_EXAMPLES.filter((example) => isRulesQuery(example.query));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const messages = typedRulesMessages(catalog, rulesRequest(example.query, catalog), {
        surface: 'ephemeral',
      });
      expect(blocksText(messages[0]!.blocks)).toContain(':shield: *Firewall rules: Splunk and Jenkins*');
      expect(codeOf(messages[0]!.blocks)).toMatch(
        /resource "aws_vpc_security_group_egress_rule" "splunk-8089"/,
      );
    }
  });

  it('says first which word it does not know, then writes the rules for the providers it knows', async () => {
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.000700' });
    await deliver(
      eventCallbackBody(appMentionEvent('rules splunk <!here> mongodb', { ts: '1732560000.000300' })),
    );
    const [call] = t.slack.calls;
    expect(call!.args.thread_ts).toBe('1732560000.000300');
    const text = blocksText(call!.args.blocks);
    expect(text.indexOf('No provider is called "mongodb".')).toBeGreaterThan(-1);
    expect(text.indexOf('No provider is called "mongodb".')).toBeLessThan(
      text.indexOf('Firewall rules: Splunk'),
    );
    expect(text).toContain('which are for Splunk only.');
    expect(text).not.toContain('<!here>');
    expect(codeOf(call!.args.blocks)).toContain('8089');
  });

  it('writes no rules when no word of the request named a provider', async () => {
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.000700' });
    await deliver(eventCallbackBody(appMentionEvent('rules <!here> mongodb', { ts: '1732560000.000300' })));
    const [call] = t.slack.calls;
    const text = blocksText(call!.args.blocks);
    expect(text).toContain('*No firewall rules written.*');
    expect(text).toContain('No provider is called "mongodb".');
    expect(text).not.toContain('<!here>');
    expect(codeOf(call!.args.blocks)).toBe('');
  });

  /** Messages after the first that these NSG rules take (about 50 rules of about 400 characters each). */
  const REST = 1;
  const IDS = [
    'azure',
    'gcp',
    'nexus',
    'jenkins',
    'jfrog-artifactory',
    'splunk',
    'aws-cloud',
    'aws-codedeploy',
    'aws-ec2',
    'aws-elb-alb-ecs',
    'aws-s3',
  ];

  it('the slash command answers privately: the first message in the ack, the rest through the response URL, Share on the last', async () => {
    t.slack.responseUrl('/commands/T0001/1/abc', REST);
    const response = await postSigned(
      t.running.baseUrl,
      slashCommandBody('rules delegate prod3 aws azure gcp nexus jenkins artifactory splunk as nsg'),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const first = (await response.json()) as Record<string, unknown>;
    await t.slack.settle(t.running.bot);
    const rest = t.slack.responses.map((r) => r.body);
    expect(rest.length).toBe(REST);
    const all = [first, ...rest];
    for (const message of all) {
      expect(message.response_type).toBe('ephemeral');
      expect(slackLimitViolations(message)).toEqual([]);
    }
    const code = all.map((m) => codeOf(m.blocks)).join('\n');
    expect(code).toContain('az network nsg rule create');
    expect(code).toContain('app3.harness.io');
    for (const id of IDS) {
      for (const port of providerById(id).ports)
        expect(code).toContain(`--destination-port-ranges ${port.port}`);
    }
    expect(all.slice(0, -1).flatMap((m) => buttonsOf(m.blocks))).toEqual([]);
    const [share] = buttonsOf(all.at(-1)!.blocks);
    expect(share!.action_id).toBe('hp_share_rules');
    expect(JSON.parse(share!.value!)).toEqual({ p: IDS.join(' '), f: 'azure-nsg', d: 1, c: 'Prod3' });
  });
});
