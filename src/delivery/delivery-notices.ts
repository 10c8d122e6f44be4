import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { logger } from '../logger.js';
import { notify } from '../notify/index.js';
import { localTimeOf } from '../time/index.js';

type D = Pick<Deps, 'prisma' | 'queues'>;

/** Notices are a courtesy: a failure to queue one is logged and never fails the driver's tap or the publish. */
async function courtesy(what: string, fn: () => Promise<unknown>): Promise<void> {
  await fn().catch((err) => logger.warn({ what, err: (err as Error).message }, 'delivery notice not queued'));
}

/**
 * "Meal on its way": when the driver finishes a stop (any outcome), the family of the next stop's
 * recipient who opted in (topic meal_on_way) is told, with the planned arrival. Once per stop
 * (business key): a correction or a second tap does not send it again.
 */
export async function noticeNextStop(d: D, tenantId: string, stopId: string): Promise<void> {
  await courtesy('meal-on-way', async () => {
    const db = tenantDb(d.prisma, tenantId);
    const stop = await db.routeStop.findFirst({ where: { id: stopId }, select: { routeId: true, stopNo: true } });
    if (!stop) return;
    const next = await db.routeStop.findFirst({
      where: { routeId: stop.routeId, stopNo: { gt: stop.stopNo }, outcome: 'pending' }, orderBy: { stopNo: 'asc' },
      include: { order: { include: { recipient: { include: { person: true } } } } },
    });
    if (!next) return;
    const person = next.order.recipient.person;
    const family = await notify.subscribers(d, tenantId, person.id, 'meal_on_way');
    if (!family.length) return;
    const tz = (await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } })).timeZone;
    for (const f of family) {
      await notify.enqueue(d, tenantId, {
        businessKey: `meal-on-way.${next.id}.${f.phone}`, channel: 'sms', recipient: f.phone, recipientLabel: f.name, locale: f.locale,
        template: 'familyMealOnWay', payload: { name: person.name, slot: next.order.slotCode, eta: localTimeOf(next.eta, tz) }, ref: { type: 'route_stop', id: next.id },
      });
    }
  });
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
