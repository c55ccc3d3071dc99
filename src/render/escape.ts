/**
 * Escapes text for Slack mrkdwn and plain_text: `&`, `<` and `>`, exactly as Slack documents.
 * Every string the bot did not write itself (queries, catalog strings, names) goes through here,
 * so `<!channel>`, `<@U…>` or `<http://x|y>` typed by someone is shown, never executed.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link the bot makes from a catalog reference: `<url|title>` with both parts made safe. */
export function mrkdwnLink(url: string, title: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${safeUrl}|${escapeMrkdwn(title).replace(/\|/g, '¦')}>`;
}

/** Inline code in mrkdwn: escaped, with backticks the user typed made harmless. */
export function inlineCode(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, "'")}\``;
}
