import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { CONSOLE_BANNER, consoleReply } from '../src/console.js';
import { buildChecklist } from '../src/engine/checklist.js';
import { grantsFor } from '../src/engine/grants.js';
import { type Request, type RequestKind, readRequest } from '../src/engine/request.js';
import { rulesFor } from '../src/engine/rules-request.js';
import { renderHomeView } from '../src/render/blocks/home.js';
import { ACTION_IDS } from '../src/render/blocks/ids.js';
import { footerSources, HELP_EXAMPLES, SUGGESTED_PROMPTS } from '../src/render/wording.js';
import { realCatalog } from './helpers/catalog.js';
import {
  appMentionEvent,
  directMessageEvent,
  eventCallbackBody,
  postSigned,
  slashCommandBody,
} from './helpers/slack.js';
import { blocksText, codeOf, type TestAppContext, useTestApp } from './slack/support.js';

/**
 * The faces agree: every example the product shows its users (the CLI's --help, the console's
 * banner, the Home tab, the suggested prompts, the README) gets the same kind of request and the same
 * facts (ports, hosts, sources; the rules' and snippets' lines) from the CLI, the console, the slash
 * command, a mention and a DM. The Slack faces are the real Bolt app over signed requests, with nock
 * for the Web API; the expected kind and facts come from the one request path the faces share.
 */

const catalog = realCatalog();
const t = useTestApp(catalog);
const README = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
const COMMAND = '/harness-ports';

/** What a face shows a user, reduced to what the test compares. */
interface Shown {
  kind: RequestKind;
  /** All the text shown (blocks' text, code, fallback text), for facts. */
  text: string;
  /** The code shown (rules, snippets), line by line. */
  code: string[];
}

const codeLines = (code: string) =>
  code
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean);

/** The examples, each with where it is shown. */
function examples(): Array<{ query: string; shownIn: string }> {
  const found: Array<{ query: string; shownIn: string }> = [];
  const add = (shownIn: string, queries: readonly string[]) => {
    for (const query of queries) found.push({ query, shownIn });
  };
  add(
    'the CLI --help and Slack help',
    HELP_EXAMPLES.map((example) => example.query),
  );
  const bannerLine = CONSOLE_BANNER.split('\n').find((line) => line.startsWith('Type a query'))!;
  add(
    'the console banner',
    [...bannerLine.matchAll(/"([^"]+)"/g)].map((match) => match[1]!),
  );
  const home = blocksText(renderHomeView({ catalog, command: COMMAND }).blocks);
  add(
    'the Home tab',
    [...home.matchAll(/`\/harness-ports ([^`]+)`/g)].map((match) => match[1]!),
  );
  add(
    'the suggested prompts',
    SUGGESTED_PROMPTS.prompts.map((prompt) => prompt.message),
  );
  // `harness-ports check …` and `harness-ports mcp` are their own faces, tested in test/check and test/mcp.
  add(
    'the README',
    [...README.matchAll(/`\/?harness-ports ([^`]+)`/g)]
      .map((match) => match[1]!)
      .filter((query) => !/^(check|mcp)\b/.test(query) && !query.startsWith('--')),
  );
  return found;
}

const EXAMPLES = examples();
const UNIQUE = [...new Map(EXAMPLES.map((example) => [example.query, example])).values()];

/** The kind a Slack message or terminal text shows: its code's first line says rules or snippets. */
function kindOf(code: string[], text: string, posted = false): RequestKind {
  if (code.some((line) => line.startsWith('# Harness Delegate permission snippets'))) return 'policy';
  if (code.some((line) => line.startsWith('# Harness Delegate egress rules'))) return 'rules';
  if (posted || /^Checklist for /m.test(text)) return 'checklist';
  return 'answer';
}

function viaCli(query: string): Shown {
  const out: string[] = [];
  const code = runCli(query.split(/\s+/), { out: (text) => out.push(text), err: () => {} });
  expect(code, `harness-ports ${query}`).toBe(0);
  const text = out.join('\n');
  const lines = text.startsWith('#') ? codeLines(text) : [];
  return { kind: kindOf(lines, text), text, code: lines };
}

