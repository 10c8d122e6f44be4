import type { ShiftModel } from '../engine/shift-model.js';
import { solveShiftModel, type ShiftSearchOptions, type ShiftSearchResult } from '../engine/shift-search.js';
import { parseCurtois } from './parse.js';

export interface CurtoisSolveResult extends ShiftSearchResult {
  /** The schedule as shift ids per employee and day ('' = day off), for printing or export. */
  roster: string[][];
}

/**
 * Solves a Curtois & Qu instance (given as file text or an already parsed model) with the
 * generic shift-assignment engine and evaluates the result with the benchmark's own objective.
 */
export function solveCurtois(input: string | ShiftModel, options: ShiftSearchOptions = {}): CurtoisSolveResult {
  const model = typeof input === 'string' ? parseCurtois(input).model : input;
  const result = solveShiftModel(model, options);
  const D = model.days;
  const roster = model.employees.map((_, e) =>
    Array.from(result.schedule.subarray(e * D, (e + 1) * D), (v) => (v < 0 ? '' : model.shiftTypes[v].id)));
  return { ...result, roster };
}
