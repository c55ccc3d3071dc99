import type { Provider } from '../catalog/schema.js';
import { MAX_CHECKLIST_PROVIDERS } from '../engine/checklist.js';
import { hasGrants } from '../engine/grants.js';
import { policyProviders } from '../engine/policy-request.js';
import type { Answer, Focus, Intent, MatchKind, Scope, TopicAnswer, TopicMatch } from '../engine/types.js';
import {
  focusLines,
  highlightedPorts,
  inferredLabel,
  isCompact,
  listText,
  namesText,
  noMatchText,
  portTitles,
  scopeName,
  smallTalkText,
  splitByStated,
  topicAnswerLine,
} from './wording.js';

/**
 * The one answer view: an Answer turned once into what is shown, in order (sentences, provider
 * cards, lists of rows, the catalog, the Delegate's network topics, suggestions, a hint), with the
 * notes, the sources and the headline, and what the question was read as, as data. Block Kit
 * (blocks/answer.ts), the terminal's text (text.ts), the Slack text fallback and the JSON (json.ts,
 * also the MCP server's structuredContent) are projections of it: they draw each kind of part and
 * never look at the answer's kind again. Words that a projection marks up (a command, a typed word, a port, a
 * count) are written through a `Style`, so the wording exists once.
 */

/** How a projection marks up the words of a sentence. */
export interface Style {
  /** Text as it stands (Block Kit escapes it). */
  text: (text: string) => string;
  /** A word the user typed, or a value: `splnuk` in Slack, "splnuk" on a terminal. */
  typed: (text: string) => string;
  /** A port number: `8089` in Slack, 8089 on a terminal. */
  port: (port: number) => string;
  /** A count that stands out: *18* in Slack. */
  strong: (text: string) => string;
  /** What to type for a query: `/harness-ports list` in Slack, "harness-ports list" on a terminal. */
  command: (query: string) => string;
}

/** The style of plain text (the terminal, Slack's top-level text): words quoted, nothing else marked. */
export function plainStyle(command: (query: string) => string): Style {
  return {
    text: (text) => text,
    typed: (text) => `"${text}"`,
    port: String,
    strong: (text) => text,
    command: (query) => `"${command(query)}"`,
  };
}

/** A sentence, written in a projection's style. */
export type Phrase = (style: Style) => string;

export type ViewPart =
  /** One paragraph: a yes/no, a title, what was not found. */
  | { type: 'sentence'; text: Phrase }
  /** A provider's whole card, the ports asked about highlighted. */
  | { type: 'card'; provider: Provider; highlight: readonly number[] }
  /** Providers one row each under a title; a projection that has a limit shows `maxRows` (and may draw a table). */
  | {
      type: 'rows';
      title: Phrase;
      providers: readonly Provider[];
      highlight: readonly number[];
      maxRows: number;
      /** A table may stand for the rows (Slack messages: a port lookup's stated users). */
      table: boolean;
    }
  /** The whole catalog, by edition and category. */
  | { type: 'catalog'; providers: readonly Provider[] }
  /** One topic of the Delegate's own network. */
  | { type: 'topic'; topic: TopicMatch }
  /** A checklist of these providers (on a terminal; Slack posts it as its own message with its items). */
  | { type: 'checklist'; providers: readonly Provider[] }
  /** How to use the product. */
  | { type: 'help' }
  /** Close names for words that matched nothing, offered, never answered. */
  | { type: 'suggestions'; providers: readonly Provider[] }
  /** What to try next. */
  | { type: 'hint'; text: Phrase }
  /** A break between two cards or topics. */
  | { type: 'divider' };

