import type { Aide, CareLevel, ShiftAssignment } from '../../generated/prisma/client.js';
import type { ExistingAssignment, RosterAide, RosterInput, RosterNeed, RosterShift } from '../../roster/index.js';
import { levelOn } from '../billing/billing.js';
import type { BookingRow } from './booking-view.js';
import type { ShiftInstance } from '../roster/shifts.js';

/**
 * Which shifts each booking must be covered in, and the solver input built from database rows.
 * Pure (no I/O): the roster service loads the rows, this decides.
 */
export const shiftKey = (date: string, code: string) => `${date}.${code}`;

/**
 * Whether a booking needs an aide in a shift: the booking has been activated, the shift's date is
 * within its dates and before it ended, the patient is in hospital during the shift, and a family
 * consent covers the shift. (An ended or suspended booking still needed care before it stopped:
 * those shifts stay in the roster.)
 */
export function needsCare(b: BookingRow, s: ShiftInstance): boolean {
  if (!b.activatedAt) return false;
  if (s.date < b.startDate || (b.endDate && s.date > b.endDate)) return false;
  if (b.endedAt && b.endedAt <= s.start) return false;
  if (b.admission.admittedAt >= s.end) return false;
  if (b.admission.dischargedAt && b.admission.dischargedAt <= s.start) return false;
  return b.consents.some((c) => c.signedAt < s.end && (!c.revokedAt || c.revokedAt > s.start));
}

/**
 * One solver need per booking and care level: a level change mid-range splits the booking
 * into two needs (same bookingId, disjoint shifts).
 */
export function buildNeeds(bookings: BookingRow[], shifts: ShiftInstance[], levels: CareLevel[]): RosterNeed[] {
  const byCode = new Map(levels.map((l) => [l.code, l]));
  const needs: RosterNeed[] = [];
  for (const b of bookings) {
    const perLevel = new Map<string, string[]>();
    for (const s of shifts) {
      if (!needsCare(b, s)) continue;
      const code = levelOn(b.levels, s.date);
      perLevel.set(code, [...(perLevel.get(code) ?? []), shiftKey(s.date, s.shiftCode)]);
    }
    for (const [code, activeShiftIds] of perLevel) {
      const level = byCode.get(code);
      if (!level) throw new Error(`booking ${b.id}: care level ${code} is not set up`);
      needs.push({
        bookingId: b.id, patientId: b.admission.personId, wardId: b.admission.wardId,
        careLevel: { code, patientsPerAide: level.patientsPerAide, requiredSkill: level.requiredSkill },
        genderPreference: b.genderPreference, genderRequired: b.genderRequired, activeShiftIds,
      });
    }
  }
  return needs;
}

/**
 * The solver input for re-solving `open` shifts in `wardIds`. Stored assignments inside that
 * scope are the `existing` roster to keep as much as possible; every other stored shift of an
 * aide (started shifts, other wards, neighbouring days) counts as already worked, so rest,
 * overlap and weekly-hour rules hold across the boundary.
 */
export function buildRosterInput(args: {
  zone: string;
  open: ShiftInstance[];
  wardIds: Set<string>;
  bookings: BookingRow[];
  levels: CareLevel[];
  aides: Aide[];
  stored: ShiftAssignment[];
}): RosterInput {
  const openKeys = new Set(args.open.map((s) => shiftKey(s.date, s.shiftCode)));
  const inScope = (a: ShiftAssignment) => openKeys.has(shiftKey(a.date, a.shiftCode)) && args.wardIds.has(a.wardId);
  const existing: ExistingAssignment[] = args.stored.filter(inScope).map((a) => ({ shiftId: shiftKey(a.date, a.shiftCode), aideId: a.aideId, bookingId: a.bookingId }));
  const worked = new Map<string, Map<number, { start: number; end: number }>>();
  for (const a of args.stored) {
    if (inScope(a)) continue;
    const m = worked.get(a.aideId) ?? new Map();
    m.set(a.shiftStart.getTime(), { start: a.shiftStart.getTime(), end: a.shiftEnd.getTime() });
    worked.set(a.aideId, m);
  }
  const shifts: RosterShift[] = args.open.map((s) => ({ id: shiftKey(s.date, s.shiftCode), date: s.date, code: s.shiftCode, start: s.start.getTime(), end: s.end.getTime() }));
  const aides: RosterAide[] = args.aides.map((a) => ({
    id: a.id, gender: a.gender, certificateExpiry: a.certificateExpiry, skills: a.skills, homeWardIds: a.homeWardIds,
    maxWeeklyHours: a.maxWeeklyHours, minRestHours: a.minRestHours, maxConsecutiveDays: a.maxConsecutiveDays, leaveDates: a.leaveDates,
    alreadyWorked: [...(worked.get(a.id)?.values() ?? [])],
  }));
  return { timeZone: args.zone, shifts, needs: buildNeeds(args.bookings, args.open, args.levels), aides, existing };
}
