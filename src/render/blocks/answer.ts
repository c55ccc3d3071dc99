import type { Button, KnownBlock, SectionBlock, StaticSelect, TableBlock } from '@slack/types';
import { CATEGORY_LABELS, INFERRED_PORT_LABEL, type PortRule, type Provider } from '../../catalog/schema.js';
import { permissionText } from '../../engine/permissions.js';
import type { Answer } from '../../engine/types.js';
import { type AnswerView, answerView, plainStyle, type Style, type ViewPart } from '../answer-view.js';
import { escapeMrkdwn, inlineCode, mrkdwnLink, pageLink } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import { ORGANISATION_HEADING, organisationLines, organisationSummary } from '../organisation.js';
import {
  ABOUT_TEXT,
  byEdition,
  cardFacts,
  categoryText,
  connectivityLines,
  disagreementTitle,
  EDITION_GROUPS,
  editionCount,
  editionText,
  HELP_EXAMPLES,
  inferredTail,
  linkRevisions,
  listText,
  moreFactsText,
  namesText,
  portPurpose,
  revisionLabel,
  shortPortText,
  sourcesFooter,
  wordingRevisions,
} from '../wording.js';
import { feedbackBlock } from './feedback.js';
import { ACTION_IDS } from './ids.js';
import {
  actions,
  button,
  context,
  divider,
  fitMessageBlocks,
  option,
  type SlackMessage,
  section,
  sharedByBlocks,
} from './kit.js';
import { shareValueCodec } from './payloads.js';
import { permissionSnippetsButton } from './policy.js';
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
  /** Set on one provider's own card ("Open"): sharing it shares that card, not a new search. */
  provider?: string;
  /**
   * Shows reverse port lookups and lists as a table block (messages only: not on the Home tab or in
   * modals), with the rows also in the top-level text; mrkdwn rows when the table does not fit.
   */
  tables?: boolean;
}

/** The top-level text of a message with a table: its title and every row (a table has at most 100). */
const MAX_TABLE_TEXT = 12_000;

export { MAX_LIST_ROWS } from '../answer-view.js';

function portLine(rule: PortRule, highlight: boolean): string {
  const purpose = portPurpose(rule);
  let line = inlineCode(`${rule.protocol} ${rule.port}`) + (purpose ? ` ${escapeMrkdwn(purpose)}` : '');
  if (highlight) line = `*${line}*`;
  if (rule.conditional)
    line += `\n      _conditional: ${escapeMrkdwn(rule.condition ?? 'see the provider docs')}_`;
  if (rule.sourceLabel) line += ` _(source says "${escapeMrkdwn(rule.sourceLabel)}")_`;
  if (rule.inferred) line += ` _(${INFERRED_PORT_LABEL})_`;
  return `• ${line}`;
}

/**
 * Ports on one line, those asked about first and in bold: "*HTTPS 443* · also HTTP 80, TCP 9090",
 * or all of them when none was asked about: "TCP 8089 · HTTPS 443 (conditional)".
 */
export function portsSummary(provider: Provider, highlightPorts: readonly number[] = []): string {
  if (provider.ports.length === 0) return escapeMrkdwn(provider.portNote ?? 'No fixed port');
  const text = (rule: PortRule) => escapeMrkdwn(shortPortText(rule, provider));
  const tail = inferredTail(provider);
  const flag = tail ? ` _${escapeMrkdwn(tail.trim())}_` : '';
  const matching = provider.ports.filter((rule) => highlightPorts.includes(rule.port));
  const others = provider.ports.filter((rule) => !highlightPorts.includes(rule.port));
  if (matching.length === 0) return `${others.map(text).join(' · ')}${flag}`;
  const also = others.length ? ` · also ${others.map(text).join(', ')}` : '';
  return `${matching.map((rule) => `*${text(rule)}*`).join(' · ')}${also}${flag}`;
}

/** Freezes blocks all the way down, so a card shared between messages cannot be changed by one of them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Each provider's cards, by the ports they highlight ("" for none): built once, then shared. */
const cards = new WeakMap<Provider, Map<string, readonly KnownBlock[]>>();

