import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { logger } from '../../logger.js';
import { notify } from '../../notify/index.js';
import { localTimeOf } from '../../time/index.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

/** Notices are a courtesy: a failure to queue one is logged and never fails the driver's tap or the publish. */
async function courtesy(what: string, fn: () => Promise<unknown>): Promise<void> {
  await fn().catch((err) => logger.warn({ what, err: (err as Error).message }, 'delivery notice not queued'));
}

const stopWithPerson = { order: { include: { recipient: { include: { person: true } } } } } as const;

/**
 * "Meal on its way" to the family of one stop's recipient who opted in (topic meal_on_way), with
 * the planned arrival. Once per stop and phone (business key meal-on-way.<stop>.<phone>): the
 * departure and a finished earlier stop may both name the same stop, and only one message goes.
 */
/** Returns how many messages it wrote (0 when they were written before). */
async function noticeStopFamily(d: D, tenantId: string, stopId: string): Promise<number> {
  const db = tenantDb(d.prisma, tenantId);
  const stop = await db.routeStop.findFirst({ where: { id: stopId }, include: stopWithPerson });
  if (!stop) return 0;
  const person = stop.order.recipient.person;
  const family = await notify.subscribers(d, tenantId, person.id, 'meal_on_way');
  if (!family.length) return 0;
  const tz = (await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } })).timeZone;
  let created = 0;
  for (const f of family) {
    const e = await notify.enqueue(d, tenantId, {
      businessKey: `meal-on-way.${stop.id}.${f.phone}`, channel: 'sms', recipient: f.phone, recipientLabel: f.name, locale: f.locale,
      template: 'familyMealOnWay', payload: { name: person.name, slot: stop.order.slotCode, eta: localTimeOf(stop.eta, tz) }, ref: { type: 'route_stop', id: stop.id },
    });
    if (e.created) created++;
  }
  return created;
}

/** The first stop of a route still to be served (outcome pending), in driving order. */
const firstPendingAfter = (d: D, tenantId: string, routeId: string, afterStopNo: number) =>
  tenantDb(d.prisma, tenantId).routeStop.findFirst({ where: { routeId, stopNo: { gt: afterStopNo }, outcome: 'pending' }, orderBy: { stopNo: 'asc' }, select: { id: true } });

/** When the driver finishes a stop (any outcome), the next stop's family is told its meal is on the way. */
export async function noticeNextStop(d: D, tenantId: string, stopId: string): Promise<void> {
  await courtesy('meal-on-way', async () => {
    const stop = await tenantDb(d.prisma, tenantId).routeStop.findFirst({ where: { id: stopId }, select: { routeId: true, stopNo: true } });
    const next = stop && (await firstPendingAfter(d, tenantId, stop.routeId, stop.stopNo));
    if (next) await noticeStopFamily(d, tenantId, next.id);
  });
}

/**
 * The route.depart job (staged at publish for the route's departAt): nobody finishes a stop
 * before the first one, so its family is told when the route leaves the kitchen. Only for a
 * route of the plan still published (a re-published plan's old routes say nothing); the first
 * stop still pending (a stop served before the departure was covered by noticeNextStop). Throws
 * on failure so the job retries — safe, since the message is keyed per stop.
 */
export async function noticeFirstStop(d: D, tenantId: string, routeId: string): Promise<{ told: number; skipped?: string }> {
  const route = await tenantDb(d.prisma, tenantId).route.findFirst({ where: { id: routeId }, select: { plan: { select: { status: true } } } });
  if (!route) return { told: 0, skipped: 'route gone' };
  if (route.plan.status !== 'published') return { told: 0, skipped: `plan ${route.plan.status}` };
  const first = await firstPendingAfter(d, tenantId, routeId, -1);
  if (!first) return { told: 0, skipped: 'no stop pending' };
  return { told: await noticeStopFamily(d, tenantId, first.id) };
}

/** "Route published": each driver of a newly published plan gets an in-app message with the route number and stops. */
export async function noticeRoutesPublished(d: D, tenantId: string, planId: string): Promise<void> {
  await courtesy('route-published', async () => {
    const db = tenantDb(d.prisma, tenantId);
    const plan = await db.routePlan.findFirst({ where: { id: planId }, select: { date: true, routes: { select: { id: true, routeNo: true, driverUserId: true, _count: { select: { stops: true } } } } } });
    for (const r of plan?.routes ?? []) {
      await notify.enqueue(d, tenantId, {
        businessKey: `route-published.${r.id}`, channel: 'in_app', recipient: `user:${r.driverUserId}`, recipientLabel: 'driver',
        template: 'routePublished', payload: { date: plan!.date, routeNo: String(r.routeNo), stops: String(r._count.stops) }, ref: { type: 'route', id: r.id },
      });
    }
  });
}
