import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { RULE_FORMAT_IDS, type RuleFormat } from '../../../src/engine/rules.js';
import { rulesFor } from '../../../src/engine/rules-request.js';
import { CODE_BLOCK_TEXT, codeChunks } from '../../../src/render/blocks/code-messages.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_BLOCK_IDS } from '../../../src/render/blocks/ids.js';
import { rulesOriginCodec, rulesShareCodec } from '../../../src/render/blocks/payloads.js';
import {
  MAX_RULES_MESSAGES,
  RULES_WARNING,
  readRulesChoice,
  renderRulesMessages,
  renderRulesModal,
} from '../../../src/render/blocks/rules.js';
import { blocksTextLength, SLACK_LIMITS } from '../../../src/render/limits.js';
import { RULE_FORMATS, renderRules } from '../../../src/render/rules/index.js';
import { slackLimitViolations, viewLimitViolations } from '../../helpers/block-limits.js';
import { realCatalog } from '../../helpers/catalog.js';

const catalog = realCatalog();
const network = catalog.delegate!;
const prod3 = network.clusters.find((c) => c.cluster === 'Prod3')!;

/** The code of a message's code blocks, unescaped, as someone copying them gets it. */
function codeOf(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    const text = block.type === 'section' ? (block as SectionBlock).text?.text : undefined;
    if (!text?.startsWith('```\n')) return [];
    return [text.slice(4, -4).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')];
  });
}

/** The element of an input block, as a plain object. */
function elementOf(block: unknown): Record<string, unknown> {
  const element: unknown = block && typeof block === 'object' ? Reflect.get(block, 'element') : undefined;
  return element && typeof element === 'object' ? { ...element } : {};
}

function buttons(blocks: readonly KnownBlock[]) {
  return blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.flatMap((el) =>
          el.type === 'button' ? [{ action_id: el.action_id, value: el.value }] : [],
        )
      : [],
  );
}

describe('code blocks', () => {
  it('splits at line boundaries only, each block within a section once escaped, and loses nothing', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `# rule ${i} <to> "a & b" ${'x'.repeat(i % 50)}`);
    const text = `${lines.join('\n')}\n`;
    const chunks = codeChunks(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(CODE_BLOCK_TEXT);
    const unescaped = chunks.map((c) => c.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    // Every block holds whole lines: joined back with line breaks, they are the text.
    expect(unescaped.join('\n')).toBe(text.slice(0, -1));
    for (const chunk of unescaped) for (const line of chunk.split('\n')) expect(lines).toContain(line);
  });

  it('escapes &, < and > and breaks a run of three backticks that would end the block', () => {
    expect(codeChunks('a <!channel> & b\n```x```\n')).toEqual([
      'a &lt;!channel&gt; &amp; b\n``\u200b`x``\u200b`',
    ]);
  });

  it('shows CSV rows on their own lines (CRLF read as a line break)', () => {
    expect(codeChunks('provider,port\r\nSplunk,8089\r\n')).toEqual(['provider,port\nSplunk,8089']);
  });

  it('cuts only a line longer than a whole block, between characters, never an escape', () => {
    const long = '&'.repeat(CODE_BLOCK_TEXT);
    const chunks = codeChunks(`short\n${long}\n`);
    expect(chunks[0]).toBe('short');
    for (const chunk of chunks.slice(1)) {
      expect(chunk.length).toBeLessThanOrEqual(CODE_BLOCK_TEXT);
      expect(chunk).toMatch(/^(&amp;)+$/);
    }
    expect(chunks.slice(1).join('').length).toBe(long.length * 5);
  });
});

