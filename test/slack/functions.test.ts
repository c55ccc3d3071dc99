import { describe, expect, it } from 'vitest';
import { slackLimitViolations } from '../helpers/block-limits.js';
import { realCatalog } from '../helpers/catalog.js';
import { eventCallbackBody, functionExecutedEvent, postSigned } from '../helpers/slack.js';
import { useTestApp } from './support.js';

const t = useTestApp(realCatalog());

async function run(inputs: Record<string, unknown>) {
  const body = eventCallbackBody(functionExecutedEvent('create_harness_ports_checklist', inputs));
  const response = await postSigned(t.running.baseUrl, body, 'application/json');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
}

describe('the Workflow Builder step "Create Harness ports checklist"', () => {
  it('posts the checklist in the channel and completes with its link and the ports, using the step token', async () => {
    t.slack.api(
      'chat.postMessage',
      (args) => ({ ok: true, channel: args.channel, ts: '1732560000.003000' }),
      2,
    );
    t.slack.api('chat.getPermalink', {
      ok: true,
      channel: 'C0OPS',
      permalink: 'https://acme.slack.test/archives/C0OPS/p1732560000003000',
    });
    t.slack.api('functions.completeSuccess');
    await run({ providers: 'splunk, jenkins', channel: 'C0OPS' });
    expect(t.slack.calls.map((c) => [c.method, c.args.channel ?? c.args.function_execution_id])).toEqual([
      ['chat.postMessage', 'C0OPS'],
      ['chat.postMessage', 'C0OPS'],
      ['chat.getPermalink', 'C0OPS'],
      ['functions.completeSuccess', 'Fx0EXECUTION'],
    ]);
    for (const call of t.slack.calls) expect(call.authorization).toBe('Bearer xwfp-function-token');
    expect(String(t.slack.calls[0]!.args.text).split('\n')[0]).toBe(
      'Harness Delegate checklist: Splunk and Jenkins',
    );
    for (const call of t.slack.calls.slice(0, 2)) expect(slackLimitViolations(call.args)).toEqual([]);
    expect(t.slack.calls[3]!.args.outputs).toEqual({
      checklist_link: 'https://acme.slack.test/archives/C0OPS/p1732560000003000',
      ports: 'HTTPS 443\nTCP 8089',
    });
  });

  it('fails with a readable error for a provider it does not know, posting nothing', async () => {
    t.slack.api('functions.completeError');
    await run({ providers: 'splunk mainframe', channel: 'C0OPS' });
    expect(t.slack.calls.map((c) => [c.method, c.args.error])).toEqual([
      ['functions.completeError', 'Not a provider I know: mainframe.'],
    ]);
  });

  it('fails saying what to do when the bot cannot post in the channel', async () => {
    t.slack.api('chat.postMessage', { ok: false, error: 'not_in_channel' });
    t.slack.api('functions.completeError');
    await run({ providers: 'nexus', channel: 'G0SECRET' });
    expect(t.slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'functions.completeError']);
    expect(t.slack.calls[1]!.args.error).toMatch(/^I cannot post in this conversation\. Invite me first/);
  });
});
