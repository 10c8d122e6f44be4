/**
 * The auditors' nightly anomaly scan (SPEC §2 "Audit"): pure checks over plain data.
 *
 * Every check is a named `{kind, run}` object and {@link scanFindings} runs a list of them, so another
 * domain can plug its own check in (`scanFindings(input, [...AUDIT_CHECKS, myCheck])`). Checks must
 * be exact rather than "probably": auditors act on every finding, so a false alarm costs a visit.
 * Only active (not voided) meals count anywhere; "subsidised" means subsidy > 0.
 */
import {
  buildAuditContext,
  groupBy,
  slotFindings,
  slotKeyOf,
  total,
  type AuditContext,
} from './audit-context.js';
import type { AuditInput, AuditMeal, Finding, HospitalStay } from './audit-types.js';
import { statusOfRule } from './explain.js';
import { backDatedCheck, slotHoppingCheck } from './audit-timing-rules.js';
import { addDays, monthOf, withinInclusive } from '../time/index.js';

/** A named, pluggable check. `ctx` is built by {@link scanFindings}; standalone calls build their own. */
export interface AuditCheck {
  kind: string;
  run(input: AuditInput, ctx?: AuditContext): Finding[];
}

/** Days of history a spike is measured against, and the fewest that make a median meaningful. */
export const SPIKE_WINDOW_DAYS = 28;
export const SPIKE_MIN_HISTORY_DAYS = 7;
export const SPIKE_FACTOR = 3;

function withCtx(kind: string, body: (input: AuditInput, ctx: AuditContext) => Finding[]): AuditCheck {
  return { kind, run: (input, ctx) => body(input, ctx ?? buildAuditContext(input)) };
}

/** More subsidised meals for one person in one slot on one day than the cap allows (any canteens). */
export const doubleSubsidyCheck = withCtx('double_subsidy', (_input, ctx) => {
  const flagged = groupBy(ctx.subsidised, slotKeyOf)
    .filter(([, g]) => g.length > (ctx.policyOn(g[0].localDate)?.rules.caps.perSlotPerDay ?? 1))
    .flatMap(([, g]) => g);
  return slotFindings('double_subsidy', 'high', flagged, (g) => ({
    count: g.length,
    cap: ctx.policyOn(g[0].localDate)?.rules.caps.perSlotPerDay ?? 1,
    subsidy: total(g, 'subsidy'),
  }));
});

/**
 * Subsidised while in hospital. Only days strictly between admission and discharge count: on those
 * two days the person may well have eaten at the canteen before being admitted or after going home.
 */
export const inpatientCheck = withCtx('subsidy_while_inpatient', (input, ctx) => {
  const stays = new Map(groupBy(input.hospitalStays, (s) => s.personId));
  const stayOf = (m: AuditMeal): HospitalStay | undefined =>
    stays.get(m.personId)?.find((s) => m.localDate > s.from && (s.to == null || m.localDate < s.to));
  const flagged = ctx.subsidised.filter((m) => stayOf(m) !== undefined);
  return slotFindings('subsidy_while_inpatient', 'medium', flagged, (g) => {
    const stay = stayOf(g[0])!;
    return { stayFrom: stay.from, stayTo: stay.to ?? null, subsidy: total(g, 'subsidy') };
  });
});

/** Subsidised in a slot in which a home meal was also delivered to the person that day. */
export const homeDeliveryCheck = withCtx('subsidy_with_home_delivery', (input, ctx) => {
  const delivered = new Set(input.homeDeliveries.filter((d) => d.delivered).map(slotKeyOf));
  const flagged = ctx.subsidised.filter((m) => delivered.has(slotKeyOf(m)));
  return slotFindings('subsidy_with_home_delivery', 'medium', flagged, (g) => ({ subsidy: total(g, 'subsidy') }));
});

/** Subsidised on or after the person's death date: someone else is using their card. */
export const afterDeathCheck = withCtx('subsidy_after_death', (_input, ctx) => {
  const deathOf = (m: AuditMeal): string | null => ctx.persons.get(m.personId)?.deathDate ?? null;
  const flagged = ctx.subsidised.filter((m) => {
    const death = deathOf(m);
    return death !== null && m.localDate >= death;
  });
  return slotFindings('subsidy_after_death', 'high', flagged, (g) => ({ deathDate: deathOf(g[0]), subsidy: total(g, 'subsidy') }));
});

/** Statuses a meal's recorded rule relied on (its rule, or each part of a `sum`). */
function statusesReliedOn(m: AuditMeal): string[] {
  const codes = [m.rule, ...(m.basis ?? [])].map(statusOfRule).filter((c): c is string => c !== null);
  return [...new Set(codes)].sort();
}

/**
 * The recorded rule relied on a status the person did not hold that day (both ends of a validity
 * interval inclusive, as in the engine). Evidence carries the recomputed subsidy for comparison.
 */
export const statusValidityCheck = withCtx('status_outside_validity', (_input, ctx) => {
  const invalidOf = (m: AuditMeal): string[] => {
    const person = ctx.persons.get(m.personId);
    if (!person) return [];
    return statusesReliedOn(m).filter(
      (code) => !person.statuses.some((s) => s.code === code && withinInclusive(m.localDate, s.validFrom, s.validTo)),
    );
  };
  const flagged = ctx.subsidised.filter((m) => invalidOf(m).length > 0);
  return slotFindings('status_outside_validity', 'high', flagged, (g) => {
    const statuses = [...new Set(g.flatMap(invalidOf))].sort();
    const person = ctx.persons.get(g[0].personId)!;
    return {
      statuses,
      validity: person.statuses.filter((s) => statuses.includes(s.code)).map((s) => ({ code: s.code, validFrom: s.validFrom, validTo: s.validTo ?? null })),
      subsidy: total(g, 'subsidy'),
      recomputedSubsidy: g.reduce((s, m) => s + (ctx.recompute(m)?.subsidy ?? 0), 0),
    };
  });
});

