/**
 * What other domains may read of the People registry (they never query the Person table
 * themselves; docs/CONVENTIONS.md "Boundaries"). Each read takes the caller's tenant-scoped client
 * (or its transaction) and selects only what the caller needs. A caller that filters people by
 * its own relation to them (the canteen: "has eaten here"; nursing: "not in hospital now") passes
 * that relation filter as `scope`, so the search stays one query.
 */
import type { TenantDb, TenantTx } from '../db/prisma.js';
import { inChunks } from '../db/in-chunks.js';
import type { Prisma } from '../generated/prisma/client.js';

export { idNumberSchema, phoneSchema } from './schemas.js';
export { parseIdNumber } from './id-card.js';
export { ID_ALIASES } from './import-residents.js';

type Db = TenantDb | TenantTx;

/** Whether the person is registered in this tenant. */
export async function personExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.person.findFirst({ where: { id }, select: { id: true } }));
}

/** Name and death date (admitting, showing a recipient as deceased). */
export async function personBasics(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; deathDate: string | null } | null> {
  return db.person.findFirst({ where: { id }, select: { id: true, name: true, deathDate: true } });
}

/** The person holding an ID number (imports keyed by it). */
export async function personIdByIdNumber(db: Db, idNumber: string): Promise<string | null> {
  return (await db.person.findFirst({ where: { idNumber }, select: { id: true } }))?.id ?? null;
}

/** What the subsidy rules need of a person: age, death, residence and the statuses over time. */
const subsidyFields = {
  id: true,
  name: true,
  idNumber: true,
  birthDate: true,
  deathDate: true,
  localHukou: true,
  statuses: { select: { code: true, validFrom: true, validTo: true } },
} as const;
export type SubsidyFacts = Prisma.PersonGetPayload<{ select: typeof subsidyFields }>;

/** One diner's subsidy facts, found by id, canteen card or ID number (the counter's three ways). */
export async function subsidyFactsBy(
  db: Db,
  key: { id: string } | { cardNumber: string } | { idNumber: string },
): Promise<SubsidyFacts | null> {
  return db.person.findFirst({ where: key, select: subsidyFields });
}

/** Subsidy facts of many people (the audit scan: a month's diners), one query per 10 000. */
export async function subsidyFactsOf(db: Db, ids: string[]): Promise<SubsidyFacts[]> {
  return inChunks(ids, (chunk) => db.person.findMany({ where: { id: { in: chunk } }, select: subsidyFields }));
}

/** Names and (unmasked: the caller masks) ID numbers for labels, one query per 10 000 people. */
export async function personLabels(
  db: Db,
  ids: string[],
): Promise<{ id: string; name: string; idNumber: string | null }[]> {
  return inChunks(ids, (chunk) =>
    db.person.findMany({ where: { id: { in: chunk } }, select: { id: true, name: true, idNumber: true } }),
  );
}

/**
 * Living people by name (`startsWith` or `contains`, case-insensitive for contains), ordered by
 * name, at most `limit`, within the caller's `scope` (a filter over the caller's own relation).
 */
export async function livingPeopleNamed(
  db: Db,
  q: { startsWith?: string; contains?: string; scope?: Prisma.PersonWhereInput; limit: number },
): Promise<{ id: string; name: string; gender: 'male' | 'female'; birthDate: string; idNumber: string | null }[]> {
  const name =
    q.startsWith !== undefined
      ? { startsWith: q.startsWith }
      : q.contains
        ? { contains: q.contains, mode: 'insensitive' as const }
        : undefined;
  return db.person.findMany({
    where: { deathDate: null, ...(name ? { name } : {}), ...(q.scope ?? {}) },
    select: { id: true, name: true, gender: true, birthDate: true, idNumber: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: q.limit,
  });
}

/** A person's address and how far its geocoding got (the geocode job). */
export async function addressOf(db: Db, id: string) {
  return db.person.findFirst({ where: { id }, select: { address: true, geocodeStatus: true, geocodedAddress: true } });
}

/** People whose current address was never geocoded (queued after an import). */
export async function peopleToGeocode(db: Db): Promise<{ id: string; address: string | null }[]> {
  return db.person.findMany({
    where: { address: { not: null }, geocodeStatus: null },
    select: { id: true, address: true },
  });
}
