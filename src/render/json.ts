import { ALLOWLIST_PAGE, CATEGORY_LABELS, type Edition, type Provider } from '../catalog/schema.js';
import type { Answer, MatchKind, TopicMatch } from '../engine/types.js';
import { type AnswerView, answerView, plainStyle, type ViewPart } from './answer-view.js';
import {
  type DisagreementJson,
  disagreementJson,
  type FactJson,
  type SourceJson,
  sourceJson,
  type TopicJson,
  topicJson,
} from './topic-json.js';
import { sourcesOf } from './wording.js';

/** One provider in the public JSON output (documented in the README). */
export interface ProviderJson {
  id: string;
  name: string;
  category: Provider['category'];
  categoryLabel: string;
  group: string | null;
  matchedBy: MatchKind;
  permissions: string[];
  ports: Array<{
    port: number;
    protocol: string;
    label: string;
    conditional: boolean;
    condition: string | null;
    sourceLabel: string | null;
    /** True when Harness's docs do not state the port: the product's usual port. */
    inferred: boolean;
  }>;
  portNote: string | null;
  /** More facts from the docs (its own page or another: a health-source page), each with its page. */
  facts: FactJson[];
  /** Where pages disagree about it: every statement with its page. */
  disagreements: DisagreementJson[];
  /** What the page says of connecting through a delegate and through Harness Platform, or null. */
  connectivity: { delegate: string | null; platform: string | null; allowlist: string | null } | null;
  references: Array<{ title: string; url: string }>;
  notes: string[];
  /** What your organisation's overlay adds (CATALOG_OVERLAY), or null: never a source fact. */
  organisation: {
    destinations: string[];
    team: string | null;
    channel: string | null;
    notes: string[];
    aliases: string[];
    addedProvider: boolean;
  } | null;
  /** Which kind of page the facts come from: the FirstGen table, NextGen docs. */
  edition: Edition;
  /** The page the facts come from. */
  source: SourceJson;
  /** The same product in the other edition: a table row's NextGen connectors, a connector's table rows. */
  sameAs: string[];
  /** Where another version of the table words a row's permission or link differently (table rows only). */
  revisions: Array<{ kind: 'wording' | 'link'; held: string; other: string; source: SourceJson }>;
}

/** The CLI's `--json` output: a public interface, documented in docs/cli.md. */
export interface AnswerJson {
  query: string;
  intent: Answer['intent'];
  /** The answer in one line (Slack's notification text), in plain text. */
  headline: string;
  scope: NonNullable<Answer['scope']> | null;
  port: number | null;
  ports: number[];
  providers: ProviderJson[];
  suggestions: Array<{ id: string; name: string }>;
  unmatched: string[];
  invalidPorts: string[];
  /** What the answer says under it of the words it did not use: unknown words, invalid ports, what to try. */
  notes: string[];
  yesNo: boolean;
  focus: Array<{
    id: string;
    port: number | null;
    protocol: string | null;
    uses: boolean;
    ports: number[];
    /** True when it uses them only as the product's usual ports, which Harness does not state. */
    inferred: boolean;
  }>;
  /** What the question asked about the Delegate's own network, every fact with its source. */
  topics: TopicJson[];
  /** A yes/no question about one topic that its data answers, with the fact that says so; else null. */
  topicAnswer: { answer: 'yes' | 'no'; fact: FactJson } | null;
  /** The pages the answer's providers come from: the table's page first. */
  sources: SourceJson[];
}

