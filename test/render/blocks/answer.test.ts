import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/catalog/schema.js';
import { answer, MAX_QUERY_LENGTH } from '../../../src/engine/answer.js';
import { MAX_CHECKLIST_PROVIDERS } from '../../../src/engine/checklist.js';
import { grantsFor } from '../../../src/engine/grants.js';
import { permissionText } from '../../../src/engine/permissions.js';
import type { Answer, Intent } from '../../../src/engine/types.js';
import {
  type AnswerRenderOptions,
  MAX_LIST_ROWS,
  providerCardBlocks,
  renderAnswerMessage,
  renderProviderMessage,
} from '../../../src/render/blocks/answer.js';
import { ACTION_IDS } from '../../../src/render/blocks/ids.js';
import type { SlackMessage } from '../../../src/render/blocks/kit.js';
import { shareValueCodec } from '../../../src/render/blocks/payloads.js';
import { escapeMrkdwn, userMention } from '../../../src/render/escape.js';
import { SLACK_LIMITS } from '../../../src/render/limits.js';
import { slackLimitViolations } from '../../helpers/block-limits.js';
import { AWS_IDS, providerById, realCatalog } from '../../helpers/catalog.js';

const catalog = realCatalog();
const COMMAND = '/harness-ports';
const ephemeral: AnswerRenderOptions = { surface: 'ephemeral', command: COMMAND };
const render = (query: string, options: AnswerRenderOptions = ephemeral) =>
  renderAnswerMessage(answer(query, catalog), options);

/** Every text Slack would show for a message: the top-level text and the text inside the blocks. */
function shown(message: SlackMessage): string {
  const out = [message.text];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') out.push(inner);
        else if (key !== 'value') walk(inner);
      }
    }
  };
  walk(message.blocks);
  return out.join('\n');
}

function buttons(blocks: KnownBlock[]) {
  return blocks.flatMap((block) => {
    const elements = [
      ...('accessory' in block && block.accessory ? [block.accessory] : []),
      ...(block.type === 'actions' ? block.elements : []),
    ];
    return elements.flatMap((el) =>
      el.type === 'button' ? [{ text: el.text.text, action_id: el.action_id, value: el.value }] : [],
    );
  });
}

/**
 * Queries for every intent (and the variants each intent renders differently), keyed by the intent
 * they must get: a Record over the Intent type, so a new intent fails to compile until it has queries.
 */
const QUERIES_BY_INTENT = {
  help: ['help', ''],
  list: ['list'],
  none: ['mongodb', 'spl', '99999'],
  port: ['8089', '443', '1'],
  topic: ['proxy', 'NO_PROXY'],
  checklist: ['checklist', 'checklist splunk jenkins nexus', 'checklist 443'],
  provider: [
    'splunk',
    'splunk jenkins',
    'splunk jenkins nexus sumo logic',
    'aws',
    'verification providers',
    'what ports does the delegate need for splunk and mongodb?',
    'does the delegate need 636 open for ldaps?',
    'does aws need 443?',
  ],
  smalltalk: ['thanks!'],
} satisfies Record<Intent, readonly [string, ...string[]]>;
const QUERIES = (Object.entries(QUERIES_BY_INTENT) as Array<[Intent, readonly string[]]>).flatMap(
  ([intent, queries]) => queries.map((query): [string, Intent] => [query, intent]),
);