/**
 * More subsidised meals in a calendar month than the cap of the policy in force on each meal's date.
 * Meals are counted in serving order; the ones past the cap are the finding's meals.
 */
export const monthlyCapCheck = withCtx('over_monthly_cap', (_input, ctx) => {
  const out: Finding[] = [];
  for (const [k, meals] of groupBy(ctx.subsidised, (m) => `${m.personId}|${monthOf(m.localDate)}`)) {
    const over = meals.filter((m, i) => {
      const cap = ctx.policyOn(m.localDate)?.rules.caps.perMonth;
      return cap !== undefined && i + 1 > cap;
    });
    if (over.length === 0) continue;
    out.push({
      kind: 'over_monthly_cap',
      severity: 'medium',
      personId: meals[0].personId,
      mealIds: over.map((m) => m.id).sort(),
      localDate: over[0].localDate,
      evidence: {
        month: monthOf(meals[0].localDate),
        subsidisedMeals: meals.length,
        cap: ctx.policyOn(over[0].localDate)!.rules.caps.perMonth,
        excess: over.length,
        excessSubsidy: total(over, 'subsidy'),
      },
      key: `over_monthly_cap|${k}`,
    });
  }
  return out;
});

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * A canteen's day with more than {@link SPIKE_FACTOR}× the median of its daily counts over the
 * {@link SPIKE_WINDOW_DAYS} days before. Days without a count row (closed) are not zeros: they are
 * left out of the median. With fewer than {@link SPIKE_MIN_HISTORY_DAYS} rows in the window (a new
 * canteen) the day is skipped, because a median of a handful of days flags normal growth.
 */
export const volumeSpikeCheck: AuditCheck = {
  kind: 'volume_spike',
  run(input) {
    const out: Finding[] = [];
    const perDay = groupBy(input.canteenDailyCounts, (c) => `${c.canteenId}|${c.localDate}`).map(([, rows]) => ({
      canteenId: rows[0].canteenId,
      localDate: rows[0].localDate,
      count: rows.reduce((s, r) => s + r.count, 0),
    }));
    for (const [canteenId, days] of groupBy(perDay, (d) => d.canteenId)) {
      for (const day of days) {
        const from = addDays(day.localDate, -SPIKE_WINDOW_DAYS);
        const history = days.filter((d) => d.localDate >= from && d.localDate < day.localDate).map((d) => d.count);
        if (history.length < SPIKE_MIN_HISTORY_DAYS) continue;
        const med = median(history);
        if (day.count <= SPIKE_FACTOR * med) continue;
        out.push({
          kind: 'volume_spike',
          severity: 'medium',
          canteenId,
          mealIds: [],
          localDate: day.localDate,
          evidence: { count: day.count, median: med, factor: SPIKE_FACTOR, historyDays: history.length },
          key: `volume_spike|${canteenId}|${day.localDate}`,
        });
      }
    }
    return out;
  },
};

/**
 * 错发漏发: a meal charged more than the policy in force on its date allows. The meal is recomputed
 * with the engine (see `buildAuditContext` for the lenient usage counts) and payables compared.
 */
export const missedBenefitCheck = withCtx('missed_benefit', (_input, ctx) => {
  const flagged = ctx.active.filter((m) => {
    const allowed = ctx.recompute(m);
    return allowed !== null && m.payable > allowed.payable;
  });
  return slotFindings('missed_benefit', 'medium', flagged, (g) => {
    const allowed = g.map((m) => ctx.recompute(m)!);
    const charged = total(g, 'payable');
    const allowedPayable = allowed.reduce((s, r) => s + r.payable, 0);
    return {
      charged,
      allowed: allowedPayable,
      difference: charged - allowedPayable,
      recordedRules: g.map((m) => m.rule),
      allowedRules: allowed.map((r) => r.rule),
      policyId: allowed[0].policyId,
    };
  });
});

/** The built-in checks, one per {@link FindingKind}. */
export const AUDIT_CHECKS: readonly AuditCheck[] = [
  doubleSubsidyCheck,
  inpatientCheck,
  homeDeliveryCheck,
  afterDeathCheck,
  statusValidityCheck,
  monthlyCapCheck,
  volumeSpikeCheck,
  missedBenefitCheck,
  backDatedCheck,
  slotHoppingCheck,
];

/**
 * Runs the checks over one scan's data and returns the findings sorted by key, one per key (the
 * first check to report a key wins, so a plugged-in check cannot duplicate a built-in finding).
 *
 * @throws PolicyVersionError when policy versions overlap.
 */
export function scanFindings(input: AuditInput, checks: readonly AuditCheck[] = AUDIT_CHECKS): Finding[] {
  const ctx = buildAuditContext(input);
  const byKey = new Map<string, Finding>();
  for (const check of checks) {
    for (const f of check.run(input, ctx)) if (!byKey.has(f.key)) byKey.set(f.key, f);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
