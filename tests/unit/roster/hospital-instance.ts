// Seeded hospital-sized nursing roster instances, shared by the unit tests and
// `npm run bench:nursing-roster`: wards with a steady number of occupied beds (stays of 3–14 days,
// admissions spread so the census does not drift), SPEC care levels, and aides with genders, skills,
// certificates, leave and 60 h weeks — about a third more aide-hours than the lower bound needs.
import { DateTime } from 'luxon';
import type { RosterAide, RosterInput, RosterNeed, RosterShift } from '../../../src/roster/types.js';

export const ZONE = 'Asia/Shanghai';
const LEVELS = [
  { code: 'special', patientsPerAide: 1 }, { code: 'level1', patientsPerAide: 2 },
  { code: 'level2', patientsPerAide: 3 }, { code: 'level3', patientsPerAide: 6 },
] as const;
export const HOSPITAL_SIZES = {
  small: { wards: 2, beds: 30, days: 7 },
  medium: { wards: 4, beds: 80, days: 14 },
  large: { wards: 8, beds: 200, days: 28 },
} as const;
export type HospitalSize = keyof typeof HOSPITAL_SIZES;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function shiftsFrom(first: string, days: number): RosterShift[] {
  const out: RosterShift[] = [];
  for (let i = 0; i < days; i++) {
    const date = DateTime.fromISO(first, { zone: ZONE }).plus({ days: i });
    for (const code of ['day', 'night']) {
      const start = date.set({ hour: code === 'day' ? 8 : 20 });
      out.push({ id: `${code}-${date.toISODate()}`, date: date.toISODate()!, code, start: start.toISO()!, end: start.plus({ hours: 12 }).toISO()! });
    }
  }
  return out;
}

/** Σ over shifts and wards of ⌈Σ 1/ratio⌉: aides on duty that no roster can go below. */
export function aidesLowerBound(input: RosterInput): number {
  const load = new Map<string, number>();
  for (const n of input.needs) {
    for (const s of n.activeShiftIds) load.set(`${s}|${n.wardId}`, (load.get(`${s}|${n.wardId}`) ?? 0) + 1 / n.careLevel.patientsPerAide);
  }
  return [...load.values()].reduce((a, l) => a + Math.ceil(l - 1e-9), 0);
}

export function hospitalInstance(size: HospitalSize, seed: number): RosterInput {
  const { wards, beds, days } = HOSPITAL_SIZES[size];
  const rnd = lcg(seed);
  const meanStayShifts = 2 * 8.5;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const shifts = shiftsFrom('2026-12-07', days);
  const wardIds = Array.from({ length: wards }, (_, i) => `ward-${i + 1}`);
  // Admissions spread over [−stay, horizon) keep about `beds` patients in at any time.
  const patients = Math.round((beds * (shifts.length + meanStayShifts)) / meanStayShifts);
  const needs: RosterNeed[] = Array.from({ length: patients }, (_, i) => {
    const stay = 2 * (3 + Math.floor(rnd() * 12));
    const admitted = Math.floor(rnd() * (shifts.length + stay)) - stay;
    const from = Math.max(0, admitted);
    const to = Math.min(shifts.length, admitted + stay);
    const level = pick([LEVELS[0], LEVELS[1], LEVELS[1], LEVELS[2], LEVELS[2], LEVELS[2], LEVELS[3], LEVELS[3]]);
    const gender = rnd() < 0.2 ? pick(['female', 'male'] as const) : null;
    return {
      bookingId: `b${i}`, patientId: `p${i}`, wardId: pick(wardIds), activeShiftIds: shifts.slice(from, to).map((s) => s.id),
      careLevel: level.code === 'special' && rnd() < 0.3 ? { ...level, requiredSkill: 'icu' } : { ...level },
      genderPreference: gender, genderRequired: gender !== null && rnd() < 0.5,
    };
  });
  // Enough aides for the average need at 5 twelve-hour shifts a week, plus a third for leave and rules.
  const perShift = aidesLowerBound({ timeZone: ZONE, shifts, needs, aides: [] }) / shifts.length;
  const count = Math.ceil((perShift * 14 / 5) * 1.35);
  const aides: RosterAide[] = Array.from({ length: count }, (_, i) => ({
    id: `a${i}`, gender: rnd() < 0.75 ? 'female' : 'male', skills: rnd() < 0.3 ? ['icu'] : [],
    homeWardIds: [pick(wardIds)], certificateExpiry: rnd() < 0.05 ? shifts[Math.floor(rnd() * shifts.length)].date : '2028-12-31',
    leaveDates: rnd() < 0.15 ? [pick(shifts).date] : [], maxWeeklyHours: 60, minRestHours: 11,
  }));
  return { timeZone: ZONE, shifts, needs, aides };
}
