/** Route optimiser (VRPTW) — public surface. */
export * from './types.js';
export { solve } from './solve.js';
export { timeSequence } from './sequence-timing.js';
export type { SequenceTiming, TimedVisit } from './sequence-timing.js';
export { solveInWorker } from './solve-in-worker.js';
export { parseSolomon, solomonProblem, solomonToProblem } from './solomon.js';
export type { SolomonCustomer, SolomonInstance } from './solomon.js';
export { haversineMatrix, osrmTableMatrix } from './matrix/index.js';
export type { LatLon, MatrixResult, HaversineOptions, OsrmOptions } from './matrix/index.js';
