import type { Aide, CareLevel, ShiftTemplate } from '../generated/prisma/client.js';
import { nominalHours } from './shifts.js';

/** How nursing rows leave the API (no tenantId, stable field order). */
export function careLevelView(l: CareLevel) {
  return { code: l.code, name: l.name, patientsPerAide: l.patientsPerAide, dailyFee: l.dailyFee, requiredSkill: l.requiredSkill };
}

export function templateView(t: ShiftTemplate) {
  return { code: t.code, name: t.name, startTime: t.startTime, endTime: t.endTime, hours: nominalHours(t) };
}

export function aideView(a: Aide) {
  const { tenantId: _t, ...rest } = a;
  return { ...rest, leaveDates: [...a.leaveDates].sort() };
}
