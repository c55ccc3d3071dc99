/** Reads CSV as RFC 4180 writes it: quoted cells, doubled quotes, CRLF rows. For tests only. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted cell');
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** Lines that are not comments or blank: what a shell would run. */
export function commands(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
}
