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

/** One column of a localised export: machine key, the reader's heading, and whether it is money in fen. */
export interface Column<R> {
  key: string;
  label: string;
  value: (row: R) => Cell;
  fen?: boolean;
}

/**
 * A CSV for the reader's locale. zh-CN (the default tenant locale): Chinese headings, and every
 * money column in yuan with the machine-readable fen column kept beside it under its key. en: the
 * machine keys and fen, as integrations read them.
 */
export function localisedCsv<R>(locale: string, columns: readonly Column<R>[], rows: readonly R[]): string {
  if (locale === 'en') return toCsv(columns.map((c) => c.key), rows.map((r) => columns.map((c) => c.value(r))));
  const header = columns.flatMap((c) => (c.fen ? [c.label, c.key] : [c.label]));
  const yuanOf = (v: Cell) => (typeof v === 'number' ? (v / 100).toFixed(2) : v);
  return toCsv(header, rows.map((r) => columns.flatMap((c) => {
    const v = c.value(r);
    return c.fen ? [yuanOf(v), v] : [v];
  })));
}
