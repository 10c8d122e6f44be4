/**
 * Search parameters, tuned on the Solomon set (see README.md). Exported as one mutable object so
 * benchmark experiments can vary them without touching the solver; production code should
 * leave them alone.
 */
export const TUNING = {
  /** Annealing start/end temperature, in units of the mean stop-to-nearest-stop cost. */
  tStart: 10,
  tEnd: 0.02,
  /** Share of the budget spent on fleet minimisation before annealing on distance. */
  fleetShare: 0.1,
  /** Vehicles objective: budget fraction at which fleet minimisation ends. */
  fleetEnd: 0.7,
  /** SISR: average removed stops (c̄), max string length (L^max), split rate/depth, blink rate. */
  avgRemoved: 10,
  maxString: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
};
