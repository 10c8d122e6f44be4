import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { BadRequestError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { IMP } from './messages.js';
import type { RawRow } from './read-xlsx.js';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * UTF-8 (with or without BOM) or, when the bytes are not valid UTF-8, GB18030 — the superset of
 * GBK/GB2312 that Excel and WPS on Chinese Windows write as "CSV". UTF-16 only with its BOM.
 */
export function detectEncoding(buf: Buffer): CsvEncoding {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8-bom';
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

const ICONV_NAME: Record<CsvEncoding, string> = { 'utf-8': 'utf8', 'utf-8-bom': 'utf8', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be', 'gb18030': 'gb18030' };

/** Streams the CSV's records (decoded, BOM stripped) with their 1-based record numbers. */
export async function* readCsv(buf: Buffer, encoding: CsvEncoding): AsyncGenerator<RawRow> {
  // iconv-lite strips the BOM itself (stripBOM defaults to true).
  const chunks = Readable.from((function* () {
    for (let i = 0; i < buf.length; i += 64 * 1024) yield buf.subarray(i, i + 64 * 1024);
  })());
  const parser = chunks.pipe(iconv.decodeStream(ICONV_NAME[encoding])).pipe(
    parse({ relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 1024 * 1024 }),
  );
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: cells.map((c) => c.trim()) };
    }
  } catch (err) {
    throw new BadRequestError(say(IMP.csvUnreadable, { why: (err as Error).message }));
  } finally {
    parser.destroy();
  }
}