describe('rules messages', () => {
  const cases = RULE_FORMAT_IDS.flatMap((format) =>
    [['splunk'], ['splunk', 'jenkins'], catalog.providers.map((p) => p.id)].map(
      (ids) => [format, ids] as const,
    ),
  );

  it.each(cases)(
    "%s for %j: the renderer's text whole, in code blocks within Slack's limits",
    (format, ids) => {
      const providers = catalog.providers.filter((p) => ids.includes(p.id));
      const text = renderRules(format, rulesFor({ providers, delegate: true, cluster: prod3 }, catalog));
      const messages = renderRulesMessages({
        format,
        text,
        providerNames: providers.map((p) => p.name),
        delegate: true,
        cluster: 'Prod3',
        surface: 'ephemeral',
        share: { providerIds: ids, format, delegate: true, cluster: 'Prod3', threadTs: '1732560000.000100' },
        whole: `harness-ports rules ${ids.join(' ')} --format ${format} --cluster prod3`,
      });
      expect(messages.length).toBeLessThanOrEqual(MAX_RULES_MESSAGES);
      for (const message of messages) {
        expect(slackLimitViolations(message)).toEqual([]);
        expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocksText);
      }
      // Nothing cut: the code blocks, in order, are the renderer's output line for line.
      const code = messages.flatMap((m) => codeOf(m.blocks)).join('\n');
      expect(code).toBe(text.replace(/\r\n/g, '\n').replace(/\n$/, ''));
      expect(code).toContain('app3.harness.io');
      for (const provider of providers) {
        for (const port of provider.ports) expect(code).toContain(String(port.port));
      }
      const first = messages[0]!;
      const intro = (first.blocks[0] as SectionBlock).text!.text;
      const names = ({ 1: 'Splunk', 2: 'Jenkins and Splunk' } as Record<number, string>)[ids.length];
      if (names) {
        expect(intro).toBe(
          `:shield: *Firewall rules: ${names}*\n${RULE_FORMATS[format]}, with the Delegate's own egress to Harness (Prod3).`,
        );
      }
      for (const provider of providers) expect(intro).toContain(provider.name.replace(/&/g, '&amp;'));
      expect(first.blocks[1]).toEqual({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: RULES_WARNING }],
      });
      // Only the last message carries "Share in channel", with what makes the same rules again.
      messages.slice(0, -1).forEach((m) => {
        expect(buttons(m.blocks)).toEqual([]);
      });
      const share = buttons(messages.at(-1)!.blocks);
      expect(share).toHaveLength(1);
      expect(share[0]!.action_id).toBe(ACTION_IDS.shareRules);
      expect(rulesShareCodec.decode(share[0]!.value)).toEqual({
        providerIds: ids,
        format,
        delegate: true,
        cluster: 'Prod3',
        threadTs: '1732560000.000100',
      });
      messages.forEach((m, i) => {
        const part = messages.length > 1 ? ` \\(part ${i + 1} of ${messages.length}\\)` : '';
        expect(m.text).toMatch(new RegExp(`^Firewall rules \\(${format}\\) for .*Splunk.*${part}$`));
      });
    },
  );

  it("says the Delegate's own egress is left out when it is, and who shared public rules, without a share button", () => {
    const [message] = renderRulesMessages({
      format: 'csv',
      text: 'provider,protocol,port\r\nSplunk,TCP,8089\r\n',
      providerNames: ['Splunk'],
      surface: 'public',
      sharedBy: 'U0BOB',
      delegate: false,
      share: { providerIds: ['splunk'], format: 'csv', delegate: false },
      whole: 'harness-ports rules splunk --format csv',
    });
    expect(message!.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ":shield: *Firewall rules: Splunk*\nCSV (a ticket or a spreadsheet), without the Delegate's own egress to Harness.",
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: RULES_WARNING }] },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '```\nprovider,protocol,port\nSplunk,TCP,8089\n```' },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by <@U0BOB>' }] },
    ]);
  });

  it(`stops at ${MAX_RULES_MESSAGES} messages (one response URL's posts) and names the rest and the CLI command`, () => {
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `iptables -A OUTPUT -p tcp --dport ${1000 + i} -j ACCEPT`,
    );
    const messages = renderRulesMessages({
      format: 'iptables',
      text: lines.join('\n'),
      providerNames: ['Splunk'],
      surface: 'ephemeral',
      delegate: false,
      share: { providerIds: ['splunk'], format: 'iptables', delegate: false },
      whole: 'harness-ports rules splunk --format iptables',
    });
    expect(messages).toHaveLength(MAX_RULES_MESSAGES);
    for (const message of messages) expect(slackLimitViolations(message)).toEqual([]);
    const shown = messages
      .flatMap((m) => codeOf(m.blocks))
      .join('\n')
      .split('\n');
    expect(shown).toEqual(lines.slice(0, shown.length));
    const last = messages.at(-1)!.blocks;
    const note = last.find((b) => b.type === 'context' && JSON.stringify(b).includes('more lines'));
    expect(JSON.stringify(note)).toContain(
      `…and ${lines.length - shown.length} more lines, too many for ${MAX_RULES_MESSAGES} Slack messages. For the whole set: harness-ports rules splunk --format iptables`,
    );
  });
});

