import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let m: Record<string, string>;
// Afternoon in the tenant's zone: today's lunch has left the kitchen, so outcomes tapped now are plausible.
const TZ = afternoonZone();
const D0 = today(TZ);
const D1 = addDays(D0, 1);

interface Stop { id: string; orderId: string; recipientId: string; name: string; phone: string; outcome: string; stopNo: number }
interface Route { id: string; driverUserId: string; routeNo: number; stops: Stop[] }
let plan0: { id: string; routes: Route[] };

beforeAll(async () => {
  env = await createTestEnv('delivery_driver');
  env.startWorkers();
  // Two vans of 3 boxes for 6 recipients: both drivers get a route.
  w = await createWorld(env, { recipients: 6, vehicles: [{ capacity: 3 }, { capacity: 3 }], timeZone: TZ });
  m = bearer(w.manager.token);
  await generate(env, w, D0);
  await generate(env, w, D1);
  plan0 = await planAndWait(env, w, D0);
});
afterAll(() => env?.close());

const driver = (i: number) => bearer(w.drivers[i].token);
const myRoutes = async (i: number, date?: string) => {
  const res = await env.request.get('/me/routes').query(date ? { date } : {}).set(driver(i));
  expect(res.status).toBe(200);
  return res.body.routes as Route[];
};
const outcome = (i: number, stopId: string, body: Record<string, unknown>, key?: string) => {
  const req = env.request.post(`/delivery/stops/${stopId}/outcome`).set(driver(i));
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};

describe('driver lists (issue point 6)', () => {
  it('when the plan is still a draft, then drivers see nothing', async () => {
    expect(plan0.routes).toHaveLength(2);
    expect(await myRoutes(0, D0)).toEqual([]);
  });

  it('when the plan is published, then each driver sees only their own route, in order, with full phones on the day', async () => {
    expect((await env.request.post(`/delivery/route-plans/${plan0.id}/publish`).set(m)).status).toBe(200);
    const [mine, theirs] = [await myRoutes(0), await myRoutes(1, D0)];
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    expect(mine[0].driverUserId).toBe(w.drivers[0].id);
    expect(theirs[0].driverUserId).toBe(w.drivers[1].id);
    const mineIds = new Set(mine[0].stops.map((s) => s.id));
    expect(theirs[0].stops.some((s) => mineIds.has(s.id))).toBe(false);
    const planned = plan0.routes.find((r) => r.driverUserId === w.drivers[0].id)!;
    expect(mine[0].stops.map((s) => s.orderId)).toEqual(planned.stops.map((s) => s.orderId));
    expect(mine[0].stops[0]).toMatchObject({ stopNo: 1, etaLocal: expect.stringMatching(/^\d\d:\d\d$/), address: expect.any(String), diet: expect.any(String) });
    for (const s of mine[0].stops) expect(s.phone).toMatch(/^1380000\d{4}$/);
  });

  it('when a driver looks at tomorrow’s published route, then phones are masked until the day', async () => {
    const p1 = await planAndWait(env, w, D1);
    await env.request.post(`/delivery/route-plans/${p1.id}/publish`).set(m);
    const routes = [...(await myRoutes(0, D1)), ...(await myRoutes(1, D1))];
    expect(routes.flatMap((r) => r.stops)).toHaveLength(6);
    for (const s of routes.flatMap((r) => r.stops)) expect(s.phone).toMatch(/^138\*{4}\d{4}$/);
  });

  it('when a driver prints a route sheet or opens its map, then their own comes in the tenant language and another driver’s is 404', async () => {
    const [mine] = await myRoutes(0, D0);
    const [theirs] = await myRoutes(1, D0);
    const sheet = await env.request.get(`/delivery/routes/${mine.id}/sheet`).set(driver(0));
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/^text\/html/);
    expect(sheet.text).toContain('Route sheet');
    expect(sheet.text).toContain('size: A4');
    for (const s of mine.stops) expect(sheet.text).toContain(s.name);
    expect(sheet.text).toContain(`href="tel:${mine.stops[0].phone}"`);
    expect((await env.request.get(`/delivery/routes/${theirs.id}/sheet`).set(driver(0))).status).toBe(404);
    expect((await env.request.get(`/delivery/routes/${theirs.id}/sheet`).set(m)).status).toBe(200);
    const map = await env.request.get(`/delivery/routes/${mine.id}/map.svg`).set(driver(0));
    expect(map.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((map.text ?? map.body.toString()).match(/<g class="stop"/g)).toHaveLength(mine.stops.length);
    expect((await env.request.get(`/delivery/routes/${theirs.id}/map.svg`).set(driver(0))).status).toBe(404);

    await env.request.patch('/tenant').set(bearer(w.t.adminToken)).send({ locale: 'zh-CN' });
    const zh = await env.request.get(`/delivery/routes/${mine.id}/sheet`).set(driver(0));
    expect(zh.text).toContain('送餐路线单');
    expect(zh.text).toContain('<html lang="zh-CN">');
    await env.request.patch('/tenant').set(bearer(w.t.adminToken)).send({ locale: 'en' });
  });

  it('when an old bookmark opens /driver, then it leads to the phone app at /app/driver (no token page any more)', async () => {
    const page = await env.request.get('/driver');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/app/driver');
    const app = await env.request.get('/app/driver');
    expect(app.status).toBe(401);
    expect(app.text).not.toContain('localStorage');
  });

  it('when a manager asks for /me/routes, then 403 (it is the driver’s list)', async () => {
    expect((await env.request.get('/me/routes').set(m)).status).toBe(403);
  });
});

