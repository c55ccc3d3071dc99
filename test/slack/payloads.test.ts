import { describe, expect, it } from 'vitest';
import { ACTION_IDS, CALLBACK_IDS } from '../../src/render/blocks/ids.js';
import { OLDER_FORM, OLDER_PAYLOAD } from '../../src/slack/payloads.js';
import { realCatalog } from '../helpers/catalog.js';
import { blockActionsBody, postSigned, viewSubmissionBody } from '../helpers/slack.js';
import { useTestApp } from './support.js';

/**
 * Values the bot's own encoders did not write (a message an older version posted, a forged
 * payload), sent through the real Bolt app with signed requests: each gets a short private answer
 * and exactly one log line, and nothing else happens.
 */
const t = useTestApp(realCatalog());
const RESPONSE_PATH = '/actions/T0001/2/def';

async function send(body: string) {
  const logged = t.running.logs.length;
  const response = await postSigned(t.running.baseUrl, body, 'application/x-www-form-urlencoded');
  expect(response.status).toBe(200);
  await t.slack.settle(t.running.bot);
  return {
    text: await response.text(),
    lines: t.running.logs.slice(logged).filter((line) => line.includes('does not read')),
  };
}

const button = (action_id: string, value: string, block_id = 'b1') => ({
  type: 'button' as const,
  action_id,
  block_id,
  value,
  text: { type: 'plain_text' as const, text: 'Press' },
});

describe('a button value this version does not read', () => {
  const cases: [string, ReturnType<typeof button>][] = [
    ['share', button(ACTION_IDS.share, '{"t":"1.2"}')],
    ['share rules', button(ACTION_IDS.shareRules, '{"p":"splunk","f":"no-such-format"}')],
    ['share snippets', button(ACTION_IDS.sharePolicy, '{"p":"<!here>"}')],
    ['firewall rules', button(ACTION_IDS.firewallRules, '../../etc/passwd')],
    ['permission snippets', button(ACTION_IDS.permissionSnippets, '')],
    ['feedback', button(ACTION_IDS.feedback, '{"v":"meh","q":"splunk","p":[]}')],
    ['checklist item', button(ACTION_IDS.tickItem, 'done', 'hp_item:splunk:port-0:<!channel>:1')],
  ];

  for (const [name, action] of cases) {
    it(`answers a ${name} button privately, logs one line and does nothing else`, async () => {
      t.slack.responseUrl(RESPONSE_PATH);
      const { lines } = await send(blockActionsBody(action));
      expect(t.slack.calls).toEqual([]);
      expect(t.slack.responses.map((r) => r.body)).toEqual([
        { response_type: 'ephemeral', replace_original: false, text: OLDER_PAYLOAD },
      ]);
      expect(lines).toHaveLength(1);
    });
  }
});

describe('a firewall rules form this version does not read', () => {
  it('says so in the form, logs one line and sends no rules', async () => {
    const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
    const values = {
      hp_in_rules_format: { hp_rules_format: { type: 'static_select', selected_option: option('k8s') } },
    };
    const { text, lines } = await send(viewSubmissionBody(CALLBACK_IDS.rulesModal, values, '{"p":"splunk"}'));
    expect(JSON.parse(text)).toEqual({
      response_action: 'errors',
      errors: { hp_in_rules_format: OLDER_FORM },
    });
    expect(t.slack.calls).toEqual([]);
    expect(t.slack.responses).toEqual([]);
    expect(lines).toHaveLength(1);
  });
});
