import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { hasRole } from '../../http/context.js';
import { NotFoundError } from '../../http/errors.js';
import { localTimeOf, today } from '../../time/index.js';
import { maskPhone } from '../../privacy.js';
import { stopView } from '../plans/plan-detail.js';
import type { LoadedStop } from '../plans/plan-detail.js';
import { UNDO_GRACE_MS, welfareDelayMs } from './outcome-service.js';
import { contactsOf } from '../views.js';
import { renderRouteMap } from '../plans/map-svg.js';
import { renderRouteSheet } from './route-sheet.js';
import { navigationUrl } from './navigation.js';
import { getDeliverySettings } from '../setup/settings-service.js';
import { DN } from '../messages.js';
import { slotNameText } from '../label-messages.js';
import { render, t } from '../../i18n/index.js';
import { RT } from '../plans/plan-messages.js';

type D = Pick<Deps, 'prisma' | 'config'>;

/**
 * What the driver needs at the door beyond the stop itself: whom to call when nobody answers,
 * when the welfare check falls due, and until when their own tap can still be undone.
 */
function doorView(s: LoadedStop, ctx: RequestContext, reveal: boolean, delayMs: number) {
  const r = s.order.recipient;
  const phone = (p: string | null | undefined) => (reveal ? (p ?? null) : maskPhone(p));
  const undoUntil = s.outcomeRecordedAt && s.outcomeBy === ctx.userId ? new Date(s.outcomeRecordedAt.getTime() + UNDO_GRACE_MS) : null;
  return {
    emergencyContacts: contactsOf(r.emergencyContacts).map((c) => ({ name: c.name, relation: c.relation ?? null, phone: phone(c.phone) })),
    gridWorker: r.gridWorkerName || r.gridWorkerPhone ? { name: r.gridWorkerName, phone: phone(r.gridWorkerPhone) } : null,
    welfareCheckAt: s.outcome === 'not_home' && s.outcomeAt ? new Date(s.outcomeAt.getTime() + delayMs) : null,
    undoUntil: undoUntil && undoUntil > new Date() ? undoUntil : null,
  };
}

const stopInclude = {
  orderBy: { stopNo: 'asc' as const },
  include: { order: { include: { recipient: { include: { person: true } } } } },
};

/**
 * Who sees full phone numbers: the route's own driver on the day of the route; on a printed
 * sheet also a kitchen manager on that day (they print it for the driver of the day). Everyone
 * else, and every other day, gets masked numbers.
 */
function revealsPhones(ctx: RequestContext, r: { driverUserId: string; plan: { date: string } }, printed: boolean): boolean {
  if (r.plan.date !== today(ctx.timeZone)) return false;
  return r.driverUserId === ctx.userId || (printed && hasRole(ctx, 'admin', 'kitchen_manager'));
}

async function routesWhere(d: D, ctx: RequestContext, where: object, o: { printed?: boolean } = {}) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const routes = await db.route.findMany({ where, include: { plan: true, stops: stopInclude }, orderBy: [{ departAt: 'asc' }] });
  const [kitchens, slots, vehicles, drivers] = await Promise.all([
    db.kitchen.findMany({ where: { id: { in: routes.map((r) => r.plan.kitchenId) } } }),
    db.mealSlot.findMany(),
    db.vehicle.findMany({ where: { id: { in: routes.map((r) => r.vehicleId) } } }),
    db.user.findMany({ where: { id: { in: routes.map((r) => r.driverUserId) } }, select: { id: true, displayName: true } }),
  ]);
  const [tenant, { mapApp }] = await Promise.all([
    d.prisma.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { welfareDelayMinutes: true } }),
    getDeliverySettings(d, ctx),
  ]);
  const proofRows = await db.stopProof.groupBy({ by: ['routeStopId'], where: { routeStopId: { in: routes.flatMap((r) => r.stops.map((s) => s.id)) } }, _count: { _all: true } });
  const proofCount = new Map(proofRows.map((p) => [p.routeStopId, p._count._all]));
  const delayMs = welfareDelayMs(tenant, d.config);
  return routes.map((r) => {
    const slot = slots.find((s) => s.code === r.plan.slotCode)!;
    const kitchen = kitchens.find((k) => k.id === r.plan.kitchenId)!;
    const reveal = revealsPhones(ctx, r, o.printed ?? false);
    return {
      id: r.id,
      planId: r.routePlanId,
      routeNo: r.routeNo,
      date: r.plan.date,
      slot: r.plan.slotCode,
      slotName: slotNameText(slot.code, slot.name),
      window: { start: slot.windowStart, end: slot.windowEnd },
      kitchen: { id: kitchen.id, name: kitchen.name, address: kitchen.address, lat: kitchen.lat, lng: kitchen.lng },
      vehicleName: vehicles.find((v) => v.id === r.vehicleId)?.name ?? null,
      driverUserId: r.driverUserId,
      driverName: drivers.find((u) => u.id === r.driverUserId)?.displayName ?? null,
      load: r.load,
      distanceM: r.distanceM,
      durationS: r.durationS,
      departAt: r.departAt,
      departLocal: localTimeOf(r.departAt, ctx.timeZone),
      returnAt: r.returnAt,
      returnLocal: localTimeOf(r.returnAt, ctx.timeZone),
      stops: r.stops.map((s) => {
        const view = stopView(s, slot, ctx.timeZone, reveal);
        return { ...view, ...doorView(s, ctx, reveal, delayMs), proofCount: proofCount.get(s.id) ?? 0, navigationUrl: navigationUrl(mapApp, view) };
      }),
    };
  });
}

export type DriverRoute = Awaited<ReturnType<typeof routesWhere>>[number];

/** The caller's published routes of a date (default today), stops in order. */
export async function myRoutes(d: D, ctx: RequestContext, date?: string) {
  const day = date ?? today(ctx.timeZone);
  return { date: day, routes: await routesWhere(d, ctx, { driverUserId: ctx.userId, plan: { date: day, status: 'published' } }) };
}

/**
 * One route, for its driver (published only; any other route is "not found") or a kitchen
 * manager (any route, including drafts).
 */
export async function routeForCaller(d: D, ctx: RequestContext, routeId: string, o: { printed?: boolean } = {}): Promise<DriverRoute> {
  const manager = hasRole(ctx, 'admin', 'kitchen_manager', 'auditor');
  const [route] = await routesWhere(d, ctx, manager ? { id: routeId } : { id: routeId, driverUserId: ctx.userId, plan: { status: 'published' } }, o);
  if (!route) throw new NotFoundError(DN.route);
  return route;
}

export async function routeSheetHtml(d: D, ctx: RequestContext, routeId: string) {
  return renderRouteSheet(await routeForCaller(d, ctx, routeId, { printed: true }), ctx.locale);
}

/** One route as a map picture (the driver's own published route, or any route for a manager). */
export async function routeMapSvg(d: D, ctx: RequestContext, routeId: string, locale: string) {
  const r = await routeForCaller(d, ctx, routeId);
  return renderRouteMap({
    title: t(locale, RT.mapDriverTitle, { kitchen: r.kitchen.name, date: r.date, slot: render(locale, r.slotName), no: r.routeNo, driver: r.driverName ?? '' }),
    kitchen: r.kitchen,
    routes: [{ routeNo: r.routeNo, label: t(locale, RT.mapDriverRoute, { no: r.routeNo, vehicle: r.vehicleName ?? '', stops: r.stops.length, time: r.departLocal }), stops: r.stops }],
  });
}
