import type { TenantDb } from '../db/prisma.js';
import { canteenVisit } from '../canteen/read.js';
import { deliveredMeal } from '../delivery/read.js';
import { nursingStay } from '../nursing/read.js';
import type { SubjectKind } from './codes.js';

export type UnitKindName = 'kitchen' | 'canteen' | 'ward';

/** What a rating or ticket is about, resolved through the owning domain's read module. */
export interface Subject {
  kind: SubjectKind;
  id: string;
  unitKind: UnitKindName;
  unitId: string;
  unitName: string;
  date: string;
  staffKind: 'driver' | 'aide' | null;
  staffId: string | null;
}

const UNIT_OF: Record<SubjectKind, UnitKindName> = { meal: 'kitchen', canteen_visit: 'canteen', nursing_stay: 'ward' };
export const SCORE_KEYS: Record<SubjectKind, readonly string[]> = {
  meal: ['taste', 'temperature', 'punctuality'],
  canteen_visit: ['taste', 'temperature'],
  nursing_stay: ['attitude', 'skill'],
};

/** The subject, or null when there is nothing (yet) to rate: not delivered, voided, not started. */
export async function resolveSubject(db: TenantDb, kind: SubjectKind, id: string, zone: string): Promise<Subject | null> {
  const found = kind === 'meal' ? await deliveredMeal(db, id)
    : kind === 'canteen_visit' ? await canteenVisit(db, id)
      : await nursingStay(db, id, zone);
  if (!found) return null;
  const staffKind = found.staffId ? (kind === 'meal' ? 'driver' : 'aide') : null;
  return { kind, id, unitKind: UNIT_OF[kind], unitId: found.unitId, unitName: found.unitName, date: found.date, staffKind, staffId: found.staffId };
}
