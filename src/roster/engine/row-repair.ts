import { OFF, type Contract, type ShiftModel } from './shift-model.js';

/**
 * Nudges a row's total minutes into [minMinutes, maxMinutes] with the cheapest single-day edits
 * that keep every run rule intact: switch a worked day to a longer/shorter type, extend a
 * working run into an adjacent day off, or drop the end day of a working run. The row DP prices
 * minutes with a multiplier whose response jumps by whole shifts; this closes the last gap.
 * `blocked` marks days the row may not work (fixed days off, weekends it may not work);
 * `forbidden[a * S + b]` = 1 when type b may not follow type a.
 */
export function repairRowMinutes(model: ShiftModel, c: Contract, row: Int16Array, costs: Float64Array,
  blocked: Uint8Array, allowed: readonly number[], forbidden: Uint8Array, maxSteps: number): void {
  const D = model.days;
  const S = model.shiftTypes.length;
  const len = (v: number): number => (v === OFF ? 0 : model.shiftTypes[v].minutes);
  const price = (d: number, v: number): number => costs[d * (S + 1) + v + 1];
  const forbids = (a: number, b: number): boolean => a !== OFF && b !== OFF && forbidden[a * S + b] === 1;
  const counts = new Int32Array(S);
  let minutes = 0;
  for (let d = 0; d < D; d++) if (row[d] !== OFF) {
    counts[row[d]]++;
    minutes += len(row[d]);
  }
  const runStart = new Int32Array(D);
  const runEnd = new Int32Array(D);
  for (let step = 0; step < maxSteps && (minutes < c.minMinutes || minutes > c.maxMinutes); step++) {
    const need = minutes < c.minMinutes ? 1 : -1; // +1: add minutes, -1: remove minutes
    for (let d = 0; d < D; d++) runStart[d] = d > 0 && (row[d - 1] === OFF) === (row[d] === OFF) ? runStart[d - 1] : d;
    for (let d = D - 1; d >= 0; d--) runEnd[d] = d < D - 1 && (row[d + 1] === OFF) === (row[d] === OFF) ? runEnd[d + 1] : d;
    // A run not touching an end of the horizon must meet its minimum length.
    const runOk = (from: number, to: number, min: number): boolean => to < from || from === 0 || to === D - 1 || to - from + 1 >= min;
    let bestDay = -1;
    let bestValue = OFF;
    let bestScore = Number.POSITIVE_INFINITY;
    const consider = (d: number, v: number): void => {
      const change = len(v) - len(row[d]);
      if (change * need <= 0) return;
      const after = minutes + change;
      // Prefer edits landing inside the window, then the cheapest per minute moved.
      const inside = after >= c.minMinutes && after <= c.maxMinutes;
      const score = (inside ? 0 : 1e9) + (price(d, v) - price(d, row[d])) / Math.abs(change);
      if (score < bestScore) {
        bestScore = score;
        bestDay = d;
        bestValue = v;
      }
    };
    for (let d = 0; d < D; d++) {
      const v = row[d];
      const prev = d > 0 ? row[d - 1] : OFF;
      const next = d < D - 1 ? row[d + 1] : OFF;
      if (v !== OFF) {
        for (const u of allowed) {
          if (u !== v && counts[u] < c.maxShifts[u] && !forbids(prev, u) && !forbids(u, next)) consider(d, u);
        }
        // Dropping a run's first or last day only lengthens the neighbouring days off; what is
        // left of the run must still be long enough.
        if (need < 0 && (runStart[d] === d || runEnd[d] === d)) {
          const from = runStart[d] === d ? d + 1 : runStart[d];
          const to = runStart[d] === d ? runEnd[d] : d - 1;
          if (runOk(from, to, c.minConsecutiveShifts)) consider(d, OFF);
        }
      } else if (need > 0 && !blocked[d] && (prev !== OFF || next !== OFF)) {
        const left = prev !== OFF ? d - runStart[d - 1] : 0;
        const right = next !== OFF ? runEnd[d + 1] - d : 0;
        if (left + 1 + right > c.maxConsecutiveShifts) continue;
        // The off run around d loses day d: what remains on each side must stay long enough.
        if (!runOk(runStart[d], d - 1, c.minConsecutiveDaysOff) || !runOk(d + 1, runEnd[d], c.minConsecutiveDaysOff)) continue;
        for (const u of allowed) if (counts[u] < c.maxShifts[u] && !forbids(prev, u) && !forbids(u, next)) consider(d, u);
      }
    }
    if (bestDay < 0) return;
    const old = row[bestDay];
    if (old !== OFF) counts[old]--;
    if (bestValue !== OFF) counts[bestValue]++;
    minutes += len(bestValue) - len(old);
    row[bestDay] = bestValue;
  }
}
