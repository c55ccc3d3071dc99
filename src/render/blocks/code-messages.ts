import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../escape.js';
import { blocksTextLength, SLACK_LIMITS, truncate } from '../limits.js';
import { context, type SlackMessage, section } from './kit.js';

/**
 * Code as Slack messages (firewall rules, permission snippets): the code in blocks of at most 3000
 * characters, packed into messages within Slack's 10,000 characters of block text, at most five
 * messages (one response URL's posts).
 */

/** The fences around a code block: "```\n" and "\n```". */
const FENCES = 8;
/** Escaped text of one code block, so the block stays within a section's 3000 characters. */
export const CODE_BLOCK_TEXT = SLACK_LIMITS.sectionText - FENCES;

/**
 * Text as it goes inside a code block: `&`, `<`, `>` escaped (Slack still reads them there), and a run
 * of three backticks, which would end the block, broken by a zero-width space.
 */
function codeText(text: string): string {
  return escapeMrkdwn(text).replace(/```/g, '``\u200b`');
}

/**
 * Splits text into code blocks of at most `max` characters once escaped, at line boundaries: a
 * block never ends inside a line. Only a line longer than a whole block (no catalog line is) is cut
 * across blocks, between characters.
 */
export function codeChunks(text: string, max = CODE_BLOCK_TEXT): string[] {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length) chunks.push(current.join('\n'));
    current = [];
    size = 0;
  };
  for (const line of lines) {
    const escaped = codeText(line);
    const need = escaped.length + (current.length ? 1 : 0);
    if (size + need <= max) {
      current.push(escaped);
      size += need;
      continue;
    }
    flush();
    if (escaped.length <= max) {
      current.push(escaped);
      size = escaped.length;
      continue;
    }
    let rest = line;
    while (rest) {
      let take = rest.length;
      while (codeText(rest.slice(0, take)).length > max || /[\uD800-\uDBFF]$/.test(rest.slice(0, take)))
        take--;
      chunks.push(codeText(rest.slice(0, take)));
      rest = rest.slice(take);
    }
  }
  flush();
  return chunks;
}

/** Characters of provider names an intro shows (the whole catalog's take about 520): the code says them all anyway. */
export const INTRO_NAMES = 1_000;

/** At most this many messages: one response_url takes 5 posts. */
export const MAX_CODE_MESSAGES = SLACK_LIMITS.responseUrlUses;

export interface CodeMessagesOptions {
  /** The messages' notification text, " (part i of n)" added when there are several. */
  title: string;
  /** What the first message shows before the code (an intro, a warning). */
  head: readonly KnownBlock[];
  /** The code, as its renderer wrote it (escaped here). */
  code: string;
  /** What the last message says when the code passes MAX_CODE_MESSAGES messages: the lines left out. */
  cutNote: (lines: number) => KnownBlock;
  /** What the last message shows after the code (a share button, who shared it). */
  tail: readonly KnownBlock[];
}

/**
 * The head, then the code's blocks packed into messages, each within the 10,000 characters and
 * leaving room for all that any message may carry besides its code; the tail (and, past
 * MAX_CODE_MESSAGES, the cut note) in the last one.
 */
export function codeMessages(options: CodeMessagesOptions): SlackMessage[] {
  const partNote = (i: number, total: number) => context(`Part ${i + 1} of ${total}, continued.`);
  const room =
    SLACK_LIMITS.messageBlocksText -
    blocksTextLength([
      ...options.head,
      partNote(MAX_CODE_MESSAGES, MAX_CODE_MESSAGES),
      options.cutNote(999_999),
      ...options.tail,
    ]);
  const groups: string[][] = [];
  for (const chunk of codeChunks(options.code)) {
    const last = groups.at(-1);
    const used = last ? last.reduce((n, c) => n + c.length + FENCES, 0) : Infinity;
    if (last && used + chunk.length + FENCES <= room) last.push(chunk);
    else groups.push([chunk]);
  }
  const shown = groups.slice(0, MAX_CODE_MESSAGES);
  const cut = groups.slice(MAX_CODE_MESSAGES).flat();
  const total = shown.length;
  return shown.map((group, i) => {
    const part = total > 1 ? ` (part ${i + 1} of ${total})` : '';
    const blocks: KnownBlock[] = i === 0 ? [...options.head] : [partNote(i, total)];
    blocks.push(...group.map((chunk) => section(`\`\`\`\n${chunk}\n\`\`\``)));
    if (i === total - 1) {
      if (cut.length) blocks.push(options.cutNote(cut.reduce((n, chunk) => n + chunk.split('\n').length, 0)));
      blocks.push(...options.tail);
    }
    return { text: escapeMrkdwn(truncate(`${options.title}${part}`, 3000)), blocks };
  });
}

/**
 * Why a typed request wrote no code ("No firewall rules written."), one line per problem, and how to
 * ask. The problems are plain text with the user's words: escaped here.
 */
export function codeProblemsMessage(
  what: string,
  problems: readonly string[],
  examples: readonly string[],
): SlackMessage {
  return {
    text: escapeMrkdwn(truncate(`No ${what} written: ${problems.join(' ')}`, 3000)),
    blocks: [
      section(
        `*No ${escapeMrkdwn(what)} written.*\n${problems.map((p) => `• ${escapeMrkdwn(p)}`).join('\n')}`,
      ),
      context(`For example: ${examples.map((e) => `\`${e}\``).join(', ')}.`),
    ],
  };
}
