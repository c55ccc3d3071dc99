import type { TopicMatch } from '../engine/types.js';
import { plainLine, sourceName, type TopicLine, topicView } from './topic-view.js';

/** A Delegate-network topic for the terminal: every line with its source number, the sources last. */
export function topicText(match: TopicMatch): string {
  const view = topicView(match);
  const mark = (line: TopicLine) => (line.highlight ? '>' : '-');
  const lines = [`${view.title}  (${view.kind})`];
  if (view.notDocumented) lines.push(`  ${view.notDocumented}`);
  for (const line of [...view.lead, ...view.facts]) lines.push(`  ${mark(line)} ${plainLine(line)}`);
  for (const section of view.sections) {
    lines.push(`  ${section.title}${section.ref ? ` [${section.ref}]` : ''}`);
    for (const line of section.lines)
      lines.push(`    ${mark(line)} ${plainLine(line, section.ref === undefined)}`);
  }
  if (view.sources.length) {
    lines.push('  Sources');
    for (const { ref, source } of view.sources)
      lines.push(`    [${ref}] ${sourceName(source)}${source.url ? `: ${source.url}` : ''}`);
  }
  return lines.join('\n');
}

/** The topics of an answer, one block of lines each. */
export function topicsText(topics: readonly TopicMatch[] = []): string[] {
  return topics.map(topicText);
}