/** What the engine read the question as: the parts and notes word it, the JSON prints it as data. */
export interface Asked {
  /** The query as received, trimmed. */
  query: string;
  /** The answer's kind, as data: no projection decides anything by it (the view did). */
  kind: Intent;
  /** A group, maker or category asked for as a whole. */
  scope: Scope | undefined;
  /** The ports asked about. */
  ports: readonly number[];
  /** A yes/no question: the first sentence starts with Yes or No. */
  yesNo: boolean;
  /** Words that looked like names and matched nothing, and numbers that are not ports. */
  unmatched: readonly string[];
  invalidPorts: readonly string[];
  /** Close names for the unmatched words (offered by the suggestions part or by a note, never answered). */
  suggestions: readonly Provider[];
  /** What the question asked of each provider named (the first sentence says it). */
  focus: readonly Focus[];
  /** A yes/no about one topic that its data answers, with the fact (the first sentence says it). */
  topicAnswer: TopicAnswer | undefined;
}

/** What the 👍 / 👎 buttons under an answer carry: the question, and the providers it found. */
export interface FeedbackAbout {
  query: string;
  providerIds: readonly string[];
}

/** How a provider the view shows was found: by its name, an alias, its group…, and the other edition's entries of it. */
export interface Found {
  matchedBy: MatchKind;
  sameAs: readonly string[];
}

export interface AnswerView {
  asked: Asked;
  /** One line for what the answer is: Slack's notification text, a screen reader's first words. */
  headline: Phrase;
  parts: ViewPart[];
  /** Words not recognised and numbers that are not ports, under the answer (none when the parts say them). */
  notes: Phrase[];
  /** The providers whose pages the footer names. */
  sources: readonly Provider[];
  /** How each provider the parts show was found, by provider id. */
  found: ReadonlyMap<string, Found>;
  /** Whether a Share button belongs under it. */
  shareable: boolean;
  /** What feedback buttons under it carry; none for help and small talk. */
  feedback: FeedbackAbout | undefined;
  /**
   * The providers a "Permission snippets" button under it acts on: those an answer set up by name
   * (a card or several, a group) names, when one of them has an exact grant; empty otherwise (a port
   * lookup or the whole list names providers by what they share, not what you set up).
   */
  snippets: readonly Provider[];
}

/** The valid ports, as every face writes them. */
export const VALID_PORT_RANGE = '1–65535';

/** Providers listed with their own row before the rest are summarised. */
export const MAX_LIST_ROWS = 40;
/** Rows a port lookup's lists show together (stated users, then usual-port users), and beside topics. */
const PORT_ROWS = 30;
const PORT_ROWS_BESIDE_TOPICS = 18;

const providersOf = (result: Answer) => result.matches.map((match) => match.provider);

/** "Not recognised: `frob`. Did you mean …?" and "Not a valid port (1–65535): `70000`." */
function notesOf(result: Answer): Phrase[] {
  if (result.intent === 'none') return [];
  const notes: Phrase[] = [];
  if (result.unmatched.length) {
    notes.push((style) => {
      const line = `Not recognised: ${result.unmatched.map(style.typed).join(', ')}.`;
      return result.suggestions.length
        ? `${line} Did you mean ${style.text(namesText(result.suggestions, 'or'))}?`
        : line;
    });
  }
  if (result.invalidPorts.length) {
    notes.push(
      (style) =>
        `Not a valid port (${VALID_PORT_RANGE}): ${result.invalidPorts.map(style.typed).join(', ')}.`,
    );
  }
  if (notes.length) notes.push((style) => `Try ${style.command('list')} for every provider.`);
  return notes;
}

/** The Delegate-network topics of an answer, each after a divider when something comes before it. */
function topicParts(result: Answer, after: boolean): ViewPart[] {
  return (result.topics ?? []).flatMap((topic, i): ViewPart[] => [
    ...(after || i > 0 ? [{ type: 'divider' } as const] : []),
    { type: 'topic', topic },
  ]);
}

const sentence = (text: Phrase): ViewPart => ({ type: 'sentence', text });

