// Every nursing test solves through this helper, so the independent validator re-checks all
// hard rules on every roster the tests see.
import { expect } from 'vitest';
import { solveRoster } from '../../../src/roster/solve-roster.js';
import type { RosterInput, RosterOptions, RosterResult } from '../../../src/roster/types.js';
import { validateRoster } from './validate-roster.js';

export function solveChecked(input: RosterInput, options: RosterOptions = {}): RosterResult {
  const result = solveRoster(input, { seed: 7, ...options });
  expect(validateRoster(input, result)).toEqual([]);
  return result;
}

/** Aide id serving booking b in shift s, or undefined. */
export function aideOf(result: RosterResult, shiftId: string, bookingId: string): string | undefined {
  return result.assignments.find((a) => a.shiftId === shiftId && a.bookingIds.includes(bookingId))?.aideId;
}
