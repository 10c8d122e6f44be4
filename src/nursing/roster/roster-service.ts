import type { Deps } from '../../deps.js';
import { stageJob } from '../../queues/outbox.js';
import { tenantDb } from '../../db/prisma.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.js';
import type { RosterRun, ShiftAssignment } from '../../generated/prisma/client.js';
import { jobId } from '../../queues/definitions.js';
import type { RosterResult } from '../../roster/index.js';
import { addDays, daysInclusive, instantAt } from '../../time/index.js';
import { bookingInclude } from '../care/booking-view.js';
import { buildRosterInput, shiftKey } from '../care/needs.js';
import { shiftInstances } from './shifts.js';
import { solveRosterInWorker } from './solve-roster-in-worker.js';
import { uncoveredReason } from './uncovered-text.js';
import { tellAidesOfChanges } from './roster-notices.js';
import { logger } from '../../logger.js';
import type { z } from 'zod';
import type { rosterResultSchema } from './schemas-roster.js';

type RunResult = z.infer<typeof rosterResultSchema>;

const MAX_DAYS = 31;

export function runView(r: RosterRun) {
  const { tenantId: _t, createdBy: _c, ...rest } = r;
  return rest;
}

/** Queues a roster run for a date range and wards; the `roster.plan` job solves and stores it. */
export async function createRun(d: Pick<Deps, 'prisma' | 'queues'>, ctx: RequestContext, input: { fromDate: string; toDate: string; wardIds?: string[] }) {
  if (daysInclusive(input.fromDate, input.toDate) > MAX_DAYS) {
    throw new ValidationError([{ path: 'body.toDate', message: `A roster covers at most ${MAX_DAYS} days.` }]);
  }
  const db = tenantDb(d.prisma, ctx.tenantId);
  const wardIds = [...new Set(input.wardIds ?? [])];
  if (wardIds.length && (await db.ward.count({ where: { id: { in: wardIds } } })) !== wardIds.length) {
    throw new ConflictError('A ward does not exist in this hospital.', { errors: [{ path: 'body.wardIds', message: 'Unknown ward.' }] });
  }
  if ((await db.shiftTemplate.count()) === 0) {
    throw new ConflictError('No shift templates are set up: POST /nursing/setup/defaults or PUT /nursing/shift-templates/{code} first.');
  }
  await d.queues.assertAvailable();
  const run = await db.$transaction(async (tx) => {
    const created = await tx.rosterRun.create({ data: { tenantId: ctx.tenantId, fromDate: input.fromDate, toDate: input.toDate, wardIds, createdBy: ctx.userId } });
    await writeAudit(tx, ctx, { action: 'roster.request', entity: 'RosterRun', entityId: created.id, after: created });
    // The solver job commits with the run (outbox): a run never exists without its job, nor a job without its run.
    await stageJob(tx, 'roster.plan', 'roster.plan', { tenantId: ctx.tenantId, rosterRunId: created.id }, { jobId: jobId('roster', created.id) });
    return created;
  });
  return runView(run);
}

export async function getRun(d: Pick<Deps, 'prisma'>, ctx: RequestContext, id: string) {
  const run = await tenantDb(d.prisma, ctx.tenantId).rosterRun.findFirst({ where: { id } });
  if (!run) throw new NotFoundError('roster run');
  return runView(run);
}

/** Roster runs, newest first, a page at a time. */
export async function listRuns(d: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).rosterRun.findMany(cursorArgs(q, 'desc'));
  return toPage(rows, q.limit, runView);
}

type Pair = { key: string; date: string; shiftCode: string; bookingId: string; aideId: string };

/** Difference between the stored roster in scope and the new one, per (shift, patient) pair. */
export function diffRosters(before: Pair[], after: Pair[]) {
  const b = new Map(before.map((p) => [p.key, p]));
  const a = new Map(after.map((p) => [p.key, p]));
  let kept = 0, reassigned = 0, removed = 0, added = 0;
  const changes: { date: string; shiftCode: string; bookingId: string; fromAideId: string | null; toAideId: string | null }[] = [];
  for (const [key, p] of b) {
    const q = a.get(key);
    if (q && q.aideId === p.aideId) kept++;
    else {
      if (q) reassigned++;
      else removed++;
      changes.push({ date: p.date, shiftCode: p.shiftCode, bookingId: p.bookingId, fromAideId: p.aideId, toAideId: q?.aideId ?? null });
    }
  }
  for (const [key, q] of a) {
    if (b.has(key)) continue;
    added++;
    changes.push({ date: q.date, shiftCode: q.shiftCode, bookingId: q.bookingId, fromAideId: null, toAideId: q.aideId });
  }
  return { before: before.length, after: after.length, kept, reassigned, removed, added, changed: reassigned + removed, changes: changes.slice(0, 500) };
}

const pairOf = (a: Pick<ShiftAssignment, 'date' | 'shiftCode' | 'bookingId' | 'aideId'>): Pair =>
  ({ key: `${shiftKey(a.date, a.shiftCode)}|${a.bookingId}`, date: a.date, shiftCode: a.shiftCode, bookingId: a.bookingId, aideId: a.aideId });

/**
 * The `roster.plan` job: loads the hospital's rows, solves off the main thread, and replaces the
 * not-yet-started assignments in scope in one transaction (shifts already under way are frozen).
 * Re-running a finished run does nothing; a crash before the write leaves the old roster intact.
 */
