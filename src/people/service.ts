import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import { today } from '../time/index.js';
import { say } from '../i18n/index.js';
import { PM, PN } from './messages.js';
import { personView } from './view.js';
import { cancelOrdersOfDeceased } from '../delivery/index.js';
import { enqueueGeocode } from '../geocoding/index.js';
import { locationFields } from '../geocoding/read.js';
import type { PersonCreate, PersonUpdate, StatusInput } from './schemas.js';

type D = Pick<Deps, 'prisma'>;
/** Writes also queue geocoding of a new or changed address. */
type W = Pick<Deps, 'prisma' | 'queues' | 'config'>;

function viewOptions(ctx: RequestContext, on: string | undefined, single: boolean) {
  return {
    on: on ?? today(ctx.timeZone),
    today: today(ctx.timeZone),
    revealIdNumber: ctx.roles.includes('admin'),
    revealPhone: single && ctx.roles.some((r) => ['admin', 'kitchen_manager', 'hospital_coordinator'].includes(r)),
  };
}

async function assertUnique(d: D, ctx: RequestContext, p: { idNumber?: string | null; cardNumber?: string | null }, exceptId?: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const not = exceptId ? { NOT: { id: exceptId } } : {};
  if (p.idNumber && (await db.person.findFirst({ where: { idNumber: p.idNumber, ...not }, select: { id: true } }))) {
    throw new ConflictError(say(PM.idTaken), {
      errors: [{ path: 'body.idNumber', message: say(PM.idTakenField) }],
    });
  }
  if (p.cardNumber && (await db.person.findFirst({ where: { cardNumber: p.cardNumber, ...not }, select: { id: true } }))) {
    throw new ConflictError(say(PM.cardTaken), {
      errors: [{ path: 'body.cardNumber', message: say(PM.cardTakenField) }],
    });
  }
}

export async function createPerson(d: W, ctx: RequestContext, input: PersonCreate) {
  await assertUnique(d, ctx, input);
  const { statuses = [], ...fields } = input;
  const db = tenantDb(d.prisma, ctx.tenantId);
  const location = locationFields(null, fields);
  const person = await db.$transaction(async (tx) => {
    const created = await tx.person.create({
      data: {
        ...fields,
        ...location.data,
        tenantId: ctx.tenantId,
        statuses: { create: statuses.map((s) => ({ ...s, validTo: s.validTo ?? null, tenantId: ctx.tenantId })) },
      },
      include: { statuses: true },
    });
    await writeAudit(tx, ctx, { action: 'person.create', entity: 'Person', entityId: created.id, after: created });
    return created;
  });
  if (location.geocode) await enqueueGeocode(d, ctx.tenantId, person.id, person.address);
  return personView(person, viewOptions(ctx, undefined, true));
}

export async function getPerson(d: D, ctx: RequestContext, id: string, on?: string) {
  const person = await tenantDb(d.prisma, ctx.tenantId).person.findFirst({ where: { id }, include: { statuses: true } });
  if (!person) throw new NotFoundError(PN.person);
  return personView(person, viewOptions(ctx, on, true));
}

export async function updatePerson(d: W, ctx: RequestContext, id: string, patch: PersonUpdate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const before = await db.person.findFirst({ where: { id }, include: { statuses: true } });
  if (!before) throw new NotFoundError(PN.person);
  await assertUnique(d, ctx, patch, id);
  // The ID number and birth date must agree after the change, not only within the patch.
  const idNumber = patch.idNumber === undefined ? before.idNumber : patch.idNumber;
  const birthDate = patch.birthDate ?? before.birthDate;
  if (idNumber && `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` !== birthDate) {
    throw new ConflictError(say(PM.idBirthDisagree), {
      errors: [{ path: 'body.idNumber', message: say(PM.idNotBirth, { birthDate }) }],
    });
  }
  const location = locationFields(before, patch);
  const after = await db.$transaction(async (tx) => {
    const updated = await tx.person.update({ where: { id }, data: { ...patch, ...location.data }, include: { statuses: true } });
    // A death ends meal deliveries from that day on, now — not at tomorrow's order run.
    const ordersCancelled = updated.deathDate && updated.deathDate !== before.deathDate ? await cancelOrdersOfDeceased(tx, id, updated.deathDate) : 0;
    await writeAudit(tx, ctx, { action: 'person.update', entity: 'Person', entityId: id, before, after: { ...updated, ...(ordersCancelled ? { ordersCancelled } : {}) } });
    return updated;
  });
  if (location.geocode) await enqueueGeocode(d, ctx.tenantId, id, after.address);
  return personView(after, viewOptions(ctx, undefined, true));
}

/** A `q` made of digits (4–18, maybe ending in X): an ID number or its start, or a phone. */
const NUMBER_QUERY = /^\+?[\d -]{4,20}[Xx]?$/;

/**
 * Cursor-paginated list; `q` searches names (contains), and — for admins only, the one role that
 * sees full numbers — ID numbers (prefix) and phones (exact digits). For anyone else a number
 * search would be an oracle: with a masked ID it confirms guesses one digit at a time.
 */
export async function listPeople(d: D, ctx: RequestContext, query: { q?: string; on?: string; limit: number; cursor?: string }) {
  const q = query.q;
  if (q && NUMBER_QUERY.test(q) && !ctx.roles.includes('admin')) {
    throw new ForbiddenError(say(PM.numberSearchAdmins), {
      errors: [{ path: 'query.q', message: say(PM.numberSearchAdminsField) }],
    });
  }
  const digits = q?.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  const where = !q
    ? {}
    : NUMBER_QUERY.test(q)
      ? { OR: [{ idNumber: { startsWith: digits!.toUpperCase() } }, ...(/^1\d{10}$/.test(digits!) ? [{ phone: { contains: digits! } }] : [])] }
      : { name: { contains: q, mode: 'insensitive' as const } };
  const rows = await tenantDb(d.prisma, ctx.tenantId).person.findMany({ where, include: { statuses: true }, ...cursorArgs(query) });
  return toPage(rows, query.limit, (p) => personView(p, viewOptions(ctx, query.on, false)));
}

export async function addStatus(d: D, ctx: RequestContext, personId: string, input: StatusInput) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (!(await db.person.findFirst({ where: { id: personId }, select: { id: true } }))) throw new NotFoundError(PN.person);
  await db.$transaction(async (tx) => {
    const status = await tx.personStatus.create({ data: { ...input, validTo: input.validTo ?? null, personId, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'person.status.add', entity: 'PersonStatus', entityId: status.id, after: status });
  });
  return getPerson(d, ctx, personId);
}

/** Ends a status on a date (keeps history) — statuses are never silently deleted. */
export async function endStatus(d: D, ctx: RequestContext, personId: string, statusId: string, validTo: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const before = await db.personStatus.findFirst({ where: { id: statusId, personId } });
  if (!before) throw new NotFoundError(PN.status);
  if (validTo < before.validFrom) {
    throw new ConflictError(say(PM.statusEndsBeforeStart), { errors: [{ path: 'body.validTo', message: say(PM.beforeValidFrom, { validFrom: before.validFrom }) }] });
  }
  await db.$transaction(async (tx) => {
    const after = await tx.personStatus.update({ where: { id: statusId }, data: { validTo } });
    await writeAudit(tx, ctx, { action: 'person.status.end', entity: 'PersonStatus', entityId: statusId, before, after });
  });
  return getPerson(d, ctx, personId);
}
