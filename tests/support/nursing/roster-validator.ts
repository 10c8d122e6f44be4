import { DateTime } from 'luxon';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';

/**
 * Independent re-check of a stored roster, straight from the database rows. It shares no code
 * with the service or the solver: shift times, care needs, loads, rest, weekly hours and days in a row are all
 * recomputed here with luxon, so a bug in either shows up as a violation.
 */
export interface RosterCheck {
  violations: string[];
  /** (date, shift, booking) that needed an aide and have none. */
  uncovered: { date: string; shiftCode: string; bookingId: string }[];
  checkedAssignments: number;
}

const HOUR = 3_600_000;

export async function validateStoredRoster(prisma: PrismaClient, tenantId: string, from: string, to: string): Promise<RosterCheck> {
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const zone = tenant.timeZone;
  const local = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone });
  const templates = await prisma.shiftTemplate.findMany({ where: { tenantId } });
  const levels = new Map((await prisma.careLevel.findMany({ where: { tenantId } })).map((l) => [l.code, l]));
  const aides = new Map((await prisma.aide.findMany({ where: { tenantId } })).map((a) => [a.id, a]));
  const bookings = await prisma.careBooking.findMany({ where: { tenantId }, include: { admission: true, levels: true, consents: true } });
  const bookingById = new Map(bookings.map((b) => [b.id, b]));
  const lo = DateTime.fromISO(from).minus({ days: 8 }).toISODate()!;
  const hi = DateTime.fromISO(to).plus({ days: 8 }).toISODate()!;
  const all = await prisma.shiftAssignment.findMany({ where: { tenantId, date: { gte: lo, lte: hi } } });
  const checked = all.filter((a) => a.date >= from && a.date <= to);
  const violations: string[] = [];

  const shiftOf = (date: string, code: string) => {
    const t = templates.find((x) => x.code === code);
    if (!t) return null;
    const start = local(date, t.startTime);
    const end = local(t.endTime <= t.startTime ? DateTime.fromISO(date).plus({ days: 1 }).toISODate()! : date, t.endTime);
    return { start: start.toMillis(), end: end.toMillis() };
  };
  const levelOn = (b: (typeof bookings)[number], date: string) => {
    const sorted = [...b.levels].sort((x, y) => x.effectiveFrom.localeCompare(y.effectiveFrom));
    return levels.get((sorted.filter((p) => p.effectiveFrom <= date).pop() ?? sorted[0]).levelCode)!;
  };
  // Care was due while the booking had been activated, within its dates, during the stay, under a consent.
  const needed = (b: (typeof bookings)[number], date: string, s: { start: number; end: number }) => {
    if (!b.activatedAt) return false;
    if (date < b.startDate || (b.endDate && date > b.endDate)) return false;
    if (b.endedAt && b.endedAt.getTime() <= s.start) return false;
    if (b.admission.admittedAt.getTime() >= s.end) return false;
    if (b.admission.dischargedAt && b.admission.dischargedAt.getTime() <= s.start) return false;
    return b.consents.some((c) => c.signedAt.getTime() < s.end && (!c.revokedAt || c.revokedAt.getTime() > s.start));
  };

  // Each assignment on its own.
  for (const a of checked) {
    const where = `${a.date} ${a.shiftCode} aide ${a.aideId.slice(-6)} booking ${a.bookingId.slice(-6)}`;
    const s = shiftOf(a.date, a.shiftCode);
    const b = bookingById.get(a.bookingId);
    const aide = aides.get(a.aideId);
    if (!s || !b || !aide) { violations.push(`${where}: unknown shift, booking or aide`); continue; }
    if (a.shiftStart.getTime() !== s.start || a.shiftEnd.getTime() !== s.end) violations.push(`${where}: stored times differ from the template`);
    if (!needed(b, a.date, s)) violations.push(`${where}: patient did not need care then (consent, dates or stay)`);
    if (a.wardId !== b.admission.wardId) violations.push(`${where}: ward is not the patient's ward`);
    if (!aide.active) violations.push(`${where}: inactive aide`);
    // The certificate must be valid until the shift ends (recomputed here, not imported).
    if (s.end > local(aide.certificateExpiry, '00:00').plus({ days: 1 }).toMillis()) violations.push(`${where}: certificate expired ${aide.certificateExpiry}`);
    const level = levelOn(b, a.date);
    if (level.requiredSkill && !aide.skills.includes(level.requiredSkill)) violations.push(`${where}: lacks skill ${level.requiredSkill}`);
    if (b.genderRequired && b.genderPreference && aide.gender !== b.genderPreference) violations.push(`${where}: gender ${aide.gender} but ${b.genderPreference} required`);
    for (const d of aide.leaveDates) {
      const ls = local(d, '00:00').toMillis();
      const le = local(d, '00:00').plus({ days: 1 }).toMillis();
      if (s.start < le && s.end > ls) violations.push(`${where}: aide on leave ${d}`);
    }
  }

  // Per aide and shift: one ward, load ≤ 1.
  const perAideShift = new Map<string, typeof checked>();
  for (const a of checked) perAideShift.set(`${a.aideId}|${a.date}|${a.shiftCode}`, [...(perAideShift.get(`${a.aideId}|${a.date}|${a.shiftCode}`) ?? []), a]);
  for (const [key, rows] of perAideShift) {
    if (new Set(rows.map((r) => r.wardId)).size > 1) violations.push(`${key}: more than one ward in a shift`);
    const load = rows.reduce((sum, r) => sum + 1 / levelOn(bookingById.get(r.bookingId)!, r.date).patientsPerAide, 0);
    if (load > 1 + 1e-9) violations.push(`${key}: load ${load.toFixed(3)} > 1`);
  }

  // Per aide over time: overlaps, rest, weekly hours (context: ±8 days around the range).
  const byAide = new Map<string, Map<number, { start: number; end: number; inRange: boolean }>>();
  for (const a of all) {
    const m = byAide.get(a.aideId) ?? new Map();
    const prev = m.get(a.shiftStart.getTime());
    m.set(a.shiftStart.getTime(), { start: a.shiftStart.getTime(), end: a.shiftEnd.getTime(), inRange: (prev?.inRange ?? false) || (a.date >= from && a.date <= to) });
    byAide.set(a.aideId, m);
  }
  for (const [aideId, m] of byAide) {
    const aide = aides.get(aideId)!;
    const list = [...m.values()].sort((x, y) => x.start - y.start);
    for (let i = 1; i < list.length; i++) {
      const p = list[i - 1], q = list[i];
      if (!p.inRange && !q.inRange) continue;
      if (q.start < p.end) violations.push(`aide ${aide.name}: overlapping shifts at ${new Date(q.start).toISOString()}`);
      else if (q.start - p.end < aide.minRestHours * HOUR) violations.push(`aide ${aide.name}: rest ${(q.start - p.end) / HOUR} h < ${aide.minRestHours} h before ${new Date(q.start).toISOString()}`);
    }
    const weeks = new Map<string, { hours: number; inRange: boolean }>();
    for (const x of list) {
      const wk = DateTime.fromMillis(x.start, { zone }).toFormat("kkkk-'W'WW");
      const w = weeks.get(wk) ?? { hours: 0, inRange: false };
      w.hours += (x.end - x.start) / HOUR;
      w.inRange ||= x.inRange;
      weeks.set(wk, w);
    }
    for (const [wk, w] of weeks) if (w.inRange && w.hours > aide.maxWeeklyHours + 1e-9) violations.push(`aide ${aide.name}: ${w.hours} h in ${wk} > ${aide.maxWeeklyHours}`);
    // Days in a row with a shift starting on them, for runs that touch the range.
    const dates = new Map<string, boolean>();
    for (const x of list) {
      const d = DateTime.fromMillis(x.start, { zone }).toISODate()!;
      dates.set(d, (dates.get(d) ?? false) || x.inRange);
    }
    const sorted = [...dates.keys()].sort();
    let run = 0;
    let touches = false;
    sorted.forEach((d, i) => {
      const follows = i > 0 && DateTime.fromISO(sorted[i - 1], { zone }).plus({ days: 1 }).toISODate() === d;
      run = follows ? run + 1 : 1;
      touches = (follows && touches) || dates.get(d)!;
      if (touches && run > aide.maxConsecutiveDays) violations.push(`aide ${aide.name}: ${run} days in a row up to ${d} > ${aide.maxConsecutiveDays}`);
    });
  }

  // Coverage: every active booking in every shift it needs.
  const have = new Set(checked.map((a) => `${a.date}|${a.shiftCode}|${a.bookingId}`));
  const uncovered: RosterCheck['uncovered'] = [];
  for (let d = from; d <= to; d = DateTime.fromISO(d).plus({ days: 1 }).toISODate()!) {
    for (const t of templates) {
      const s = shiftOf(d, t.code)!;
      for (const b of bookings) {
        if (needed(b, d, s) && !have.has(`${d}|${t.code}|${b.id}`)) uncovered.push({ date: d, shiftCode: t.code, bookingId: b.id });
      }
    }
  }
  return { violations, uncovered, checkedAssignments: checked.length };
}

/** The run result's uncovered groups flattened to (date, shift, booking), sorted like the validator's. */
export function reportedUncovered(result: { uncovered: { date: string; shiftCode: string; bookingIds: string[] }[] }) {
  return result.uncovered.flatMap((u) => u.bookingIds.map((bookingId) => ({ date: u.date, shiftCode: u.shiftCode, bookingId })));
}

export const byKey = (x: { date: string; shiftCode: string; bookingId: string }) => `${x.date}|${x.shiftCode}|${x.bookingId}`;
