import { describe, expect, it } from 'vitest';
import { answer } from '../../src/engine/answer.js';
import { buildChecklist } from '../../src/engine/checklist.js';
import type { Answer } from '../../src/engine/types.js';
import { renderAnswerMessage, renderProviderMessage } from '../../src/render/blocks/answer.js';
import { renderChecklistItemMessages, renderChecklistSummary } from '../../src/render/blocks/checklist.js';
import { itemBlockId } from '../../src/render/blocks/payloads.js';
import { escapeMrkdwn, inlineCode, mrkdwnLink } from '../../src/render/escape.js';
import { realCatalog } from '../helpers/catalog.js';
import {
  appMentionEvent,
  blockActionsBody,
  directMessageEvent,
  eventCallbackBody,
  postSigned,
  slashCommandBody,
} from '../helpers/slack.js';
import { useTestApp } from '../slack/support.js';
import { hostileCatalog } from './catalogs.js';
import { catalogUrls, HOSTILE_STRINGS, liveSyntaxProblems, mrkdwnTexts } from './hostile.js';

/**
 * Everything the bot echoes (queries, names, catalog strings) goes through escapeMrkdwn, so
 * `<!channel>`, `<!here>`, `<@U…>` or `<http://x|y>` typed by someone is shown, never executed,
 * and catalog reference links are the only links the bot makes.
 */

const COMMAND = '/harness-ports';

/** What escaped text looks like once Slack has decoded it: what the reader sees. */
const decoded = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the mrkdwn escaper', () => {
  it.each(HOSTILE_STRINGS)('escapes %j so that it reads the same and contains no live syntax', (hostile) => {
    const escaped = escapeMrkdwn(hostile);
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(decoded(escaped)).toBe(hostile);
    expect(liveSyntaxProblems({ text: inlineCode(hostile) })).toEqual([]);
  });

  it('makes a catalog link whose URL and title cannot break out of the link', () => {
    const link = mrkdwnLink('https://docs.example.com/a b?x=1&y=<2>|3', 'Title | with <!here> & more');
    expect(link).toBe(
      '<https://docs.example.com/a%20b?x=1&amp;y=%3C2%3E%7C3|Title ¦ with &lt;!here&gt; &amp; more>',
    );
    expect(
      liveSyntaxProblems({ text: link }, { urls: ['https://docs.example.com/a b?x=1&y=<2>|3'] }),
    ).toEqual([]);
  });
});

