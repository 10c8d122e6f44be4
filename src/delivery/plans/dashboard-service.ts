import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { instantAt } from '../../time/index.js';
import { loadPlan } from './plan-detail.js';
import { windowOf } from './plan-problem.js';
import { ensureSlots } from '../setup/setup-service.js';
import { renderRouteMap } from './map-svg.js';
import { isPlausible, leftKitchenAt } from '../drivers/outcome-service.js';
import { render, t } from '../../i18n/index.js';
import { slotName } from '../label-messages.js';
import { RT } from './plan-messages.js';
import { statusWord } from './plan-words.js';

type D = Pick<Deps, 'prisma'>;

/**
 * The manager's figures for a date, per slot: orders, delivered (on time = inside the window, early
 * = before it opened, late = after it closed, implausible = before the food left the kitchen or in
 * the future), not home, refused, still pending, on-time rate (on time ÷ delivered) and
 * kilometres driven by the published routes.
 */
export async function dashboard(d: D, ctx: RequestContext, q: { date: string; slot?: string; kitchen?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const slots = (await ensureSlots(db, ctx.tenantId)).filter((s) => !q.slot || s.code === q.slot);
  const kitchenFilter = q.kitchen ? { kitchenId: q.kitchen } : {};
  const out = [];
  for (const slot of slots) {
    const orders = await db.dailyOrder.findMany({ where: { date: q.date, slotCode: slot.code, ...kitchenFilter }, select: { id: true, status: true, quantity: true } });
    const plans = await db.routePlan.findMany({
      where: { date: q.date, slotCode: slot.code, status: 'published', ...kitchenFilter },
      include: { routes: { include: { stops: { include: { order: { select: { windowStart: true, windowEnd: true, status: true } } } } } } },
    });
    const readyAt = instantAt(q.date, slot.readyTime, ctx.timeZone);
    const now = new Date();
    const stops = plans.flatMap((p) => p.routes.flatMap((r) => r.stops.map((s) => ({ ...s, earliest: leftKitchenAt(r, readyAt) }))));
    const f = { delivered: 0, onTime: 0, early: 0, late: 0, implausible: 0, notHome: 0, refused: 0, pending: 0 };
    for (const s of stops) {
      if (s.outcome === 'delivered') {
        f.delivered++;
        // On time = a believable arrival inside the window; a time before the food left the
        // kitchen or in the future (rows from before the rule) counts as neither.
        const w = windowOf(slot, s.order);
        if (!isPlausible(s.outcomeAt, s.earliest, now)) f.implausible++;
        else if (s.outcomeAt > instantAt(q.date, w.end, ctx.timeZone)) f.late++;
        else if (s.outcomeAt < instantAt(q.date, w.start, ctx.timeZone)) f.early++;
        else f.onTime++;
      } else if (s.outcome === 'not_home') f.notHome++;
      else if (s.outcome === 'refused') f.refused++;
      else if (s.outcome === 'pending') f.pending++;
    }
    const active = orders.filter((o) => o.status === 'active');
    const routed = new Set(stops.map((s) => s.orderId));
    const openAlerts = await db.welfareAlert.count({
      where: { status: { in: ['open', 'acknowledged'] }, stop: { order: { date: q.date, slotCode: slot.code, ...kitchenFilter } } },
    });
    out.push({
      slot: slot.code,
      orders: active.length,
      meals: active.reduce((s, o) => s + o.quantity, 0),
      cancelled: orders.length - active.length,
      routes: plans.reduce((s, p) => s + p.routes.length, 0),
      unrouted: active.filter((o) => !routed.has(o.id)).length,
      ...f,
      onTimeRate: f.delivered ? Number((f.onTime / f.delivered).toFixed(3)) : null,
      totalKm: Number((plans.reduce((s, p) => s + p.distanceM, 0) / 1000).toFixed(1)),
      openAlerts,
      publishedPlanIds: plans.map((p) => p.id),
    });
  }
  return { date: q.date, slots: out };
}

/** The plan's routes as an SVG map (kitchen, numbered stops, one colour per route). */
export async function planMapSvg(d: D, ctx: RequestContext, planId: string, locale: string) {
  const l = await loadPlan(tenantDb(d.prisma, ctx.tenantId), planId);
  const unassignedIds = ((l.plan.unassigned ?? []) as { orderId: string }[]).map((u) => u.orderId);
  const unassigned = await tenantDb(d.prisma, ctx.tenantId).dailyOrder.findMany({
    where: { id: { in: unassignedIds } }, include: { recipient: { include: { person: { select: { name: true, lat: true, lng: true } } } } },
  });
  return renderRouteMap({
    title: t(locale, RT.mapTitle, { kitchen: l.kitchen.name, date: l.plan.date, slot: slotName(locale, l.slot.code, l.slot.name), status: render(locale, statusWord(l.plan.status)) }),
    kitchen: l.kitchen,
    routes: l.plan.routes.map((r) => ({
      routeNo: r.routeNo,
      label: t(locale, RT.mapRoute, { no: r.routeNo, driver: l.drivers.get(r.driverUserId)?.displayName ?? '', vehicle: l.vehicles.get(r.vehicleId)?.name ?? '', stops: r.stops.length, km: (r.distanceM / 1000).toFixed(1) }),
      stops: r.stops.map((s) => ({ stopNo: s.stopNo, name: s.order.recipient.person.name, lat: s.order.recipient.person.lat, lng: s.order.recipient.person.lng })),
    })),
    unassigned: unassigned.map((o) => o.recipient.person),
    unassignedLabel: t(locale, RT.mapUnassigned, { count: unassigned.length }),
  });
}
