import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { BadRequestError } from '../http/errors.js';

export type Row = Record<string, string>;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // a zip archive

/** Header names are matched case-, space- and underscore-insensitively. */
export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return String(value);
  }
  return String(value);
}

async function parseXlsx(buffer: Buffer): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = normaliseHeader(cellText(cell.value))));
  const rows: Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row: Row = {};
    let any = false;
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellText(cell.value).trim();
      if (headers[col] && text) {
        row[headers[col]] = text;
        any = true;
      }
    });
    rows.push(any ? row : {});
  }
  return rows;
}

function parseCsvText(buffer: Buffer): Row[] {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return parseCsv(text, {
      columns: (header: string[]) => header.map(normaliseHeader),
      skip_empty_lines: false,
      relax_column_count: true,
      trim: true,
    }) as Row[];
  } catch (err) {
    throw new BadRequestError(`The CSV file cannot be read: ${(err as Error).message}`);
  }
}

/** Reads CSV (UTF-8, with or without BOM) or XLSX (first sheet); row 1 holds the headers. */
export async function parseSpreadsheet(buffer: Buffer): Promise<Row[]> {
  if (buffer.subarray(0, 4).equals(XLSX_MAGIC)) {
    try {
      return await parseXlsx(buffer);
    } catch (err) {
      throw new BadRequestError(`The XLSX file cannot be read: ${(err as Error).message}`);
    }
  }
  return parseCsvText(buffer);
}

/** Picks a column by any of its accepted names (English or Chinese). */
export function pick(row: Row, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = row[normaliseHeader(n)];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}
