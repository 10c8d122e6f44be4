/**
 * Rows of the nursing and delivery domains that the canteen audit reads, written straight into
 * their tables (those domains' APIs are built in parallel; the audit depends only on these columns).
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../../src/db/prisma.js';
import { instantAt } from '../../../src/time/index.js';

/** An inpatient stay (nursing Admission). */
export async function plantHospitalStay(db: PrismaClient, tenantId: string, personId: string, admittedAt: Date, dischargedAt: Date | null) {
  const ward = await db.ward.create({ data: { tenantId, name: `内科 ${randomUUID().slice(0, 4)}` } });
  await db.admission.create({ data: { tenantId, personId, wardId: ward.id, admittedAt, dischargedAt } });
}

/** Home-delivered meals (delivery DailyOrder + RouteStop with an outcome) for one person. */
export async function plantHomeDeliveries(
  db: PrismaClient,
  tenantId: string,
  personId: string,
  stops: { date: string; slot: string; outcome: 'delivered' | 'not_home' }[],
  zone = 'Asia/Shanghai',
) {
  const kitchen = await db.kitchen.create({ data: { tenantId, name: '中心厨房', lat: 27.63, lng: 114.03 } });
  const recipient = await db.recipient.create({ data: { tenantId, personId, kitchenId: kitchen.id } });
  for (const s of stops) {
    const order = await db.dailyOrder.create({ data: { tenantId, recipientId: recipient.id, kitchenId: kitchen.id, date: s.date, slotCode: s.slot, quantity: 1 } });
    const plan = await db.routePlan.create({ data: { tenantId, kitchenId: kitchen.id, date: s.date, slotCode: s.slot, status: 'published' } });
    const at = instantAt(s.date, s.slot === 'lunch' ? '11:20' : '17:20', zone);
    const route = await db.route.create({
      data: { tenantId, routePlanId: plan.id, vehicleId: randomUUID(), driverUserId: randomUUID(), routeNo: 1, distanceM: 5000, durationS: 1800, load: 1, departAt: at, returnAt: at },
    });
    await db.routeStop.create({
      data: { tenantId, routeId: route.id, orderId: order.id, stopNo: 1, eta: at, serviceStart: at, departure: at, load: 1, outcome: s.outcome, outcomeAt: at },
    });
  }
}