describe('every intent, on every surface, within Slack limits', () => {
  const surfaces: AnswerRenderOptions[] = [
    ephemeral,
    { surface: 'ephemeral', command: COMMAND, threadTs: '1732560000.000100' },
    { surface: 'public', command: COMMAND },
    { surface: 'public', command: COMMAND, sharedBy: 'U0BOB' },
  ];
  it.each(QUERIES)('renders %j (%s) with no limit violation', (query, intent) => {
    const result = answer(query, catalog);
    expect(result.intent).toBe(intent);
    for (const options of surfaces) {
      const message = renderAnswerMessage(result, options);
      expect(slackLimitViolations(message), `${query} ${JSON.stringify(options)}`).toEqual([]);
    }
  });

  it('covers every intent the engine has', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(Object.keys(QUERIES_BY_INTENT).length);
    expect(new Set(QUERIES.map(([, intent]) => intent))).toEqual(new Set(Object.keys(QUERIES_BY_INTENT)));
  });

  it('stays within limits for any query, and never shows a live mention or link typed in it', () => {
    const hostile = fc.constantFrom(
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U0EVE>',
      '<#C0SECRET>',
      '<!subteam^S0ADMINS>',
      '<https://evil.example|click me>',
      '&',
      '`',
      '*',
      'splunk',
      '443',
      'checklist',
      'aws',
    );
    const query = fc
      .array(
        fc.oneof(hostile, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 })),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(
        query,
        fc.constantFrom<AnswerRenderOptions>(ephemeral, { surface: 'public', command: COMMAND }),
        (q, options) => {
          const message = render(q, options);
          expect(slackLimitViolations(message)).toEqual([]);
          const text = shown(message);
          for (const live of [
            '<!channel>',
            '<!here>',
            '<!everyone>',
            '<@U0EVE>',
            '<#C0SECRET>',
            '<!subteam^',
            '<https://evil',
          ]) {
            expect(text).not.toContain(live);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays within limits for the longest query the engine takes', () => {
    const longest = 'splunk <!channel> & '.repeat(MAX_QUERY_LENGTH).slice(0, MAX_QUERY_LENGTH * 2);
    expect(slackLimitViolations(render(longest))).toEqual([]);
    expect(slackLimitViolations(render(`checklist ${'x'.repeat(5000)}`))).toEqual([]);
  });
});

describe('provider cards', () => {
  it.each([...catalog.providers, ...catalog.connectors].map((p) => [p.id, p] as const))(
    'shows %s with every port, permission and doc link, its source and edition, within limits',
    (_id, provider) => {
      for (const surface of ['ephemeral', 'public'] as const) {
        const message = renderProviderMessage(provider, { surface, command: COMMAND });
        expect(slackLimitViolations(message)).toEqual([]);
        const text = shown(message);
        expect(text).toContain(`*${escapeMrkdwn(provider.name)}*`);
        for (const rule of provider.ports) {
          expect(text).toContain(`\`${rule.protocol} ${rule.port}\``);
          // A port no Harness page states is never shown bare: its bullet (the port's line and, for a
          // conditional port, the indented condition under it) says so.
          const lines = text.split('\n');
          const at = lines.findIndex((l) => l.includes(`\`${rule.protocol} ${rule.port}\``));
          let end = at + 1;
          while (end < lines.length && lines[end]?.startsWith('      _')) end++;
          const bullet = lines.slice(at, end).join('\n');
          if (rule.inferred) expect(bullet).toContain("_(the product's usual port, not stated by Harness)_");
          else expect(bullet).not.toContain('not stated by Harness');
        }
        expect(text).toContain(
          `${provider.source.url ? `<${provider.source.url}|` : ''}${escapeMrkdwn(provider.source.title)}`,
        );
        expect(text).toContain(
          `(${provider.source.edition === 'firstgen-table' ? 'FirstGen table' : 'NextGen docs'})`,
        );
        for (const ref of provider.references) expect(text).toContain(`<${ref.url}|`);
        for (const permission of provider.permissions)
          expect(text).toContain(escapeMrkdwn(permissionText(permission)));
        if (provider.portNote) expect(text).toContain(`_${escapeMrkdwn(provider.portNote)}_`);
        const rules = { text: 'Firewall rules', action_id: ACTION_IDS.firewallRules, value: provider.id };
        const share = {
          text: 'Share in channel',
          action_id: ACTION_IDS.share,
          value: JSON.stringify({ q: provider.id, p: provider.id }),
        };
        // Only where a source names an exact grant (an IAM policy, token scopes, roles, a Vault ACL).
        const snippets = grantsFor(provider).length
          ? [{ text: 'Permission snippets', action_id: ACTION_IDS.permissionSnippets, value: provider.id }]
          : [];
        expect(buttons(message.blocks)).toEqual(
          surface === 'ephemeral' ? [rules, share, ...snippets] : [rules, ...snippets],
        );
      }
    },
  );

  it('shows Splunk as name, category, permission, TCP 8089 and its doc link', () => {
    const message = render('splunk');
    // The table row's card first; its NextGen connector's card follows.
    expect(message.text).toBe('Delegate permissions and ports: Splunk and Splunk connector');
    expect(message.blocks.slice(0, 4)).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Splunk*  ·  Verification provider  ·  FirstGen table' },
        accessory: {
          type: 'button',
          text: { type: 'plain_text', text: 'Firewall rules', emoji: true },
          action_id: ACTION_IDS.firewallRules,
          value: 'splunk',
        },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*Permissions*\n• User account with Read permissions on eventtypes objects.',
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*Ports*\n• `TCP 8089` Splunk REST API' } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '*Docs:* <http://dev.splunk.com/view/webframework-developapps/SP-CAAAE88|Set permissions for objects in a Splunk app>',
          },
        ],
      },
    ]);
  });

  it('puts the asked-for port in bold in a port answer', () => {
    // One provider: its card, the port in bold.
    const text = shown(render('49080'));
    expect(text).toContain('Port `49080` is used by:');
    expect(text).toContain('• *`TCP 49080` Data Access API (same port as the dashboard)*');
    // Several: one line each, the port in bold.
    const several = shown(render('8089'));
    expect(several).toContain('Port `8089` is used by *2 providers*:');
    expect(several).toContain('*Splunk*  ·  *TCP 8089*');
    expect(several).toContain('*Splunk connector*  ·  *HTTPS 8089*');
  });

  it('separates several full cards with dividers, up to three named, each beside its NextGen connector', () => {
    const message = render('splunk jenkins nexus');
    // Six cards: each of the three rows, then its NextGen connector.
    expect(message.blocks.filter((b) => b.type === 'divider')).toHaveLength(5);
    expect(message.text).toBe(
      'Delegate permissions and ports: Splunk, Splunk connector, Jenkins, Jenkins connector, Nexus and Nexus 3 connector',
    );
    const text = shown(message);
    expect(text).toMatch(
      /\*Splunk\*[\s\S]*\*Splunk connector\*[\s\S]*\*Jenkins\*[\s\S]*\*Jenkins connector\*[\s\S]*\*Nexus\*[\s\S]*\*Nexus 3 connector\*/,
    );
    expect(text).toContain('`TCP 8081`');
  });

  it('escapes every catalog string, and keeps reference links well formed', () => {
    const hostile: Provider = {
      ...providerById('splunk'),
      id: 'evil',
      name: '<!here> Evil & Co',
      permissions: ['Ask <@U0ADMIN> for <!channel> access'],
      ports: [
        {
          port: 8443,
          protocol: 'TCP',
          label: 'Admin <console>',
          conditional: true,
          condition: 'only if <b>',
        },
      ],
      references: [{ title: 'Docs | <here>', url: 'https://example.com/a>b|c d' }],
      notes: ['Ping <!everyone> & wait'],
    };
    const text = shown({ text: 'x', blocks: [...providerCardBlocks(hostile)] });
    expect(text).toContain('*&lt;!here&gt; Evil &amp; Co*');
    expect(text).toContain('Ask &lt;@U0ADMIN&gt; for &lt;!channel&gt; access');
    expect(text).toContain('`TCP 8443` Admin &lt;console&gt;');
    expect(text).toContain('only if &lt;b&gt;');
    expect(text).toContain('Ping &lt;!everyone&gt; &amp; wait');
    expect(text).toContain('<https://example.com/a%3Eb%7Cc%20d|Docs ¦ &lt;here&gt;>');
    expect(text).not.toMatch(/<[!@#]/);
  });

  it('builds a card once per provider and highlight, shares it frozen, and highlights only its own ports', () => {
    const splunk = providerById('splunk');
    const card = providerCardBlocks(splunk);
    expect(providerCardBlocks(splunk)).toBe(card);
    // 443 is none of Splunk's ports: the same card as no highlight.
    expect(providerCardBlocks(splunk, [443])).toBe(card);
    const highlighted = providerCardBlocks(splunk, [8089]);
    expect(highlighted).not.toBe(card);
    expect(JSON.stringify(highlighted)).toContain('*`TCP 8089`');
    expect(JSON.stringify(card)).not.toContain('*`TCP 8089`');
    expect(Object.isFrozen(card)).toBe(true);
    expect(Object.isFrozen(card[0])).toBe(true);
    expect(() => {
      (card[0] as { type: string }).type = 'divider';
    }).toThrow(TypeError);
    // Two messages showing the card carry equal blocks, and rendering one does not change the other.
    const first = render('splunk');
    const before = JSON.stringify(first);
    render('splunk 8089');
    expect(JSON.stringify(render('splunk'))).toBe(before);
  });

  it('cuts an enormous provider to fit, still within limits', () => {
    const huge: Provider = {
      ...providerById('splunk'),
      name: 'N'.repeat(100),
      permissions: Array.from({ length: 50 }, (_, i) => `${i} ${'p'.repeat(490)}`),
      ports: Array.from({ length: 200 }, (_, i) => ({
        port: 1000 + i,
        protocol: 'TCP',
        label: 'x'.repeat(200),
        conditional: false,
      })),
      references: Array.from({ length: 30 }, (_, i) => ({
        title: 't'.repeat(200),
        url: `https://example.com/${i}/${'u'.repeat(1900)}`,
      })),
      notes: Array.from({ length: 20 }, () => 'n'.repeat(500)),
    };
    const message = renderProviderMessage(huge, ephemeral);
    expect(slackLimitViolations(message)).toEqual([]);
  });
});

