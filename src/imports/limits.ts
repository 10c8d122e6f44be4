import type { Config } from '../config.js';
import { UnprocessableError } from '../http/errors.js';

/**
 * What one import may cost. The upload limit bounds the bytes sent; these bound what they
 * expand into (an XLSX is a zip: 17 MB can hold 300 MB of sheet XML), so one file can neither
 * exhaust memory nor hold a worker (and the event loop it shares with the API) for long.
 */
export interface ImportLimits {
  maxRows: number;
  maxCells: number;
  /** Sum of the uncompressed sizes of an XLSX's entries. */
  maxExpandedBytes: number;
  maxSeconds: number;
}

export function importLimits(config: Pick<Config, 'IMPORT_MAX_ROWS' | 'IMPORT_MAX_CELLS' | 'IMPORT_MAX_EXPANDED_MB' | 'IMPORT_MAX_SECONDS'>): ImportLimits {
  return {
    maxRows: config.IMPORT_MAX_ROWS,
    maxCells: config.IMPORT_MAX_CELLS,
    maxExpandedBytes: config.IMPORT_MAX_EXPANDED_MB * 1024 * 1024,
    maxSeconds: config.IMPORT_MAX_SECONDS,
  };
}

/** A file refused for its size or cost; not worth a retry. */
export class ImportLimitError extends UnprocessableError {
  constructor(detail: string, readonly limit: string) {
    super(detail, { limit });
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const limitMessages = {
  expanded: (declared: number, max: number) =>
    `The XLSX file expands to ${mb(declared)} (limit ${mb(max)}): it looks like a zip bomb or a very large sheet; split it into smaller files. / 该 XLSX 文件解压后为 ${mb(declared)}（上限 ${mb(max)}），疑似压缩炸弹或表格过大，请拆分成多个文件。`,
  lying: () =>
    'The XLSX file expands to more than it declares: it is damaged or crafted to exhaust the server; it was refused. / 该 XLSX 文件解压后的大小与其声明不符（文件损坏或被刻意构造），已拒绝。',
  rows: (max: number) => `The file has more than ${max} rows; split it into smaller files. / 文件超过 ${max} 行，请拆分成多个文件。`,
  cells: (max: number) => `The file has more than ${max} cells; remove unused columns or split it. / 文件超过 ${max} 个单元格，请删除多余的列或拆分文件。`,
  time: (s: number) => `Reading the file took longer than ${s} s; split it into smaller files. / 读取文件超过 ${s} 秒，请拆分成多个文件。`,
};
