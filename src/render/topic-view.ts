import {
  EDITION_LABELS,
  INFERRED_PORT_LABEL,
  type PortRule,
  type ResolvedFact,
  type Source,
} from '../catalog/schema.js';
import type { TopicMatch } from '../engine/types.js';
import { disagreementTitle, portNumberText } from './wording.js';

/**
 * A Delegate-network topic as every face shows it: the parts the question named first, the
 * topic's facts, the parts of the network it shows, and its sources, numbered. Each line carries
 * the number of its source; the faces differ only in how they write a line (mrkdwn or plain text).
 */

/** A piece of a line: plain text, or a name to set as code (a host, a variable, an image). */
export interface Piece {
  text: string;
  code?: boolean;
}

export interface TopicLine {
  pieces: Piece[];
  /** The number of the line's source in `TopicView.sources`. */
  ref: number;
  /** A part the question named ("prod3"): in bold, or marked ">" in the terminal. */
  highlight: boolean;
}

export interface TopicSection {
  title: string;
  lines: TopicLine[];
  /** Set when every line has this source: the number is shown once, by the title. */
  ref?: number;
}

export interface TopicView {
  id: string;
  title: string;
  /** "Delegate network" or "Harness platform network". */
  kind: string;
  /** Set when Harness's docs do not state what the topic asks (Gov/FedRAMP hosts). */
  notDocumented?: string;
  /** What the question named inside the topic ("prod3", "NO_PROXY"), answered first. */
  lead: TopicLine[];
  facts: TopicLine[];
  sections: TopicSection[];
  /** Every source a line cites, numbered from 1 in order of first use. */
  sources: Array<{ ref: number; source: Source }>;
}

/** What a topic answer is called beside a provider's category ("Splunk · Verification provider"). */
export const TOPIC_KIND = 'Delegate network';
/** The same for a topic of Harness's own platform (Self-Managed Enterprise Edition, Harness Cloud). */
export const PLATFORM_TOPIC_KIND = 'Harness platform network';

/** How a topic the docs do not cover is answered: never a guess. */
export function notDocumentedText(title: string): string {
  return `Not documented: Harness's docs do not state ${title}, so I don't know them and won't guess. Ask Harness Support or your Harness account team.`;
}

/** "Delegate system requirements (Delegate docs)": a source as its footer names it. */
export function sourceName(source: Source): string {
  return `${source.title} (${EDITION_LABELS[source.edition]})`;
}

const code = (text: string): Piece => ({ text, code: true });
const plain = (text: string): Piece => ({ text });

/** "HTTPS 443 (the product's usual port, not stated by Harness)": a port as a topic line gives it. */
function portText(rule: PortRule): string {
  return `${portNumberText(rule)}${rule.inferred ? ` (${INFERRED_PORT_LABEL})` : ''}`;
}

export function topicView(match: TopicMatch): TopicView {
  const sources: TopicView['sources'] = [];
  const refOf = (source: Source) => {
    const known = sources.find((entry) => entry.source === source);
    if (known) return known.ref;
    const ref = sources.length + 1;
    sources.push({ ref, source });
    return ref;
  };
  const line = (pieces: Piece[], source: Source, highlight = false): TopicLine => ({
    pieces,
    ref: refOf(source),
    highlight,
  });
  const { named } = match;
  const clusterLine = (c: TopicMatch['clusters'][number], highlight: boolean) =>
    line([plain(`${c.cluster}: `), code(c.host)], c.source, highlight);
  const variableLine = (v: TopicMatch['proxyVariables'][number], highlight: boolean) =>
    line([code(v.name), plain(`: ${v.meaning}`)], v.source, highlight);
  const endpointLine = (e: TopicMatch['endpoints'][number], highlight: boolean) => {
    const pieces: Piece[] = [code(e.host), plain(`: ${e.purpose}`)];
    if (e.disable)
      pieces.push(plain(' Turn it off with '), code(`${e.disable.variable}=${e.disable.value}`), plain('.'));
    if (e.ports.length) pieces.push(plain(` Port: ${e.ports.map(portText).join(', ')}.`));
    return line(pieces, e.source, highlight);
  };
  const factLine = (fact: ResolvedFact) => line([plain(fact.text)], fact.source);

  const lead = [
    ...named.clusters.map((c) => clusterLine(c, true)),
    ...named.proxyVariables.map((v) => variableLine(v, true)),
    ...named.endpoints.map((e) => endpointLine(e, true)),
  ];
  const facts = match.topic.facts.map(factLine);
  const sections: TopicSection[] = [];
  const addSection = (title: string, lines: TopicLine[]) => {
    if (lines.length === 0) return;
    const refs = new Set(lines.map((l) => l.ref));
    sections.push({ title, lines, ...(refs.size === 1 ? { ref: lines[0]!.ref } : {}) });
  };
  addSection('Clusters and their hosts', [
    ...match.clusters.map((c) => clusterLine(c, named.clusters.includes(c))),
    ...(match.findCluster ? [factLine(match.findCluster)] : []),
  ]);
  addSection(
    'Other endpoints',
    match.endpoints.map((e) => endpointLine(e, named.endpoints.includes(e))),
  );
  addSection(
    'Proxy variables',
    match.proxyVariables.map((v) => variableLine(v, named.proxyVariables.includes(v))),
  );
  addSection(
    'Image registries',
    match.imageRegistries.map((r) => line([plain(`${r.name}: `), code(r.location)], r.source)),
  );
  for (const disagreement of match.topic.disagreements) {
    sections.push({
      title: disagreementTitle(disagreement.question),
      lines: disagreement.statements.map((statement) =>
        line([plain(`${statement.source.title} says: ${statement.text}`)], statement.source),
      ),
    });
  }
  return {
    id: match.topic.id,
    title: match.topic.title,
    kind: match.topic.network === 'platform' ? PLATFORM_TOPIC_KIND : TOPIC_KIND,
    ...(match.topic.notDocumented ? { notDocumented: notDocumentedText(match.topic.title) } : {}),
    lead,
    facts,
    sections,
    sources,
  };
}

/** A line as plain text, its source number after it unless the section shows it once. */
export function plainLine(line: TopicLine, withRef = true): string {
  const text = line.pieces.map((piece) => piece.text).join('');
  return withRef ? `${text} [${line.ref}]` : text;
}