describe('the firewall rules modal', () => {
  const delegate = {
    port: network.harness.port,
    clusters: network.clusters,
    findCluster: network.findCluster.text,
  };

  it("asks for the format (all 7), the Delegate's own egress (ticked) and the cluster, within limits", () => {
    const view = renderRulesModal({
      providerNames: ['Splunk', 'Jenkins'],
      delegate,
      metadata: '{"p":"splunk"}',
    });
    expect(viewLimitViolations(view as unknown as Record<string, unknown>)).toEqual([]);
    expect(view.callback_id).toBe(CALLBACK_IDS.rulesModal);
    expect(view.title.text).toBe('Firewall rules');
    expect(view.submit?.text).toBe('Get rules');
    expect(view.private_metadata).toBe('{"p":"splunk"}');
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual([
      INPUT_BLOCK_IDS.rulesFormat,
      INPUT_BLOCK_IDS.rulesDelegate,
      INPUT_BLOCK_IDS.rulesCluster,
    ]);
    const [format, own, cluster] = inputs.map((b) => elementOf(b));
    expect((format!.options as Array<{ value: string }>).map((o) => o.value)).toEqual([...RULE_FORMAT_IDS]);
    expect(format!.initial_option).toMatchObject({ value: 'k8s' });
    expect(own!.initial_options).toEqual(own!.options);
    expect(JSON.stringify(own!.options)).toContain('HTTPS 443 to your Harness cluster');
    expect(
      (cluster!.options as Array<{ text: { text: string }; value: string }>).map((o) => [
        o.text.text,
        o.value,
      ]),
    ).toEqual(network.clusters.map((c) => [`${c.cluster} (${c.host})`, c.cluster]));
    expect(JSON.stringify(view.blocks)).toContain('Splunk and Jenkins');
    expect(JSON.stringify(view.blocks)).toContain('starting point to review, not something to apply blindly');
  });

  it('asks only the format when the catalog has no Delegate network', () => {
    const view = renderRulesModal({ providerNames: ['Splunk'], metadata: '' });
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      INPUT_BLOCK_IDS.rulesFormat,
    ]);
  });

  it("carries a checklist's 30 longest ids, user, channel, thread and response URL within 3000 characters", () => {
    const providerIds = Array.from(
      { length: 30 },
      (_, i) => `${'p'.repeat(61)}-${String(i).padStart(2, '0')}`,
    );
    const origin = {
      providerIds,
      userId: 'U0ALICE',
      channelId: 'C0CHANNEL',
      threadTs: '1732560000.000100',
      responseUrl: 'https://hooks.slack.com/actions/T0001/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx',
    };
    const metadata = rulesOriginCodec.encode(origin);
    expect(metadata.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
    expect(rulesOriginCodec.decode(metadata)).toEqual(origin);
    expect(rulesOriginCodec.decode('{"p":"splunk","u":"not a user"}')).toBeUndefined();
    // A channel id is not a user: the rules would go to nobody.
    expect(rulesOriginCodec.decode('{"p":"splunk","u":"C0CHANNEL"}')).toBeUndefined();
    expect(rulesOriginCodec.decode('{"p":"splunk","u":"W0GRID"}')).toEqual({
      providerIds: ['splunk'],
      userId: 'W0GRID',
    });
    expect(rulesOriginCodec.decode('not json')).toBeUndefined();
  });

  it('leaves out the response URL rather than go past 3000 characters', () => {
    const origin = {
      providerIds: ['splunk'],
      userId: 'U0ALICE',
      responseUrl: `https://hooks.slack.com/${'a'.repeat(3000)}`,
    };
    expect(rulesOriginCodec.decode(rulesOriginCodec.encode(origin))).toEqual({
      providerIds: ['splunk'],
      userId: 'U0ALICE',
    });
  });

  it("takes a format, and a known cluster only when the Delegate's egress is ticked", () => {
    expect(readRulesChoice('aws-sg', true, 'Prod3', network.clusters)).toEqual({
      format: 'aws-sg',
      cluster: 'Prod3',
    });
    expect(readRulesChoice('gcp', false, 'Prod3', network.clusters)).toEqual({ format: 'gcp' });
    expect(readRulesChoice('gcp', true, undefined, network.clusters)).toEqual({ error: 'noCluster' });
    expect(readRulesChoice('gcp', true, 'Prod9', network.clusters)).toEqual({ error: 'noCluster' });
    expect(readRulesChoice('yaml', false, undefined, network.clusters)).toEqual({ error: 'noFormat' });
  });

  it('has no share button when its value would not fit in one', () => {
    const providerIds = Array.from({ length: 40 }, (_, i) => `${'p'.repeat(61)}-${i}`);
    expect(
      rulesShareCodec.encode({ providerIds, format: 'k8s' as RuleFormat, delegate: false }),
    ).toBeUndefined();
  });
});
