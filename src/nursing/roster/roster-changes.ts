import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import type { RosterRun } from '../../generated/prisma/client.js';
import { bedCodes, bookingInclude } from '../care/booking-view.js';
import type { rosterResultSchema } from './schemas-roster.js';
import type { z } from 'zod';

type D = Pick<Deps, 'prisma'>;
type RunResult = z.infer<typeof rosterResultSchema>;
const WEEK = 7 * 86_400_000;

export interface ChangeItem {
  date: string;
  shiftCode: string;
  shiftName: string;
  patientName: string;
  bed: string | null;
  /** The patient's ward (where the shift is worked). */
  wardName: string;
  /** Who had it before (for a gain) or who has it now (for a loss); null: nobody. */
  otherAide: string | null;
  /** Why it was lost before the run: sick leave or another change (discharge, consent, transfer). */
  removedBy: 'leave' | 'other' | null;
}
export interface AideChanges { aideId: string; aideName: string; lost: ChangeItem[]; gained: ChangeItem[] }

/** One shift of one patient moving from an aide (or nobody) to an aide (or nobody). */
export interface Move { date: string; shiftCode: string; bookingId: string; from: string | null; to: string | null; removedBy: ChangeItem['removedBy'] }
type Removed = { date: string; shiftCode: string; bookingId: string; aideId: string };

/** Assignments removed by leave, discharge, consent or by hand, read back from the audit log. */
function removedRows(action: string, before: unknown): Removed[] {
  const b = before as { assignments?: Removed[] } & Partial<Removed> | null;
  if (!b) return [];
  if (action === 'assignment.remove') return b.date && b.shiftCode && b.bookingId && b.aideId ? [b as Removed] : [];
  return Array.isArray(b.assignments) ? b.assignments : [];
}

export type Removals = Map<string, { aideId: string; removedBy: 'leave' | 'other' }>;

/** Assignments (`date.shiftCode.bookingId` → aide) of a date range removed between two instants. */
export async function removalsBetween(d: D, ctx: Pick<RequestContext, 'tenantId'>, since: Date, until: Date, from: string, to: string): Promise<Removals> {
  const audits = await tenantDb(d.prisma, ctx.tenantId).auditLog.findMany({
    where: { at: { gte: since, lte: until }, OR: [{ action: { endsWith: '.assignments.remove' } }, { action: 'assignment.remove' }] },
    orderBy: { at: 'asc' },
  });
  const removed: Removals = new Map();
  for (const a of audits) {
    for (const r of removedRows(a.action, a.before)) {
      if (r.date < from || r.date > to) continue;
      removed.set(`${r.date}.${r.shiftCode}.${r.bookingId}`, { aideId: r.aideId, removedBy: a.action === 'aide.assignments.remove' ? 'leave' : 'other' });
    }
  }
  return removed;
}

/**
 * What changed around a roster run, by name: the run's own diff (kept / reassigned / removed /
 * added per shift and patient), plus the assignments taken away between the previous run and
 * this one (sick leave, discharge, consent revoked, removed by hand), so that a re-roster after
 * sick leave shows who lost which patient and who took them over — not a new shift out of nowhere.
 */
export async function rosterChanges(d: D, ctx: Pick<RequestContext, 'tenantId'>, run: RosterRun, result: RunResult) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const previous = await db.rosterRun.findFirst({ where: { createdAt: { lt: run.createdAt } }, orderBy: { createdAt: 'desc' } });
  const since = previous?.finishedAt ?? previous?.createdAt ?? new Date(run.createdAt.getTime() - WEEK);
  const removed = await removalsBetween(d, ctx, since, run.createdAt, run.fromDate, run.toDate);
  const moves: Move[] = [];
  const touched = new Set<string>();
  for (const c of result.diff.changes) {
    const key = `${c.date}.${c.shiftCode}.${c.bookingId}`;
    const gone = c.fromAideId === null ? removed.get(key) : undefined;
    touched.add(key);
    moves.push({ date: c.date, shiftCode: c.shiftCode, bookingId: c.bookingId, from: gone?.aideId ?? c.fromAideId, to: c.toAideId, removedBy: gone?.removedBy ?? null });
  }
  // Removed before the run and still uncovered after it: a loss with nobody taking over.
  for (const [key, r] of removed) {
    if (touched.has(key)) continue;
    const [date, shiftCode, bookingId] = [key.slice(0, 10), key.slice(11, -37), key.slice(-36)];
    moves.push({ date, shiftCode, bookingId, from: r.aideId, to: null, removedBy: r.removedBy });
  }
  return describeMoves(d, ctx, moves);
}

/**
 * Moves by name, per aide (lost and gained, in shift order; aides by name): the one wording of
 * who lost and who gained which shift, for a roster run's changes and for changes made by hand.
 */
export async function describeMoves(d: D, ctx: Pick<RequestContext, 'tenantId'>, moves: Move[]): Promise<AideChanges[]> {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const aideIds = [...new Set(moves.flatMap((m) => [m.from, m.to]).filter((x): x is string => !!x))];
  const aides = new Map((await db.aide.findMany({ where: { id: { in: aideIds } } })).map((a) => [a.id, a.name]));
  const bookings = new Map((await db.careBooking.findMany({ where: { id: { in: [...new Set(moves.map((m) => m.bookingId))] } }, include: bookingInclude })).map((b) => [b.id, b]));
  const beds = await bedCodes(db, [...bookings.values()].map((b) => b.admission.bedId));
  const templates = new Map((await db.shiftTemplate.findMany()).map((t) => [t.code, t.name]));
  const wards = new Map((await db.ward.findMany({ where: { id: { in: [...new Set([...bookings.values()].map((b) => b.admission.wardId))] } } })).map((w) => [w.id, w.name]));
  const byAide = new Map<string, AideChanges>();
  const entry = (id: string) => byAide.get(id) ?? byAide.set(id, { aideId: id, aideName: aides.get(id) ?? '', lost: [], gained: [] }).get(id)!;
  const item = (m: Move, other: string | null): ChangeItem => {
    const b = bookings.get(m.bookingId);
    return {
      date: m.date, shiftCode: m.shiftCode, shiftName: templates.get(m.shiftCode) ?? m.shiftCode, patientName: b?.admission.person.name ?? '',
      bed: b?.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null, wardName: b ? (wards.get(b.admission.wardId) ?? '') : '', otherAide: other ? (aides.get(other) ?? null) : null, removedBy: m.removedBy,
    };
  };
  const ordered = moves.sort((a, b) => a.date.localeCompare(b.date) || a.shiftCode.localeCompare(b.shiftCode));
  for (const m of ordered) {
    if (m.from && m.from === m.to) continue; // taken away and given back to the same aide: no change for anyone
    if (m.from) entry(m.from).lost.push(item(m, m.to));
    if (m.to) entry(m.to).gained.push(item(m, m.from));
  }
  return byAide.size ? [...byAide.values()].sort((a, b) => a.aideName.localeCompare(b.aideName, 'zh-CN')) : [];
}