describe('proof of delivery (issue point 7)', () => {
  it('when the same outcome is submitted twice with one Idempotency-Key, then the retry gets the first answer; a different body with that key is 422', async () => {
    const [route] = await myRoutes(0, D0);
    const stop = route.stops[0];
    const body = { status: 'delivered', at: new Date().toISOString(), note: 'handed over' };
    const first = await outcome(0, stop.id, body, 'key-1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stopId: stop.id, outcome: 'delivered', changed: true, welfareCheck: null, outcomeNote: 'handed over' });
    const retry = await outcome(0, stop.id, body, 'key-1');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await outcome(0, stop.id, { ...body, note: 'other' }, 'key-1')).status).toBe(422);
    // Submitted again without the key (a double tap): nothing changes, no error.
    const again = await outcome(0, stop.id, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'delivered', changed: false });
    const audit = await env.request.get('/audit-log').query({ entity: 'RouteStop', entityId: stop.id }).set(bearer(w.t.adminToken));
    expect(audit.body.items).toHaveLength(1);
    // A delivered meal cannot become "not home".
    expect((await outcome(0, stop.id, { status: 'not_home' })).status).toBe(409);
  });

  it('when "not home" is followed by a second knock, then it may become delivered', async () => {
    const [route] = await myRoutes(0, D0);
    const stop = route.stops[1];
    expect((await outcome(0, stop.id, { status: 'not_home' })).body).toMatchObject({ outcome: 'not_home', welfareCheck: 'scheduled' });
    expect((await outcome(0, stop.id, { status: 'delivered' })).body).toMatchObject({ outcome: 'delivered', changed: true });
  });

  it('when a driver reports on another driver’s stop, then 404; with an unknown status, then 400', async () => {
    const [theirs] = await myRoutes(1, D0);
    expect((await outcome(0, theirs.stops[0].id, { status: 'delivered' })).status).toBe(404);
    expect((await outcome(1, theirs.stops[0].id, { status: 'cancelled' })).status).toBe(400);
  });

  it('when the stop belongs to a draft plan, then 409', async () => {
    const draft = await planAndWait(env, w, D0);
    const stop = draft.routes.find((r: Route) => r.driverUserId === w.drivers[1].id)!.stops[0];
    const res = await outcome(1, stop.id, { status: 'delivered' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/not published/);
    // A driver's phone reads Chinese (no Accept-Language): the same refusal in the catalogue's zh.
    const zh = await env.request.post(`/delivery/stops/${stop.id}/outcome`).set({ Authorization: driver(1).Authorization, 'Accept-Language': 'zh-CN' }).send({ status: 'delivered' });
    expect(zh.body).toMatchObject({ status: 409, title: '与现有数据冲突', detail: '这条路线还没有发布。' });
  });

  it('when a hold cancels a meal on a published route, then its stop shows cancelled and an outcome is 409', async () => {
    const [theirs] = await myRoutes(1, D0);
    const stop = theirs.stops.at(-1)!;
    const hold = await env.request.post(`/delivery/recipients/${stop.recipientId}/holds`).set(m).send({ fromDate: D0, toDate: D0, reason: 'hospitalised' });
    expect(hold.body.ordersCancelled).toBe(1);
    const [after] = await myRoutes(1, D0);
    expect(after.stops.find((s) => s.id === stop.id)!.outcome).toBe('cancelled');
    const res = await outcome(1, stop.id, { status: 'delivered' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/cancelled/);
  });

  it('when a newer plan is published, then outcomes carry over and the old stops answer 409', async () => {
    const [oldRoute] = await myRoutes(0, D0);
    const delivered = oldRoute.stops[0];
    const next = await planAndWait(env, w, D0);
    await env.request.post(`/delivery/route-plans/${next.id}/publish`).set(m);
    expect((await outcome(0, delivered.id, { status: 'delivered' })).status).toBe(409);
    const all = [...(await myRoutes(0, D0)), ...(await myRoutes(1, D0))].flatMap((r) => r.stops);
    expect(all.find((s) => s.orderId === delivered.orderId)!.outcome).toBe('delivered');
  });
});

describe('handing a route to another driver', () => {
  it('when the planned driver is off sick, then the manager hands the route over and only the new driver sees and records it', async () => {
    const sub = await w.t.user(['driver']);
    const [route] = await myRoutes(0, D1);
    const [other] = await myRoutes(1, D1);
    const handOver = (routeId: string, driverUserId: string) =>
      env.request.post(`/delivery/routes/${routeId}/driver`).set(m).send({ driverUserId, reason: 'off sick' });

    const notDriver = await handOver(route.id, w.manager.id);
    expect(notDriver.status).toBe(409);
    expect(notDriver.body.errors[0].path).toBe('body.driverUserId');
    const res = await handOver(route.id, sub.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: route.id, driverUserId: sub.id });

    expect(await myRoutes(0, D1)).toEqual([]);
    const theirs = await env.request.get('/me/routes').query({ date: D1 }).set(bearer(sub.token));
    expect(theirs.body.routes.map((r: Route) => r.id)).toEqual([route.id]);
    const stop = route.stops[0];
    expect((await outcome(0, stop.id, { status: 'delivered' })).status).toBe(404);
    // The new driver may record it: tomorrow's stop reaches the time rule (the food has not left
    // the kitchen yet), not the 404 of someone else's stop.
    const early = await env.request.post(`/delivery/stops/${stop.id}/outcome`).set(bearer(sub.token)).send({ status: 'delivered' });
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toMatchObject({ path: 'body.at', code: 'before_departure' });

    const twice = await handOver(other.id, sub.id);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/already drives route/);
    expect((await env.request.post(`/delivery/routes/${route.id}/driver`).set(driver(1)).send({ driverUserId: w.drivers[1].id })).status).toBe(403);
  });
});
