import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { NotFoundError } from '../../http/errors.js';
import { localDate } from '../../http/common-schemas.js';
import { instantAt, localTimeOf } from '../../time/index.js';
import { dashboard } from './dashboard-service.js';
import { dashboardSchema } from '../schemas-plans.js';
import { windowOf } from './plan-problem.js';
import { slotCode } from '../schemas.js';
import { ensureSlots, resolveKitchen } from '../setup/setup-service.js';
import { lowMealRatings, unitSatisfaction } from '../../voice/index.js';
import { proofUrl } from '../drivers/proof-service.js';
import { DN } from '../messages.js';

type D = Pick<Deps, 'prisma'>;

/**
 * A pending stop counts as running late once its planned arrival is this far behind, or its
 * window has closed: a few minutes either way is ordinary traffic, not worth a phone call.
 */
export const LATE_AFTER_MS = 10 * 60_000;

export const boardQuery = z.strictObject({ kitchen: z.uuid().optional().describe('Required when the tenant has several kitchens.'), date: localDate, slot: slotCode });

const stopRef = z.object({ stopId: z.uuid(), stopNo: z.number().int(), name: z.string(), etaLocal: z.string() });
export const boardSchema = z.object({
  kitchen: z.object({ id: z.uuid(), name: z.string() }),
  date: z.string(),
  slot: z.string(),
  now: z.iso.datetime(),
  figures: dashboardSchema.shape.slots.element.nullable().describe('The day’s figures of the slot (null when the slot has none).'),
  drivers: z.array(z.object({
    routeId: z.uuid(), routeNo: z.number().int(), driverName: z.string().nullable(), vehicleName: z.string().nullable(),
    done: z.number().int().describe('Stops with an outcome (delivered, not home, refused).'),
    total: z.number().int().describe('Stops on the route, cancelled ones left out.'),
    delivered: z.number().int(),
    next: stopRef.extend({ window: z.object({ start: z.string(), end: z.string() }) }).nullable().describe('The first stop still pending.'),
    late: z.array(stopRef.extend({ minutesLate: z.number().int() })).describe('Pending stops whose ETA passed 10 min ago or whose window closed.'),
    notHome: z.array(stopRef),
    openAlerts: z.number().int(),
    returnLocal: z.string(),
    proofs: z.array(stopRef.extend({
      outcome: z.string(), outcomeLocal: z.string().nullable().describe('When the outcome was recorded (tenant time).'),
      items: z.array(z.object({ id: z.uuid(), kind: z.enum(['photo', 'signature']), url: z.string().describe('The image (session or token; tenant and role checked).') })),
    })).describe('Stops with a photo or signature as proof of delivery, in stop order.'),
  })),
  alerts: z.array(z.object({ id: z.uuid(), status: z.enum(['open', 'acknowledged']), name: z.string(), routeNo: z.number().int(), openedAt: z.iso.datetime() })),
  lowRatings: z.array(z.object({ routeNo: z.number().int(), stopNo: z.number().int(), name: z.string(), meanTenths: z.number().int(), comment: z.string().nullable() }))
    .describe('Delivered meals of the day rated 2.5 stars or less (residents’ voice).'),
  satisfaction: z.object({ month: z.string(), ratings: z.number().int(), satisfactionPct: z.number().nullable() }).describe('The kitchen’s ratings this month.'),
});
export type Board = z.infer<typeof boardSchema>;

const DONE = new Set(['delivered', 'not_home', 'refused']);

/**
 * The live board of one kitchen's slot on a date: per published route, the driver's progress,
 * the next door and its ETA, doors running late and not home, and the open welfare alerts; plus
 * the day's figures (the dashboard's, so both always agree).
 */
