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
  /**
   * Distance annealing runs in cycles, each restarting from the best solution at
   * `reheat` × the start temperature (the first starts at full temperature): one cycle per
   * `cycleMs` of time limit or per `cycleIterations` iterations. Long single cools stall.
   */
  cycleMs: 600,
  cycleIterations: 45_000,
  reheat: 0.3,
  /** Probability that a ruin dissolves a whole route instead of removing strings. */
  routeRemoval: 0.003,
  /** SISR: average removed stops (c̄), max string length (L^max), split rate/depth, blink rate. */
  avgRemoved: 10,
  maxString: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
};