/**
 * The blocks of one provider card: name and category (with the "Firewall rules" button), permissions,
 * ports, docs, notes. A card depends on nothing but the provider and which of its ports are
 * highlighted, so it is built once per provider and highlight and then shared, frozen, by every
 * message that shows it (a catalog's providers are fixed for its lifetime).
 */
export function providerCardBlocks(
  provider: Provider,
  highlightPorts: readonly number[] = [],
): readonly KnownBlock[] {
  const key = highlightPorts.length
    ? provider.ports
        .filter((rule) => highlightPorts.includes(rule.port))
        .map((rule) => rule.port)
        .join(',')
    : '';
  let byHighlight = cards.get(provider);
  if (!byHighlight) {
    byHighlight = new Map();
    cards.set(provider, byHighlight);
  }
  let blocks = byHighlight.get(key);
  if (!blocks) {
    blocks = deepFreeze(buildProviderCard(provider, highlightPorts));
    byHighlight.set(key, blocks);
  }
  return blocks;
}

function buildProviderCard(provider: Provider, highlightPorts: readonly number[]): KnownBlock[] {
  const permission = (text: string) =>
    [
      `• ${escapeMrkdwn(permissionText(text))}`,
      ...wordingRevisions(provider, text).map(
        (revision) =>
          `      _${pageLink({ ...revision.source, title: revisionLabel(revision) })} says:_ ${escapeMrkdwn(revision.other)}`,
      ),
    ].join('\n');
  const blocks: KnownBlock[] = [
    section(
      `*${escapeMrkdwn(provider.name)}*  ·  ${escapeMrkdwn(categoryText(provider))}  ·  ${escapeMrkdwn(editionText(provider))}`,
      { accessory: firewallRulesButton([provider.id]) },
    ),
    section(`*Permissions*\n${provider.permissions.map(permission).join('\n')}`),
  ];
  const { shown, more } = cardFacts(provider);
  if (shown.length) {
    const facts = shown.map((fact) => `• ${escapeMrkdwn(fact.text)} _(${pageLink(fact.source)})_`);
    if (more) facts.push(`_${escapeMrkdwn(moreFactsText(more))}_`);
    blocks.push(section(`*More from the docs*\n${facts.join('\n')}`));
  }
  for (const disagreement of provider.disagreements) {
    const statements = disagreement.statements.map(
      (statement) => `• ${pageLink(statement.source)} says: ${escapeMrkdwn(statement.text)}`,
    );
    blocks.push(
      section(
        `:warning: *${escapeMrkdwn(disagreementTitle(disagreement.question))}*\n${statements.join('\n')}`,
      ),
    );
  }
  const modes = connectivityLines(provider, (page) => mrkdwnLink(page.url, page.title));
  if (modes.length) {
    const lines = modes.map(
      (mode) => `• *${mode.label}:* ${escapeMrkdwn(mode.text)}${mode.after ? `\n      ${mode.after}` : ''}`,
    );
    blocks.push(section(`*How it connects*\n${lines.join('\n')}`));
  }
  const portLines = provider.ports.map((rule) => portLine(rule, highlightPorts.includes(rule.port)));
  if (provider.portNote) portLines.push(`• _${escapeMrkdwn(provider.portNote)}_`);
  blocks.push(section(`*Ports*\n${portLines.join('\n')}`));
  const footer: string[] = [];
  // The page the facts come from is in the answer's footer: Docs names only the others.
  const docs = provider.references.filter((ref) => ref.url !== provider.source.url);
  if (docs.length) {
    footer.push(`*Docs:* ${docs.map((ref) => mrkdwnLink(ref.url, ref.title)).join('  ·  ')}`);
  }
  const otherLinks = provider.references.flatMap((ref) => linkRevisions(provider, ref.url));
  if (otherLinks.length) {
    footer.push(
      otherLinks
        .map(
          (revision) =>
            `_${pageLink({ ...revision.source, title: revisionLabel(revision) })} links:_ ${mrkdwnLink(revision.other, revision.other)}`,
        )
        .join('\n'),
    );
  }
  for (const note of provider.notes) footer.push(`_Note:_ ${escapeMrkdwn(note)}`);
  if (footer.length) blocks.push(context(...footer));
  const organisation = organisationLines(provider);
  if (organisation.length) {
    const text = `*${ORGANISATION_HEADING}*\n${organisation.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`;
    blocks.push(context(text));
  }
  return blocks;
}

