import type { TenantDb, TenantTx } from '../../db/prisma.js';
import { NotFoundError } from '../../http/errors.js';
import type { Admission, CareBooking, CareLevelPeriod, Consent, Person } from '../../generated/prisma/client.js';
import { ageOrNull, today } from '../../time/index.js';
import { levelOn } from '../billing/billing.js';

export type BookingRow = CareBooking & {
  admission: Admission & { person: Person };
  levels: CareLevelPeriod[];
  consents: Consent[];
};
type Db = TenantDb | TenantTx;

export const bookingInclude = {
  admission: { include: { person: true } },
  levels: { orderBy: { effectiveFrom: 'asc' as const } },
  consents: { orderBy: { signedAt: 'asc' as const } },
};

/** A consent counts while it is not revoked. */
export function consentActive(c: Pick<Consent, 'revokedAt'>, at: Date = new Date()): boolean {
  return !c.revokedAt || c.revokedAt > at;
}

export async function loadBooking(db: Db, id: string): Promise<BookingRow> {
  const row = await db.careBooking.findFirst({ where: { id }, include: bookingInclude });
  if (!row) throw new NotFoundError('booking');
  return row;
}

/** Bed codes by bed id, for the views. */
export async function bedCodes(db: Db, bedIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(bedIds.filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const beds = await db.bed.findMany({ where: { id: { in: ids } } });
  return new Map(beds.map((b) => [b.id, b.code]));
}

export function bookingView(b: BookingRow, beds: Map<string, string>, zone: string) {
  const now = new Date();
  const todayLocal = today(zone, now);
  return {
    id: b.id,
    admissionId: b.admissionId,
    person: { id: b.admission.person.id, name: b.admission.person.name, gender: b.admission.person.gender },
    wardId: b.admission.wardId,
    bedCode: b.admission.bedId ? (beds.get(b.admission.bedId) ?? null) : null,
    status: b.status,
    barthelScore: b.barthelScore,
    suggestedLevel: b.suggestedLevel,
    overrideReason: b.overrideReason,
    levelCode: levelOn(b.levels, todayLocal < b.startDate ? b.startDate : todayLocal),
    levels: b.levels.map((l) => ({ levelCode: l.levelCode, effectiveFrom: l.effectiveFrom, reason: l.reason })),
    startDate: b.startDate,
    endDate: b.endDate,
    genderPreference: b.genderPreference,
    genderRequired: b.genderRequired,
    careNotes: b.careNotes,
    consentActive: b.consents.some((c) => consentActive(c, now)),
    consents: b.consents.map((c) => ({
      id: c.id, signerName: c.signerName, relation: c.relation, method: c.method, signedAt: c.signedAt,
      revokedAt: c.revokedAt, revokedReason: c.revokedReason, active: consentActive(c, now), hasSignature: !!c.signatureKey,
    })),
    activatedAt: b.activatedAt,
    endedAt: b.endedAt,
    endReason: b.endReason,
    createdAt: b.createdAt,
  };
}

export function admissionView(
  a: Admission & { person: Person },
  bookings: BookingRow[],
  beds: Map<string, string>,
  zone: string,
) {
  return {
    id: a.id,
    person: { id: a.person.id, name: a.person.name, gender: a.person.gender, age: ageOrNull(a.person.birthDate, today(zone)) },
    wardId: a.wardId,
    bedId: a.bedId,
    bedCode: a.bedId ? (beds.get(a.bedId) ?? null) : null,
    admittedAt: a.admittedAt,
    dischargedAt: a.dischargedAt,
    bookings: bookings.map((b) => bookingView(b, beds, zone)),
  };
}
