/**
 * CSV as RFC 4180 has it (every cell quoted, quotes doubled, CRLF), with the guard against
 * formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
 * return that hides one), so such a cell gets a leading apostrophe and is shown as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A byte-order mark first, so spreadsheet programs read the UTF-8 (Cyrillic, accents) right. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly unknown[]) =>
    cells.map((c) => csvCell(c as string | number | boolean | null | undefined)).join(',');
  return `\uFEFF${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}
