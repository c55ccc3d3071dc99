const SLACK_SPECIAL = /[&<>]/;
const SLACK_SPECIALS = /[&<>]/g;
const SLACK_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' } as const;

/**
 * Escapes text for Slack mrkdwn and plain_text: `&`, `<` and `>`, exactly as Slack documents.
 * Every string the bot did not write itself (queries, catalog strings, names) goes through here,
 * so `<!channel>`, `<@U…>` or `<http://x|y>` typed by someone is shown, never executed.
 */
export function escapeMrkdwn(text: string): string {
  // Most text has none of the three: it is returned as it is, with no new string.
  return SLACK_SPECIAL.test(text)
    ? text.replace(SLACK_SPECIALS, (c) => SLACK_ESCAPES[c as '&' | '<' | '>'])
    : text;
}

/**
 * A link the bot makes from a catalog reference: `<url|title>`. The URL cannot end the link early
 * (`<`, `>`, `|` and spaces are percent-encoded, `&` is escaped as Slack expects), and the title is
 * escaped text with `|` replaced. Catalog links are the only links the bot makes.
 */
export function mrkdwnLink(url: string, title: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent).replace(/&/g, '&amp;');
  return `<${safeUrl}|${escapeMrkdwn(title).replace(/\|/g, '¦') || safeUrl}>`;
}

/** A page facts come from, as a link (or its escaped title, when the catalog gives no URL). */
export function pageLink(page: { title: string; url?: string | undefined }): string {
  return page.url ? mrkdwnLink(page.url, page.title) : escapeMrkdwn(page.title);
}

/** Inline code in mrkdwn: escaped, with backticks the user typed made harmless. */
export function inlineCode(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, "'")}\``;
}

/** A Slack user id as Slack writes it; anything else is never put in a mention. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** `<@U123>` for a well-formed Slack user id, and "someone" for anything else. */
export function userMention(userId: string | undefined): string {
  return userId && SLACK_USER_ID.test(userId) ? `<@${userId}>` : 'someone';
}
