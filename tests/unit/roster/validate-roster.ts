// Independent checker of the nursing roster's hard rules. It imports only types from the
// solver and recomputes everything from the raw input, so a bug in the solver's feasibility
// module cannot hide itself here.
import { DateTime } from 'luxon';
import type { Instant, RosterInput, RosterResult } from '../../../src/roster/types.js';

function ms(value: Instant, zone: string): number {
  return typeof value === 'number' ? value : DateTime.fromISO(value, { zone }).toMillis();
}

/** Returns one message per violated hard rule (empty array = the roster is valid). */
export function validateRoster(input: RosterInput, result: RosterResult): string[] {
  const zone = input.timeZone;
  const errors: string[] = [];
  const shifts = new Map(input.shifts.map((s) => [s.id, { ...s, s: ms(s.start, zone), e: ms(s.end, zone) }]));
  const aides = new Map(input.aides.map((a) => [a.id, a]));
  const needs = new Map(input.needs.map((n) => [n.bookingId, n]));

  // Coverage: every active (shift, booking) exactly once, either assigned or reported uncovered.
  const seen = new Map<string, number>();
  const bump = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const a of result.assignments) for (const b of a.bookingIds) bump(`${a.shiftId}|${b}`);
  for (const g of result.uncovered) for (const b of g.bookingIds) bump(`${g.shiftId}|${b}`);
  for (const n of input.needs) {
    for (const s of new Set(n.activeShiftIds)) {
      const count = seen.get(`${s}|${n.bookingId}`) ?? 0;
      if (count !== 1) errors.push(`booking ${n.bookingId} in shift ${s} appears ${count} times`);
      seen.delete(`${s}|${n.bookingId}`);
    }
  }
  for (const key of seen.keys()) errors.push(`assignment for an inactive pair ${key}`);

  const perAide = new Map<string, Array<{ s: number; e: number }>>();
  const slots = new Set<string>();
  for (const a of result.assignments) {
    const shift = shifts.get(a.shiftId);
    const aide = aides.get(a.aideId);
    if (!shift || !aide) {
      errors.push(`unknown shift or aide in ${JSON.stringify(a)}`);
      continue;
    }
    const slot = `${a.shiftId}|${a.aideId}`;
    if (slots.has(slot)) errors.push(`aide ${a.aideId} has two assignments in shift ${a.shiftId}`);
    slots.add(slot);
    let load = 0;
    for (const b of a.bookingIds) {
      const need = needs.get(b);
      if (!need) {
        errors.push(`unknown booking ${b}`);
        continue;
      }
      load += 1 / need.careLevel.patientsPerAide;
      if (need.wardId !== a.wardId) errors.push(`aide ${a.aideId} in shift ${a.shiftId} serves wards ${a.wardId} and ${need.wardId}`);
      const skill = need.careLevel.requiredSkill;
      if (skill && !aide.skills.includes(skill)) errors.push(`aide ${a.aideId} lacks skill ${skill} for ${b}`);
      if (need.genderRequired && need.genderPreference && aide.gender !== need.genderPreference) {
        errors.push(`aide ${a.aideId} has the wrong gender for ${b}`);
      }
    }
    if (load > 1 + 1e-9) errors.push(`aide ${a.aideId} in shift ${a.shiftId} has load ${load}`);
    if (Math.abs(load - a.load) > 1e-6) errors.push(`reported load ${a.load} differs from ${load}`);
    // Recomputed here on purpose (not imported): the certificate must be valid until the shift ends.
    const validUntil = DateTime.fromISO(aide.certificateExpiry, { zone }).startOf('day').plus({ days: 1 }).toMillis();
    if (shift.e > validUntil) errors.push(`aide ${a.aideId} certificate expired for ${a.shiftId}`);
    for (const d of aide.leaveDates) {
      const from = DateTime.fromISO(d, { zone }).startOf('day');
      if (shift.s < from.plus({ days: 1 }).toMillis() && shift.e > from.toMillis()) errors.push(`aide ${a.aideId} on leave ${d} works ${a.shiftId}`);
    }
    const list = perAide.get(a.aideId) ?? [];
    list.push({ s: shift.s, e: shift.e });
    perAide.set(a.aideId, list);
  }

  for (const [id, worked] of perAide) {
    const aide = aides.get(id)!;
    const all = [...worked, ...(aide.alreadyWorked ?? []).map((w) => ({ s: ms(w.start, zone), e: ms(w.end, zone) }))]
      .sort((x, y) => x.s - y.s);
    const rest = (aide.minRestHours ?? 11) * 3_600_000;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (all[j].s < all[i].e) errors.push(`aide ${id} has overlapping shifts`);
        else if (all[j].s - all[i].e < rest) errors.push(`aide ${id} rests ${(all[j].s - all[i].e) / 3_600_000} h`);
      }
    }
    const weeks = new Map<string, number>();
    for (const w of all) {
      const key = DateTime.fromMillis(w.s, { zone }).toFormat("kkkk-'W'WW");
      weeks.set(key, (weeks.get(key) ?? 0) + (w.e - w.s) / 3_600_000);
    }
    for (const [week, hours] of weeks) {
      if (hours > (aide.maxWeeklyHours ?? 60) + 1e-9) errors.push(`aide ${id} works ${hours} h in ${week}`);
    }
    // Days in a row with a shift starting on them (local dates).
    const dates = [...new Set(all.map((w) => DateTime.fromMillis(w.s, { zone }).toISODate()!))].sort();
    let run = 0;
    dates.forEach((d, i) => {
      const follows = i > 0 && DateTime.fromISO(dates[i - 1], { zone }).plus({ days: 1 }).toISODate() === d;
      run = follows ? run + 1 : 1;
      if (run > (aide.maxConsecutiveDays ?? 6)) errors.push(`aide ${id} works ${run} days in a row up to ${d}`);
    });
  }
  return errors;
}
