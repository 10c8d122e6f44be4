/**
 * The nightly canteen audit (SPEC §2): loads what `scanFindings` (src/subsidy) needs for the month
 * up to a date and upserts the findings by their deterministic key, so a re-scan never duplicates a
 * finding and never reopens one an auditor acknowledged; it only refreshes evidence and lastSeenAt.
 * A finding that a later scan no longer reproduces (e.g. the meal was corrected by an adjustment)
 * stays, with the lastSeenAt of the last scan that did.
 */
import type { Deps } from '../deps.js';
import { inChunks } from '../db/in-chunks.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import { addDays } from '../time/index.js';
import { getCanteenSettings } from './settings-service.js';
import { scanFindings, SPIKE_WINDOW_DAYS, type AuditInput, type AuditMeal, type Finding, type MealSlot, type StatusCode } from '../subsidy/index.js';
import { auditSources, loadFromSources, type SourceReport } from './audit-sources.js';
import { loadPolicies } from './policy-service.js';
import type { Caller } from './settlement-service.js';
import { monthOfDate } from './slots.js';
import { subsidyFactsOf } from '../people/read.js';

type D = Pick<Deps, 'prisma'>;

export interface ScanSummary {
  from: string;
  to: string;
  meals: number;
  findings: number;
  newFindings: number;
  byKind: Record<string, number>;
  sources: SourceReport[];
}

/**
 * Scans the calendar month of `date` from its first day up to `date` (whole months, because the
 * monthly cap and the recomputation of a meal depend on the person's other meals of the month;
 * the nightly job passes yesterday, so the month's last day is scanned on the 1st).
 */
export async function runAuditScan(d: D, caller: Caller, date: string): Promise<ScanSummary> {
  const from = `${monthOfDate(date)}-01`;
  const to = date;
  const db = tenantDb(d.prisma, caller.tenantId);
  const [rows, counts, policies] = await Promise.all([
    db.canteenMeal.findMany({
      where: { localDate: { gte: from, lte: to }, personId: { not: null } },
      select: { id: true, personId: true, canteenId: true, localDate: true, slotCode: true, price: true, subsidy: true, payable: true, policyId: true, status: true, rule: true, basis: true,
        servedAt: true, recordedAt: true, overrideReason: true },
    }),
    db.canteenMeal.groupBy({
      by: ['canteenId', 'localDate'],
      where: { status: 'active', localDate: { gte: addDays(from, -SPIKE_WINDOW_DAYS), lte: to } },
      _count: { _all: true },
    }),
    loadPolicies(db),
  ]);
  const { lateRecordToleranceMinutes } = await getCanteenSettings(d, caller);
  // A meal corrected by adjustments is judged by what was finally granted and charged.
  const adjusted = await inChunks(rows.map((m) => m.id), (ids) => db.mealAdjustment.groupBy({ by: ['mealId'], where: { mealId: { in: ids } }, _sum: { amount: true } }));
  const adjustment = new Map(adjusted.map((a) => [a.mealId, a._sum.amount ?? 0]));
  const meals: AuditMeal[] = rows.map((m) => {
    const subsidy = m.subsidy + (adjustment.get(m.id) ?? 0);
    return { ...m, subsidy, payable: m.price - subsidy, personId: m.personId!, slot: m.slotCode as MealSlot, policyId: m.policyId ?? '' };
  });
  const personIds = [...new Set(meals.map((m) => m.personId))];
  const window = { tenantId: caller.tenantId, timeZone: caller.timeZone, personIds, from, to };
  const [persons, stays, deliveries] = await Promise.all([
    subsidyFactsOf(db, personIds),
    loadFromSources(db, auditSources.hospitalStays, window),
    loadFromSources(db, auditSources.homeDeliveries, window),
  ]);
  const input: AuditInput = {
    meals,
    persons: persons.map((p) => ({
      id: p.id, birthDate: p.birthDate, deathDate: p.deathDate, resident: p.localHukou,
      statuses: p.statuses.map((s) => ({ ...s, code: s.code as StatusCode })),
    })),
    policies,
    hospitalStays: stays.rows,
    homeDeliveries: deliveries.rows,
    canteenDailyCounts: counts.map((c) => ({ canteenId: c.canteenId, localDate: c.localDate, count: c._count._all })),
    lateRecordToleranceMinutes,
  };
  // Spike findings for the 28 days of history before the month belong to earlier scans.
  const findings = scanFindings(input).filter((f) => !f.localDate || (f.localDate >= from && f.localDate <= to));
  const newFindings = await upsertFindings(d, caller, findings);
  const byKind: Record<string, number> = {};
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  const summary = { from, to, meals: meals.length, findings: findings.length, newFindings, byKind, sources: [...stays.reports, ...deliveries.reports] };
  await writeAudit(db, caller, { action: 'canteen.audit.scan', entity: 'AuditFinding', after: summary });
  return summary;
}

/** Creates unseen findings and refreshes seen ones (status and acknowledgement untouched). Returns the number created. */
async function upsertFindings(d: D, caller: Caller, findings: Finding[]): Promise<number> {
  if (findings.length === 0) return 0;
  const db = tenantDb(d.prisma, caller.tenantId);
  const now = new Date();
  let created = 0;
  for (let i = 0; i < findings.length; i += 200) {
    const chunk = findings.slice(i, i + 200);
    await db.$transaction(
      async (tx) => {
        const seen = new Set((await tx.auditFinding.findMany({ where: { key: { in: chunk.map((f) => f.key) } }, select: { key: true } })).map((r) => r.key));
        const fresh = chunk.filter((f) => !seen.has(f.key));
        if (fresh.length) {
          const res = await tx.auditFinding.createMany({ data: fresh.map((f) => ({ ...fields(f), tenantId: caller.tenantId, key: f.key, lastSeenAt: now })), skipDuplicates: true });
          created += res.count;
        }
        for (const f of chunk.filter((x) => seen.has(x.key))) {
          await tx.auditFinding.updateMany({ where: { key: f.key }, data: { ...fields(f), lastSeenAt: now } });
        }
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  }
  return created;
}

function fields(f: Finding) {
  return {
    kind: f.kind,
    severity: f.severity,
    personId: f.personId ?? null,
    canteenId: f.canteenId ?? null,
    mealIds: f.mealIds,
    localDate: f.localDate ?? null,
    evidence: f.evidence as object,
  };
}
