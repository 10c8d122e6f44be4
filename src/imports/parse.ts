import { findHeader, HEADER_SEARCH_ROWS } from './header.js';
import type { HeaderMatch } from './header.js';
import type { ImportColumn } from './importer.js';
import { ImportLimitError, limitMessages } from './limits.js';
import type { ImportLimits } from './limits.js';
import { detectEncoding, readCsv } from './read-csv.js';
import { guardXlsx, readXlsx, XLSX_MAGIC } from './read-xlsx.js';
import type { RawRow } from './read-xlsx.js';

export { normaliseHeader } from './header.js';

/** A data row keyed by import column name (unknown columns left out; they are reported). */
export type Row = Record<string, string>;

export interface SheetRow {
  /** 1-based row number in the file, as the user sees it in Excel. */
  row: number;
  values: Row;
}

export interface SheetInfo {
  encoding: string;
  headerRow: number;
  /** Header text → column name. */
  mappedColumns: Record<string, string>;
  unknownColumns: string[];
}

async function* rawRows(buf: Buffer, limits: ImportLimits): AsyncGenerator<RawRow, void, undefined> {
  if (buf.subarray(0, 4).equals(XLSX_MAGIC)) {
    await guardXlsx(buf, limits.maxExpandedBytes);
    yield* readXlsx(buf);
  } else {
    yield* readCsv(buf, detectEncoding(buf));
  }
}

const encodingOf = (buf: Buffer) => (buf.subarray(0, 4).equals(XLSX_MAGIC) ? 'xlsx' : detectEncoding(buf));

/** Rows with limits on count, cells and time; the limits are checked as rows stream in. */
export async function* limited(rows: AsyncGenerator<RawRow>, limits: ImportLimits): AsyncGenerator<RawRow> {
  const deadline = Date.now() + limits.maxSeconds * 1000;
  let count = 0, cells = 0;
  for await (const r of rows) {
    count++;
    cells += r.cells.length;
    if (count > limits.maxRows + HEADER_SEARCH_ROWS) throw new ImportLimitError(limitMessages.rows(limits.maxRows), 'rows');
    if (cells > limits.maxCells) throw new ImportLimitError(limitMessages.cells(limits.maxCells), 'cells');
    if (Date.now() > deadline) throw new ImportLimitError(limitMessages.time(limits.maxSeconds), 'time');
    yield r;
  }
}

function toRow(r: RawRow, header: HeaderMatch): SheetRow | undefined {
  const values: Row = {};
  for (const [i, name] of header.columnAt) {
    const v = r.cells[i];
    if (v) values[name] = v;
  }
  return Object.keys(values).length ? { row: r.row, values } : undefined;
}

const info = (encoding: string, h: HeaderMatch): SheetInfo => ({ encoding, headerRow: h.row, mappedColumns: h.mapped, unknownColumns: h.unknown });

/** Reads only the top of the file: the header row and its columns (a cheap check at upload). */
export async function sniffSheet(buf: Buffer, columns: ImportColumn[], limits: ImportLimits): Promise<SheetInfo> {
  const top: RawRow[] = [];
  for await (const r of limited(rawRows(buf, limits), limits)) {
    top.push(r);
    if (top.length >= HEADER_SEARCH_ROWS) break;
  }
  return info(encodingOf(buf), findHeader(top, columns));
}

/**
 * Reads CSV (UTF-8 with or without BOM, GB18030/GBK) or XLSX (first sheet) as a stream: finds
 * the header row among the top rows, then maps each data row to import columns. Blank rows
 * are skipped. `onRows` is called every 1 000 rows (heartbeat of a long read).
 */
export async function readSheet(buf: Buffer, columns: ImportColumn[], limits: ImportLimits, onRows?: (n: number) => Promise<void>) {
  const top: RawRow[] = [];
  const rows: SheetRow[] = [];
  let header: HeaderMatch | undefined;
  let seen = 0;
  for await (const r of limited(rawRows(buf, limits), limits)) {
    if (!header) {
      top.push(r);
      if (top.length < HEADER_SEARCH_ROWS) continue;
      header = findHeader(top, columns);
      for (const t of top.filter((t) => t.row > header!.row)) { const x = toRow(t, header); if (x) rows.push(x); }
      continue;
    }
    const x = toRow(r, header);
    if (x) rows.push(x);
    if (++seen % 1000 === 0 && onRows) await onRows(seen);
  }
  if (!header) {
    header = findHeader(top, columns);
    for (const t of top.filter((t) => t.row > header!.row)) { const x = toRow(t, header); if (x) rows.push(x); }
  }
  return { rows, info: info(encodingOf(buf), header) };
}
