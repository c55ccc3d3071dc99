import type { KnownBlock } from '@slack/types';
import { EDITION_LABELS } from '../../catalog/schema.js';
import type { TopicMatch } from '../../engine/types.js';
import { escapeMrkdwn, inlineCode, pageLink } from '../escape.js';
import { SLACK_LIMITS } from '../limits.js';
import { type TopicLine, topicView } from '../topic-view.js';
import { context, section } from './kit.js';

/** A line in mrkdwn: names as code, bold when the question named it, its source number after it. */
function lineMrkdwn(line: TopicLine, withRef = true): string {
  const text = line.pieces
    .map((piece) => (piece.code ? inlineCode(piece.text) : escapeMrkdwn(piece.text)))
    .join('');
  const shown = line.highlight ? `*${text}*` : text;
  return `• ${shown}${withRef ? ` _[${line.ref}]_` : ''}`;
}

/**
 * Lines packed into as few sections as fit Slack's section text limit, the first under `heading`:
 * a long topic is split between lines, never cut.
 */
function packed(heading: string, lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = heading;
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > SLACK_LIMITS.sectionText && current) {
      texts.push(current);
      current = line;
    } else {
      current = next;
    }
  }
  if (current) texts.push(current);
  return texts.map((text) => section(text));
}

/** One Delegate-network topic: title, what the question named, facts, the parts it shows, its sources. */
export function topicBlocks(match: TopicMatch): KnownBlock[] {
  const view = topicView(match);
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(view.title)}*  ·  ${view.kind}`)];
  if (view.notDocumented) blocks.push(section(`:warning: ${escapeMrkdwn(view.notDocumented)}`));
  const facts = [...view.lead, ...view.facts].map((line) => lineMrkdwn(line));
  if (facts.length) blocks.push(...packed('', facts));
  for (const part of view.sections) {
    const heading = `*${escapeMrkdwn(part.title)}*${part.ref ? ` _[${part.ref}]_` : ''}`;
    blocks.push(
      ...packed(
        heading,
        part.lines.map((line) => lineMrkdwn(line, part.ref === undefined)),
      ),
    );
  }
  if (view.sources.length) {
    const sources = view.sources.map(({ ref, source }) => {
      return `[${ref}] ${pageLink(source)} (${EDITION_LABELS[source.edition]})`;
    });
    blocks.push(context(`*Sources:* ${sources.join('  ·  ')}`));
  }
  return blocks;
}
