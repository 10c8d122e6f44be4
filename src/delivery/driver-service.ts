import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { RequestContext } from '../http/context.js';
import { hasRole } from '../http/context.js';
import { NotFoundError } from '../http/errors.js';
import { localTimeOf, today } from '../time/index.js';
import { stopView } from './plan-detail.js';
import { renderRouteMap } from './map-svg.js';
import { renderRouteSheet } from './route-sheet.js';

type D = Pick<Deps, 'prisma'>;

const stopInclude = {
  orderBy: { stopNo: 'asc' as const },
  include: { order: { include: { recipient: { include: { person: true } } } } },
};

async function routesWhere(d: D, ctx: RequestContext, where: object) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const routes = await db.route.findMany({ where, include: { plan: true, stops: stopInclude }, orderBy: [{ departAt: 'asc' }] });
  const [kitchens, slots, vehicles, drivers] = await Promise.all([
    db.kitchen.findMany({ where: { id: { in: routes.map((r) => r.plan.kitchenId) } } }),
    db.mealSlot.findMany(),
    db.vehicle.findMany({ where: { id: { in: routes.map((r) => r.vehicleId) } } }),
    db.user.findMany({ where: { id: { in: routes.map((r) => r.driverUserId) } }, select: { id: true, displayName: true } }),
  ]);
  return routes.map((r) => {
    const slot = slots.find((s) => s.code === r.plan.slotCode)!;
    const kitchen = kitchens.find((k) => k.id === r.plan.kitchenId)!;
    // Full phone numbers only to the route's own driver, and only on the day of the route.
    const reveal = r.driverUserId === ctx.userId && r.plan.date === today(ctx.timeZone);
    return {
      id: r.id,
      planId: r.routePlanId,
      routeNo: r.routeNo,
      date: r.plan.date,
      slot: r.plan.slotCode,
      slotName: slot.name,
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
      stops: r.stops.map((s) => stopView(s, slot, ctx.timeZone, reveal)),
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
export async function routeForCaller(d: D, ctx: RequestContext, routeId: string): Promise<DriverRoute> {
  const manager = hasRole(ctx, 'admin', 'kitchen_manager', 'auditor');
  const [route] = await routesWhere(d, ctx, manager ? { id: routeId } : { id: routeId, driverUserId: ctx.userId, plan: { status: 'published' } });
  if (!route) throw new NotFoundError('route');
  return route;
}

export async function routeSheetHtml(d: D, ctx: RequestContext, routeId: string) {
  return renderRouteSheet(await routeForCaller(d, ctx, routeId), ctx.locale);
}

/** One route as a map picture (the driver's own published route, or any route for a manager). */
export async function routeMapSvg(d: D, ctx: RequestContext, routeId: string) {
  const r = await routeForCaller(d, ctx, routeId);
  return renderRouteMap({
    title: `${r.kitchen.name} · ${r.date} · ${r.slotName} · #${r.routeNo} ${r.driverName ?? ''}`,
    kitchen: r.kitchen,
    routes: [{ routeNo: r.routeNo, label: `${r.routeNo}. ${r.vehicleName ?? ''} · ${r.stops.length} stops · leaves ${r.departLocal}`, stops: r.stops }],
  });
}