function scopeTitle(result: Answer): Phrase {
  const count = `${result.matches.length} provider${result.matches.length === 1 ? '' : 's'}`;
  const open = 'Open one for its permissions, ports and docs.';
  return (style) =>
    result.scope
      ? `${style.strong(style.text(scopeName(result.scope)))}: ${count}. ${open}`
      : `${count} match ${style.typed(result.query)}. ${open}`;
}

function providerParts(result: Answer): ViewPart[] {
  const focus = focusLines(result);
  const parts: ViewPart[] = focus.length ? [sentence((style) => focus.map(style.text).join('\n'))] : [];
  const highlight = highlightedPorts(result);
  if (isCompact(result)) {
    parts.push({
      type: 'rows',
      title: scopeTitle(result),
      providers: providersOf(result),
      highlight,
      maxRows: MAX_LIST_ROWS,
      table: false,
    });
  } else {
    result.matches.forEach((match, i) => {
      if (i > 0) parts.push({ type: 'divider' });
      parts.push({ type: 'card', provider: match.provider, highlight });
    });
  }
  return [...parts, ...topicParts(result, true)];
}

function portParts(result: Answer): ViewPart[] {
  const s = result.ports.length > 1 ? 's' : '';
  if (result.matches.length === 0) {
    return [
      sentence(
        (style) =>
          `${result.yesNo ? 'No: no' : 'No'} provider in the catalog uses port${s} ${listText(result.ports.map(style.port), 'or')}.`,
      ),
      ...topicParts(result, true),
    ];
  }
  const title =
    (which: 'stated' | 'inferred' | 'either'): Phrase =>
    (style) => {
      const titles = portTitles(result, style.port, result.matches.length > 1, style.strong);
      if (which === 'either') return titles.stated ?? titles.inferred ?? '';
      return (which === 'stated' ? titles.stated : titles.inferred) ?? '';
    };
  if (result.matches.length === 1) {
    return [
      sentence(title('either')),
      { type: 'card', provider: result.matches[0]!.provider, highlight: result.ports },
      ...topicParts(result, true),
    ];
  }
  const { stated, inferred } = splitByStated(result);
  // The two lists share one budget of rows, so that the topics asked beside the port and the
  // answer's footer still fit in Slack's 50 blocks; the rest are named in one line each.
  const budget = result.topics?.length ? PORT_ROWS_BESIDE_TOPICS : PORT_ROWS;
  const statedRows = Math.min(stated.length, budget);
  const parts: ViewPart[] = [];
  if (stated.length) {
    parts.push({
      type: 'rows',
      title: title('stated'),
      providers: stated,
      highlight: result.ports,
      maxRows: statedRows,
      table: true,
    });
  }
  if (inferred.length) {
    parts.push({
      type: 'rows',
      title: title('inferred'),
      providers: inferred,
      highlight: result.ports,
      maxRows: Math.max(0, budget - statedRows),
      table: false,
    });
  }
  return [...parts, ...topicParts(result, true)];
}

function checklistParts(result: Answer): ViewPart[] {
  if (result.matches.length === 0) {
    return [
      sentence(
        (style) =>
          `Name the providers for the checklist, e.g. ${style.command('checklist splunk jenkins nexus')}.`,
      ),
    ];
  }
  if (result.matches.length > MAX_CHECKLIST_PROVIDERS) {
    return [
      sentence(
        () =>
          `A checklist takes at most ${MAX_CHECKLIST_PROVIDERS} providers, and this one names ${result.matches.length}. ` +
          'Name fewer, for example one group or category at a time.',
      ),
      {
        type: 'rows',
        title: scopeTitle(result),
        providers: providersOf(result),
        highlight: [],
        maxRows: MAX_LIST_ROWS,
        table: false,
      },
    ];
  }
  return [{ type: 'checklist', providers: providersOf(result) }];
}