describe('lists', () => {
  it('lists every provider using 443 with an "Open" button each, then the share button', () => {
    // The table rows, then the NextGen connectors whose page states 443.
    const users = [...catalog.providers, ...catalog.connectors].filter((p) =>
      p.ports.some((rule) => rule.port === 443 && !rule.inferred),
    );
    // The NextGen connectors 443 is only the usual port of come after, under their own title.
    const usual = catalog.connectors.filter((p) =>
      p.ports.some((rule) => rule.port === 443 && rule.inferred),
    );
    const message = render('443');
    expect(shown(message)).toContain(`Port \`443\` is used by *${users.length} providers*:`);
    expect(shown(message)).toContain(
      `Port \`443\` is also the product's usual port (not stated by Harness) for *${usual.length} more*:`,
    );
    // The two lists share 30 rows: every stated user, then the first usual-port users; the rest are
    // named in one "…and N more" line.
    const rows = [...users, ...usual].slice(0, 30);
    const rest = usual.slice(30 - users.length);
    expect(rest).toHaveLength(27);
    expect(buttons(message.blocks)).toEqual([
      ...rows.map((p) => ({ text: 'Open', action_id: ACTION_IDS.openProvider, value: p.id })),
      { text: 'Share in channel', action_id: ACTION_IDS.share, value: JSON.stringify({ q: '443' }) },
    ]);
    for (const provider of users) expect(shown(message)).toContain(`*${provider.name}*`);
    expect(shown(message)).toContain(
      `…and 27 more: ${rest
        .slice(0, -1)
        .map((p) => p.name)
        .join(', ')} and ${rest.at(-1)!.name}. Ask for one by name.`,
    );
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });

  it('shows the AWS group as five rows with their ports, then the AWS connector', () => {
    const message = render('aws', { surface: 'public', command: COMMAND });
    expect(shown(message)).toContain('*AWS*: 6 providers. Open one for its permissions, ports and docs.');
    // An "Open" per provider, then "Permission snippets" for the group's rows (each names its own
    // grants, so the connector shown beside them as the other edition is not asked for).
    expect(buttons(message.blocks).map((b) => b.value)).toEqual([
      ...AWS_IDS,
      'aws-connector',
      AWS_IDS.join(' '),
    ]);
    expect(buttons(message.blocks).at(-1)?.action_id).toBe(ACTION_IDS.permissionSnippets);
    for (const id of AWS_IDS) {
      const row = message.blocks.find(
        (b) => b.type === 'section' && b.accessory?.type === 'button' && b.accessory.value === id,
      );
      const text = row?.type === 'section' ? row.text?.text : undefined;
      for (const rule of providerById(id).ports) expect(text).toContain(`${rule.protocol} ${rule.port}`);
    }
  });

  it('puts the whole catalog in a menu under "list"', () => {
    const message = render('list');
    const every = [...catalog.providers, ...catalog.connectors];
    expect(shown(message)).toContain(
      `*${every.length} providers in the catalog*: ${catalog.providers.length} rows of the FirstGen table and ${catalog.connectors.length} NextGen connectors`,
    );
    const menu = message.blocks.find((b) => b.type === 'actions');
    expect(menu?.type === 'actions' && menu.elements[0]).toMatchObject({
      type: 'static_select',
      action_id: ACTION_IDS.openProviderSelect,
    });
    const options =
      menu?.type === 'actions' && menu.elements[0]?.type === 'static_select' ? menu.elements[0].options : [];
    expect(options?.map((o) => o.value)).toEqual(every.map((p) => p.id));
  });

  it('summarises the providers past the row limit and stays within 50 blocks', () => {
    // A category list shows MAX_LIST_ROWS rows.
    const many = Array.from({ length: MAX_LIST_ROWS + 15 }, (_, i) => ({
      provider: { ...providerById('jenkins'), id: `p-${i}`, name: `Provider ${i}` },
      matchedBy: 'category' as const,
      term: 'verification providers',
    }));
    const result: Answer = { ...answer('verification providers', catalog), matches: many };
    const message = renderAnswerMessage(result, ephemeral);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(buttons(message.blocks).filter((b) => b.action_id === ACTION_IDS.openProvider)).toHaveLength(
      MAX_LIST_ROWS,
    );
    expect(shown(message)).toContain('…and 15 more: Provider 40, Provider 41');
    expect(shown(message)).not.toContain('*Provider 40*');
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });

  it('summarises a port lookup past its 30 rows and stays within 50 blocks', () => {
    const many = Array.from({ length: MAX_LIST_ROWS + 15 }, (_, i) => ({
      provider: { ...providerById('jenkins'), id: `p-${i}`, name: `Provider ${i}` },
      matchedBy: 'port' as const,
      term: '443',
    }));
    const result: Answer = { ...answer('443', catalog), matches: many };
    const message = renderAnswerMessage(result, ephemeral);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(buttons(message.blocks).filter((b) => b.action_id === ACTION_IDS.openProvider)).toHaveLength(30);
    expect(shown(message)).toContain('…and 25 more: Provider 30, Provider 31');
    expect(shown(message)).not.toContain('*Provider 30*');
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });
});