function viaConsole(query: string): Shown {
  const text = consoleReply(query, catalog);
  const lines = text.split('\n').some((line) => line.startsWith('# Harness Delegate')) ? codeLines(text) : [];
  return { kind: kindOf(lines, text), text, code: lines };
}

/** The messages the bot sent: the ack, response URLs and chat.postMessage calls, in order. */
function slackShown(messages: Array<Record<string, unknown>>, posted: boolean): Shown {
  const code = messages.flatMap((message) => codeLines(codeOf(message.blocks ?? [])));
  const text = messages
    .map((message) => [String(message.text ?? ''), blocksText(message.blocks ?? [])].join('\n'))
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { kind: kindOf(code, text, posted), text, code };
}

/** Lets every request the app has in flight finish, and the Web API calls they make. */
async function idle(ctx: TestAppContext) {
  const deadline = Date.now() + 5_000;
  while (ctx.running.bot.inflight.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(ctx.slack.unexpected).toEqual([]);
}

/** Answers chat.postMessage as Slack does (a new ts each time), as often as the bot calls it. */
function acceptPosts(ctx: TestAppContext) {
  let n = 0;
  ctx.slack.api(
    'chat.postMessage',
    (args) => ({ ok: true, channel: args.channel, ts: `1732570000.${String(++n).padStart(6, '0')}` }),
    60,
  );
}

let eventCount = 0;

async function viaSlashCommand(query: string): Promise<Shown> {
  acceptPosts(t);
  t.slack.responseUrl(/.*/ as unknown as string, 20);
  const response = await postSigned(
    t.running.baseUrl,
    slashCommandBody(query),
    'application/x-www-form-urlencoded',
  );
  expect(response.status).toBe(200);
  const raw = await response.text();
  const ack = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  await idle(t);
  const posts = t.slack.calls.filter((call) => call.method === 'chat.postMessage').map((call) => call.args);
  return slackShown([ack, ...t.slack.responses.map((r) => r.body), ...posts], posts.length > 0);
}

async function viaEvent(
  event: ReturnType<typeof appMentionEvent> | ReturnType<typeof directMessageEvent>,
): Promise<Shown> {
  acceptPosts(t);
  t.slack.api('assistant.threads.setStatus', { ok: true }, 5);
  eventCount += 1;
  const response = await postSigned(
    t.running.baseUrl,
    eventCallbackBody(event, { eventId: `EvFACES${eventCount}` }),
    'application/json',
  );
  expect(response.status).toBe(200);
  await idle(t);
  const posts = t.slack.calls.filter((call) => call.method === 'chat.postMessage').map((call) => call.args);
  // A checklist is a parent message and its items in the thread; an answer is one reply.
  const checklist = posts.some((post) => JSON.stringify(post.blocks ?? []).includes(ACTION_IDS.tickItem));
  return slackShown(posts, checklist);
}

const ts = () => `1732580000.${String(eventCount + 1).padStart(6, '0')}`;

/** The facts every face must show for a request: what its answer is made of. */
function factsOf(request: Request): { words: string[]; code: string[] } {
  switch (request.kind) {
    case 'rules':
      return {
        words: request.rules.providers.map((provider) => provider.name),
        code: [],
      };
    case 'policy':
      return {
        words: request.policy.providers.flatMap((provider) =>
          grantsFor(provider).map((grant) => grant.value),
        ),
        code: [],
      };
    case 'check':
      return { words: request.plan.targets.map((target) => String(target.port)), code: [] };
    case 'checklist': {
      const checklist = buildChecklist(request.answer.matches.map((match) => match.provider));
      return {
        words: [
          ...checklist.sections.map((section) => section.provider.name),
          ...checklist.ports.map((port) => String(port.port)),
        ],
        code: [],
      };
    }
    case 'answer': {
      const result = request.answer;
      const first = result.matches[0]?.provider;
      const words: string[] = [];
      if (result.intent === 'help') words.push(...HELP_EXAMPLES.map((example) => example.query));
      if (result.intent === 'list') words.push(`${result.matches.length} providers`);
      if (first && result.intent !== 'list') {
        words.push(first.name, ...first.ports.map((rule) => String(rule.port)));
      }
      words.push(...result.ports.map(String));
      for (const topic of result.topics ?? []) {
        words.push(topic.topic.title, ...topic.named.clusters.map((cluster) => cluster.host));
      }
      if (result.intent === 'provider') {
        const { named } = footerSources(result.matches.map((match) => match.provider));
        words.push(...named.flatMap((source) => (source.url ? [source.url] : [])));
      }
      return { words, code: [] };
    }
  }
}

/** Whether text shows a fact: a number (a port) only as a whole number, never as part of a longer number or a version like 1.443. */
function shows(text: string, fact: string): boolean {
  if (!/^\d+$/.test(fact)) return text.includes(fact);
  return new RegExp(`(?<![\\d.])${fact}(?![\\d])`).test(text);
}

describe('the faces agree on every example the product shows', () => {
  it('finds the examples in each place that shows them', () => {
    const places = new Set(EXAMPLES.map((example) => example.shownIn));
    expect([...places].sort()).toEqual(
      [
        'the CLI --help and Slack help',
        'the console banner',
        'the Home tab',
        'the README',
        'the suggested prompts',
      ].sort(),
    );
    // Every kind a line can be read as is among them, so each projection is compared.
    const kinds = new Set(UNIQUE.map((example) => readRequest(example.query, catalog).kind));
    expect([...kinds].sort()).toEqual(['answer', 'checklist', 'policy', 'rules']);
    expect(UNIQUE.length).toBeGreaterThanOrEqual(15);
  });

  it.each(UNIQUE)(
    '"$query" ($shownIn): the same kind and facts on the CLI, the console, the slash command, a mention and a DM',
    async ({ query }) => {
      const request = readRequest(query, catalog);
      const faces: Record<string, Shown> = {
        cli: viaCli(query),
        console: viaConsole(query),
      };
      t.slack.calls.length = 0;
      t.slack.responses.length = 0;
      faces['slash command'] = await viaSlashCommand(query);
      const next = async (name: string, event: Parameters<typeof viaEvent>[0]) => {
        t.slack.calls.length = 0;
        t.slack.responses.length = 0;
        faces[name] = await viaEvent(event);
      };
      await next('mention', appMentionEvent(query, { ts: ts(), client_msg_id: `faces-m-${eventCount}` }));
      await next('DM', directMessageEvent(query, { ts: ts(), client_msg_id: `faces-d-${eventCount}` }));

      const expected = factsOf(request);
      for (const [face, shown] of Object.entries(faces)) {
        // A checklist is posted in Slack and printed on a terminal: the CLI and console print its text.
        expect(shown.kind, `${face}: kind`).toBe(request.kind);
        for (const word of expected.words)
          expect(shows(shown.text, word), `${face}: shows ${word}`).toBe(true);
      }
      // Rules and snippets: every line the CLI writes is in every other face's code, and back.
      if (request.kind === 'rules' || request.kind === 'policy') {
        const cli = new Set(faces.cli!.code);
        expect(cli.size).toBeGreaterThan(3);
        for (const [face, shown] of Object.entries(faces)) {
          expect(new Set(shown.code), `${face}: the same code as the CLI`).toEqual(cli);
        }
      }
      if (request.kind === 'rules') {
        const ports = rulesFor(request.rules, catalog).flatMap((rule) =>
          rule.port === null ? [] : [String(rule.port)],
        );
        expect(ports.length).toBeGreaterThan(0);
        for (const [face, shown] of Object.entries(faces)) {
          for (const port of ports)
            expect(shows(shown.code.join('\n'), port), `${face}: port ${port}`).toBe(true);
        }
      }
    },
  );
});
