import type { Deps } from '../deps.js';
import type { Row } from './parse.js';

export interface RowRejection {
  /** 1-based spreadsheet row number (the header is row 1). */
  row: number;
  key?: string;
  errors: { field: string; message: string }[];
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
  description: string;
}

/** One kind of spreadsheet import (residents, delivery recipients…), run by the people.import job. */
export interface Importer {
  kind: string;
  description: string;
  columns: ImportColumn[];
  run(
    deps: Pick<Deps, 'prisma'>,
    tenant: { id: string; timeZone: string; actorUserId: string | null },
    rows: Row[],
    progress: (done: number) => Promise<void>,
  ): Promise<ImportSummary>;
}

/** Column value by its canonical name or any alias. */
export function column(row: Row, col: ImportColumn): string | undefined {
  for (const name of [col.name, ...col.aliases]) {
    const v = row[name.trim().toLowerCase().replace(/[\s_-]+/g, '')];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
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