describe('help, no match and the share button', () => {
  it('reads a share value back as shareButton wrote it, and drops a field it could not have written', () => {
    const message = renderProviderMessage(providerById('splunk'), {
      ...ephemeral,
      threadTs: '1732560000.000100',
    });
    const share = JSON.stringify(message.blocks).match(/"action_id":"hp_share","value":"((?:[^"\\]|\\.)*)"/);
    expect(shareValueCodec.decode(JSON.parse(`"${share![1]}"`))).toEqual({
      q: 'splunk',
      t: '1732560000.000100',
      p: 'splunk',
    });
    expect(shareValueCodec.decode(JSON.stringify({ q: 'x', t: 'soon', p: '../../etc' }))).toEqual({ q: 'x' });
    expect(shareValueCodec.decode('not json')).toBeUndefined();
    expect(shareValueCodec.decode(JSON.stringify({ t: '1.2' }))).toBeUndefined();
  });

  it('shows usage with the command in every example', () => {
    const text = shown(render('help'));
    for (const example of ['splunk', '8089', 'aws', 'checklist splunk jenkins nexus', 'list']) {
      expect(text).toContain(`\`${COMMAND} ${example}\``);
    }
  });

  it('says nothing matches "mongodb" and points at list and help', () => {
    const message = render('mongodb');
    expect(message.text).toBe('No provider matches "mongodb".');
    expect(shown(message)).toContain('No provider matches `mongodb`.');
    expect(shown(message)).toContain(
      'Try `/harness-ports list` for every provider, or `/harness-ports help`.',
    );
  });

  it('offers suggestions as "Open" buttons, never as the answer', () => {
    const message = render('spl');
    expect(shown(message)).toContain('Did you mean:');
    expect(buttons(message.blocks)[0]).toEqual({
      text: 'Splunk',
      action_id: ACTION_IDS.openProvider,
      value: 'splunk',
    });
  });

  it('says which number is not a port', () => {
    expect(shown(render('99999'))).toContain('`99999` is not a valid port (1–65535).');
  });

  it('carries the query and the thread in the share button, and only on private answers', () => {
    const threaded = render('splunk', {
      surface: 'ephemeral',
      command: COMMAND,
      threadTs: '1732560000.000100',
    });
    expect(buttons(threaded.blocks)).toEqual([
      { text: 'Firewall rules', action_id: ACTION_IDS.firewallRules, value: 'splunk' },
      { text: 'Firewall rules', action_id: ACTION_IDS.firewallRules, value: 'splunk-connector' },
      {
        text: 'Share in channel',
        action_id: ACTION_IDS.share,
        value: '{"q":"splunk","t":"1732560000.000100"}',
      },
    ]);
    expect(
      buttons(render('splunk', { surface: 'public', command: COMMAND }).blocks).map((b) => b.action_id),
    ).toEqual([ACTION_IDS.firewallRules, ACTION_IDS.firewallRules]);
  });

  it('says who shared a public card, and only for a real user id', () => {
    expect(shown(render('splunk', { surface: 'public', command: COMMAND, sharedBy: 'U0BOB' }))).toContain(
      'Shared by <@U0BOB>',
    );
    expect(userMention('U0BOB')).toBe('<@U0BOB>');
    expect(userMention('W0ENTERPRISE')).toBe('<@W0ENTERPRISE>');
    expect(userMention('<!channel>')).toBe('someone');
    expect(userMention(undefined)).toBe('someone');
  });
});

describe('a checklist too large to post', () => {
  it('says how many providers a checklist takes and lists them instead, within limits', () => {
    const many = Array.from({ length: MAX_CHECKLIST_PROVIDERS + 5 }, (_, i) => catalog.providers[i % 29]!);
    const result: Answer = {
      ...answer('checklist splunk', catalog),
      matches: many.map((provider) => ({ provider, matchedBy: 'category', term: 'x' })),
    };
    const message = renderAnswerMessage(result, ephemeral);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(shown(message)).toContain(`A checklist takes at most ${MAX_CHECKLIST_PROVIDERS} providers`);
    expect(shown(message)).toContain(`this one names ${MAX_CHECKLIST_PROVIDERS + 5}`);
  });
});
