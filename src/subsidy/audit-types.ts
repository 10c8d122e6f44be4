/**
 * Data the auditors' nightly scan reads and the findings it writes (SPEC §2 "Audit").
 * Plain data: the job loads it from the database; the rules in `./audit-rules.ts` never do I/O.
 */
import type { PersonStatus, SubsidyPolicy } from './engine.js';
import type { MealSlot } from './policy-schema.js';

/** A recorded canteen meal as checkout stored it. */
export interface AuditMeal {
  id: string;
  personId: string;
  canteenId: string;
  localDate: string;
  slot: MealSlot;
  price: number;
  subsidy: number;
  payable: number;
  policyId: string;
  /** Voided meals are ignored by every check. */
  status: 'active' | 'voided';
  /** The engine's `rule` at checkout. */
  rule: string;
  /** The engine's `basis` at checkout; needed to see which statuses a `sum` meal relied on. */
  basis?: readonly string[];
  /** When it was eaten and when it reached the server (back-dating and slot hopping need both). */
  servedAt?: Date;
  recordedAt?: Date;
  /** The manager override's reason, when the meal was recorded with one. */
  overrideReason?: string | null;
}

/** A person as of the scan. */
export interface AuditPerson {
  id: string;
  birthDate: string;
  deathDate?: string | null;
  statuses: readonly PersonStatus[];
  /** Registered with this tenant (SPEC §2 residency). */
  resident: boolean;
}

/** A home-delivered meal (delivery domain); only `delivered: true` ones count. */
export interface HomeDelivery {
  personId: string;
  localDate: string;
  slot: MealSlot;
  delivered: boolean;
}

/** An inpatient stay (nursing domain), admission and discharge local dates; `to` absent = still in. */
export interface HospitalStay {
  personId: string;
  from: string;
  to?: string | null;
}

/** How many meals a canteen served on a local date (all diners, subsidised or not). */
export interface CanteenDayCount {
  canteenId: string;
  localDate: string;
  count: number;
}

/**
 * Everything one scan looks at. Pass whole calendar months of meals: the monthly cap and the
 * recomputation of a meal both depend on the person's other meals of that month.
 */
export interface AuditInput {
  meals: readonly AuditMeal[];
  persons: readonly AuditPerson[];
  policies: readonly SubsidyPolicy[];
  homeDeliveries: readonly HomeDelivery[];
  hospitalStays: readonly HospitalStay[];
  /** Include the 28 days before the first day to check, or the spike check skips those days. */
  canteenDailyCounts: readonly CanteenDayCount[];
  /** Minutes a meal may be recorded after it was served (the tenant's counter setting; default 120). */
  lateRecordToleranceMinutes?: number;
}

/** The built-in finding kinds. */
export type FindingKind =
  | 'double_subsidy'
  | 'subsidy_while_inpatient'
  | 'subsidy_with_home_delivery'
  | 'subsidy_after_death'
  | 'status_outside_validity'
  | 'over_monthly_cap'
  | 'volume_spike'
  | 'missed_benefit'
  | 'back_dated'
  | 'slot_hopping';

/** How urgently an auditor should look. */
export type Severity = 'low' | 'medium' | 'high';

/** One anomaly with the numbers behind it. */
export interface Finding {
  /** A {@link FindingKind}, or the kind of a plugged-in check. */
  kind: FindingKind | (string & {});
  severity: Severity;
  personId?: string;
  canteenId?: string;
  /** Sorted; empty for findings about a canteen's volume. */
  mealIds: string[];
  localDate?: string;
  evidence: Record<string, unknown>;
  /** Deterministic dedupe key, e.g. `double_subsidy|p1|2025-03-04|lunch`: the nightly job upserts on it. */
  key: string;
}
