import { addBlock, staticOk } from './feasibility.js';
import type { Problem } from './problem.js';
import type { RosterState } from './state.js';

/**
 * Greedy construction:
 *  0. re-rostering: first keep every existing assignment the rules still allow, over the whole
 *     horizon — filling gaps shift by shift first could use up an aide's weekly hours or rest
 *     window and force later existing assignments to change;
 * then shift by shift in start order:
 *  1. the aide who had this patient in the previous shift of the same code (continuity);
 *  2. then the most constrained pairs first (fewest statically eligible aides, heaviest load):
 *     best-fit onto an aide already on duty in that ward and shift (bin packing), else open the
 *     aide whose marginal soft cost is lowest (home ward, balance, gender preference);
 *  3. pairs no aide can take stay uncovered and are reported with a reason.
 */
export function construct(problem: Problem, state: RosterState): void {
  const A = problem.aides.length;
  const eligibleCount = new Int32Array(problem.pairs.length);
  problem.pairs.forEach((_, p) => {
    let n = 0;
    for (let a = 0; a < A; a++) if (staticOk(problem, a, p)) n++;
    eligibleCount[p] = n;
  });

  for (let s = 0; s < problem.shifts.length; s++) {
    for (const p of problem.pairsByShift[s]) {
      const ex = problem.existingAide[p];
      if (ex >= 0 && addBlock(problem, state, ex, p) === null) state.place(p, ex);
    }
  }
  for (let s = 0; s < problem.shifts.length; s++) {
    const pending: number[] = [];
    for (const p of problem.pairsByShift[s]) {
      if (state.assign[p] >= 0) continue;
      const prev = problem.prevLink[p];
      const previousAide = prev >= 0 ? state.assign[prev] : -1;
      if (previousAide >= 0 && addBlock(problem, state, previousAide, p) === null) state.place(p, previousAide);
      else pending.push(p);
    }
    pending.sort((p, q) => eligibleCount[p] - eligibleCount[q] || problem.pairs[q].load - problem.pairs[p].load || p - q);
    for (const p of pending) {
      const a = bestOnDuty(problem, state, p) ?? bestNewAide(problem, state, p);
      if (a !== null) state.place(p, a);
    }
  }
}

/** Best fit: the on-duty aide in the same ward whose load would be highest after adding p. */
function bestOnDuty(problem: Problem, state: RosterState, p: number): number | null {
  const pair = problem.pairs[p];
  let best: number | null = null;
  let bestLoad = -1;
  for (const q of problem.pairsByShift[pair.shift]) {
    const a = state.assign[q];
    if (a < 0 || a === best) continue;
    const load = state.slotLoad[state.slot(pair.shift, a)];
    if (load > bestLoad && addBlock(problem, state, a, p) === null) {
      best = a;
      bestLoad = load;
    }
  }
  return best;
}

/** The off-duty aide whose marginal soft cost for taking p is lowest (ties: lowest index). */
function bestNewAide(problem: Problem, state: RosterState, p: number): number | null {
  const w = problem.weights;
  const pair = problem.pairs[p];
  const need = problem.needs[pair.need];
  const shift = problem.shifts[pair.shift];
  let best: number | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let a = 0; a < problem.aides.length; a++) {
    if (state.slotWard[state.slot(pair.shift, a)] >= 0 || addBlock(problem, state, a, p) !== null) continue;
    const aide = problem.aides[a];
    const hours = state.horizonMinutes[a] / 720;
    const extra = shift.minutes / 720;
    let score = w.balance * ((hours + extra) ** 2 - hours ** 2);
    if (aide.homeWards.size > 0 && !aide.homeWards.has(need.wardId)) score += w.awayFromHomeWard;
    if (!need.genderRequired && need.genderPreference && aide.gender !== need.genderPreference) score += w.genderPreference;
    // Keep scarce aides (extra skills) free for the patients who need them.
    score += aide.skills.size * 0.01;
    if (score < bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return best;
}
