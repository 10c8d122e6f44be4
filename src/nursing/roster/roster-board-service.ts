import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import type { RosterRun } from '../../generated/prisma/client.js';
import type { UncoveredCause } from '../../roster/index.js';
import { addDays, datesBetween, weekdayOf } from '../../time/index.js';
import { coverage } from './assignment-service.js';
import { levelOn } from '../billing/billing.js';
import { bedCodes, bookingInclude } from '../care/booking-view.js';
import { removalsBetween, rosterChanges } from './roster-changes.js';
import { runView } from './roster-service.js';
import type { rosterResultSchema } from './schemas-roster.js';
import { shiftInstance } from './shifts.js';
import type { z } from 'zod';

type D = Pick<Deps, 'prisma'>;
type RunResult = z.infer<typeof rosterResultSchema>;
const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;

export interface BoardPatient { bookingId: string; name: string; bed: string | null; levelName: string; load: number; careNotes: string | null }
export interface BoardCell { wardName: string; load: number; patients: BoardPatient[] }
export interface BoardUncovered { wardId: string; wardName: string; cause: UncoveredCause | null; aidesShort: number; levelName: string; removedFrom: string[]; patients: BoardPatient[] }

const mondayOf = (date: string) => addDays(date, 1 - weekdayOf(date));
const round = (x: number) => Math.round(x * 100) / 100;

/** The run the board explains: the one asked for, else the newest whose dates overlap the range. */
async function pickRun(db: ReturnType<typeof tenantDb>, from: string, to: string, runId?: string): Promise<RosterRun | null> {
  if (runId) return db.rosterRun.findFirst({ where: { id: runId } });
  return db.rosterRun.findFirst({ where: { fromDate: { lte: to }, toDate: { gte: from } }, orderBy: { createdAt: 'desc' } });
}

/**
 * The coordinator's roster board for a date range: aides × (day, shift) with the ward and
 * patients of each cell, hours per week against each aide's limit, the needs nobody covers
 * (with the solver's cause when the latest run explains them), and what the latest run changed.
 */
