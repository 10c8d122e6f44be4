import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BadRequestError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { IMP } from './messages.js';
import { checkDeclaredSizes, readCentralDirectory, verifyExpandedSizes } from './zip-guard.js';

/** One sheet row as text cells (index 0 = column A) with its 1-based row number. */
export interface RawRow {
  row: number;
  cells: string[];
}

export const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // a zip archive

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('error' in value) return '';
    return String(value);
  }
  return String(value);
}

/**
 * Checks the archive before anything is expanded: declared sizes from the central directory
 * (instant), then the real expanded sizes (streamed, output discarded, stops at the limit).
 */
export async function guardXlsx(buf: Buffer, maxExpandedBytes: number): Promise<void> {
  const entries = readCentralDirectory(buf);
  checkDeclaredSizes(entries, maxExpandedBytes);
  await verifyExpandedSizes(buf, entries, maxExpandedBytes);
}

/**
 * Streams the first worksheet row by row with exceljs's WorkbookReader (never the whole
 * workbook in memory). Call guardXlsx first: the reader itself has no size limit.
 */
export async function* readXlsx(buf: Buffer): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[]; // 1-based: values[1] is column A
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells[i - 1] = cellText(values[i]).trim();
        yield { row: row.number, cells: Array.from(cells, (c) => c ?? '') };
      }
      return; // the first sheet only
    }
  } catch (err) {
    if (err instanceof BadRequestError) throw err;
    throw new BadRequestError(say(IMP.xlsxUnreadable, { why: (err as Error).message }));
  }
}
