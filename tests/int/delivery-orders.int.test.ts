import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderScheduler } from '../../src/delivery/orders/order-schedule.js';
import { addDays, today, weekdayOf } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { createWorld, generate } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let m: Record<string, string>;
// A date a few days ahead: holds only touch orders from today on.
const D = addDays(today('Asia/Shanghai'), 3);

beforeAll(async () => {
  env = await createTestEnv('delivery_orders');
  env.startWorkers();
  w = await createWorld(env, { recipients: 5 });
  m = bearer(w.manager.token);
});
afterAll(() => env?.close());

const orders = async (date = D, status?: string) =>
  (await env.request.get('/delivery/orders').query({ date, ...(status ? { status } : {}) }).set(m)).body.items as
    { id: string; recipientId: string; slotCode: string; status: string; cancelReason: string | null; holdId: string | null; quantity: number }[];

describe('daily orders (issue point 2)', () => {
  it('when orders are generated, then plans minus holds become orders; a recipient on hold gets none; a re-run creates nothing', async () => {
    const [, r1, , , r4] = w.recipients;
    // r1 also gets dinner on D's weekday only, two portions; r4 is in hospital around D.
    await env.request.post(`/delivery/recipients/${r1.id}/plans`).set(m).send({ slotCodes: ['dinner'], weekdays: [weekdayOf(D)], startDate: D, quantity: 2 });
    await env.request.post(`/delivery/recipients/${r1.id}/plans`).set(m).send({ slotCodes: ['dinner'], weekdays: [weekdayOf(addDays(D, 1))], startDate: D });
    const hold = await env.request.post(`/delivery/recipients/${r4.id}/holds`).set(m).send({ fromDate: addDays(D, -1), toDate: addDays(D, 1), reason: 'hospitalised' });
    expect(hold.body.ordersCancelled).toBe(0);

    const first = await generate(env, w, D);
    expect(first).toMatchObject({ date: D, created: 5, cancelled: 0, skippedOnHold: 1 });
    const list = await orders();
    expect(list.filter((o) => o.slotCode === 'lunch').map((o) => o.recipientId).sort()).toEqual(w.recipients.slice(0, 4).map((r) => r.id).sort());
    expect(list.filter((o) => o.slotCode === 'dinner')).toEqual([expect.objectContaining({ recipientId: r1.id, quantity: 2 })]);
    expect(list.some((o) => o.recipientId === r4.id)).toBe(false);

    const again = await generate(env, w, D);
    expect(again).toMatchObject({ created: 0, reactivated: 0, updated: 0, cancelled: 0, unchanged: 5 });
    expect(await orders()).toHaveLength(5);
  });

  it('when a hold is added after generation, then the covered orders are cancelled; ending it early restores them', async () => {
    const r2 = w.recipients[2];
    const hold = await env.request.post(`/delivery/recipients/${r2.id}/holds`).set(m).send({ fromDate: D, toDate: addDays(D, 7), reason: 'away', note: 'visiting son' });
    expect(hold.status).toBe(201);
    expect(hold.body.ordersCancelled).toBe(1);
    const cancelled = (await orders()).find((o) => o.recipientId === r2.id)!;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'hold: away', holdId: hold.body.id });
    expect((await generate(env, w, D)).created).toBe(0);
    expect((await orders()).find((o) => o.recipientId === r2.id)!.status).toBe('cancelled');

    const shortened = await env.request.patch(`/delivery/holds/${hold.body.id}`).set(m).send({ fromDate: addDays(D, 1) });
    expect(shortened.body.ordersRestored).toBe(1);
    expect((await orders()).find((o) => o.recipientId === r2.id)).toMatchObject({ status: 'active', holdId: null, cancelReason: null });
  });

  it('when a plan ends or a manager cancels an order, then a re-run cancels the first and keeps the second cancelled', async () => {
    const r3 = w.recipients[3];
    const detail = await env.request.get(`/delivery/recipients/${r3.id}`).set(m);
    await env.request.patch(`/delivery/plans/${detail.body.plans[0].id}`).set(m).send({ endDate: addDays(D, -1) });
    const rerun = await generate(env, w, D);
    expect(rerun.cancelled).toBe(1);
    expect((await orders()).find((o) => o.recipientId === r3.id)).toMatchObject({ status: 'cancelled', cancelReason: 'plan ended' });

    const r0order = (await orders()).find((o) => o.recipientId === w.recipients[0].id && o.slotCode === 'lunch')!;
    const cancel = await env.request.post(`/delivery/orders/${r0order.id}/cancel`).set(m).send({ reason: 'family takes her out' });
    expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: 'family takes her out' });
    await generate(env, w, D);
    expect((await orders()).find((o) => o.id === r0order.id)!.status).toBe('cancelled');
  });

  it('when a person has died, then no order is generated for them from that date', async () => {
    const r1 = w.recipients[1];
    await env.request.patch(`/people/${r1.personId}`).set(bearer(w.t.adminToken)).send({ deathDate: addDays(D, -3) }); // today: a death date cannot be in the future
    await generate(env, w, D);
    expect((await orders(D, 'active')).some((o) => o.recipientId === r1.id)).toBe(false);
  });

  it('when an order is pinned to a vehicle of another kitchen, then 422; to its own kitchen’s vehicle, then the pin is stored', async () => {
    const o = (await orders(D, 'active'))[0];
    const other = await env.request.post('/delivery/kitchens').set(m).send({ name: 'Other', lat: 27.7, lng: 114.1 });
    const van = await env.request.post('/delivery/vehicles').set(m)
      .send({ kitchenId: other.body.id, driverUserId: w.drivers[0].id, name: 'Other van', capacity: 5, shiftStart: '09:00', shiftEnd: '13:00' });
    expect((await env.request.post(`/delivery/orders/${o.id}/pin`).set(m).send({ vehicleId: van.body.id })).status).toBe(422);
    const pinned = await env.request.post(`/delivery/orders/${o.id}/pin`).set(m).send({ vehicleId: w.vehicleIds[1] });
    expect(pinned.body.pinnedVehicleId).toBe(w.vehicleIds[1]);
  });

  it('when a driver triggers generation, then 403', async () => {
    expect((await env.request.post('/delivery/orders/generate').set(bearer(w.drivers[0].token)).send({ date: D })).status).toBe(403);
  });
});

