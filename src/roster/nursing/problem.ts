import { DateTime } from 'luxon';
import { certificateCoversShift } from '../certificate.js';
import type { Instant, RosterInput, RosterNeed, RosterWeights } from '../types.js';

/** Default soft weights; see RosterWeights. Uncovered ≫ changed > on duty > continuity > the rest. */
export const DEFAULT_WEIGHTS: RosterWeights = {
  uncovered: 100_000,
  changedExisting: 300,
  aideOnDuty: 100,
  continuityBreak: 40,
  genderPreference: 30,
  awayFromHomeWard: 15,
  balance: 2,
};

export interface PShift {
  id: string; date: string; code: string; start: number; end: number; minutes: number; week: number;
  /** Local date as a day number (0 = the earliest date of the horizon or of prior work). */
  day: number;
}
export interface PAide {
  id: string; gender: string; certificateExpiry: string; skills: Set<string>; homeWards: Set<string>;
  maxWeeklyMinutes: number; minRestMs: number; prior: Array<[number, number]>; maxConsecutiveDays: number;
}
/** One (shift, booking) that must be covered: the unit the solver assigns. */
export interface PPair { shift: number; need: number; ward: number; load: number }

/** The input indexed for the solver: shifts sorted by start, pairs, continuity links, week indices. */
export interface Problem {
  timeZone: string;
  weights: RosterWeights;
  shifts: PShift[];
  aides: PAide[];
  needs: RosterNeed[];
  wards: string[];
  pairs: PPair[];
  pairsByShift: number[][];
  /** Pair of the same booking in its previous shift of the same code, or -1. */
  prevLink: Int32Array;
  nextLink: Int32Array;
  /** Aide index of the existing assignment, -1 if that aide is gone, -2 if there was none. */
  existingAide: Int32Array;
  /** Existing entries whose booking is no longer active in that shift. */
  released: number;
  weeks: number;
  /** Per aide: minutes already worked per week index (from alreadyWorked). */
  priorWeekMinutes: Float64Array;
  /** Day numbers in all (shift days and days of prior work). */
  days: number;
  /** Per (aide, day): shifts already worked starting that local date (from alreadyWorked). */
  priorDayShifts: Int32Array;
  /** Per (aide, shift): bit flags BLOCK_LEAVE | BLOCK_CERTIFICATE (0 = may work it). */
  aideShiftBlock: Uint8Array;
  /** Per (aide, need): bit flags BLOCK_SKILL | BLOCK_GENDER (0 = may serve that patient). */
  aideNeedBlock: Uint8Array;
}

export const BLOCK_LEAVE = 1;
export const BLOCK_CERTIFICATE = 2;
export const BLOCK_SKILL = 1;
export const BLOCK_GENDER = 2;