export async function rosterBoard(d: D, ctx: RequestContext, q: { from: string; to: string; run?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const zone = ctx.timeZone;
  const templates = (await db.shiftTemplate.findMany()).sort((a, b) => a.startTime.localeCompare(b.startTime));
  const wards = new Map((await db.ward.findMany()).map((w) => [w.id, w.name]));
  const levels = new Map((await db.careLevel.findMany()).map((l) => [l.code, l]));
  // Hours count whole weeks (the weekly limit is per Monday…Sunday week), so load the weeks around the range.
  const weekFrom = mondayOf(q.from);
  const weekTo = addDays(mondayOf(q.to), 6);
  const rows = await db.shiftAssignment.findMany({ where: { date: { gte: weekFrom, lte: weekTo } }, orderBy: { shiftStart: 'asc' } });
  const cov = await coverage(d, ctx, { from: q.from, to: q.to });
  const uncoveredIds = cov.shifts.flatMap((s) => s.uncoveredBookingIds);
  const bookings = new Map((await db.careBooking.findMany({ where: { id: { in: [...new Set([...rows.map((r) => r.bookingId), ...uncoveredIds])] } }, include: bookingInclude })).map((b) => [b.id, b]));
  const beds = await bedCodes(db, [...bookings.values()].map((b) => b.admission.bedId));
  const patientOn = (bookingId: string, date: string): BoardPatient => {
    const b = bookings.get(bookingId)!;
    const level = levels.get(levelOn(b.levels, date));
    return {
      bookingId, name: b.admission.person.name, bed: b.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null,
      levelName: level?.name ?? '', load: level ? 1 / level.patientsPerAide : 0, careNotes: b.careNotes,
    };
  };

  const inRange = rows.filter((r) => r.date >= q.from && r.date <= q.to);
  const aideRows = await db.aide.findMany({ where: { OR: [{ active: true }, { id: { in: [...new Set(rows.map((r) => r.aideId))] } }] }, orderBy: { name: 'asc' } });
  const weeks = datesBetween(weekFrom, weekTo).filter((x) => weekdayOf(x) === 1);
  const aides = aideRows.map((a) => {
    const mine = rows.filter((r) => r.aideId === a.id);
    const cells: Record<string, BoardCell> = {};
    for (const r of mine.filter((x) => x.date >= q.from && x.date <= q.to)) {
      const cell = (cells[`${r.date}.${r.shiftCode}`] ??= { wardName: wards.get(r.wardId) ?? '', load: 0, patients: [] });
      const p = patientOn(r.bookingId, r.date);
      cell.patients.push(p);
      cell.load += p.load;
    }
    for (const cell of Object.values(cells)) cell.load = round(cell.load);
    // One interval per shift, however many patients it has.
    const shifts = new Map(mine.map((r) => [r.shiftStart.getTime(), r]));
    const hours = weeks.map((week) => ({
      week,
      hours: round([...shifts.values()].filter((r) => mondayOf(r.date) === week).reduce((s, r) => s + (r.shiftEnd.getTime() - r.shiftStart.getTime()) / HOUR, 0)),
    }));
    return { id: a.id, name: a.name, active: a.active, maxWeeklyHours: a.maxWeeklyHours, leaveDates: a.leaveDates.filter((x) => x >= q.from && x <= q.to), weeks: hours, cells };
  });

  const run = await pickRun(db, q.from, q.to, q.run);
  const result = (run?.status === 'done' ? run.result : null) as RunResult | null;
  const changes = run && result ? await rosterChanges(d, ctx, run, result) : [];
  // Shifts taken off an aide since the run (or in the last week): a gap then says whose it was.
  const removals = await removalsBetween(d, ctx, run?.createdAt ?? new Date(Date.now() - WEEK), new Date(), q.from, q.to);
  const removedNames = new Map((await db.aide.findMany({ where: { id: { in: [...new Set([...removals.values()].map((r) => r.aideId))] } } })).map((a) => [a.id, a.name]));
  const uncovered: Record<string, BoardUncovered[]> = {};
  for (const s of cov.shifts.filter((x) => x.uncoveredBookingIds.length)) {
    const explained = result?.uncovered.find((u) => u.date === s.date && u.shiftCode === s.shiftCode && u.wardId === s.wardId);
    const removedFrom = [...new Set(s.uncoveredBookingIds.flatMap((id) => {
      const r = removals.get(`${s.date}.${s.shiftCode}.${id}`);
      return r ? [removedNames.get(r.aideId) ?? ''] : [];
    }))];
    (uncovered[`${s.date}.${s.shiftCode}`] ??= []).push({
      wardId: s.wardId, wardName: s.wardName, cause: (explained?.cause as UncoveredCause | undefined) ?? null, aidesShort: explained?.aidesShort ?? 0,
      levelName: explained ? (levels.get(explained.careLevel)?.name ?? explained.careLevel) : '', removedFrom,
      patients: s.uncoveredBookingIds.map((id) => patientOn(id, s.date)),
    });
  }
  const shiftTimes = Object.fromEntries(datesBetween(q.from, q.to).flatMap((date) => templates.map((t) => {
    const i = shiftInstance(t, date, zone);
    return [`${date}.${t.code}`, { start: i.start.toISOString(), end: i.end.toISOString() }];
  })));
  return {
    from: q.from, to: q.to,
    days: datesBetween(q.from, q.to).map((date) => ({ date, weekday: weekdayOf(date) })),
    templates: templates.map((t) => ({ code: t.code, name: t.name, startTime: t.startTime, endTime: t.endTime })),
    shiftTimes, aides, uncovered,
    coverage: { needs: cov.needs, covered: cov.covered, coveragePct: cov.coveragePct },
    assignments: inRange.length,
    run: run ? { ...runView(run), result: result ? { coveragePct: result.coveragePct, continuityPct: result.continuityPct, kept: result.diff.kept, changed: result.diff.changed, added: result.diff.added, frozenShifts: result.frozenShifts } : null } : null,
    changes,
  };
}

export type RosterBoard = Awaited<ReturnType<typeof rosterBoard>>;
