/** Public API of the roster module: the nursing solver, the generic engine and the Curtois benchmark. */
export { defaultRosterIterations, solveRoster } from './solve-roster.js';
export type * from './types.js';
export { DEFAULT_WEIGHTS } from './nursing/problem.js';
export { CAUSE_TEXT } from './nursing/report.js';
export { solveShiftModel, type ShiftSearchOptions, type ShiftSearchResult } from './engine/shift-search.js';
export { evaluateSchedule, type ShiftEvaluation, type HardViolations, type SoftPenalties } from './engine/shift-evaluate.js';
export { OFF, mondayWeekends, type ShiftModel, type Schedule, type Contract, type ShiftType } from './engine/shift-model.js';
export { parseCurtois, type CurtoisInstance } from './curtois/parse.js';
export { solveCurtois, type CurtoisSolveResult } from './curtois/solve.js';
export { createRng, type Rng } from './engine/prng.js';
export { rosterInputSchema, rosterNeedSchema, rosterAideSchema, rosterShiftSchema } from './schema.js';
