/**
 * CSV for finance and audit exports: RFC 4180 quoting, CRLF lines, a UTF-8 byte-order mark so that
 * Excel opens Chinese text correctly, and text cells that a spreadsheet would run as a formula
 * (=, +, -, @ …) prefixed with an apostrophe. Numbers are written as numbers (fen, exact).
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
