import type { Deps } from '../deps.js';
import { say, type Text } from '../i18n/index.js';
import { IMP } from './messages.js';
import type { Row, SheetRow } from './parse.js';

export interface RowRejection {
  /** 1-based row number in the file (as Excel shows it). */
  row: number;
  key?: string;
  /** A catalogue sentence (stored as key + params, read in the reader's locale) or a zod message. */
  errors: { field: string; message: Text }[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejections: RowRejection[];
}

export interface ImportColumn {
  name: string;
  aliases: string[];
  required: boolean;
  /** What the column holds: a catalogue sentence (`say(M.x)`) is answered in the reader's locale. */
  description: Text;
}

/** One kind of spreadsheet import (residents, delivery recipients…), run by the people.import job. */
export interface Importer {
  kind: string;
  description: Text;
  columns: ImportColumn[];
  run(
    deps: Pick<Deps, 'prisma'>,
    tenant: { id: string; timeZone: string; actorUserId: string | null; locale: string },
    rows: SheetRow[],
    progress: (done: number) => Promise<void>,
    /** Column name → the header text it was found under (for messages naming the user's header). */
    headers: Record<string, string>,
  ): Promise<ImportSummary>;
}

/** The rejection of a row without its key value, naming the header it was read from. */
export function missingKey(col: ImportColumn, headers: Record<string, string>): { field: string; message: Text } {
  const header = headers[col.name] ?? col.name;
  return { field: col.name, message: say(IMP.missingKey, { header, name: col.name }) };
}

/** Column value of a row (the reader has already mapped headers and aliases to column names). */
export function column(row: Row, col: ImportColumn): string | undefined {
  const v = row[col.name];
  return v === undefined || v === '' ? undefined : v;
}

export function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', '是', '√'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', '否', ''].includes(s)) return false;
  return undefined;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
