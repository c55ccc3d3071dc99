import { describe, expect, it } from 'vitest';
import { grantsFor } from '../../src/engine/grants.js';
import { MAX_CODE_MESSAGES } from '../../src/render/blocks/code-messages.js';
import { ACTION_IDS } from '../../src/render/blocks/ids.js';
import { renderPolicyMessages } from '../../src/render/blocks/policy.js';
import { renderPolicy } from '../../src/render/grants.js';
import { OLDER_PAYLOAD } from '../../src/slack/payloads.js';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { providerById, realCatalog } from '../helpers/catalog.js';
import {
  appMentionEvent,
  blockActionsBody,
  eventCallbackBody,
  homeActionBody,
  postSigned,
} from '../helpers/slack.js';
import {
  asStored,
  blocksText,
  buttonsOf,
  codeOf,
  deliverEvent,
  expectBotToken,
  press,
  slashAck,
  useTestApp,
} from './support.js';

const catalog = realCatalog();
const t = useTestApp(catalog);

const command = (text: string) => slashAck(t, text);

describe('"policy …" typed to the bot: permission snippets in Slack', () => {
  it('the slash command answers privately with the snippets as code, each grant with its sentence', async () => {
    const message = await command('policy aws ec2');
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toBe('Permission snippets for AWS EC2');
    expect(blocksText(message.blocks)).toContain(':key: *Permission snippets: AWS EC2*');
    const code = codeOf(message.blocks);
    expect(code).toContain('# attach: AmazonEC2FullAccess');
    expect(code).toContain('"Action":["ec2:DescribeRegions"]');
    expect(code).toContain(
      'AWS EC2: "Policy: AmazonEC2FullAccess"; source: Permissions and Ports for Harness Connections',
    );
    // The same snippets as the CLI's --permissions writes.
    expect(code).toBe(renderPolicy([providerById('aws-ec2')]).replace(/\n$/, ''));
    expect(slackLimitViolations(message)).toEqual([]);
    expect(t.slack.calls).toEqual([]);
  });

  it('a mention answers in its thread, publicly; a provider with no exact grant is named as such', async () => {
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.000500' });
    await deliverEvent(
      t,
      eventCallbackBody(appMentionEvent('iam policy for vault and splunk', { ts: '1732560000.000100' })),
    );
    expectBotToken(t.slack.calls);
    const [call] = t.slack.calls;
    expect(call).toMatchObject({
      method: 'chat.postMessage',
      args: { channel: 'C0CHANNEL', thread_ts: '1732560000.000100' },
    });
    const code = codeOf(call!.args.blocks);
    expect(code).toContain('path "sys/mounts" {');
    expect(code).toContain('No exact grant in the sources for: Splunk');
    expect(buttonsOf(call!.args.blocks)).toEqual([]);
    expect(slackLimitViolations(call!.args)).toEqual([]);
  });

  it('says which word it does not know, escaped, and writes no snippets', async () => {
    const message = await command('policy vault <!here> qwzxv');
    const text = blocksText(message.blocks);
    expect(text).toContain('*No permission snippets written.*');
    expect(text).toContain('No provider is called');
    expect(text).toContain('qwzxv');
    expect(text).not.toContain('<!here>');
    expect(codeOf(message.blocks)).toBe('');
  });

  it('asks for a provider when none is named', async () => {
    const message = await command('policy');
    expect(blocksText(message.blocks)).toContain('Name at least one provider, e.g. "policy aws ec2".');
  });

  it('keeps every provider with grants within Slack’s limits, or names the CLI command for the rest', () => {
    const providers = [...catalog.providers, ...catalog.connectors].filter((p) => grantsFor(p).length > 0);
    const messages = renderPolicyMessages(providers);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBeLessThanOrEqual(MAX_CODE_MESSAGES);
    for (const message of messages) expect(slackLimitViolations(message)).toEqual([]);
    const code = messages.map((m) => codeOf(m.blocks)).join('\n');
    for (const provider of providers) {
      for (const grant of grantsFor(provider)) expect(code).toContain(grant.value);
    }
  });

  it('"Permission snippets" under an answer sends its providers’ snippets privately to whoever presses it', async () => {
    const answer = asStored((await command('github')).blocks as unknown[]);
    // GitHub's FirstGen row names no grant: the button asks for its NextGen connector's too.
    t.slack.responseUrl('/actions/T0001/2/def');
    const response = await postSigned(
      t.running.baseUrl,
      blockActionsBody(press(answer, ACTION_IDS.permissionSnippets, 'github-repo github-connector'), {
        isEphemeral: true,
      }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await t.slack.settle(t.running.bot);
    const [sent] = t.slack.responses.map((r) => r.body);
    expect(sent).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blocksText(sent!.blocks)).toContain(
      ':key: *Permission snippets: GitHub Repo and GitHub connector*',
    );
    expect(codeOf(sent!.blocks)).toContain(
      '# GitHub personal access token scopes: repo, user, admin:repo_hook',
    );
    expect(slackLimitViolations(sent!)).toEqual([]);
  });

  it('offers no "Permission snippets" where no source names an exact grant', async () => {
    const answer = await command('splunk');
    expect(buttonsOf(answer.blocks).map((b) => b.action_id)).not.toContain(ACTION_IDS.permissionSnippets);
  });

  it('sends nothing for a forged button whose value names no provider', async () => {
    const response = await postSigned(
      t.running.baseUrl,
      blockActionsBody({
        type: 'button',
        action_id: ACTION_IDS.permissionSnippets,
        block_id: 'b',
        text: { type: 'plain_text', text: 'Permission snippets' },
        value: 'no-such-provider <!channel>',
      }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
    expect(t.slack.responses).toEqual([]);
  });

  it('from the Home tab (no conversation, no response URL) the snippets come in a direct message', async () => {
    t.slack.api('chat.postMessage', { ok: true, ts: '1732560000.003000' });
    const response = await postSigned(
      t.running.baseUrl,
      homeActionBody({ type: 'button', action_id: ACTION_IDS.permissionSnippets, value: 'hashicorp-vault' }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await t.slack.settle(t.running.bot);
    const [call] = t.slack.calls;
    expect(call).toMatchObject({ method: 'chat.postMessage', args: { channel: 'U0ALICE' } });
    expect(codeOf(call!.args.blocks)).toContain('path "sys/mounts" {');
  });

  it('"Share in channel" under private snippets posts them for everyone, in their thread, saying who shared them', async () => {
    const message = asStored((await command('policy vault')).blocks as unknown[]);
    expect(buttonsOf(message).find((b) => b.action_id === ACTION_IDS.sharePolicy)?.value).toBe(
      JSON.stringify({ p: 'hashicorp-vault' }),
    );
    const click = press(message, ACTION_IDS.sharePolicy);
    t.slack.responseUrl('/actions/T0001/2/def');
    const response = await postSigned(
      t.running.baseUrl,
      blockActionsBody(click, { isEphemeral: true }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    await t.slack.settle(t.running.bot);
    const [shared] = t.slack.responses.map((r) => r.body);
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(blocksText(shared!.blocks)).toContain('Shared by <@U0BOB>');
    expect(codeOf(shared!.blocks)).toContain('path "sys/mounts" {');
    expect(buttonsOf(shared!.blocks)).toEqual([]);
    expect(slackLimitViolations(shared!)).toEqual([]);
  });

  it('shares nothing for a forged share value, and tells the presser privately when it does not decode', async () => {
    t.slack.responseUrl('/actions/T0001/2/def', 2);
    for (const value of ['not json', '{"p":"no-such-provider"}', '{"p":""}']) {
      const response = await postSigned(
        t.running.baseUrl,
        blockActionsBody({
          type: 'button',
          action_id: ACTION_IDS.sharePolicy,
          block_id: 'b',
          text: { type: 'plain_text', text: 'Share in channel' },
          value,
        }),
        'application/x-www-form-urlencoded',
      );
      expect(response.status).toBe(200);
    }
    await t.slack.settle(t.running.bot);
    expect(t.slack.calls).toEqual([]);
    // The two that do not decode are told so; the one naming an unknown provider is refused silently, as before.
    expect(t.slack.responses.map((r) => r.body.text)).toEqual([OLDER_PAYLOAD, OLDER_PAYLOAD]);
  });
});