function noMatchParts(result: Answer): ViewPart[] {
  const parts: ViewPart[] = [sentence((style) => noMatchText(result, style.typed))];
  if (result.unmatched.length && result.invalidPorts.length) {
    parts.push(sentence((style) => noMatchText({ ...result, unmatched: [] }, style.typed)));
  }
  if (result.suggestions.length) parts.push({ type: 'suggestions', providers: result.suggestions });
  parts.push({
    type: 'hint',
    text: (style) => `Try ${style.command('list')} for every provider, or ${style.command('help')}.`,
  });
  return parts;
}

/** The parts of an answer: the one place that looks at the answer's kind to decide what is shown. */
function partsOf(result: Answer): ViewPart[] {
  switch (result.intent) {
    case 'topic': {
      const yesOrNo = topicAnswerLine(result);
      return [...(yesOrNo ? [sentence((style) => style.text(yesOrNo))] : []), ...topicParts(result, false)];
    }
    case 'help':
      return [{ type: 'help' }];
    case 'list':
      return [{ type: 'catalog', providers: providersOf(result) }];
    case 'smalltalk':
      return [sentence((style) => smallTalkText(result, style.command('splunk')))];
    case 'none':
      return noMatchParts(result);
    case 'port':
      return portParts(result);
    case 'checklist':
      return checklistParts(result);
    case 'provider':
      return providerParts(result);
  }
}

/** The headline of an answer (see AnswerView). */
function headlineOf(result: Answer): Phrase {
  const names = namesText(providersOf(result));
  switch (result.intent) {
    case 'help':
      return () => 'How to use harness-ports';
    case 'smalltalk':
      return (style) => smallTalkText(result, style.command('splunk'));
    case 'list':
      return () => `${result.matches.length} providers in the catalog`;
    case 'none':
      return (style) => noMatchText(result, style.typed);
    case 'port': {
      if (result.matches.length === 0) return () => `No provider uses port ${result.ports.join(', ')}`;
      const { stated, inferred } = splitByStated(result);
      const usual = inferred.length
        ? `${stated.length ? '; ' : ''}${namesText(inferred)} (${inferredLabel(result.ports.length)})`
        : '';
      return () => `Port ${result.ports.join(', ')}: ${namesText(stated)}${usual}`;
    }
    case 'checklist':
      return () => `Checklist: ${names}`;
    case 'topic':
      return () =>
        topicAnswerLine(result) ??
        `Delegate network: ${listText((result.topics ?? []).map((topic) => topic.topic.title))}`;
    case 'provider':
      return () => (result.yesNo && focusLines(result)[0]) || `Delegate permissions and ports: ${names}`;
  }
}

/** Builds the view of an answer once; every projection draws it. */
function snippetsOf(result: Answer): readonly Provider[] {
  if (result.intent !== 'provider') return [];
  const providers = policyProviders(result);
  return providers.some(hasGrants) ? providers : [];
}

export function answerView(result: Answer): AnswerView {
  return {
    asked: {
      query: result.query,
      kind: result.intent,
      scope: result.scope,
      ports: result.ports,
      yesNo: result.yesNo === true,
      unmatched: result.unmatched,
      invalidPorts: result.invalidPorts,
      suggestions: result.suggestions,
      focus: result.focus ?? [],
      topicAnswer: result.topicAnswer,
    },
    headline: headlineOf(result),
    parts: partsOf(result),
    notes: notesOf(result),
    sources: providersOf(result),
    found: new Map(
      result.matches.map((match) => [
        match.provider.id,
        { matchedBy: match.matchedBy, sameAs: match.sameAs ?? match.provider.sameAs },
      ]),
    ),
    // Small talk is for whoever wrote it, not for the channel; help is not feedback on an answer.
    shareable: result.intent !== 'smalltalk',
    feedback:
      result.intent === 'help' || result.intent === 'smalltalk'
        ? undefined
        : { query: result.query, providerIds: result.matches.map((match) => match.provider.id) },
    snippets: snippetsOf(result),
  };
}
