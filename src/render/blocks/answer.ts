import type { KnownBlock, SectionBlock, StaticSelect, TableBlock } from '@slack/types';
import { CATEGORY_LABELS, type PortRule, type Provider } from '../../catalog/schema.js';
import { MAX_CHECKLIST_PROVIDERS } from '../../engine/checklist.js';
import { permissionText } from '../../engine/permissions.js';
import type { Answer, ProviderMatch } from '../../engine/types.js';
import { escapeMrkdwn, inlineCode, mrkdwnLink, userMention } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import { ORGANISATION_HEADING, organisationLines, organisationSummary } from '../organisation.js';
import {
  ABOUT_TEXT,
  categoryText,
  focusLines,
  HELP_EXAMPLES,
  highlightedPorts,
  isCompact,
  listText,
  namesText,
  noMatchText,
  portPurpose,
  scopeName,
  smallTalkText,
} from '../wording.js';
import { feedbackBlock } from './feedback.js';
import { ACTION_IDS } from './ids.js';
import { actions, button, context, divider, type SlackMessage, section } from './kit.js';
import { firewallRulesButton } from './rules.js';
import { providersTable, tableAsText } from './tables.js';
import { topicBlocks } from './topics.js';

export type Surface = 'ephemeral' | 'public';

export interface AnswerRenderOptions {
  /** Ephemeral answers carry a "Share in channel" button; public ones do not. */
  surface: Surface;
  /** The slash command's name, for the examples in help and hints. */
  command: string;
  /** The Slack user id of whoever shared a public card. */
  sharedBy?: string;
  /** The thread an ephemeral answer lives in, so sharing posts it there too. */
  threadTs?: string;
  /** Adds 👍/👎 feedback buttons under the answer (not under help). */
  feedback?: boolean;
  /**
   * Shows reverse port lookups and lists as a table block (messages only: not on the Home tab or in
   * modals), with the rows also in the top-level text; mrkdwn rows when the table does not fit.
   */
  tables?: boolean;
}

/** What the "Share in channel" button carries: the query to answer again, and its thread. */
export interface ShareValue {
  q: string;
  t?: string;
}

/** Providers listed with their own "Open" button before the rest are summarised. */
export const MAX_LIST_ROWS = 40;

function portLine(rule: PortRule, highlight: boolean): string {
  const purpose = portPurpose(rule);
  let line = inlineCode(`${rule.protocol} ${rule.port}`) + (purpose ? ` ${escapeMrkdwn(purpose)}` : '');
  if (highlight) line = `*${line}*`;
  if (rule.conditional)
    line += `\n      _conditional: ${escapeMrkdwn(rule.condition ?? 'see the provider docs')}_`;
  if (rule.sourceLabel) line += ` _(source says "${escapeMrkdwn(rule.sourceLabel)}")_`;
  return `• ${line}`;
}

/**
 * Ports on one line, those asked about first and in bold: "*HTTPS 443* · also HTTP 80, TCP 9090",
 * or all of them when none was asked about: "TCP 8089 · HTTPS 443 (conditional)".
 */
export function portsSummary(provider: Provider, highlightPorts: readonly number[] = []): string {
  if (provider.ports.length === 0) return escapeMrkdwn(provider.portNote ?? 'No fixed port');
  const text = (rule: PortRule) =>
    escapeMrkdwn(`${rule.protocol} ${rule.port}${rule.conditional ? ' (conditional)' : ''}`);
  const matching = provider.ports.filter((rule) => highlightPorts.includes(rule.port));
  const others = provider.ports.filter((rule) => !highlightPorts.includes(rule.port));
  if (matching.length === 0) return others.map(text).join(' · ');
  const also = others.length ? ` · also ${others.map(text).join(', ')}` : '';
  return `${matching.map((rule) => `*${text(rule)}*`).join(' · ')}${also}`;
}

/**
 * The blocks of one provider card: name and category (with the "Firewall rules" button), permissions,
 * ports, docs, notes.
 */
