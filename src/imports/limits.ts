import type { Config } from '../config.js';
import { UnprocessableError } from '../http/errors.js';
import { type Localized, say } from '../i18n/index.js';
import { IMP } from './messages.js';

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
  constructor(detail: Localized, readonly limit: string) {
    super(detail, { limit });
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const limitMessages = {
  expanded: (declared: number, max: number) => say(IMP.expanded, { size: mb(declared), max: mb(max) }),
  lying: () => say(IMP.lying),
  rows: (max: number) => say(IMP.rows, { max }),
  cells: (max: number) => say(IMP.cells, { max }),
  time: (seconds: number) => say(IMP.time, { seconds }),
};
