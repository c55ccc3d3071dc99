import type { ExternalSelect, HomeView, KnownBlock } from '@slack/types';
import { CATEGORY_LABELS, type Catalog, type Category, type Provider } from '../../catalog/schema.js';
import type { MissedQuery } from '../../engine/misses.js';
import { catalogProviders } from '../../engine/providers.js';
import type { Answer } from '../../engine/types.js';
import { escapeMrkdwn, inlineCode } from '../escape.js';
import { SLACK_LIMITS, truncate } from '../limits.js';
import { ABOUT_TEXT, namesText } from '../wording.js';
import { providerRow, renderAnswerMessage } from './answer.js';
import { ACTION_IDS } from './ids.js';
import { actions, button, context, divider, header, section } from './kit.js';

/** Characters typed before Slack asks the options listener for suggestions. */
export const SEARCH_MIN_QUERY_LENGTH = 2;
/** Blocks the selected answer may take on the Home tab; the catalog gets the rest. */
const MAX_SELECTED_BLOCKS = 30;
/** Missed queries shown to maintainers. */
export const MAX_MISSES_SHOWN = 10;

export interface HomeOptions {
  catalog: Catalog;
  /** The slash command's name, for the how-to. */
  command: string;
  /** What the user picked in the search box or opened from the catalog. */
  selected?: Answer;
  /** Queries that found nothing; set only for users in ADMIN_USER_IDS. */
  misses?: { top: MissedQuery[]; total: number };
}

export function searchSelect(): ExternalSelect {
  return {
    type: 'external_select',
    action_id: ACTION_IDS.homeSearch,
    placeholder: { type: 'plain_text', text: 'Search a provider, topic or port…' },
    min_query_length: SEARCH_MIN_QUERY_LENGTH,
  };
}

function row(provider: Provider): KnownBlock {
  // The table's rows and the NextGen connectors share a category: each row says which it is.
  return providerRow(provider, [], provider.source.edition === 'nextgen-docs' ? '  ·  _NextGen_' : '');
}

/**
 * The catalog by category within `room` blocks (the FirstGen table's rows, then the NextGen
 * connectors of the category): a heading per category and a row per provider with
 * an Open button; when the catalog is larger than the room, each category shows its first
 * providers and names how many more the search box finds.
 */
function catalogBlocks(catalog: Catalog, room: number): KnownBlock[] {
  const byCategory = new Map<Category, Provider[]>();
  for (const provider of catalogProviders(catalog)) {
    const peers = byCategory.get(provider.category) ?? [];
    peers.push(provider);
    byCategory.set(provider.category, peers);
  }
  const categories = (Object.keys(CATEGORY_LABELS) as Category[]).filter((c) => byCategory.has(c));
  // Each category takes a heading, and a "more" line when cut; all of them when they fit.
  const total = 1 + categories.length + [...byCategory.values()].reduce((n, peers) => n + peers.length, 0);
  const perCategory =
    total <= room
      ? Number.POSITIVE_INFINITY
      : Math.max(1, Math.floor((room - 1) / Math.max(1, categories.length)) - 2);
  const blocks: KnownBlock[] = [header('Catalog')];
  for (const category of categories) {
    const providers = byCategory.get(category)!;
    blocks.push(section(`*${escapeMrkdwn(CATEGORY_LABELS[category].many)}* (${providers.length})`));
    for (const provider of providers.slice(0, perCategory)) blocks.push(row(provider));
    const rest = providers.slice(perCategory);
    if (rest.length) {
      blocks.push(
        context(
          `…and ${rest.length} more, e.g. ${escapeMrkdwn(namesText(rest.slice(0, 3)))}: use the search box.`,
        ),
      );
    }
  }
  return blocks.slice(0, room);
}

function selectedBlocks(selected: Answer, command: string): KnownBlock[] {
  const { blocks } = renderAnswerMessage(selected, { surface: 'public', command });
  const shown = blocks.length > MAX_SELECTED_BLOCKS ? blocks.slice(0, MAX_SELECTED_BLOCKS - 1) : blocks;
  if (blocks.length > MAX_SELECTED_BLOCKS) shown.push(context('…cut to fit the Home tab.'));
  return [divider(), ...shown];
}

function howToBlocks(command: string): KnownBlock[] {
  return [
    divider(),
    section(
      '*How to ask*\n' +
        `• ${inlineCode(`${command} splunk`)}, ${inlineCode(`${command} 8089`)} or ${inlineCode(`${command} checklist splunk jenkins`)} anywhere\n` +
        '• Mention me in a channel, or send me a message in the *Messages* tab\n' +
        '• On any message: *More actions* (⋮) → *Look up ports*\n' +
        `• *Firewall rules* on a provider card or a checklist, or ${inlineCode(`${command} rules splunk jenkins as terraform`)}: rules to review before you apply them\n` +
        `• ${inlineCode(`${command} policy aws ec2`)}: permission snippets (IAM policy, token scopes, roles, Vault ACL) to review\n` +
        '• From the shortcuts menu: *Harness ports checklist*',
    ),
  ];
}

function missesBlocks(misses: NonNullable<HomeOptions['misses']>): KnownBlock[] {
  const lines = misses.top.map((m) => `• ${inlineCode(m.query)} × ${m.count}`);
  return [
    divider(),
    section(
      `*Queries that found nothing* (${misses.total} since this instance started; visible to maintainers only)\n` +
        (lines.length ? lines.join('\n') : '_None yet._'),
    ),
    context('Add an alias in data/catalog.yml where people miss a provider.'),
  ];
}

/** The Home tab: search box, New checklist, the selected answer, the catalog, the how-to. At most 100 blocks. */
export function renderHomeView(options: HomeOptions): HomeView {
  const top: KnownBlock[] = [
    header('Harness Delegate: ports and permissions'),
    section(escapeMrkdwn(truncate(ABOUT_TEXT, SLACK_LIMITS.sectionText))),
    actions([searchSelect(), button('New checklist', ACTION_IDS.newChecklist, 'home', 'primary')]),
    ...(options.selected ? selectedBlocks(options.selected, options.command) : []),
  ];
  const bottom = [...howToBlocks(options.command), ...(options.misses ? missesBlocks(options.misses) : [])];
  const room = SLACK_LIMITS.blocksPerView - top.length - bottom.length - 1;
  return {
    type: 'home',
    blocks: [...top, divider(), ...catalogBlocks(options.catalog, room), ...bottom],
  };
}
