// The board's JSON (what the live board polls) and the orders of a recipient who has died.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let m: Record<string, string>;
const TZ = afternoonZone();
const DAY = today(TZ);
const LATER = addDays(DAY, 2);
let plan: { id: string; routes: { id: string; driverUserId: string; stops: { id: string; recipientId: string; name: string }[] }[] };

beforeAll(async () => {
  env = await createTestEnv('delivery-board-deceased', { WELFARE_DELAY_SECONDS: '0' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 6, vehicles: [{ capacity: 20 }], timeZone: TZ });
  m = bearer(w.manager.token);
  await generate(env, w, DAY);
  await generate(env, w, LATER);
  plan = await planAndWait(env, w, DAY);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(m)).status).toBe(200);
}, 90_000);
afterAll(() => env?.close());

const board = (q: Record<string, string> = {}, token = m) =>
  env.request.get('/delivery/board').query({ kitchen: w.kitchenId, date: DAY, slot: 'lunch', ...q }).set(token);
const orders = async (date: string) =>
  (await env.request.get('/delivery/orders').query({ date }).set(m)).body.items as { recipientId: string; status: string; cancelReason: string | null }[];

describe('GET /delivery/board', () => {
  it('when a driver taps outcomes, then the board counts them per driver, lists not-home doors, late doors and the open alert', async () => {
    const route = plan.routes[0];
    const driver = bearer(w.drivers[0].token);
    expect((await env.request.post(`/delivery/stops/${route.stops[0].id}/outcome`).set(driver).send({ status: 'delivered' })).status).toBe(200);
    expect((await env.request.post(`/delivery/stops/${route.stops[1].id}/outcome`).set(driver).send({ status: 'not_home' })).status).toBe(200);
    const res = await (async () => {
      for (let i = 0; i < 60; i++) {
        const r = await board();
        if (r.body.alerts?.length) return r;
        await new Promise((f) => setTimeout(f, 250));
      }
      return board();
    })();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [d] = res.body.drivers;
    expect(d).toMatchObject({ routeId: route.id, done: 2, total: 6, delivered: 1, openAlerts: 1, next: { stopId: route.stops[2].id } });
    expect(d.notHome).toEqual([expect.objectContaining({ stopId: route.stops[1].id, name: route.stops[1].name })]);
    // Afternoon here: every pending lunch door is past its ETA (by more than 10 min) and its window.
    expect(d.late.map((s: { stopId: string }) => s.stopId)).toEqual(route.stops.slice(2).map((s) => s.id));
    expect(res.body.figures).toMatchObject({ orders: 6, delivered: 1, notHome: 1, pending: 4, openAlerts: 1 });
    expect(res.body.alerts).toEqual([expect.objectContaining({ status: 'open', name: route.stops[1].name, routeNo: 1 })]);
  });

  it('when the query is incomplete or wrong, then 400 naming the field; another tenant’s kitchen is 404; a driver gets 403', async () => {
    // Like the production sheet: with one kitchen the kitchen may be left out.
    const only = await env.request.get('/delivery/board').query({ date: DAY, slot: 'lunch' }).set(m);
    expect(only.status).toBe(200);
    expect(only.body.kitchen.id).toBe(w.kitchenId);
    const bad = await env.request.get('/delivery/board').query({ date: DAY, slot: 'lunch', kitchen: 'nope' }).set(m);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('query.kitchen');
    expect((await board({ date: '2026-02-30' })).status).toBe(400);
    expect((await board({ slot: 'brunch' })).status).toBe(404);
    const other = await createWorld(env, { recipients: 1, vehicles: [{ capacity: 5 }] });
    expect((await board({}, bearer(other.manager.token))).status).toBe(404);
    expect((await board({}, bearer(w.drivers[0].token))).status).toBe(403);
  });
});

describe('a recipient who has died', () => {
  it('when the death is recorded, then their orders from that day on are cancelled as "deceased" at once, with the route stop', async () => {
    const route = plan.routes[0];
    const pendingStop = route.stops[3];
    const who = w.recipients.find((r) => r.id === pendingStop.recipientId)!;
    const res = await env.request.patch(`/people/${who.personId}`).set(bearer(w.t.adminToken)).send({ deathDate: DAY });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const date of [DAY, LATER]) {
      expect((await orders(date)).find((o) => o.recipientId === who.id)).toMatchObject({ status: 'cancelled', cancelReason: 'deceased' });
    }
    const stop = await env.deps.prisma.routeStop.findUniqueOrThrow({ where: { id: pendingStop.id } });
    expect(stop).toMatchObject({ outcome: 'cancelled', outcomeNote: 'deceased' });
    // The order run afterwards keeps the reason (it does not turn into "plan ended").
    await generate(env, w, LATER);
    expect((await orders(LATER)).find((o) => o.recipientId === who.id)).toMatchObject({ status: 'cancelled', cancelReason: 'deceased' });
    // The board no longer counts the door.
    expect((await board()).body.drivers[0].total).toBe(5);
  });

  it('when the death date reaches the orders another way (no PATCH), then the order run cancels them as "deceased", not "plan ended"', async () => {
    const who = w.recipients.find((r) => r.id === plan.routes[0].stops[4].recipientId)!;
    await env.deps.prisma.person.update({ where: { id: who.personId }, data: { deathDate: addDays(DAY, 1) } });
    const run = await generate(env, w, LATER);
    expect(run.cancelled).toBe(1);
    expect((await orders(LATER)).find((o) => o.recipientId === who.id)).toMatchObject({ status: 'cancelled', cancelReason: 'deceased' });
    expect((await orders(DAY)).find((o) => o.recipientId === who.id)!.status).toBe('active');
  });

  it('when a death recorded by mistake is taken back, then the next run restores the orders; a delivered meal is never cancelled', async () => {
    const who = w.recipients.find((r) => r.id === plan.routes[0].stops[4].recipientId)!;
    await env.request.patch(`/people/${who.personId}`).set(bearer(w.t.adminToken)).send({ deathDate: null }).expect(200);
    expect((await generate(env, w, LATER)).reactivated).toBe(1);
    expect((await orders(LATER)).find((o) => o.recipientId === who.id)).toMatchObject({ status: 'active', cancelReason: null });

    const delivered = w.recipients.find((r) => r.id === plan.routes[0].stops[0].recipientId)!;
    await env.request.patch(`/people/${delivered.personId}`).set(bearer(w.t.adminToken)).send({ deathDate: DAY }).expect(200);
    expect((await orders(DAY)).find((o) => o.recipientId === delivered.id)!.status).toBe('active');
    expect((await orders(LATER)).find((o) => o.recipientId === delivered.id)).toMatchObject({ status: 'cancelled', cancelReason: 'deceased' });
  });
});
