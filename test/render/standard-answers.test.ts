import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { renderChecklistItemMessages, renderChecklistSummary } from '../../src/render/blocks/checklist.js';
import { renderText } from '../../src/render/text.js';
import { itemBlockId } from '../../src/slack/checklist-ids.js';
import { providerById, realCatalog } from '../helpers/catalog.js';

/**
 * The standard answers, pinned whole: a provider card, a port lookup, a no-match and a checklist,
 * in Slack and in the terminal. `toContain` on flattened text cannot see a line said twice or a line
 * gone missing; these can. When wording changes on purpose, update the expected values here (they
 * are plain literals, one per answer).
 */

const catalog = realCatalog();
const COMMAND = '/harness-ports';

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const context = (...texts: string[]) => ({ type: 'context', elements: texts.map(mrkdwn) });
const shareButton = (query: string) => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      text: { type: 'plain_text', text: 'Share in channel', emoji: true },
      action_id: 'hp_share',
      value: JSON.stringify({ q: query }),
      style: 'primary',
    },
  ],
});
const rulesButton = (ids: string) => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Firewall rules', emoji: true },
  action_id: 'hp_firewall_rules',
  value: ids,
});
const cardTitle = (text: string, id: string) => ({ ...section(text), accessory: rulesButton(id) });
const item = (blockId: string, text: string) => ({
  type: 'section',
  text: mrkdwn(`:white_large_square: ${text}`),
  block_id: blockId,
  accessory: {
    type: 'button',
    text: { type: 'plain_text', text: 'Done', emoji: true },
    action_id: 'hp_tick_item',
    value: 'done',
    style: 'primary',
  },
});

const SPLUNK_DOCS =
  '*Docs:* <http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88|Set permissions for objects in a Splunk app>';

const slack = (query: string) =>
  renderAnswerMessage(answer(query, catalog), { surface: 'ephemeral', command: COMMAND });
const terminal = (query: string) => renderText(answer(query, catalog), 'harness-ports');

describe('the standard answers in Slack', () => {
  it('a provider card: splunk', () => {
    expect(slack('splunk')).toEqual({
      text: 'Delegate permissions and ports: Splunk',
      blocks: [
        cardTitle('*Splunk*  ·  Verification provider', 'splunk'),
        section('*Permissions*\n• User account with Read permissions on eventtypes objects.'),
        section('*Ports*\n• `TCP 8089` Splunk REST API'),
        context(SPLUNK_DOCS),
        shareButton('splunk'),
      ],
    });
  });

  it('a port lookup: 8089', () => {
    expect(slack('8089')).toEqual({
      text: 'Port 8089: Splunk',
      blocks: [
        section('Port `8089` is used by:'),
        cardTitle('*Splunk*  ·  Verification provider', 'splunk'),
        section('*Permissions*\n• User account with Read permissions on eventtypes objects.'),
        section('*Ports*\n• *`TCP 8089` Splunk REST API*'),
        context(SPLUNK_DOCS),
        shareButton('8089'),
      ],
    });
  });

  it('a no-match: postgres', () => {
    expect(slack('postgres')).toEqual({
      text: 'No provider matches "postgres".',
      blocks: [
        section('No provider matches `postgres`.'),
        context('Try `/harness-ports list` for every provider, or `/harness-ports help`.'),
        shareButton('postgres'),
      ],
    });
  });

  it('a checklist: the summary and its item message for splunk, jenkins and nexus', () => {
    const checklist = buildChecklist(['splunk', 'jenkins', 'nexus'].map(providerById));
    expect(renderChecklistSummary(checklist, { command: COMMAND, requestedBy: 'U0ALICE' })).toEqual({
      text: 'Harness Delegate checklist: Splunk, Jenkins and Nexus',
      blocks: [
        section(
          ':clipboard: *Harness Delegate checklist: Splunk, Jenkins and Nexus*\n7 items, ticked off in the thread below.',
        ),
        section(
          '*Ports to open (3 distinct)*\n• `HTTPS 443` Jenkins\n• `TCP 8081` Nexus\n• `TCP 8089` Splunk',
        ),
        context('Started by <@U0ALICE> with `/harness-ports checklist splunk jenkins nexus`'),
        { type: 'actions', elements: [rulesButton('splunk jenkins nexus')] },
      ],
    });
    expect(renderChecklistItemMessages(checklist, itemBlockId)).toEqual([
      {
        text: 'Checklist: 0 of 7 done (Splunk, Jenkins and Nexus)',
        blocks: [
          section(
            '*0 of 7 done* for Splunk, Jenkins and Nexus. Press *Done* as you go; everyone here sees who did what.',
          ),
          context('*Splunk*  ·  Verification provider'),
          item('hp_item:splunk:port-0', 'Allow the Delegate to reach Splunk on TCP 8089'),
          item(
            'hp_item:splunk:permission-0',
            'Grant: User account with Read permissions on eventtypes objects.',
          ),
          context('*Jenkins*  ·  Artifact server'),
          item('hp_item:jenkins:port-0', 'Allow the Delegate to reach Jenkins on HTTPS 443'),
          item('hp_item:jenkins:permission-0', 'Grant: Matrix-based: Read permission.'),
          item(
            'hp_item:jenkins:permission-1',
            'Grant: Execute Permission, if jobs are triggered from Workflow.',
          ),
          context('*Nexus*  ·  Artifact server'),
          item('hp_item:nexus:port-0', 'Allow the Delegate to reach Nexus on TCP 8081'),
          item(
            'hp_item:nexus:permission-0',
            'Grant: User account with Repository View Privilege or read for repository.',
          ),
        ],
      },
    ]);
  });
});

describe('the standard answers in the terminal', () => {
  it('a provider card: splunk', () => {
    expect(terminal('splunk')).toBe(
      [
        'Splunk  (Verification provider)',
        '  Permissions',
        '    - User account with Read permissions on eventtypes objects.',
        '  Ports',
        '    - TCP 8089: Splunk REST API',
        '  References',
        '    - Set permissions for objects in a Splunk app: http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
      ].join('\n'),
    );
  });

  it('a port lookup: 8089', () => {
    expect(terminal('8089')).toBe(
      [
        'Port 8089 is used by 1 provider:',
        '',
        'Splunk  (Verification provider)',
        '  Permissions',
        '    - User account with Read permissions on eventtypes objects.',
        '  Ports',
        '    > TCP 8089: Splunk REST API',
        '  References',
        '    - Set permissions for objects in a Splunk app: http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88',
      ].join('\n'),
    );
  });

  it('a no-match: postgres', () => {
    expect(terminal('postgres')).toBe(
      ['No provider matches "postgres".', 'Try "harness-ports list" to see every provider.'].join('\n'),
    );
  });
});
