import type { Aide, CareLevel, ShiftTemplate } from '../generated/prisma/client.js';
import { feeOn } from './billing/billing.js';
import type { FeeChange, LevelPrice } from './billing/billing.js';
import { nominalHours } from './roster/shifts.js';

/** A care-level row as the pure billing code reads it (feeChanges is a JSON column). */
export function levelPrice(l: CareLevel): LevelPrice {
  return { code: l.code, name: l.name, dailyFee: l.dailyFee, feeChanges: l.feeChanges as unknown as FeeChange[] };
}

/** How nursing rows leave the API (no tenantId, stable field order); `dailyFee` is the fee in force on `today`. */
export function careLevelView(l: CareLevel, today: string) {
  const price = levelPrice(l);
  return {
    code: l.code, name: l.name, patientsPerAide: l.patientsPerAide, dailyFee: feeOn(price, today), requiredSkill: l.requiredSkill,
    fees: [{ effectiveFrom: null, dailyFee: l.dailyFee }, ...price.feeChanges!],
  };
}

export function templateView(t: ShiftTemplate) {
  return { code: t.code, name: t.name, startTime: t.startTime, endTime: t.endTime, hours: nominalHours(t) };
}

export function aideView(a: Aide) {
  const { tenantId: _t, ...rest } = a;
  return { ...rest, leaveDates: [...a.leaveDates].sort() };
}