export async function runRoster(d: Pick<Deps, 'prisma' | 'queues'>, tenantId: string, runId: string, onProgress: (pct: number) => Promise<void> | void, now = new Date()) {
  const db = tenantDb(d.prisma, tenantId);
  const run = await db.rosterRun.findFirst({ where: { id: runId } });
  if (!run) throw new Error(`roster run ${runId} not found`);
  if (run.status === 'done') return runView(run);
  const setProgress = async (progress: number) => {
    await db.rosterRun.update({ where: { id: runId }, data: { progress } });
    await onProgress(progress);
  };
  await db.rosterRun.update({ where: { id: runId }, data: { status: 'running', progress: 0, error: null } });
  try {
    const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const zone = tenant.timeZone;
    const wards = await db.ward.findMany({ where: run.wardIds.length ? { id: { in: run.wardIds } } : {} });
    const wardIds = new Set(wards.map((w) => w.id));
    const templates = await db.shiftTemplate.findMany();
    const all = shiftInstances(templates, run.fromDate, run.toDate, zone);
    const open = all.filter((s) => s.start > now);
    const bookings = await db.careBooking.findMany({
      where: { activatedAt: { not: null }, admission: { wardId: { in: [...wardIds] } }, startDate: { lte: run.toDate }, OR: [{ endDate: null }, { endDate: { gte: run.fromDate } }] },
      include: bookingInclude,
    });
    const stored = await db.shiftAssignment.findMany({
      where: { shiftEnd: { gt: instantAt(addDays(run.fromDate, -8), '00:00', zone) }, shiftStart: { lt: instantAt(addDays(run.toDate, 9), '00:00', zone) } },
    });
    const levels = await db.careLevel.findMany();
    const input = buildRosterInput({ zone, open, wardIds, bookings, levels, aides: await db.aide.findMany({ where: { active: true } }), stored });
    await setProgress(5);
    let last = 5;
    const updates: Promise<void>[] = [];
    const result: RosterResult = await solveRosterInWorker(input, {
      onProgress: (pct) => {
        const scaled = 5 + Math.floor(pct * 0.9);
        if (scaled >= last + 5) {
          last = scaled;
          updates.push(setProgress(scaled).catch(() => {}));
        }
      },
    });
    await Promise.all(updates); // so no late progress lands after the final 100
    const openByKey = new Map(open.map((s) => [shiftKey(s.date, s.shiftCode), s]));
    const rows = result.assignments.flatMap((a) => {
      const s = openByKey.get(a.shiftId)!;
      return a.bookingIds.map((bookingId) => ({
        tenantId, date: s.date, shiftCode: s.shiftCode, shiftStart: s.start, shiftEnd: s.end, wardId: a.wardId, aideId: a.aideId, bookingId, rosterRunId: runId,
      }));
    });
    const openKeys = [...openByKey.keys()];
    const wardNames = new Map(wards.map((w) => [w.id, w.name]));
    const done = await db.$transaction(async (tx) => {
      // One roster write per hospital at a time: two runs must not interleave their replace.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${tenantId}`}))`;
      const scope = {
        wardId: { in: [...wardIds] },
        shiftStart: { gt: now },
        OR: open.length ? open.map((s) => ({ date: s.date, shiftCode: s.shiftCode })) : [{ id: '00000000-0000-0000-0000-000000000000' }],
      };
      const before = await tx.shiftAssignment.findMany({ where: scope });
      await tx.shiftAssignment.deleteMany({ where: scope });
      if (rows.length) await tx.shiftAssignment.createMany({ data: rows });
      const diff = diffRosters(before.map(pairOf), rows.map(pairOf));
      const needs = input.needs.reduce((n, x) => n + x.activeShiftIds.length, 0);
      const covered = rows.length;
      const summary = {
        shifts: openKeys.length,
        frozenShifts: all.length - open.length,
        needs,
        covered,
        coveragePct: needs ? Math.round((1000 * covered) / needs) / 10 : 100,
        uncovered: result.uncovered.map((u) => {
          const names = {
            ward: wardNames.get(u.wardId) ?? u.wardId,
            shift: templates.find((t) => t.code === u.shiftCode)?.name ?? u.shiftCode,
            level: levels.find((l) => l.code === u.careLevel)?.name ?? u.careLevel,
          };
          return { ...u, wardName: names.ward, reason: uncoveredReason(u, names, tenant.locale) };
        }),
        aidesOnDuty: new Set(rows.map((r) => r.aideId)).size,
        hoursPerAide: result.stats.hoursPerAide,
        continuityPct: result.stats.continuityPct,
        diff,
        objective: { ...result.objective },
      };
      const finished = await tx.rosterRun.update({ where: { id: runId }, data: { status: 'done', progress: 100, result: summary, finishedAt: new Date() } });
      await writeAudit(tx, { tenantId, userId: run.createdBy }, {
        action: 'roster.apply', entity: 'RosterRun', entityId: runId,
        before: { assignments: before.length }, after: { assignments: rows.length, kept: diff.kept, changed: diff.changed, added: diff.added },
      });
      // The aides are told in the same commit (notify's outbox rows; the send jobs follow the commit).
      // In a savepoint of its own: a notice that cannot be written is logged and never undoes the roster.
      await db.$transaction(() => tellAidesOfChanges(d, tenantId, finished, summary as RunResult))
        .then((told) => void (told.told + told.unreachable && logger.info({ rosterRunId: runId, ...told }, 'roster: aides told of their changed shifts')))
        .catch((err) => logger.warn({ rosterRunId: runId, err: (err as Error).message }, 'roster: the aides could not be told of their changes'));
      return finished;
    }, { timeout: 60_000 });
    await onProgress(100);
    return runView(done);
  } catch (err) {
    await db.rosterRun.update({ where: { id: runId }, data: { status: 'failed', error: (err as Error).message, finishedAt: new Date() } });
    throw err;
  }
}
