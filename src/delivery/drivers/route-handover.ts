import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { routeForCaller } from './driver-service.js';
import { say } from '../../i18n/index.js';
import { DE, DN } from '../messages.js';
import { statusWord } from '../plans/plan-words.js';

/**
 * Hands a route to another driver (the planned one called in sick): from now on the new driver
 * sees it in /me/routes, may record its outcomes and sees the full phone numbers on the day; the
 * old driver no longer does. Outcomes already recorded stay. A driver cannot take two routes of
 * the same kitchen, date and slot.
 */
export async function handOverRoute(d: Pick<Deps, 'prisma' | 'config'>, ctx: RequestContext, routeId: string, input: { driverUserId: string; reason?: string }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const route = await tx.route.findFirst({ where: { id: routeId }, include: { plan: true } });
    if (!route) throw new NotFoundError(DN.route);
    if (route.plan.status !== 'done' && route.plan.status !== 'published') {
      throw new ConflictError(say(DE.handoverOldPlan, { status: statusWord(route.plan.status) }));
    }
    const driver = await tx.user.findFirst({ where: { id: input.driverUserId } });
    const field = [{ path: 'body.driverUserId', message: say(DE.notActiveDriver) }];
    if (!driver || driver.disabledAt || !driver.roles.includes('driver')) throw new ConflictError(say(DE.newDriverInvalid), { errors: field });
    if (driver.id === route.driverUserId) return;
    const busy = await tx.route.findFirst({
      where: {
        driverUserId: driver.id, id: { not: route.id },
        plan: { kitchenId: route.plan.kitchenId, date: route.plan.date, slotCode: route.plan.slotCode, status: { in: ['done', 'published'] } },
      },
    });
    if (busy) {
      throw new ConflictError(say(DE.driverBusy, { name: driver.displayName, routeNo: busy.routeNo }), {
        errors: [{ path: 'body.driverUserId', message: say(DE.drivesRoute, { routeNo: busy.routeNo }) }],
      });
    }
    const after = await tx.route.update({ where: { id: route.id }, data: { driverUserId: driver.id } });
    await writeAudit(tx, ctx, {
      action: 'route.handover', entity: 'Route', entityId: route.id,
      before: { driverUserId: route.driverUserId }, after: { driverUserId: after.driverUserId, reason: input.reason ?? null },
    });
  });
  return routeForCaller(d, ctx, routeId);
}