describe('hostile text typed as a query', () => {
  it.each(HOSTILE_STRINGS)('is shown escaped, never live, in every answer to %j', (hostile) => {
    const catalog = realCatalog();
    // Echoed as the query that matched nothing, as unrecognised words, in a checklist request.
    const none: Answer = {
      intent: 'none',
      query: hostile,
      matches: [],
      ports: [],
      suggestions: [],
      unmatched: [hostile],
      invalidPorts: [hostile],
    };
    const engineAnswers = [
      `${hostile}`,
      `splunk ${hostile}`,
      `checklist jenkins ${hostile}`,
      `8089 ${hostile}`,
    ].map((query) => answer(query, catalog));
    for (const result of [none, ...engineAnswers]) {
      for (const surface of ['ephemeral', 'public'] as const) {
        const message = renderAnswerMessage(result, { surface, command: COMMAND, sharedBy: 'U0ALICE' });
        expect(liveSyntaxProblems(message, { userIds: ['U0ALICE'], urls: catalogUrls(catalog) })).toEqual([]);
      }
    }
    const shown = mrkdwnTexts(renderAnswerMessage(none, { surface: 'ephemeral', command: COMMAND }))
      .map(decoded)
      .join('\n');
    expect(shown).toContain(hostile.replace(/`/g, "'"));
  });
});

describe('hostile text in the catalog', () => {
  const catalog = hostileCatalog();
  const allowed = { userIds: ['U0ALICE'], urls: catalogUrls(catalog) };

  it('is escaped in every provider card, and the only links are the catalog references', () => {
    for (const provider of catalog.providers) {
      const card = renderProviderMessage(provider, { surface: 'ephemeral', command: COMMAND });
      expect(liveSyntaxProblems(card, allowed), provider.id).toEqual([]);
      const text = mrkdwnTexts(card).join('\n');
      expect(text).toContain(escapeMrkdwn(provider.name));
      const links = [...text.matchAll(/<(https?:[^|>]+)\|/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      // Its references, the page its facts come from (the footer), and the other versions' links.
      // (URLs as the bot writes them in a link: characters that could end it percent-encoded.)
      const linkForm = (url: string) => url.replace(/[<>|\s]/g, encodeURIComponent);
      const own = new Set(
        [
          ...provider.references.map((r) => r.url),
          ...(provider.source.url ? [provider.source.url] : []),
          ...provider.revisions.flatMap((r) => [r.source.url ?? '', ...(r.kind === 'link' ? [r.other] : [])]),
        ].map(linkForm),
      );
      expect(links.filter((link) => !own.has(link))).toEqual([]);
      for (const reference of provider.references) expect(links).toContain(linkForm(reference.url));
    }
  });

  it('is escaped in lists, port answers and checklists', () => {
    for (const query of ['list', 'aws', '443', 'verification providers', 'splunk jenkins nexus datadog']) {
      const result = answer(query, catalog);
      const message = renderAnswerMessage(result, { surface: 'public', command: COMMAND });
      expect(liveSyntaxProblems(message, allowed), query).toEqual([]);
      const checklist = buildChecklist(result.matches.map((m) => m.provider));
      for (const posted of [
        renderChecklistSummary(checklist, { command: COMMAND, requestedBy: 'U0ALICE' }),
        ...renderChecklistItemMessages(checklist, itemBlockId),
      ]) {
        expect(liveSyntaxProblems(posted, allowed), query).toEqual([]);
      }
    }
  });
});

describe('hostile text sent to the running bot', () => {
  const catalog = realCatalog();
  const t = useTestApp(catalog);
  const allowed = { userIds: ['U0ALICE', 'U0BOB'], urls: catalogUrls(catalog) };
  /** How Slack delivers what a user typed in a message: with & < > escaped. */
  const asSlackSends = (typed: string) => escapeMrkdwn(typed);

  it.each(HOSTILE_STRINGS)('answers the slash command %j with nothing live in the ack', async (hostile) => {
    for (const text of [hostile, asSlackSends(hostile), `nexus ${hostile}`]) {
      const response = await postSigned(
        t.running.baseUrl,
        slashCommandBody(text),
        'application/x-www-form-urlencoded',
      );
      expect(response.status).toBe(200);
      const message = (await response.json()) as { text: string; blocks: unknown[] };
      expect(liveSyntaxProblems(message, allowed), text).toEqual([]);
    }
    await t.slack.settle(t.running.bot);
  });

  it.each(HOSTILE_STRINGS)(
    'replies to a mention and a DM containing %j with nothing live',
    async (hostile) => {
      t.slack.api('chat.postMessage', { ok: true, channel: 'C0CHANNEL', ts: '1732560000.000501' }, 2);
      const text = `${asSlackSends(hostile)} zzqx`;
      for (const event of [appMentionEvent(text), directMessageEvent(text)]) {
        const response = await postSigned(t.running.baseUrl, eventCallbackBody(event), 'application/json');
        expect(response.status).toBe(200);
      }
      await t.slack.settle(t.running.bot);
      expect(t.slack.calls).toHaveLength(2);
      for (const call of t.slack.calls) {
        expect(call.method).toBe('chat.postMessage');
        expect(liveSyntaxProblems(call.args, allowed)).toEqual([]);
        expect(mrkdwnTexts(call.args).join('\n')).toContain('zzqx');
      }
    },
  );

  it('shares an answer to a hostile query in the channel with nothing live', async () => {
    t.slack.responseUrl('/actions/T0001/2/def', 2);
    const query = HOSTILE_STRINGS.join(' ');
    const value = JSON.stringify({ q: query.slice(0, 1500) });
    await postSigned(
      t.running.baseUrl,
      blockActionsBody(
        { type: 'button', action_id: 'hp_share', block_id: 'b', value },
        { isEphemeral: true },
      ),
      'application/x-www-form-urlencoded',
    );
    await t.slack.settle(t.running.bot);
    const shared = t.slack.responses[0]!.body;
    expect(shared.response_type).toBe('in_channel');
    expect(liveSyntaxProblems(shared, allowed)).toEqual([]);
    expect(mrkdwnTexts(shared).join('\n')).toContain('Shared by <@U0BOB>');
  });
});