export function providerCardBlocks(provider: Provider, highlightPorts: readonly number[] = []): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(provider.name)}*  ·  ${escapeMrkdwn(categoryText(provider))}`, {
      accessory: firewallRulesButton([provider.id]),
    }),
    section(
      `*Permissions*\n${provider.permissions.map((p) => `• ${escapeMrkdwn(permissionText(p))}`).join('\n')}`,
    ),
  ];
  const portLines = provider.ports.map((rule) => portLine(rule, highlightPorts.includes(rule.port)));
  if (provider.portNote) portLines.push(`• _${escapeMrkdwn(provider.portNote)}_`);
  blocks.push(section(`*Ports*\n${portLines.join('\n')}`));
  const footer: string[] = [];
  if (provider.references.length) {
    footer.push(`*Docs:* ${provider.references.map((ref) => mrkdwnLink(ref.url, ref.title)).join('  ·  ')}`);
  }
  for (const note of provider.notes) footer.push(`_Note:_ ${escapeMrkdwn(note)}`);
  if (footer.length) blocks.push(context(...footer));
  const organisation = organisationLines(provider);
  if (organisation.length) {
    const text = `*${ORGANISATION_HEADING}*\n${organisation.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`;
    blocks.push(context(truncate(text, SLACK_LIMITS.contextText)));
  }
  return blocks;
}

function shareButton(result: Answer, options: AnswerRenderOptions, query = result.query): KnownBlock[] {
  // Small talk is for whoever wrote it, not for the channel.
  if (options.surface !== 'ephemeral' || result.intent === 'smalltalk') return [];
  const thread = options.threadTs ? { t: options.threadTs } : {};
  // JSON can be up to 6 times longer than the text (control characters): cut the query until the
  // whole value fits, so it is never cut into invalid JSON.
  let q = truncate(query, 1500);
  while (JSON.stringify({ q, ...thread }).length > SLACK_LIMITS.buttonValue) q = truncate(q, q.length >> 1);
  const value: ShareValue = { q, ...thread };
  return [actions([button('Share in channel', ACTION_IDS.share, JSON.stringify(value), 'primary')])];
}

function sharedByContext(options: AnswerRenderOptions): KnownBlock[] {
  return options.sharedBy ? [context(`Shared by ${userMention(options.sharedBy)}`)] : [];
}

/** One line of a compact list: name, the ports asked about, the other ports, and an "Open" button. */
function listRow(match: ProviderMatch, highlightPorts: readonly number[]): SectionBlock {
  const { provider } = match;
  const organisation = organisationSummary(provider);
  const row = `*${escapeMrkdwn(provider.name)}*  ·  ${portsSummary(provider, highlightPorts)}`;
  const text = organisation ? `${row}\n_${escapeMrkdwn(organisation)}_` : row;
  return section(truncate(text, SLACK_LIMITS.sectionText), {
    accessory: button('Open', ACTION_IDS.openProvider, provider.id),
  });
}

function compactList(
  title: string,
  matches: ProviderMatch[],
  highlightPorts: readonly number[],
): KnownBlock[] {
  const blocks: KnownBlock[] = [section(title)];
  for (const match of matches.slice(0, MAX_LIST_ROWS)) blocks.push(listRow(match, highlightPorts));
  if (matches.length > MAX_LIST_ROWS) {
    const rest = matches.slice(MAX_LIST_ROWS);
    blocks.push(
      context(
        `…and ${rest.length} more: ${escapeMrkdwn(namesText(rest.map((m) => m.provider)))}. Ask for one by name.`,
      ),
    );
  }
  return blocks;
}

function openSelect(providers: readonly Provider[]): StaticSelect {
  return {
    type: 'static_select',
    action_id: ACTION_IDS.openProviderSelect,
    placeholder: { type: 'plain_text', text: 'Open a provider…' },
    options: providers.slice(0, SLACK_LIMITS.selectOptions).map((provider) => ({
      text: { type: 'plain_text', text: truncate(provider.name, SLACK_LIMITS.selectOptionText) },
      value: truncate(provider.id, SLACK_LIMITS.optionValue),
    })),
  };
}

/** Words not recognised and numbers that are not ports, under an answer (a no-match says them itself). */
function notesFor(result: Answer, command: string): KnownBlock[] {
  if (result.intent === 'none') return [];
  const lines: string[] = [];
  if (result.unmatched.length) {
    let line = `Not recognised: ${result.unmatched.map(inlineCode).join(', ')}.`;
    if (result.suggestions.length)
      line += ` Did you mean ${escapeMrkdwn(namesText(result.suggestions, 'or'))}?`;
    lines.push(line);
  }
  if (result.invalidPorts.length) {
    lines.push(`Not a valid port (1–65535): ${result.invalidPorts.map(inlineCode).join(', ')}.`);
  }
  if (lines.length === 0) return [];
  lines.push(`Try ${inlineCode(`${command} list`)} for every provider.`);
  return [context(...lines)];
}

function helpBlocks(command: string): KnownBlock[] {
  return [
    section(`*Harness Delegate: ports and permissions*\n${escapeMrkdwn(ABOUT_TEXT)}`),
    section(
      HELP_EXAMPLES.map(
        (example) => `• ${inlineCode(`${command} ${example.query}`)}  ${escapeMrkdwn(example.what)}`,
      ).join('\n'),
    ),
    context(
      'Mention me with a question in any channel I am in, or send me a direct message. Answers to the slash command are private until you press *Share in channel*.',
    ),
  ];
}

function listBlocks(result: Answer, tables: boolean): KnownBlock[] {
  const providers = result.matches.map((m) => m.provider);
  const title = section(`*${providers.length} providers in the catalog*`);
  const asTable = tables ? providersTable(providers) : undefined;
  if (asTable) return [title, asTable, actions([openSelect(providers)])];
  const blocks: KnownBlock[] = [title];
  for (const [category, label] of Object.entries(CATEGORY_LABELS)) {
    const names = providers.filter((p) => p.category === category).map((p) => escapeMrkdwn(p.name));
    if (names.length) blocks.push(section(`*${escapeMrkdwn(label.many)}*\n${names.join(' · ')}`));
  }
  if (providers.length) blocks.push(actions([openSelect(providers)]));
  if (providers.length > SLACK_LIMITS.selectOptions) {
    blocks.push(
      context(`The menu shows the first ${SLACK_LIMITS.selectOptions}; ask for any other by name.`),
    );
  }
  return blocks;
}

function scopeTitle(result: Answer): string {
  const count = `${result.matches.length} provider${result.matches.length === 1 ? '' : 's'}`;
  const open = 'Open one for its permissions, ports and docs.';
  if (result.scope) return `*${escapeMrkdwn(scopeName(result.scope))}*: ${count}. ${open}`;
  return `${count} match ${inlineCode(result.query)}. ${open}`;
}

/** The answer to what the question focused on ("Yes: …"), before the cards. */
function focusBlocks(result: Answer): KnownBlock[] {
  const lines = focusLines(result);
  return lines.length ? [section(lines.map(escapeMrkdwn).join('\n'))] : [];
}

/** The Delegate-network topics of an answer, each after a divider when something comes before it. */
function topicsBlocks(result: Answer, after: boolean): KnownBlock[] {
  return (result.topics ?? []).flatMap((topic, i) => [
    ...(after || i > 0 ? [divider()] : []),
    ...topicBlocks(topic),
  ]);
}

function mainBlocks(result: Answer, options: AnswerRenderOptions): KnownBlock[] {
  const { command } = options;
  switch (result.intent) {
    case 'topic':
      return topicsBlocks(result, false);
    case 'help':
      return helpBlocks(command);
    case 'list':
      return listBlocks(result, options.tables === true);
    case 'smalltalk':
      return [section(smallTalkText(result, inlineCode(`${command} splunk`)))];
    case 'none': {
      const blocks: KnownBlock[] = [section(noMatchText(result, inlineCode))];
      if (result.unmatched.length && result.invalidPorts.length) {
        blocks.push(section(noMatchText({ ...result, unmatched: [] }, inlineCode)));
      }
      if (result.suggestions.length) {
        blocks.push(
          section('Did you mean:'),
          actions(result.suggestions.map((p) => button(p.name, ACTION_IDS.openProvider, p.id))),
        );
      }
      blocks.push(
        context(
          `Try ${inlineCode(`${command} list`)} for every provider, or ${inlineCode(`${command} help`)}.`,
        ),
      );
      return blocks;
    }
    case 'port': {
      const s = result.ports.length > 1 ? 's' : '';
      const are = s ? 'are' : 'is';
      const asked = listText(result.ports.map((port) => inlineCode(String(port))));
      const yes = result.yesNo ? 'Yes: p' : 'P';
      if (result.matches.length === 0) {
        return [
          section(
            `${result.yesNo ? 'No: no' : 'No'} provider in the catalog uses port${s} ${listText(
              result.ports.map((port) => inlineCode(String(port))),
              'or',
            )}.`,
          ),
        ];
      }
      if (result.matches.length === 1) {
        return [
          section(`${yes}ort${s} ${asked} ${are} used by:`),
          ...providerCardBlocks(result.matches[0]!.provider, result.ports),
        ];
      }
      const title = `${yes}ort${s} ${asked} ${are} used by *${result.matches.length} providers*:`;
      const providers = result.matches.map((m) => m.provider);
      const asTable = options.tables ? providersTable(providers) : undefined;
      if (asTable) return [section(title), asTable, actions([openSelect(providers)])];
      return compactList(title, result.matches, result.ports);
    }
    case 'checklist':
    case 'provider': {
      if (result.intent === 'checklist' && result.matches.length === 0) {
        return [
          section(
            `Name the providers for the checklist, e.g. ${inlineCode(`${command} checklist splunk jenkins nexus`)}.`,
          ),
        ];
      }
      if (result.intent === 'checklist' && result.matches.length > MAX_CHECKLIST_PROVIDERS) {
        return [
          section(
            `A checklist takes at most ${MAX_CHECKLIST_PROVIDERS} providers, and this one names ${result.matches.length}. ` +
              'Name fewer, for example one group or category at a time.',
          ),
          ...compactList(scopeTitle(result), result.matches, []),
        ];
      }
      const highlight = highlightedPorts(result);
      if (isCompact(result))
        return [
          ...focusBlocks(result),
          ...compactList(scopeTitle(result), result.matches, highlight),
          ...topicsBlocks(result, true),
        ];
      const blocks: KnownBlock[] = focusBlocks(result);
      result.matches.forEach((match, i) => {
        if (i > 0) blocks.push(divider());
        blocks.push(...providerCardBlocks(match.provider, highlight));
      });
      blocks.push(...topicsBlocks(result, true));
      return blocks;
    }
  }
}

/** The top-level `text` of an answer: what notifications and screen readers get. */
function fallbackText(result: Answer, command: string): string {
  const names = namesText(result.matches.map((m) => m.provider));
  switch (result.intent) {
    case 'help':
      return 'How to use harness-ports';
    case 'smalltalk':
      return smallTalkText(result, `"${command} splunk"`);
    case 'list':
      return `${result.matches.length} providers in the catalog`;
    case 'none':
      return noMatchText(result, (word) => `"${word}"`);
    case 'port':
      return result.matches.length
        ? `Port ${result.ports.join(', ')}: ${names}`
        : `No provider uses port ${result.ports.join(', ')}`;
    case 'checklist':
      return `Checklist: ${names}`;
    case 'topic':
      return `Delegate network: ${listText((result.topics ?? []).map((topic) => topic.topic.title))}`;
    case 'provider':
      return (result.yesNo && focusLines(result)[0]) || `Delegate permissions and ports: ${names}`;
  }
}

/** An answer as a Slack message, always within Slack's limits. */
export function renderAnswerMessage(result: Answer, options: AnswerRenderOptions): SlackMessage {
  // A port lookup keeps its own layout; the topics asked beside it follow ("443 through a proxy").
  const body = [
    ...mainBlocks(result, options),
    ...(result.intent === 'port' ? topicsBlocks(result, true) : []),
  ];
  const tail = [
    ...notesFor(result, options.command),
    ...sharedByContext(options),
    ...shareButton(result, options),
    ...(options.feedback && result.intent !== 'help' && result.intent !== 'smalltalk'
      ? [feedbackBlock(result)]
      : []),
  ];
  const room = SLACK_LIMITS.blocksPerMessage - tail.length;
  const blocks =
    body.length > room ? [...body.slice(0, room - 1), context('…cut to fit in one Slack message.')] : body;
  const shownTable = blocks.find((b): b is TableBlock => b.type === 'table');
  const fallback = fallbackText(result, options.command);
  const text = shownTable ? `${fallback}\n${tableAsText(shownTable)}` : fallback;
  return {
    text: escapeMrkdwn(truncate(text, 3000)),
    blocks: [...blocks, ...tail],
  };
}

/** A single provider's card (from an "Open" button), ephemeral or shared. */
export function renderProviderMessage(provider: Provider, options: AnswerRenderOptions): SlackMessage {
  const result: Answer = {
    intent: 'provider',
    query: provider.id,
    matches: [{ provider, matchedBy: 'name', term: provider.id }],
    ports: [],
    suggestions: [],
    unmatched: [],
    invalidPorts: [],
  };
  return renderAnswerMessage(result, options);
}
