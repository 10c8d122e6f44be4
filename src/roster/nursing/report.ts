import type { RosterAssignment, RosterObjective, RosterStats, UncoveredCause, UncoveredGroup } from '../types.js';
import { addBlock, staticCauses } from './feasibility.js';
import type { Problem } from './problem.js';
import type { RosterState } from './state.js';

/** English words for each cause; the nursing service words them in the hospital's locale from here. */
export const CAUSE_TEXT: Record<UncoveredCause, string> = {
  no_eligible_aide: 'no aide is eligible',
  gender: 'no available aide of the required gender',
  certificate: 'the suitable aides\u2019 certificates have expired',
  skill: 'no available aide has the required skill',
  leave: 'the suitable aides are on leave',
  rest: 'the suitable aides would not get their minimum rest',
  weekly_hours: 'the suitable aides would exceed their weekly hours',
  consecutive_days: 'the suitable aides would work too many days in a row',
  capacity: 'all eligible aides are already busy',
};

/**
 * Why no aide covers pair p. If some aides pass the static rules, the most common reason they
 * cannot take it now (busy, rest, weekly hours); otherwise the rule that alone excludes the most
 * aides (e.g. 'certificate' when the only suitable aide's certificate has expired).
 */
export function diagnose(problem: Problem, state: RosterState, p: number): UncoveredCause {
  const dynamic = new Map<UncoveredCause, number>();
  const single = new Map<UncoveredCause, number>();
  problem.aides.forEach((_, a) => {
    const causes = staticCauses(problem, a, p);
    if (causes.length === 0) {
      const c = addBlock(problem, state, a, p) ?? 'capacity';
      dynamic.set(c, (dynamic.get(c) ?? 0) + 1);
    } else if (causes.length === 1) {
      single.set(causes[0], (single.get(causes[0]) ?? 0) + 1);
    }
  });
  const top = (m: Map<UncoveredCause, number>): UncoveredCause | null =>
    [...m].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;
  return top(dynamic) ?? top(single) ?? 'no_eligible_aide';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Groups uncovered pairs by shift, ward, care level and cause, with a readable reason. */
export function uncoveredGroups(problem: Problem, state: RosterState): UncoveredGroup[] {
  const groups = new Map<string, UncoveredGroup & { load: number }>();
  problem.pairs.forEach((pair, p) => {
    if (state.assign[p] >= 0) return;
    const need = problem.needs[pair.need];
    const shift = problem.shifts[pair.shift];
    const cause = diagnose(problem, state, p);
    const key = [pair.shift, need.wardId, need.careLevel.code, cause].join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = { shiftId: shift.id, date: shift.date, shiftCode: shift.code, wardId: need.wardId, careLevel: need.careLevel.code,
        patients: 0, bookingIds: [], aidesShort: 0, cause, reason: '', load: 0 };
      groups.set(key, g);
    }
    g.patients++;
    g.bookingIds.push(need.bookingId);
    g.load += pair.load;
  });
  return [...groups.values()].map(({ load, ...g }) => {
    const aidesShort = Math.max(1, Math.ceil(load - 1e-9));
    const verb = g.patients === 1 ? 'needs' : 'need';
    const reason = `${g.shiftCode} ${g.date}, ward ${g.wardId}: ${plural(g.patients, `${g.careLevel} patient`)} ${verb} ` +
      `${aidesShort} more aide${aidesShort === 1 ? '' : 's'} (${CAUSE_TEXT[g.cause]})`;
    return { ...g, aidesShort, reason };
  });
}

/** One assignment per aide on duty per shift, in shift order. */
export function assignments(problem: Problem, state: RosterState): RosterAssignment[] {
  const out: RosterAssignment[] = [];
  problem.shifts.forEach((shift, s) => {
    problem.aides.forEach((aide, a) => {
      const k = state.slot(s, a);
      if (state.slotWard[k] < 0) return;
      const pairs = [...state.slotPairs[k]!].sort((x, y) => x - y);
      const load = pairs.reduce((sum, p) => sum + problem.pairs[p].load, 0);
      out.push({ shiftId: shift.id, aideId: aide.id, wardId: problem.wards[state.slotWard[k]],
        bookingIds: pairs.map((p) => problem.needs[problem.pairs[p].need].bookingId), load: Math.round(load * 1e6) / 1e6 });
    });
  });
  return out;
}

/** Statistics and the weighted objective, recomputed from the final assignment. */
export function statsAndObjective(problem: Problem, state: RosterState, iterations: number):
  { stats: RosterStats; objective: RosterObjective } {
  let links = 0;
  let keptLinks = 0;
  let reassigned = 0;
  let uncoveredExisting = 0;
  let kept = 0;
  problem.pairs.forEach((_, p) => {
    const q = problem.nextLink[p];
    if (q >= 0 && state.assign[p] >= 0 && state.assign[q] >= 0) {
      links++;
      if (state.assign[p] === state.assign[q]) keptLinks++;
    }
    const ex = problem.existingAide[p];
    if (ex === -2) return;
    if (state.assign[p] < 0) uncoveredExisting++;
    else if (state.assign[p] === ex) kept++;
    else reassigned++;
  });
  const aidesOnDutyPerShift = Object.fromEntries(problem.shifts.map((s, i) => [s.id, state.dutyPerShift[i]]));
  const hoursPerAide = Object.fromEntries(problem.aides.map((a, i) => [a.id, state.horizonMinutes[i] / 60]));
  const sumSquares = problem.aides.reduce((sum, _, i) => sum + (state.horizonMinutes[i] / 720) ** 2, 0);
  const w = problem.weights;
  const objective: RosterObjective = {
    uncovered: w.uncovered * state.uncovered,
    aidesOnDuty: w.aideOnDuty * state.onDuty,
    continuity: w.continuityBreak * (links - keptLinks),
    changes: w.changedExisting * (reassigned + uncoveredExisting),
    homeWard: w.awayFromHomeWard * state.away,
    genderPreference: w.genderPreference * state.genderMisses,
    balance: Math.round(w.balance * sumSquares * 1000) / 1000,
    total: 0,
  };
  objective.total = objective.uncovered + objective.aidesOnDuty + objective.continuity + objective.changes +
    objective.homeWard + objective.genderPreference + objective.balance;
  const stats: RosterStats = {
    aidesOnDutyPerShift, hoursPerAide,
    continuityPct: links === 0 ? null : Math.round((1000 * keptLinks) / links) / 10,
    coveredPairs: problem.pairs.length - state.uncovered, uncoveredPairs: state.uncovered,
    kept, changed: reassigned + uncoveredExisting + problem.released,
    changes: { reassigned, uncovered: uncoveredExisting, released: problem.released }, iterations,
  };
  return { stats, objective };
}