function shareButton(view: AnswerView, options: AnswerRenderOptions): Button | undefined {
  if (options.surface !== 'ephemeral' || !view.shareable) return undefined;
  const query = view.asked.query;
  const thread = {
    ...(options.threadTs ? { t: options.threadTs } : {}),
    ...(options.provider ? { p: truncate(options.provider, 100) } : {}),
  };
  const value = shareValueCodec.encode({ q: query, ...thread });
  return button('Share in channel', ACTION_IDS.share, value, 'primary');
}

/**
 * "Permission snippets" under a provider answer (a card, several, a group) whose providers' sources
 * name an exact grant (an IAM policy, token scopes, roles, a Vault ACL): the snippets come back
 * privately to whoever presses it, on a private answer or a public one. Not under a port lookup or
 * the whole list: those name providers by what they share, not what you set up.
 */
function snippetsButton(view: AnswerView): Button | undefined {
  return view.snippets.length ? permissionSnippetsButton(view.snippets) : undefined;
}

/** The answer's buttons: "Share in channel" (private answers) and "Permission snippets". */
function answerActions(view: AnswerView, options: AnswerRenderOptions): KnownBlock[] {
  const buttons = [shareButton(view, options), snippetsButton(view)].filter(
    (b): b is Button => b !== undefined,
  );
  return buttons.length ? [actions(buttons)] : [];
}

/**
 * One line of a compact list or the Home tab's catalog: name (and `tag`, already mrkdwn), the ports
 * asked about, the other ports, what your organisation's overlay adds, and an "Open" button.
 */
export function providerRow(
  provider: Provider,
  highlightPorts: readonly number[] = [],
  tag = '',
): SectionBlock {
  const organisation = organisationSummary(provider);
  const row = `*${escapeMrkdwn(provider.name)}*${tag}  ·  ${portsSummary(provider, highlightPorts)}`;
  // section() cuts the text to fit without splitting an entity or a link.
  return section(organisation ? `${row}\n_${escapeMrkdwn(organisation)}_` : row, {
    accessory: button('Open', ACTION_IDS.openProvider, provider.id),
  });
}

function compactList(
  title: string,
  providers: readonly Provider[],
  highlightPorts: readonly number[],
  maxRows: number,
): KnownBlock[] {
  const blocks: KnownBlock[] = [section(title)];
  for (const provider of providers.slice(0, maxRows)) blocks.push(providerRow(provider, highlightPorts));
  if (providers.length > maxRows) {
    const rest = providers.slice(maxRows);
    blocks.push(context(`…and ${rest.length} more: ${escapeMrkdwn(namesText(rest))}. Ask for one by name.`));
  }
  return blocks;
}

