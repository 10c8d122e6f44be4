/**
 * The nursing roster (免陪照护) at hospital sizes, as the `roster.plan` job runs it (same iteration
 * budget and 30 s cap: rosterBudget). Instances are generated from a seed: wards with a steady
 * number of occupied beds (stays of 3–14 days, admissions spread so the census does not drift),
 * SPEC care levels, aides with genders, skills, certificates, leave and 60 h weeks.
 *   npm run bench:nursing-roster -- [--sizes small,medium,large] [--seed N]
 * Per size it prints coverage, aides on duty against a lower bound computed in the same run
 * (Σ over shifts and wards of ⌈Σ 1/ratio⌉ — no roster can use fewer), continuity, hours spread,
 * hard-rule violations found by the tests' independent validator, and then re-rosters after one
 * discharge and one aide's two days of sick leave: changed pairs against the pairs those two
 * events force to change.
 */
import { DateTime } from 'luxon';
import { aidesLowerBound, HOSPITAL_SIZES as SIZES, hospitalInstance as hospital, ZONE, type HospitalSize as Size } from '../tests/unit/roster/hospital-instance.js';
import { solveRoster } from '../src/roster/index.js';
import type { RosterInput, RosterResult } from '../src/roster/types.js';
import { rosterBudget } from '../src/nursing/roster/solve-roster-in-worker.js';
import { validateRoster } from '../tests/unit/roster/validate-roster.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function solve(input: RosterInput, seed: number): { result: RosterResult; seconds: number } {
  const t0 = performance.now();
  const result = solveRoster(input, { seed, ...rosterBudget(input), now: () => performance.now() });
  return { result, seconds: (performance.now() - t0) / 1000 };
}

/** One discharge (the booking ends half-way) and one aide off sick for two days, then re-roster. */
function afterChanges(input: RosterInput, first: RosterResult) {
  const mid = Math.floor(input.shifts.length / 2);
  const later = new Set(input.shifts.slice(mid).map((s) => s.id));
  const discharged = input.needs.find((n) => n.activeShiftIds.some((s) => later.has(s)) && n.activeShiftIds.length > 4)!;
  const sickAide = first.assignments.find((a) => input.shifts.findIndex((s) => s.id === a.shiftId) >= mid)!.aideId;
  const sickDates = [input.shifts[mid].date, input.shifts[mid + 2].date];
  // Leave blocks every shift that overlaps the day, so the night before counts too.
  const ms = (v: string | number) => (typeof v === 'number' ? v : DateTime.fromISO(v, { zone: ZONE }).toMillis());
  const days = sickDates.map((d) => DateTime.fromISO(d, { zone: ZONE })).map((d) => [d.toMillis(), d.plus({ days: 1 }).toMillis()]);
  const sickShifts = new Set(input.shifts.filter((s) => days.some(([a, b]) => ms(s.start) < b && ms(s.end) > a)).map((s) => s.id));
  const existing = first.assignments.flatMap((a) => a.bookingIds.map((bookingId) => ({ shiftId: a.shiftId, aideId: a.aideId, bookingId })));
  const forced = existing.filter((e) => (e.bookingId === discharged.bookingId && later.has(e.shiftId)) ||
    (e.aideId === sickAide && sickShifts.has(e.shiftId))).length;
  const next: RosterInput = {
    ...input,
    existing,
    needs: input.needs.map((n) => (n === discharged ? { ...n, activeShiftIds: n.activeShiftIds.filter((s) => !later.has(s)) } : n)),
    aides: input.aides.map((a) => (a.id === sickAide ? { ...a, leaveDates: [...a.leaveDates, ...sickDates] } : a)),
  };
  return { next, forced, existing: existing.length };
}

const seed = Number(arg('--seed') ?? '1');
const sizes = (arg('--sizes')?.split(',') ?? Object.keys(SIZES)) as Size[];
console.log(['size', 'wards×beds×days', 'aides', 'pairs', 'seconds', 'covered %', 'aides on duty', 'lower bound', 'ratio',
  'continuity %', 'hours min–max', 'violations', 're-roster s', 'changed', 'forced', 'existing'].join('\t'));
for (const size of sizes) {
  if (!(size in SIZES)) throw new Error(`unknown size ${size}; use ${Object.keys(SIZES).join(',')}`);
  const input = hospital(size, seed);
  const { result, seconds } = solve(input, seed);
  const onDuty = Object.values(result.stats.aidesOnDutyPerShift).reduce((a, b) => a + b, 0);
  const bound = aidesLowerBound(input);
  const hours = Object.values(result.stats.hoursPerAide).filter((h) => h > 0);
  const pairs = result.stats.coveredPairs + result.stats.uncoveredPairs;
  const { next, forced, existing } = afterChanges(input, result);
  const again = solve(next, seed);
  const violations = validateRoster(input, result).length + validateRoster(next, again.result).length;
  const { wards, beds, days } = SIZES[size];
  console.log([size, `${wards}×${beds}×${days}`, input.aides.length, pairs, seconds.toFixed(2),
    (100 * result.stats.coveredPairs / pairs).toFixed(1), onDuty, bound, (onDuty / bound).toFixed(3),
    result.stats.continuityPct?.toFixed(1) ?? '-', `${Math.min(...hours)}–${Math.max(...hours)}`, violations,
    again.seconds.toFixed(2), again.result.stats.changed, forced, existing].join('\t'));
  const causes = new Map<string, number>();
  for (const g of result.uncovered) causes.set(g.cause, (causes.get(g.cause) ?? 0) + g.patients);
  if (causes.size) console.log(`  uncovered pairs by cause: ${[...causes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
}
console.log(`seed ${seed}; budget as the roster.plan job (rosterBudget); ratio = aides on duty / lower bound;` +
  ' forced = existing pairs of the discharged patient after discharge + of the sick aide on the sick days');
