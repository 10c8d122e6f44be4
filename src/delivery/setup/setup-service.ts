import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantDb, TenantTx } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { MealSlot, Vehicle } from '../../generated/prisma/client.js';
import type { KitchenCreate, SlotUpsert, VehicleCreate, VehicleUpdate } from '../schemas.js';
import { resolveLocale, say } from '../../i18n/index.js';
import { slotName } from '../label-messages.js';
import { DE, DN } from '../messages.js';

type D = Pick<Deps, 'prisma'>;

/**
 * The meal slots every tenant starts with (SPEC §1). They are created the first time anything
 * in the tenant needs slots (listing them, creating a kitchen, a plan or an order run) and can
 * be changed with PUT /delivery/slots/:code.
 */
export const DEFAULT_SLOTS: (SlotUpsert & { code: string })[] = [
  { code: 'lunch', name: 'Lunch', kind: 'lunch', readyTime: '10:15', windowStart: '10:45', windowEnd: '12:00', maxRideMinutes: 90, serviceMinutes: 3 },
  { code: 'dinner', name: 'Dinner', kind: 'dinner', readyTime: '16:15', windowStart: '16:45', windowEnd: '18:00', maxRideMinutes: 90, serviceMinutes: 3 },
];

/** The tenant's slots, creating the defaults on first use (idempotent under concurrency). */
export async function ensureSlots(db: TenantDb | TenantTx, tenantId: string): Promise<MealSlot[]> {
  const existing = await db.mealSlot.findMany({ orderBy: { readyTime: 'asc' } });
  if (existing.length) return existing;
  // A default slot is named in the tenant's language (a zh-CN township reads 午餐, not "Lunch").
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { locale: true } });
  const locale = resolveLocale(tenant?.locale);
  await db.mealSlot.createMany({ data: DEFAULT_SLOTS.map((s) => ({ ...s, name: slotName(locale, s.code, s.name), tenantId })), skipDuplicates: true });
  return db.mealSlot.findMany({ orderBy: { readyTime: 'asc' } });
}

export async function slotByCode(db: TenantDb | TenantTx, tenantId: string, code: string): Promise<MealSlot> {
  const slot = (await ensureSlots(db, tenantId)).find((s) => s.code === code);
  if (!slot) throw new UnprocessableError(say(DE.unknownSlot, { code }), { errors: [{ path: 'slot', message: say(DE.noSuchSlot) }] });
  return slot;
}

export async function listSlots(d: D, ctx: RequestContext) {
  return ensureSlots(tenantDb(d.prisma, ctx.tenantId), ctx.tenantId);
}

/** Creates or changes a slot (e.g. moves lunch a quarter later, or adds breakfast). */
export async function upsertSlot(d: D, ctx: RequestContext, code: string, input: SlotUpsert) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await ensureSlots(db, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.mealSlot.findFirst({ where: { code } });
    const after = before
      ? await tx.mealSlot.update({ where: { id: before.id }, data: input })
      : await tx.mealSlot.create({ data: { ...input, code, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: before ? 'slot.update' : 'slot.create', entity: 'MealSlot', entityId: after.id, before, after });
    return after;
  });
}

// ── kitchens ──────────────────────────────────────────────────────────────

export async function createKitchen(d: D, ctx: RequestContext, input: KitchenCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await ensureSlots(db, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const kitchen = await tx.kitchen.create({ data: { ...input, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'kitchen.create', entity: 'Kitchen', entityId: kitchen.id, after: kitchen });
    return kitchen;
  });
}

export async function listKitchens(d: D, ctx: RequestContext) {
  return tenantDb(d.prisma, ctx.tenantId).kitchen.findMany({ orderBy: { createdAt: 'asc' } });
}

export async function getKitchen(d: D, ctx: RequestContext, id: string) {
  const kitchen = await tenantDb(d.prisma, ctx.tenantId).kitchen.findFirst({ where: { id } });
  if (!kitchen) throw new NotFoundError(DN.kitchen);
  return kitchen;
}