describe('the daily scheduler (cut-off in the tenant zone)', () => {
  it('when the tenant settings are saved, then a scheduler fires at the cut-off in the tenant zone', async () => {
    const res = await env.request.patch('/tenant').set(bearer(w.t.adminToken)).send({ orderCutoff: '14:30' });
    expect(res.status).toBe(200);
    const s = await env.deps.queues.get('orders.generate').getJobScheduler(orderScheduler({ ...res.body, id: w.t.id }).id);
    expect(s).toMatchObject({ pattern: '30 14 * * *', tz: 'Asia/Shanghai', template: { data: { tenantId: w.t.id } } });
    // The next run is 14:30 in Shanghai (06:30Z).
    expect(new Date(s!.next!).toISOString()).toMatch(/T06:30:00\.000Z$/);
  });

  it('when a New York tenant’s run fires the day before spring-forward, then it generates the DST day and the next run is 15:00 EDT', async () => {
    const ny = await createWorld(env, { recipients: 2, timeZone: 'America/New_York' });
    const tenant = { id: ny.t.id, timeZone: 'America/New_York', orderCutoff: '15:00' };
    const s = orderScheduler(tenant);
    const queue = env.deps.queues.get('orders.generate');
    // Same scheduler as the tenant's, started just before the 2027 change so we can watch it cross.
    await queue.upsertJobScheduler(s.id, { ...s.repeat, startDate: '2027-03-13T12:00:00Z' }, s.template);
    const scheduler = await queue.getJobScheduler(s.id);
    expect(new Date(scheduler!.next!).toISOString()).toBe('2027-03-13T20:00:00.000Z');

    const job = await queue.getJob(`repeat:${s.id}:${scheduler!.next}`);
    expect(job).toBeDefined();
    await job!.promote(); // run it now instead of in March 2027
    await eventually(async () => (await job!.getState()) === 'completed');
    const made = await env.request.get('/delivery/orders').query({ date: '2027-03-14' }).set(bearer(ny.manager.token));
    expect(made.body.items).toHaveLength(2);
    const next = await queue.getJobScheduler(s.id);
    expect(new Date(next!.next!).toISOString()).toBe('2027-03-14T19:00:00.000Z');
  });
});