export async function dayBoard(d: D, ctx: RequestContext, q: z.infer<typeof boardQuery>, now = new Date()): Promise<Board> {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const { id: kitchenId, name } = await resolveKitchen(db, q.kitchen);
  const kitchen = { id: kitchenId, name };
  const slot = (await ensureSlots(db, ctx.tenantId)).find((s) => s.code === q.slot);
  if (!slot) throw new NotFoundError(DN.mealSlot);
  const [figures, plans, alerts] = await Promise.all([
    dashboard(d, ctx, { date: q.date, slot: q.slot, kitchen: kitchenId }),
    db.routePlan.findMany({
      where: { kitchenId, date: q.date, slotCode: q.slot, status: 'published' },
      include: { routes: { orderBy: { routeNo: 'asc' }, include: { stops: { orderBy: { stopNo: 'asc' }, include: { order: { include: { recipient: { include: { person: { select: { name: true } } } } } } } } } } },
    }),
    db.welfareAlert.findMany({
      where: { status: { in: ['open', 'acknowledged'] }, stop: { order: { date: q.date, slotCode: q.slot, kitchenId } } },
      include: { stop: { select: { routeId: true, route: { select: { routeNo: true } }, order: { select: { recipient: { select: { person: { select: { name: true } } } } } } } } },
      orderBy: { openedAt: 'asc' },
    }),
  ]);
  const routes = plans.flatMap((p) => p.routes);
  const [drivers, vehicles] = await Promise.all([
    db.user.findMany({ where: { id: { in: routes.map((r) => r.driverUserId) } }, select: { id: true, displayName: true } }),
    db.vehicle.findMany({ where: { id: { in: routes.map((r) => r.vehicleId) } }, select: { id: true, name: true } }),
  ]);
  const tz = ctx.timeZone;
  const allStops = routes.flatMap((r) => r.stops.map((s) => ({ route: r, stop: s })));
  const [low, satisfaction] = await Promise.all([
    lowMealRatings(d.prisma, ctx.tenantId, allStops.map((x) => x.stop.orderId)),
    unitSatisfaction(d.prisma, ctx.tenantId, kitchenId, q.date.slice(0, 7)),
  ]);
  const proofRows = await db.stopProof.findMany({
    where: { routeStopId: { in: allStops.map((x) => x.stop.id) } }, orderBy: { createdAt: 'asc' }, select: { id: true, routeStopId: true, kind: true },
  });
  const proofsOf = (stopId: string) => proofRows.filter((p) => p.routeStopId === stopId)
    .map((p) => ({ id: p.id, kind: p.kind as 'photo' | 'signature', url: proofUrl(stopId, p.id) }));
  const lowRatings = low.flatMap((l) => {
    const at = allStops.find((x) => x.stop.orderId === l.orderId);
    return at ? [{ routeNo: at.route.routeNo, stopNo: at.stop.stopNo, name: at.stop.order.recipient.person.name, meanTenths: l.meanTenths, comment: l.comment }] : [];
  });
  return {
    lowRatings, satisfaction,
    kitchen, date: q.date, slot: q.slot, now: now.toISOString(),
    figures: figures.slots[0] ?? null,
    drivers: routes.map((r) => {
      const stops = r.stops.filter((s) => s.outcome !== 'cancelled').map((s) => ({
        stopId: s.id, stopNo: s.stopNo, name: s.order.recipient.person.name, etaLocal: localTimeOf(s.eta, tz),
        eta: s.eta, outcome: s.outcome, outcomeAt: s.outcomeAt, window: windowOf(slot, s.order),
      }));
      const ref = (s: (typeof stops)[number]) => ({ stopId: s.stopId, stopNo: s.stopNo, name: s.name, etaLocal: s.etaLocal });
      const pending = stops.filter((s) => s.outcome === 'pending');
      const late = pending.flatMap((s) => {
        const closes = instantAt(q.date, s.window.end, tz);
        const behind = now.getTime() - s.eta.getTime();
        return behind >= LATE_AFTER_MS || now > closes ? [{ ...ref(s), minutesLate: Math.max(0, Math.round(behind / 60_000)) }] : [];
      });
      return {
        routeId: r.id, routeNo: r.routeNo,
        driverName: drivers.find((u) => u.id === r.driverUserId)?.displayName ?? null,
        vehicleName: vehicles.find((v) => v.id === r.vehicleId)?.name ?? null,
        done: stops.filter((s) => DONE.has(s.outcome)).length,
        total: stops.length,
        delivered: stops.filter((s) => s.outcome === 'delivered').length,
        next: pending[0] ? { ...ref(pending[0]), window: pending[0].window } : null,
        late,
        notHome: stops.filter((s) => s.outcome === 'not_home').map(ref),
        openAlerts: alerts.filter((a) => a.stop.routeId === r.id).length,
        returnLocal: localTimeOf(r.returnAt, tz),
        proofs: stops.flatMap((s) => {
          const items = proofsOf(s.stopId);
          return items.length ? [{ ...ref(s), outcome: s.outcome, outcomeLocal: s.outcomeAt ? localTimeOf(s.outcomeAt, tz) : null, items }] : [];
        }),
      };
    }),
    alerts: alerts.map((a) => ({
      id: a.id, status: a.status as 'open' | 'acknowledged', name: a.stop.order.recipient.person.name, routeNo: a.stop.route.routeNo, openedAt: a.openedAt.toISOString(),
    })),
  };
}
