/**
 * Rows of the nursing and delivery domains that the canteen audit reads (through their read
 * modules), written straight into their tables (those domains' APIs are built in parallel; the audit depends only on these columns).
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../../src/db/prisma.js';
import { instantAt } from '../../../src/time/index.js';

/** An inpatient stay (nursing Admission). */
export async function plantHospitalStay(
  db: PrismaClient,
  tenantId: string,
  personId: string,
  admittedAt: Date,
  dischargedAt: Date | null,
) {
  const ward = await db.ward.create({ data: { tenantId, name: `内科 ${randomUUID().slice(0, 4)}` } });
  await db.admission.create({ data: { tenantId, personId, wardId: ward.id, admittedAt, dischargedAt } });
}

/** The delivery slot a planted stop rides in: its kind (default: the code when it is one) and its window. */
const SLOT_TIMES = { breakfast: '07:30', lunch: '11:00', dinner: '17:00' } as const;

/**
 * Home-delivered meals (delivery MealSlot + DailyOrder + RouteStop with an outcome) for one person.
 * A slot code that is not a kind (e.g. `noon`) needs its `kind`.
 */
export async function plantHomeDeliveries(
  db: PrismaClient,
  tenantId: string,
  personId: string,
  stops: { date: string; slot: string; kind?: 'breakfast' | 'lunch' | 'dinner'; outcome: 'delivered' | 'not_home' }[],
  zone = 'Asia/Shanghai',
) {
  const kitchen = await db.kitchen.create({ data: { tenantId, name: '中心厨房', lat: 27.63, lng: 114.03 } });
  const recipient = await db.recipient.create({ data: { tenantId, personId, kitchenId: kitchen.id } });
  for (const s of stops) {
    const kind = s.kind ?? (s.slot as keyof typeof SLOT_TIMES);
    const time = SLOT_TIMES[kind];
    if (!time) throw new Error(`Slot ${s.slot} needs a kind.`);
    await db.mealSlot.upsert({
      where: { tenantId_code: { tenantId, code: s.slot } },
      create: {
        tenantId,
        code: s.slot,
        kind,
        name: s.slot,
        readyTime: time,
        windowStart: time,
        windowEnd: `${time.slice(0, 2)}:59`,
      },
      update: {},
    });
    const order = await db.dailyOrder.create({
      data: { tenantId, recipientId: recipient.id, kitchenId: kitchen.id, date: s.date, slotCode: s.slot, quantity: 1 },
    });
    const plan = await db.routePlan.create({
      data: { tenantId, kitchenId: kitchen.id, date: s.date, slotCode: s.slot, status: 'published' },
    });
    const at = instantAt(s.date, kind === 'dinner' ? '17:20' : kind === 'lunch' ? '11:20' : '07:50', zone);
    const route = await db.route.create({
      data: {
        tenantId,
        routePlanId: plan.id,
        vehicleId: randomUUID(),
        driverUserId: randomUUID(),
        routeNo: 1,
        distanceM: 5000,
        durationS: 1800,
        load: 1,
        departAt: at,
        returnAt: at,
      },
    });
    await db.routeStop.create({
      data: {
        tenantId,
        routeId: route.id,
        orderId: order.id,
        stopNo: 1,
        eta: at,
        serviceStart: at,
        departure: at,
        load: 1,
        outcome: s.outcome,
        outcomeAt: at,
      },
    });
  }
}