export function providerJson(
  provider: Provider,
  matchedBy: MatchKind,
  /** The other edition's entries of the same product (the engine's `sameAs` both ways). */
  sameAs: readonly string[] = provider.sameAs,
): ProviderJson {
  return {
    id: provider.id,
    name: provider.name,
    category: provider.category,
    categoryLabel: CATEGORY_LABELS[provider.category].one,
    group: provider.group ?? null,
    matchedBy,
    permissions: [...provider.permissions],
    ports: provider.ports.map((rule) => ({
      port: rule.port,
      protocol: rule.protocol,
      label: rule.label,
      conditional: rule.conditional,
      condition: rule.condition ?? null,
      sourceLabel: rule.sourceLabel ?? null,
      inferred: rule.inferred === true,
    })),
    portNote: provider.portNote ?? null,
    facts: provider.facts.map((fact) => ({ text: fact.text, source: sourceJson(fact.source) })),
    disagreements: provider.disagreements.map(disagreementJson),
    connectivity: provider.connectivity
      ? {
          delegate: provider.connectivity.delegate ?? null,
          platform: provider.connectivity.platform ?? null,
          allowlist: provider.connectivity.platform ? ALLOWLIST_PAGE.url : null,
        }
      : null,
    references: provider.references.map((ref) => ({ title: ref.title, url: ref.url })),
    notes: [...provider.notes],
    organisation: provider.organisation
      ? {
          destinations: [...provider.organisation.destinations],
          team: provider.organisation.team ?? null,
          channel: provider.organisation.channel ?? null,
          notes: [...provider.organisation.notes],
          aliases: [...provider.organisation.aliases],
          addedProvider: provider.organisation.addedProvider,
        }
      : null,
    edition: provider.source.edition,
    source: sourceJson(provider.source),
    sameAs: [...sameAs],
    revisions: provider.revisions.map((revision) => ({
      kind: revision.kind,
      held: revision.held,
      other: revision.other,
      source: sourceJson(revision.source),
    })),
  };
}

/** The JSON's sentences in plain text, the same on every face: a command is the words to ask ("list"). */
const JSON_STYLE = plainStyle((query) => query);

/** What one part of the view shows that the JSON lists: its providers, a topic. */
function shownBy(part: ViewPart): { providers: readonly Provider[]; topics: readonly TopicMatch[] } {
  switch (part.type) {
    case 'card':
      return { providers: [part.provider], topics: [] };
    case 'rows':
    case 'catalog':
    case 'checklist':
      return { providers: part.providers, topics: [] };
    case 'topic':
      return { providers: [], topics: [part.topic] };
    // Words only, or providers offered and never answered (the view's suggestions, below).
    case 'sentence':
    case 'help':
    case 'suggestions':
    case 'hint':
    case 'divider':
      return { providers: [], topics: [] };
  }
}

/** An answer's view as JSON (the CLI's `--json`, the MCP server's structuredContent): a projection like the others. */
export function viewJson(view: AnswerView): AnswerJson {
  const { asked } = view;
  const providers = new Map<string, ProviderJson>();
  const topics: TopicJson[] = [];
  for (const part of view.parts) {
    const shown = shownBy(part);
    for (const provider of shown.providers) {
      const found = view.found.get(provider.id);
      if (found && !providers.has(provider.id))
        providers.set(provider.id, providerJson(provider, found.matchedBy, found.sameAs));
    }
    topics.push(...shown.topics.map(topicJson));
  }
  return {
    query: asked.query,
    intent: asked.kind,
    headline: view.headline(JSON_STYLE),
    scope: asked.scope ?? null,
    port: asked.ports[0] ?? null,
    ports: [...asked.ports],
    providers: [...providers.values()],
    suggestions: asked.suggestions.map((p) => ({ id: p.id, name: p.name })),
    unmatched: [...asked.unmatched],
    invalidPorts: [...asked.invalidPorts],
    notes: view.notes.map((note) => note(JSON_STYLE)),
    yesNo: asked.yesNo,
    focus: asked.focus.map(({ provider, asked: question, rules }) => ({
      id: provider.id,
      port: 'port' in question ? question.port : null,
      protocol: 'protocol' in question ? question.protocol : null,
      uses: rules.length > 0,
      ports: rules.map((rule) => rule.port),
      inferred: rules.length > 0 && rules.every((rule) => rule.inferred === true),
    })),
    topics,
    topicAnswer: asked.topicAnswer
      ? {
          answer: asked.topicAnswer.answer,
          fact: { text: asked.topicAnswer.fact.text, source: sourceJson(asked.topicAnswer.fact.source) },
        }
      : null,
    sources: sourcesOf(view.sources).map(sourceJson),
  };
}

/** The JSON of an answer: the projection of its view (answerView). */
export function answerJson(result: Answer): AnswerJson {
  return viewJson(answerView(result));
}
