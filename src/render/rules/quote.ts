/**
 * Quoting for generated rules, so catalog or overlay text can never break out of a shell command, a
 * YAML or HCL string, a comment or a CSV cell, whatever it contains.
 */

/** One line of plain text: control characters, line and paragraph separators become spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A `#` comment line; the text cannot end the comment early. */
export function comment(text: string): string {
  const line = oneLine(text);
  return line ? `# ${line}` : '#';
}

/** A POSIX shell word in single quotes: nothing inside is expanded, a `'` is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A double-quoted string for YAML or HCL: JSON's escapes, with every non-ASCII character escaped too,
 * and HCL's `${` and `%{` written as `$${` and `%%{` so nothing is interpolated.
 */
export function quotedString(text: string, hcl = false): string {
  const json = JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return hcl ? json.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : json;
}

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a cell a spreadsheet would
 * read as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with `'`.
 */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A description for a cloud rule: only letters, digits, spaces and `._-:/()#,@[]+=&;!*` (the characters
 * AWS security group descriptions take; no `$`, braces or quotes), cut to `max` characters.
 */
export function description(text: string, max: number): string {
  return oneLine(text)
    .replace(/[^A-Za-z0-9 ._\-:/()#,@[\]+=&;!*]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** A shell variable the command needs, in double quotes: the shell stops with "set NAME" when it is unset. */
export function requiredVar(name: string): string {
  return `"\${${name}:?set ${name}}"`;
}
