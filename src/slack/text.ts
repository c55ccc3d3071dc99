/**
 * Turns Slack message text back into what the user typed: Slack escapes `&`, `<`, `>`, wraps
 * mentions and links in `<…>` (and auto-links words such as "logz.io"), so these are undone
 * before the engine sees the query. Mentions of people and the bot are dropped.
 */
export function slackTextToQuery(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      if (/^[@!]/.test(inner)) return ' ';
      if (inner.startsWith('#')) return ` ${inner.split('|')[1] ?? ''} `;
      const [target, label] = inner.split('|');
      if (label !== undefined) return label;
      return (target ?? '').replace(/^(https?:\/\/|mailto:)/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
