import { EDITION_LABELS, type Provider, type Source } from '../catalog/schema.js';
import { permissionText } from '../engine/permissions.js';
import type { TopicMatch } from '../engine/types.js';
import { ORGANISATION_HEADING, organisationLines } from './organisation.js';
import { type Piece, sourceName, type TopicLine, topicView } from './topic-view.js';
import {
  categoryText,
  connectivityLines,
  disagreementTitle,
  editionText,
  linkRevisions,
  portLineText,
  revisionLabel,
  wordingRevisions,
} from './wording.js';

/**
 * Markdown cards (the MCP server's resources): a provider or a Delegate topic with the same facts,
 * wording and sources as its terminal card (text.ts, topic-text.ts), as headings and lists. Pure.
 */

const link = (page: { title: string; url?: string | undefined }) =>
  page.url ? `[${page.title}](${page.url})` : page.title;
const sourceLink = (source: Source) => `${link(source)} (${EDITION_LABELS[source.edition]})`;

/** A provider's card: permissions, other pages' facts, how it connects, ports, references, notes, source. */
export function providerMarkdown(provider: Provider): string {
  const lines = [`# ${provider.name}`, '', `_${categoryText(provider)} · ${editionText(provider)}_`, ''];
  lines.push('## Permissions', '');
  for (const permission of provider.permissions) {
    lines.push(`- ${permissionText(permission)}`);
    for (const revision of wordingRevisions(provider, permission))
      lines.push(`  - ${revisionLabel(revision)}, says: ${revision.other}`);
  }
  if (provider.facts.length) {
    lines.push('', '## More from the docs', '');
    for (const fact of provider.facts) lines.push(`- ${fact.text} (${link(fact.source)})`);
  }
  for (const disagreement of provider.disagreements) {
    lines.push('', `## ${disagreementTitle(disagreement.question)}`, '');
    for (const statement of disagreement.statements)
      lines.push(`- ${link(statement.source)} says: ${statement.text}`);
  }
  const modes = connectivityLines(provider, link);
  if (modes.length) {
    lines.push('', '## How it connects', '');
    for (const mode of modes)
      lines.push(`- ${mode.label}: ${mode.text}${mode.after ? ` ${mode.after}` : ''}`);
  }
  lines.push('', '## Ports', '');
  for (const rule of provider.ports) lines.push(`- ${portLineText(rule)}`);
  if (provider.portNote) lines.push(`- ${provider.portNote}`);
  const references = provider.references.filter((ref) => ref.url !== provider.source.url);
  if (references.length) {
    lines.push('', '## References', '');
    for (const ref of references) {
      lines.push(`- ${link(ref)}`);
      for (const revision of linkRevisions(provider, ref.url))
        lines.push(`  - ${revisionLabel(revision)}, links: ${revision.other}`);
    }
  }
  if (provider.notes.length) lines.push('', ...provider.notes.map((note) => `Note: ${note}`));
  const organisation = organisationLines(provider);
  if (organisation.length)
    lines.push('', `## ${ORGANISATION_HEADING}`, '', ...organisation.map((line) => `- ${line}`));
  lines.push('', `Source: ${sourceLink(provider.source)}`);
  return `${lines.join('\n')}\n`;
}

const pieceText = (piece: Piece) => (piece.code ? `\`${piece.text}\`` : piece.text);

function topicLine(line: TopicLine, withRef = true): string {
  const text = line.pieces.map(pieceText).join('');
  return `- ${line.highlight ? `**${text}**` : text}${withRef ? ` [${line.ref}]` : ''}`;
}

/** A Delegate-network topic: what was named first, its facts, its sections, its numbered sources. */
export function topicMarkdown(match: TopicMatch): string {
  const view = topicView(match);
  const lines = [`# ${view.title}`, '', `_${view.kind}_`, ''];
  if (view.notDocumented) lines.push(view.notDocumented, '');
  const first = [...view.lead, ...view.facts];
  if (first.length) lines.push(...first.map((line) => topicLine(line)), '');
  for (const section of view.sections) {
    lines.push(`## ${section.title}${section.ref ? ` [${section.ref}]` : ''}`, '');
    lines.push(...section.lines.map((line) => topicLine(line, section.ref === undefined)), '');
  }
  if (view.sources.length) {
    lines.push('## Sources', '');
    for (const { ref, source } of view.sources)
      lines.push(`${ref}. ${source.url ? `[${sourceName(source)}](${source.url})` : sourceName(source)}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