export async function updateKitchen(d: D, ctx: RequestContext, id: string, patch: Partial<KitchenCreate>) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.kitchen.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.kitchen);
    const after = await tx.kitchen.update({ where: { id }, data: patch });
    await writeAudit(tx, ctx, { action: 'kitchen.update', entity: 'Kitchen', entityId: id, before, after });
    return after;
  });
}

/** The kitchen named in a query, or the only kitchen of the tenant when none is named. */
export async function resolveKitchen(db: TenantDb, kitchenId: string | undefined) {
  if (kitchenId) {
    const k = await db.kitchen.findFirst({ where: { id: kitchenId } });
    if (!k) throw new NotFoundError(DN.kitchen);
    return k;
  }
  const all = await db.kitchen.findMany({ take: 2 });
  if (all.length === 1) return all[0];
  throw new UnprocessableError(say(all.length ? DE.nameKitchen : DE.createKitchen), {
    errors: [{ path: 'query.kitchen', message: say(DE.kitchenRequired) }],
  });
}

// ── vehicles ──────────────────────────────────────────────────────────────

async function assertDriver(db: TenantDb | TenantTx, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId } });
  if (!user) throw new UnprocessableError(say(DE.noSuchUser), { errors: [{ path: 'body.driverUserId', message: say(DE.unknownUser) }] });
  if (!user.roles.includes('driver')) {
    throw new UnprocessableError(say(DE.notDriver), { errors: [{ path: 'body.driverUserId', message: say(DE.needsDriverRole) }] });
  }
  return user;
}

export function vehicleView(v: Vehicle & { driverName?: string | null }) {
  const { tenantId: _t, ...rest } = v;
  return { ...rest, driverName: v.driverName ?? null };
}

async function withDriverNames(db: TenantDb, vehicles: Vehicle[]) {
  const users = await db.user.findMany({ where: { id: { in: vehicles.map((v) => v.driverUserId) } }, select: { id: true, displayName: true } });
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return vehicles.map((v) => vehicleView({ ...v, driverName: names.get(v.driverUserId) ?? null }));
}

export async function createVehicle(d: D, ctx: RequestContext, input: VehicleCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await getKitchen(d, ctx, input.kitchenId);
  await assertDriver(db, input.driverUserId);
  const vehicle = await db.$transaction(async (tx) => {
    const v = await tx.vehicle.create({ data: { ...input, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'vehicle.create', entity: 'Vehicle', entityId: v.id, after: v });
    return v;
  });
  return (await withDriverNames(db, [vehicle]))[0];
}

export async function listVehicles(d: D, ctx: RequestContext, kitchenId?: string) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const rows = await db.vehicle.findMany({ where: kitchenId ? { kitchenId } : {}, orderBy: { name: 'asc' } });
  return withDriverNames(db, rows);
}

export async function updateVehicle(d: D, ctx: RequestContext, id: string, patch: VehicleUpdate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  if (patch.driverUserId) await assertDriver(db, patch.driverUserId);
  const after = await db.$transaction(async (tx) => {
    const before = await tx.vehicle.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(DN.vehicle);
    const shiftStart = patch.shiftStart ?? before.shiftStart;
    const shiftEnd = patch.shiftEnd ?? before.shiftEnd;
    if (shiftStart >= shiftEnd) {
      throw new UnprocessableError(say(DE.shiftOrder), { errors: [{ path: 'body.shiftEnd', message: say(DE.notAfter, { time: shiftStart }) }] });
    }
    const updated = await tx.vehicle.update({ where: { id }, data: patch });
    await writeAudit(tx, ctx, { action: 'vehicle.update', entity: 'Vehicle', entityId: id, before, after: updated });
    return updated;
  });
  return (await withDriverNames(db, [after]))[0];
}
