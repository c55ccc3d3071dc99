import { tokenize } from './text.js';
import {
  CHECKLIST_WORDS,
  COUNT_NOUNS,
  NUMBER_NOUNS,
  PORT_CUES,
  PORT_PROTOCOLS,
  QUESTION_WORDS,
} from './words.js';

/**
 * How the words of a query are read: what people write around a number says whether it is a port.
 * A port is a number standing as a word where the words around it say so (see portsAmong), after a colon
 * (":9200", "es.example.com:9200", a URL's own port) or with its transport ("tcp/8089",
 * "8089/tcp"). A digit inside anything else is not: a URL's path or query, a version ("v2",
 * "3.x", "9.1.2"), a date, an id ("id-12345", "#42"), code ("alert(1)"). Nor is a count ("2
 * questions") or a number that a noun before it claims ("version 2").
 */

/** Sentence punctuation around a word, which does not change what the word is. */
const LEADING = /^[("'`[{]+/;
const TRAILING = /[)"'`\]},.;!?]+$/;
const DIGITS = /^\d+$/;
/** "es.example.com:9200", ":9200": a host (or nothing) and a port. */
const HOST_PORT = /^([a-z0-9.-]*):(\d+)$/i;
/** "scheme://host:port/…": the port of a URL's authority. */
const URL_PORT = /^[a-z][a-z0-9+.-]*:\/\/[^/?#:]*:(\d+)(?:[/?#]|$)/i;
const URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
/** Slack's emoji shortcodes (":thumbsup:") and pictographs carry no words. */
const SHORTCODE = /^:[a-z0-9_+-]+:$/i;

export interface ReadQuery {
  /** The words, with every number that is a port kept as a word of digits and every other number left out. */
  words: string[];
  /** True when the query had emoji and nothing else. */
  onlyEmoji: boolean;
}

/** A host a port can follow: none (":9200"), a name ("es.example.com") or an IPv4 address; not a time ("10:30"). */
const isHost = (host: string) => host === '' || /[a-z]/i.test(host) || /^\d+(\.\d+){3}$/.test(host);

/** The words of one whitespace-separated chunk, with the ports it gives kept as numbers. */
function chunkWords(chunk: string): { words: string[]; standalone: boolean } {
  const core = chunk.replace(LEADING, '').replace(TRAILING, '');
  // Most chunks are one plain word.
  if (/^[a-z]+$/i.test(core)) return { words: [core.toLowerCase()], standalone: false };
  if (DIGITS.test(core)) return { words: [core], standalone: true };
  const transport = core.match(/^([a-z]+)\/(\d+)$/i) ?? core.match(/^(\d+)\/([a-z]+)$/i);
  if (transport) {
    const first = transport[1]!;
    const second = transport[2]!;
    const protocol = DIGITS.test(first) ? second : first;
    const port = DIGITS.test(first) ? first : second;
    if (PORT_PROTOCOLS.has(protocol.toLowerCase()))
      return { words: [protocol.toLowerCase(), port], standalone: false };
  }
  const hostPort = core.match(HOST_PORT);
  if (hostPort && isHost(hostPort[1]!))
    return { words: [...namesIn(hostPort[1]!), hostPort[2]!], standalone: false };
  if (URL.test(core)) {
    const port = core.match(URL_PORT)?.[1];
    return { words: [...namesIn(hostName(core)), ...(port ? [port] : [])], standalone: false };
  }
  return { words: namesIn(core), standalone: false };
}

/**
 * The part of a URL that can name something: its host without the top-level domain
 * ("splunk.example" of "https://splunk.example.com:8089/x?y=1"). Paths and queries name nothing.
 */
function hostName(url: string): string {
  const host = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#:]/)[0] ?? '';
  return host.includes('.') ? host.slice(0, host.lastIndexOf('.')) : host;
}

/** The words of text in which no number is a port. */
function namesIn(text: string): string[] {
  return tokenize(text).filter((word) => !DIGITS.test(word));
}

/** A word of the query; a number standing alone is a port only if what is around it says so. */
interface Token {
  word: string;
  /** A number standing alone as a word, not yet known to be a port. */
  loose: boolean;
}

/**
 * Which loose numbers are ports: all of them in a query of only numbers and question words ("443",
 * "who uses 443"); one next to a word about ports ("port 1", "need 636 open", "on 8081"); one next to
 * another port ("ports 389, 636 and 22"); one the catalog lists as a port ("splunk 8089"). Any other
 * ("nexus 3", "in 2023") names something else.
 */
function portsAmong(tokens: readonly Token[], isKnownPort: (port: number) => boolean): boolean[] {
  const bare = tokens.every(
    (t) => t.loose || DIGITS.test(t.word) || QUESTION_WORDS.has(t.word) || CHECKLIST_WORDS.has(t.word),
  );
  const isPort = tokens.map(
    (t, i) =>
      !t.loose ||
      bare ||
      PORT_CUES.has(tokens[i - 1]?.word ?? '') ||
      PORT_CUES.has(tokens[i + 1]?.word ?? '') ||
      isKnownPort(Number(t.word)),
  );
  const isNumberPort = (i: number) => isPort[i] === true && DIGITS.test(tokens[i]!.word);
  /** The nearest number before or after `i`, across "and", "or" and commas (already dropped). */
  const neighbour = (i: number, step: 1 | -1) => {
    let j = i + step;
    while (tokens[j] && JOINERS.has(tokens[j]!.word)) j += step;
    return j;
  };
  for (let pass = 0; pass < 2; pass++) {
    tokens.forEach((t, i) => {
      if (t.loose && !isPort[i] && (isNumberPort(neighbour(i, -1)) || isNumberPort(neighbour(i, 1))))
        isPort[i] = true;
    });
  }
  return isPort;
}

const JOINERS = new Set(['and', 'or']);

/**
 * Reads a query into the words the engine looks up (see the module comment for numbers). A number
 * that is not a port is still kept when it finishes a name with the word before it ("nexus 3").
 */
export function readQuery(
  query: string,
  isKnownPort: (port: number) => boolean,
  isName: (words: readonly string[]) => boolean = () => false,
): ReadQuery {
  const chunks = query.split(/\s+/).filter(Boolean);
  const tokens: Token[] = [];
  let emoji = false;
  chunks.forEach((chunk, i) => {
    if (chunk.startsWith(':') && SHORTCODE.test(chunk)) {
      emoji = true;
      return;
    }
    const read = chunkWords(chunk);
    if (read.words.length === 0 && /\p{Extended_Pictographic}/u.test(chunk)) emoji = true;
    if (read.standalone) {
      const before = tokens.at(-1)?.word;
      const after = chunks[i + 1]?.toLowerCase().match(/[a-z0-9]+/)?.[0];
      // "version 2", "2 questions": the number counts or names something else.
      if (
        (before !== undefined && NUMBER_NOUNS.has(before)) ||
        (after !== undefined && COUNT_NOUNS.has(after))
      ) {
        return;
      }
    }
    for (const word of read.words) tokens.push({ word, loose: read.standalone });
  });
  const isPort = portsAmong(tokens, isKnownPort);
  const words = tokens
    .filter((t, i) => isPort[i] || (i > 0 && isName([tokens[i - 1]!.word, t.word])))
    .map((t) => t.word);
  return { words, onlyEmoji: emoji && words.length === 0 };
}
