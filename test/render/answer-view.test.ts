import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { answerView, VALID_PORT_RANGE, type ViewPart } from '../../src/render/answer-view.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { escapeMrkdwn } from '../../src/render/escape.js';
import { type AnswerJson, answerJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import { MAX_FOOTER_SOURCES, moreSourcesText } from '../../src/render/wording.js';
import { realCatalog } from '../helpers/catalog.js';
import { blocksText } from '../slack/support.js';

const catalog = realCatalog();

/** A query whose view has each kind of part: a new kind of part breaks this table. */
const QUERY_WITH = {
  sentence: 'does splunk need 8089?',
  card: 'splunk',
  rows: 'verification providers',
  catalog: 'list',
  topic: 'prod3',
  checklist: 'checklist splunk jenkins',
  help: 'help',
  suggestions: 'splnukkx',
  hint: 'frobnicator',
  divider: 'splunk and jenkins',
} satisfies Record<ViewPart['type'], string>;

describe('the one answer view, projected as Block Kit and as text', () => {
  it.each(Object.entries(QUERY_WITH))(
    'builds a "%s" part for "%s", which both projections draw',
    (type, query) => {
      const result = answer(query, catalog);
      const view = answerView(result);
      expect(view.parts.map((part) => part.type)).toContain(type);
      const text = renderText(result);
      const slack = blocksText(renderAnswerMessage(result, { surface: 'public', command: '/hp' }).blocks);
      expect(text.length).toBeGreaterThan(0);
      expect(slack.length).toBeGreaterThan(0);
      // Both show every provider the view's rows and cards name.
      for (const part of view.parts) {
        const names =
          part.type === 'card'
            ? [part.provider.name]
            : part.type === 'rows'
              ? part.providers.slice(0, 10).map((p) => p.name)
              : [];
        for (const name of names) {
          expect(text).toContain(name);
          expect(slack).toContain(name.replace(/&/g, '&amp;'));
        }
      }
    },
  );

  it('writes the range of valid ports once, the same on both', () => {
    const result = answer('splunk port 70000', catalog);
    const slack = blocksText(renderAnswerMessage(result, { surface: 'public', command: '/hp' }).blocks);
    expect(renderText(result)).toContain(`Not a valid port (${VALID_PORT_RANGE})`);
    expect(slack).toContain(`Not a valid port (${VALID_PORT_RANGE})`);
  });
});

/** The providers a part of a view shows (a card, rows, the catalog, a checklist), by id. */
function partIds(part: ViewPart): string[] {
  switch (part.type) {
    case 'card':
      return [part.provider.id];
    case 'rows':
    case 'catalog':
    case 'checklist':
      return part.providers.map((p) => p.id);
    case 'sentence':
    case 'topic':
    case 'help':
    case 'suggestions':
    case 'hint':
    case 'divider':
      return [];
  }
}

const shownIds = (query: string) => answerView(answer(query, catalog)).parts.flatMap(partIds);

/** Whether a number stands in a text as a number of its own (not inside 18089). */
const hasNumber = (text: string, n: number) => new RegExp(`(^|[^0-9])${n}([^0-9]|$)`).test(text);

/**
 * Where the JSON of a query says something its text and Block Kit projections do not: a provider
 * the view does not show or a face does not name, a port asked about that a face does not write,
 * a page the footers do not name. Empty when the three agree.
 */
function disagreements(query: string, json: AnswerJson): string[] {
  const result = answer(query, catalog);
  const text = renderText(result);
  const slack = blocksText(renderAnswerMessage(result, { surface: 'public', command: '/hp' }).blocks);
  const problems: string[] = [];
  const jsonIds = json.providers.map((p) => p.id);
  const shown = [...new Set(shownIds(query))];
  if (jsonIds.join() !== shown.join()) problems.push(`providers: JSON ${jsonIds} / view ${shown}`);
  for (const { name } of json.providers) {
    if (!text.includes(name)) problems.push(`text does not name ${name}`);
    if (!slack.includes(escapeMrkdwn(name))) problems.push(`Block Kit does not name ${name}`);
  }
  for (const port of [...json.ports, ...json.focus.flatMap((focus) => focus.ports)]) {
    if (!hasNumber(text, port)) problems.push(`text does not write port ${port}`);
    if (!hasNumber(slack, port)) problems.push(`Block Kit does not write port ${port}`);
  }
  for (const source of json.sources.slice(0, MAX_FOOTER_SOURCES)) {
    if (!text.includes(source.title)) problems.push(`text's footer does not name ${source.title}`);
    if (!slack.includes(escapeMrkdwn(source.title)))
      problems.push(`Block Kit's footer does not name ${source.title}`);
  }
  const more = json.sources.length - MAX_FOOTER_SOURCES;
  if (more > 0) {
    if (!text.includes(moreSourcesText(more))) problems.push(`text does not count ${more} more pages`);
    if (!slack.includes(moreSourcesText(more))) problems.push(`Block Kit does not count ${more} more pages`);
  }
  return problems;
}

const AGREEMENT_QUERIES = [
  ...new Set([
    ...Object.values(QUERY_WITH),
    'splunk',
    '8089',
    '443 22',
    'checklist aws',
    'mongodb',
    'delegate network',
    'github token scopes',
    'splunk frobz',
  ]),
];

describe('the JSON, projected from the same view', () => {
  it.each(AGREEMENT_QUERIES)(
    'names the providers, ports and pages that text and Block Kit name for "%s"',
    (query) => {
      expect(disagreements(query, answerJson(answer(query, catalog)))).toEqual([]);
    },
  );

  it('sees a JSON that leaves out a provider, adds a port or names another page', () => {
    const json = answerJson(answer('splunk and jenkins', catalog));
    expect(json.providers.length).toBeGreaterThan(1);
    expect(disagreements('splunk and jenkins', { ...json, providers: json.providers.slice(1) })).not.toEqual(
      [],
    );
    expect(disagreements('splunk and jenkins', { ...json, ports: [54321] })).toEqual([
      'text does not write port 54321',
      'Block Kit does not write port 54321',
    ]);
    const other = { ...json.sources[0]!, title: 'A page no footer names' };
    expect(disagreements('splunk and jenkins', { ...json, sources: [other] })).toEqual([
      "text's footer does not name A page no footer names",
      "Block Kit's footer does not name A page no footer names",
    ]);
  });
});
