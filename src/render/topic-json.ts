import { type Disagreement, EDITION_LABELS, type PortRule, type Source } from '../catalog/schema.js';
import type { TopicMatch } from '../engine/types.js';
import { notDocumentedText } from './topic-view.js';

/** A fact's source in the public JSON output: the page, and which edition of Harness's docs it is. */
export interface SourceJson {
  id: string;
  title: string;
  url: string | null;
  edition: Source['edition'];
  editionLabel: string;
  /** The file in harness/developer-hub, and the commit it was read at, when known. */
  path: string | null;
  commit: string | null;
}

export interface FactJson {
  text: string;
  source: SourceJson;
}

/** One Delegate-network topic in `--json` (documented in the README). */
export interface TopicJson {
  id: string;
  title: string;
  matchedBy: TopicMatch['matchedBy'];
  term: string;
  /** True when Harness's docs do not state what the topic asks; `notDocumentedText` says so. */
  notDocumented: boolean;
  notDocumentedText: string | null;
  facts: FactJson[];
  /** The clusters, variables and endpoints the question named ("prod3", "NO_PROXY"). */
  named: { clusters: string[]; proxyVariables: string[]; endpoints: string[] };
  clusters: Array<{ cluster: string; host: string; source: SourceJson }>;
  findCluster: FactJson | null;
  endpoints: Array<{
    host: string;
    required: boolean;
    purpose: string;
    ports: Array<{ port: number; protocol: string; label: string; inferred: boolean }>;
    disable: { variable: string; value: string } | null;
    source: SourceJson;
  }>;
  proxyVariables: Array<{ name: string; meaning: string; source: SourceJson }>;
  imageRegistries: Array<{ name: string; location: string; source: SourceJson }>;
  /** Whose network: the Delegate's, or Harness's own platform (Self-Managed, Harness Cloud). */
  network: 'delegate' | 'platform';
  /** Where pages disagree: each statement with its page; never one picked silently. */
  disagreements: DisagreementJson[];
}

export interface DisagreementJson {
  question: string;
  statements: FactJson[];
}

/** A disagreement between pages as JSON: the question and every statement with its page. */
export function disagreementJson(disagreement: Disagreement): DisagreementJson {
  return {
    question: disagreement.question,
    statements: disagreement.statements.map((fact) => ({ text: fact.text, source: sourceJson(fact.source) })),
  };
}

export function sourceJson(source: Source): SourceJson {
  return {
    id: source.id,
    title: source.title,
    url: source.url ?? null,
    edition: source.edition,
    editionLabel: EDITION_LABELS[source.edition],
    path: source.path ?? null,
    commit: source.commit ?? null,
  };
}

const portJson = (rule: PortRule) => ({
  port: rule.port,
  protocol: rule.protocol,
  label: rule.label,
  inferred: rule.inferred === true,
});

export function topicJson(match: TopicMatch): TopicJson {
  const { topic, named } = match;
  return {
    id: topic.id,
    title: topic.title,
    matchedBy: match.matchedBy,
    term: match.term,
    network: topic.network,
    disagreements: topic.disagreements.map(disagreementJson),
    notDocumented: topic.notDocumented,
    notDocumentedText: topic.notDocumented ? notDocumentedText(topic.title) : null,
    facts: topic.facts.map((fact) => ({ text: fact.text, source: sourceJson(fact.source) })),
    named: {
      clusters: named.clusters.map((c) => c.cluster),
      proxyVariables: named.proxyVariables.map((v) => v.name),
      endpoints: named.endpoints.map((e) => e.host),
    },
    clusters: match.clusters.map((c) => ({ cluster: c.cluster, host: c.host, source: sourceJson(c.source) })),
    findCluster: match.findCluster
      ? { text: match.findCluster.text, source: sourceJson(match.findCluster.source) }
      : null,
    endpoints: match.endpoints.map((e) => ({
      host: e.host,
      required: e.required,
      purpose: e.purpose,
      ports: e.ports.map(portJson),
      disable: e.disable ? { ...e.disable } : null,
      source: sourceJson(e.source),
    })),
    proxyVariables: match.proxyVariables.map((v) => ({
      name: v.name,
      meaning: v.meaning,
      source: sourceJson(v.source),
    })),
    imageRegistries: match.imageRegistries.map((r) => ({
      name: r.name,
      location: r.location,
      source: sourceJson(r.source),
    })),
  };
}
