import { BadRequestError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { IMP } from './messages.js';
import type { ImportColumn } from './importer.js';

/** Rows at the top of a sheet that may hold the headers (title rows, dates, notes come first). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Header text as compared: NFKC (full-width → half-width), case-, space-, '_', '-' and '*'
 * insensitive ('*姓名' marks a required column in many templates).
 */
export function normaliseHeader(h: string): string {
  return h.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-*:：]+/g, '');
}

/** '联系电话(手机)' → '联系电话': a parenthetical note does not change the column. */
function withoutNote(h: string): string {
  return h.replace(/[(（[【].*?[)）\]】]/g, '');
}

export interface HeaderMatch {
  /** 1-based row number of the header row. */
  row: number;
  /** Cell index → column name. */
  columnAt: Map<number, string>;
  /** Header text → column name, as found. */
  mapped: Record<string, string>;
  /** Headers that match no column (reported, their cells ignored). */
  unknown: string[];
}

/** Normalised header → column name, over every column's name and aliases. */
export function headerLookup(columns: ImportColumn[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const c of columns) for (const n of [c.name, ...c.aliases]) byName.set(normaliseHeader(n), c.name);
  return byName;
}

function matchRow(cells: string[], byName: Map<string, string>) {
  const columnAt = new Map<number, string>();
  const mapped: Record<string, string> = {};
  const unknown: string[] = [];
  const taken = new Set<string>();
  cells.forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    const key = normaliseHeader(text);
    const name = byName.get(key) ?? byName.get(withoutNote(key));
    // A second header for a column already taken (two 电话 columns) is reported, not merged.
    if (name && !taken.has(name)) {
      taken.add(name);
      columnAt.set(i, name);
      mapped[text] = name;
    } else {
      unknown.push(text);
    }
  });
  return { columnAt, mapped, unknown };
}

/**
 * The header row: the first of the top rows that names the key column and at least one other
 * known column (or names only known columns). Throws a 400 listing what it looked for.
 */
export function findHeader(top: { row: number; cells: string[] }[], columns: ImportColumn[]): HeaderMatch {
  const byName = headerLookup(columns);
  const key = columns.find((c) => c.required) ?? columns[0];
  for (const { row, cells } of top.slice(0, HEADER_SEARCH_ROWS)) {
    const m = matchRow(cells, byName);
    const named = [...m.columnAt.values()];
    if (!named.includes(key.name)) continue;
    if (named.length >= 2 || m.unknown.length === 0) return { row, ...m };
  }
  const keyNames = [key.name, ...key.aliases].join(' / ');
  throw new BadRequestError(
    say(IMP.noHeader, { rows: HEADER_SEARCH_ROWS, keyNames }),
    { lookedFor: [key.name, ...key.aliases] },
  );
}