function openSelect(providers: readonly Provider[]): StaticSelect {
  return {
    type: 'static_select',
    action_id: ACTION_IDS.openProviderSelect,
    placeholder: { type: 'plain_text', text: 'Open a provider…' },
    options: providers
      .slice(0, SLACK_LIMITS.selectOptions)
      .map((provider) => option(provider.name, provider.id)),
  };
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

function listBlocks(providers: readonly Provider[], tables: boolean): KnownBlock[] {
  const groups = byEdition(providers);
  const counts = groups.map(
    ([edition, members]) => `${members.length} ${editionCount(edition, members.length)}`,
  );
  const title = section(`*${providers.length} providers in the catalog*: ${listText(counts)}`);
  const asTable = tables ? providersTable(providers) : undefined;
  if (asTable) return [title, asTable, actions([openSelect(providers)])];
  const blocks: KnownBlock[] = [title];
  for (const [edition, members] of groups) {
    const lines: string[] = [];
    for (const [category, label] of Object.entries(CATEGORY_LABELS)) {
      const names = members.filter((p) => p.category === category).map((p) => escapeMrkdwn(p.name));
      if (names.length) lines.push(`*${escapeMrkdwn(label.many)}*: ${names.join(' · ')}`);
    }
    blocks.push(section(`*${escapeMrkdwn(EDITION_GROUPS[edition])}*\n${lines.join('\n')}`));
  }
  if (providers.length) blocks.push(actions([openSelect(providers)]));
  if (providers.length > SLACK_LIMITS.selectOptions) {
    blocks.push(
      context(`The menu shows the first ${SLACK_LIMITS.selectOptions}; ask for any other by name.`),
    );
  }
  return blocks;
}

/** The answer's footer: the page and edition its facts come from, as links. */
function sourcesBlock(providers: readonly Provider[]): readonly KnownBlock[] {
  // One provider's footer is its page's: made once per provider, like its card.
  const only = providers.length === 1 ? providers[0]! : undefined;
  const cached = only && footers.get(only);
  if (cached) return cached;
  const footer = sourcesFooter(providers, pageLink);
  const blocks = footer ? [context(footer)] : [];
  if (only) footers.set(only, deepFreeze(blocks));
  return blocks;
}

/** Each provider's own sources footer (see sourcesBlock). */
const footers = new WeakMap<Provider, readonly KnownBlock[]>();

/** How Block Kit marks up a view's words (mrkdwn, escaped). */
function mrkdwnStyle(command: string): Style {
  return {
    text: escapeMrkdwn,
    typed: inlineCode,
    port: (port) => inlineCode(String(port)),
    strong: (text) => `*${text}*`,
    command: (query) => inlineCode(`${command} ${query}`),
  };
}

/** One part of the view as blocks; `tables`: a table may stand for rows (messages only). */
function partBlocks(part: ViewPart, style: Style, command: string, tables: boolean): readonly KnownBlock[] {
  switch (part.type) {
    case 'sentence':
      return [section(part.text(style))];
    case 'card':
      return providerCardBlocks(part.provider, part.highlight);
    case 'checklist':
      return part.providers.flatMap((provider, i) => [
        ...(i > 0 ? [divider()] : []),
        ...providerCardBlocks(provider),
      ]);
    case 'rows': {
      const asTable = tables && part.table ? providersTable(part.providers) : undefined;
      if (asTable) return [section(part.title(style)), asTable, actions([openSelect(part.providers)])];
      return compactList(part.title(style), part.providers, part.highlight, part.maxRows);
    }
    case 'catalog':
      return listBlocks(part.providers, tables);
    case 'topic':
      return topicBlocks(part.topic);
    case 'help':
      return helpBlocks(command);
    case 'suggestions':
      return [
        section('Did you mean:'),
        actions(part.providers.map((p) => button(p.name, ACTION_IDS.openProvider, p.id))),
      ];
    case 'hint':
      return [context(part.text(style))];
    case 'divider':
      return [divider()];
  }
}

/** An answer as a Slack message (a projection of its view), always within Slack's limits. */
export function renderAnswerMessage(result: Answer, options: AnswerRenderOptions): SlackMessage {
  const view = answerView(result);
  const style = mrkdwnStyle(options.command);
  const blocks = view.parts.flatMap((part) =>
    partBlocks(part, style, options.command, options.tables === true),
  );
  const notes = view.notes.map((note) => note(style));
  const tail = [
    ...sourcesBlock(view.sources),
    ...(notes.length ? [context(...notes)] : []),
    ...sharedByBlocks(options.sharedBy),
    ...answerActions(view, options),
  ];
  if (options.feedback && view.feedback) tail.push(feedbackBlock(view.feedback));
  fitMessageBlocks(blocks, tail);
  const shownTable = blocks.find((b): b is TableBlock => b.type === 'table');
  // The top-level text is plain (escaped as a whole below).
  const fallback = view.headline(plainStyle((query) => `${options.command} ${query}`));
  const text = shownTable ? `${fallback}\n${tableAsText(shownTable)}` : fallback;
  blocks.push(...tail);
  return {
    // A table's rows are all in the text too (screen readers); still far below Slack's 40,000.
    text: escapeMrkdwn(truncate(text, shownTable ? MAX_TABLE_TEXT : 3000)),
    blocks,
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
  return renderAnswerMessage(result, { ...options, provider: provider.id });
}