function toMillis(value: Instant, zone: string, what: string): number {
  const ms = typeof value === 'number' ? value : DateTime.fromISO(value, { zone }).toMillis();
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: invalid instant ${String(value)}`);
  return ms;
}

/**
 * Validates and indexes the input. Throws RangeError on inconsistent data (unknown shift ids,
 * shifts that end before they start, an unknown time zone) — the service should have caught it.
 */
export function buildProblem(input: RosterInput, weights: Partial<RosterWeights> = {}): Problem {
  const zone = input.timeZone;
  if (!DateTime.local().setZone(zone).isValid) throw new RangeError(`unknown time zone ${zone}`);
  const weekIndex = new Map<string, number>();
  const weekOf = (ms: number): number => {
    const key = DateTime.fromMillis(ms, { zone }).toFormat("kkkk-'W'WW");
    if (!weekIndex.has(key)) weekIndex.set(key, weekIndex.size);
    return weekIndex.get(key)!;
  };
  const shifts = input.shifts.map((s) => {
    const start = toMillis(s.start, zone, `shift ${s.id}`);
    const end = toMillis(s.end, zone, `shift ${s.id}`);
    if (!(end > start)) throw new RangeError(`shift ${s.id} ends before it starts`);
    return { id: s.id, date: s.date, code: s.code, start, end, minutes: (end - start) / 60_000, week: weekOf(start), day: 0 };
  }).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shiftIndex = new Map(shifts.map((s, i) => [s.id, i]));
  if (shiftIndex.size !== shifts.length) throw new RangeError('duplicate shift ids');

  const aides: PAide[] = input.aides.map((a) => ({
    id: a.id, gender: a.gender, certificateExpiry: a.certificateExpiry, skills: new Set(a.skills),
    homeWards: new Set(a.homeWardIds), maxWeeklyMinutes: (a.maxWeeklyHours ?? 60) * 60,
    minRestMs: (a.minRestHours ?? 11) * 3_600_000, maxConsecutiveDays: a.maxConsecutiveDays ?? 6,
    prior: (a.alreadyWorked ?? []).map((w) => [toMillis(w.start, zone, `aide ${a.id}`), toMillis(w.end, zone, `aide ${a.id}`)] as [number, number]),
  }));
  const aideIndex = new Map(aides.map((a, i) => [a.id, i]));
  if (aideIndex.size !== aides.length) throw new RangeError('duplicate aide ids');
  if (new Set(input.needs.map((n) => n.bookingId)).size !== input.needs.length) throw new RangeError('duplicate booking ids');
  for (const a of aides) for (const [start] of a.prior) weekOf(start);
  const weeks = weekIndex.size;
  const priorWeekMinutes = new Float64Array(aides.length * Math.max(weeks, 1));
  aides.forEach((a, i) => a.prior.forEach(([start, end]) => (priorWeekMinutes[i * weeks + weekOf(start)] += (end - start) / 60_000)));
  const { days, priorDayShifts } = numberDays(shifts, aides, zone);

  // A leave date blocks every shift that overlaps any part of that local day.
  const aideShiftBlock = new Uint8Array(aides.length * shifts.length);
  input.aides.forEach((a, i) => {
    const leave = a.leaveDates.map((d) => {
      const day = DateTime.fromISO(d, { zone }).startOf('day');
      return [day.toMillis(), day.plus({ days: 1 }).toMillis()];
    });
    shifts.forEach((s, k) => {
      let block = 0;
      if (leave.some(([from, to]) => s.start < to && s.end > from)) block |= BLOCK_LEAVE;
      if (!certificateCoversShift(a.certificateExpiry, s.end, zone)) block |= BLOCK_CERTIFICATE; // whole shift within validity
      aideShiftBlock[i * shifts.length + k] = block;
    });
  });

  const wards = [...new Set(input.needs.map((n) => n.wardId))].sort();
  const wardIndex = new Map(wards.map((w, i) => [w, i]));
  const aideNeedBlock = new Uint8Array(aides.length * input.needs.length);
  const pairs: PPair[] = [];
  const pairOf = new Map<string, number>();
  input.needs.forEach((n, j) => {
    if (!(n.careLevel.patientsPerAide > 0)) throw new RangeError(`booking ${n.bookingId}: patientsPerAide must be positive`);
    aides.forEach((a, i) => {
      const skill = n.careLevel.requiredSkill;
      let block = 0;
      if (skill && !a.skills.has(skill)) block |= BLOCK_SKILL;
      if (n.genderRequired && n.genderPreference && a.gender !== n.genderPreference) block |= BLOCK_GENDER;
      aideNeedBlock[i * input.needs.length + j] = block;
    });
    for (const id of new Set(n.activeShiftIds)) {
      const shift = shiftIndex.get(id);
      if (shift === undefined) throw new RangeError(`booking ${n.bookingId}: unknown shift ${id}`);
      pairOf.set(`${id}\u0000${n.bookingId}`, pairs.length);
      pairs.push({ shift, need: j, ward: wardIndex.get(n.wardId)!, load: 1 / n.careLevel.patientsPerAide });
    }
  });
  const pairsByShift = shifts.map(() => [] as number[]);
  pairs.forEach((p, k) => pairsByShift[p.shift].push(k));

  // Continuity links: consecutive active shifts of one booking with the same template code
  // (day→next day, night→next night): a day aide cannot also take the night after (rest).
  const prevLink = new Int32Array(pairs.length).fill(-1);
  const nextLink = new Int32Array(pairs.length).fill(-1);
  const last = new Map<string, number>();
  pairs.map((p, k) => k).sort((a, b) => pairs[a].shift - pairs[b].shift).forEach((k) => {
    const key = `${pairs[k].need}\u0000${shifts[pairs[k].shift].code}`;
    const before = last.get(key);
    if (before !== undefined) {
      prevLink[k] = before;
      nextLink[before] = k;
    }
    last.set(key, k);
  });

  const existingAide = new Int32Array(pairs.length).fill(-2);
  let released = 0;
  const seen = new Set<string>();
  for (const e of input.existing ?? []) {
    const key = `${e.shiftId}\u0000${e.bookingId}`;
    if (!shiftIndex.has(e.shiftId) || seen.has(key)) continue; // outside the horizon, or a duplicate
    seen.add(key);
    const p = pairOf.get(key);
    if (p === undefined) released++;
    else existingAide[p] = aideIndex.get(e.aideId) ?? -1;
  }
  return {
    timeZone: zone, weights: { ...DEFAULT_WEIGHTS, ...weights }, shifts, aides, needs: input.needs, wards, pairs,
    pairsByShift, prevLink, nextLink, existingAide, released, weeks, priorWeekMinutes, days, priorDayShifts, aideShiftBlock, aideNeedBlock,
  };
}

/** Numbers local dates from the earliest one seen; sets each shift's `day`; counts prior work per day. */
function numberDays(shifts: PShift[], aides: PAide[], zone: string): { days: number; priorDayShifts: Int32Array } {
  const dateOf = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate()!;
  const priorDates = aides.map((a) => a.prior.map(([start]) => dateOf(start)));
  const all = [...shifts.map((s) => s.date), ...priorDates.flat()];
  if (all.length === 0) return { days: 0, priorDayShifts: new Int32Array(0) };
  const first = DateTime.fromISO(all.reduce((x, y) => (y < x ? y : x)), { zone });
  const dayOf = (date: string) => Math.round(DateTime.fromISO(date, { zone }).diff(first, 'days').days);
  for (const s of shifts) s.day = dayOf(s.date);
  const days = Math.max(...all.map(dayOf)) + 1;
  const priorDayShifts = new Int32Array(aides.length * days);
  priorDates.forEach((dates, i) => dates.forEach((d) => priorDayShifts[i * days + dayOf(d)]++));
  return { days, priorDayShifts };
}
