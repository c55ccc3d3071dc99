import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { answerView, VALID_PORT_RANGE, type ViewPart } from '../../src/render/answer-view.js';
import { renderAnswerMessage } from '../../src/render/blocks/answer.js';
import { renderText } from '../../src/render/text.js';
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
