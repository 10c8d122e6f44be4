/**
 * Audit checks on WHEN meals were served and recorded (issue 16): meals typed in long after they
 * were eaten (back-dating: five lunches dated 12 days earlier were recorded, then settled), and one
 * diner checked out in several slots within minutes (a subsidised lunch, a free "breakfast" and a
 * "dinner" at 13:50). Pure, like the other checks; meals without both instants are skipped.
 */
import { buildAuditContext, groupBy, slotFindings, total, type AuditContext } from './audit-context.js';
import type { AuditInput, AuditMeal, Finding } from './audit-types.js';

export const DEFAULT_LATE_RECORD_MINUTES = 120;
/** Two meals of one diner in different slots closer than this cannot both be real meals. */
export const SLOT_HOP_MINUTES = 30;

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * Subsidised meals recorded more than the tenant's tolerance after they were served. With a
 * manager's override it is a documented catch-up (medium, the reason in the evidence); without one
 * the meal bypassed the counter's rule (an import, a hand-made row): high.
 */
export const backDatedCheck = {
  kind: 'back_dated',
  run(input: AuditInput, ctx: AuditContext = buildAuditContext(input)): Finding[] {
    const tolerance = (input.lateRecordToleranceMinutes ?? DEFAULT_LATE_RECORD_MINUTES) * 60_000;
    const late = ctx.subsidised.filter((m) => m.servedAt && m.recordedAt && m.recordedAt.getTime() - m.servedAt.getTime() > tolerance);
    const evidence = (g: AuditMeal[]) => ({
      servedAt: g.map((m) => m.servedAt!.toISOString()),
      recordedAt: g.map((m) => m.recordedAt!.toISOString()),
      minutesLate: Math.max(...g.map((m) => minutes(m.recordedAt!.getTime() - m.servedAt!.getTime()))),
      toleranceMinutes: tolerance / 60_000,
      overrideReason: g.map((m) => m.overrideReason).find(Boolean) ?? null,
      subsidy: total(g, 'subsidy'),
    });
    return [
      ...slotFindings('back_dated', 'high', late.filter((m) => !m.overrideReason), evidence),
      ...slotFindings('back_dated', 'medium', late.filter((m) => m.overrideReason), evidence),
    ];
  },
};

/**
 * One diner in two or more slots within {@link SLOT_HOP_MINUTES} (any canteens), at least one of
 * them subsidised: one finding per run of such meals, keyed by its first meal.
 */
export const slotHoppingCheck = {
  kind: 'slot_hopping',
  run(input: AuditInput, ctx: AuditContext = buildAuditContext(input)): Finding[] {
    const timed = ctx.active.filter((m) => m.servedAt);
    const findings: Finding[] = [];
    for (const [, meals] of groupBy(timed, (m) => `${m.personId}|${m.localDate}`)) {
      const sorted = [...meals].sort((a, b) => a.servedAt!.getTime() - b.servedAt!.getTime() || (a.id < b.id ? -1 : 1));
      let run: AuditMeal[] = [sorted[0]];
      const close = () => {
        const slots = [...new Set(run.map((m) => m.slot))];
        if (slots.length > 1 && run.some((m) => m.subsidy > 0)) findings.push(hopFinding(run, slots));
      };
      for (const m of sorted.slice(1)) {
        if (m.servedAt!.getTime() - run[run.length - 1].servedAt!.getTime() <= SLOT_HOP_MINUTES * 60_000) run.push(m);
        else {
          close();
          run = [m];
        }
      }
      close();
    }
    return findings;
  },
};

function hopFinding(run: AuditMeal[], slots: string[]): Finding {
  const canteens = [...new Set(run.map((m) => m.canteenId))].sort();
  const first = run[0];
  return {
    kind: 'slot_hopping',
    severity: 'high',
    personId: first.personId,
    ...(canteens.length === 1 ? { canteenId: canteens[0] } : {}),
    mealIds: run.map((m) => m.id).sort(),
    localDate: first.localDate,
    evidence: {
      slots,
      servedAt: run.map((m) => m.servedAt!.toISOString()),
      minutesApart: minutes(run[run.length - 1].servedAt!.getTime() - first.servedAt!.getTime()),
      canteenIds: canteens,
      subsidy: total(run, 'subsidy'),
    },
    key: `slot_hopping|${first.personId}|${first.localDate}|${first.id}`,
  };
}
