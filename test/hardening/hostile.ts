import type { Catalog } from '../../src/catalog/schema.js';

/**
 * Hostile text and the check that none of it comes out of the bot as live Slack syntax
 * (mentions, links, commands) the bot did not make itself.
 */

/** Text people could type (or put in a catalog) that is live Slack syntax if echoed unescaped. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!channel|channel>',
  '<@U0ALICE>',
  '<@W0123ABC|bob>',
  '<#C0GENERAL|general>',
  '<!subteam^S0123ABC|@platform>',
  '<!date^1392734382^{date}|Feb 18>',
  '<http://evil.example|click me>',
  '<https://evil.example/login>',
  '<mailto:ceo@evil.example|mail the CEO>',
  '&lt;!channel&gt;',
  '&amp;lt;!here&amp;gt;',
  '<<!here>>',
  '< !channel >',
  '<\n!channel>',
  '`<!channel>`',
  '```<!here>```',
  '*<!everyone>*',
  '>>> <!channel> quoted',
  'splunk <!channel> jenkins',
  'a|b <http://x|y> c',
  'Tom & Jerry <3 >_<',
  '\u0000<!here>\u0007',
  '\u202e<!channel>\u202c',
  'ｓｐｌｕｎｋ＜!channel＞',
];

/** A message as the renderers return it and as it is sent to Slack. */
export interface MessageLike {
  text?: unknown;
  blocks?: unknown;
}

/** What the bot itself may write as live syntax: mentions of these users, links to these URLs, dates. */
export interface BotMadeSyntax {
  userIds?: readonly string[];
  urls?: readonly string[];
}

/** Every mrkdwn string of a message: the top-level text and each mrkdwn text object (plain_text is never parsed). */
export function mrkdwnTexts(message: MessageLike): string[] {
  const texts: string[] = [];
  if (typeof message.text === 'string') texts.push(message.text);
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (v.type === 'mrkdwn' && typeof v.text === 'string') texts.push(v.text);
      for (const inner of Object.values(v)) if (inner && typeof inner === 'object') walk(inner);
    }
  };
  walk(message.blocks);
  return texts;
}

/** How the bot writes a catalog URL inside `<…|…>`: characters that could end the link percent-encoded. */
const linkForm = (url: string) =>
  url
    .replaceAll('<', encodeURIComponent('<'))
    .replaceAll('>', encodeURIComponent('>'))
    .replaceAll('|', encodeURIComponent('|'))
    .replace(/\s/g, encodeURIComponent);
const linkFormsCache = new WeakMap<readonly string[], Set<string>>();
function linkForms(urls: readonly string[]): Set<string> {
  let forms = linkFormsCache.get(urls);
  if (!forms) {
    forms = new Set(urls.map(linkForm));
    linkFormsCache.set(urls, forms);
  }
  return forms;
}

/**
 * The problems that would make Slack execute something the bot did not mean: any `<…>` token that is
 * not a mention of an allowed user, a `<!date>` the bot made, or a link to an allowed (catalog) URL;
 * any stray `<` or `>`; any `&` that is not one of Slack's three escapes. Empty means safe.
 */
export function liveSyntaxProblems(message: MessageLike, allowed: BotMadeSyntax = {}): string[] {
  const problems: string[] = [];
  const users = new Set(allowed.userIds ?? []);
  const urls = linkForms(allowed.urls ?? []);
  for (const text of mrkdwnTexts(message)) {
    const rest = text.replace(/<([^<>]*)>/g, (token, inner: string) => {
      const mention = /^@([UW][A-Z0-9]{2,20})$/.exec(inner);
      if (mention && users.has(mention[1]!)) return '';
      if (/^!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^|]*$/.test(inner)) return '';
      const link = /^(https?:\/\/[^|\s]+)\|([^|]+)$/.exec(inner);
      if (link && urls.has(link[1]!.replace(/&amp;/g, '&'))) return '';
      problems.push(`live token ${JSON.stringify(token)} in ${JSON.stringify(text.slice(0, 200))}`);
      return '';
    });
    if (/[<>]/.test(rest)) problems.push(`unescaped < or > in ${JSON.stringify(text.slice(0, 200))}`);
    const bareAmp = /&(?!amp;|lt;|gt;)/.exec(text);
    if (bareAmp) problems.push(`unescaped & in ${JSON.stringify(text.slice(0, 200))}`);
  }
  return problems;
}

/**
 * Every URL of a catalog: the references of its rows and connectors, the pages facts come from, and
 * the other versions' links a row offers. The only links the bot may make.
 */
const urlsCache = new WeakMap<Catalog, string[]>();
export function catalogUrls(catalog: Catalog): string[] {
  let urls = urlsCache.get(catalog);
  if (!urls) {
    // The providers' and connectors' references, the other versions' links a row offers, and the
    // pages facts cite (an answer's sources footer).
    urls = [
      ...[...catalog.providers, ...catalog.connectors].flatMap((p) => [
        ...p.references.map((r) => r.url),
        ...p.revisions.filter((r) => r.kind === 'link').map((r) => r.other),
      ]),
      ...catalog.sources.flatMap((source) => (source.url ? [source.url] : [])),
    ];
    urlsCache.set(catalog, urls);
  }
  return urls;
}
