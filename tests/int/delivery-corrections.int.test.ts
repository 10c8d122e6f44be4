// Outcome times, undo, manager corrections and their welfare effects, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantAt, today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let stops: { id: string; stopNo: number }[];
let route: { id: string; departAt: string };
const TZ = afternoonZone();
const D0 = today(TZ);

beforeAll(async () => {
  // Welfare alerts open 1 s after a not-home, so a correction after an alert can be tested.
  env = await createTestEnv('delivery-corrections', { WELFARE_DELAY_SECONDS: '1' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 8, vehicles: [{ capacity: 20 }], timeZone: TZ });
  await generate(env, w, D0);
  const plan = await planAndWait(env, w, D0);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(bearer(w.manager.token))).status).toBe(200);
  route = plan.routes[0];
  stops = plan.routes[0].stops;
}, 60_000);
afterAll(() => env?.close());

const m = () => bearer(w.manager.token);
const d = () => bearer(w.drivers[0].token);
let keys = 0;
const tap = (stopId: string, body: Record<string, unknown>) =>
  env.request.post(`/delivery/stops/${stopId}/outcome`).set(d()).set('Idempotency-Key', `k${++keys}`).send(body);
const fields = (res: { body: { errors?: { path: string; message: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe('plausible outcome times (issue point 5)', () => {
  it('when the outcome time is 3 h ahead, or 6 min ahead, then 400 names body.at; 4 min ahead is clock skew and passes', async () => {
    const ahead = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    const far = await tap(stops[0].id, { status: 'delivered', at: ahead(180) });
    expect(far.status).toBe(400);
    expect(fields(far)).toEqual(['body.at']);
    expect((await tap(stops[0].id, { status: 'delivered', at: ahead(6) })).status).toBe(400);
    expect((await tap(stops[0].id, { status: 'delivered', at: ahead(4) })).status).toBe(200);
  });

  it('when the outcome time is before the route left the kitchen, then 400 names body.at and the stop is unchanged', async () => {
    const early = new Date(Date.parse(route.departAt) - 60 * 60_000).toISOString();
    const res = await tap(stops[1].id, { status: 'delivered', at: early });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'body.at', code: 'before_departure' });
    expect(res.body.errors[0].message).toMatch(/before the route left the kitchen \(\d\d:\d\d\)/);
    const stop = await env.deps.prisma.routeStop.findUniqueOrThrow({ where: { id: stops[1].id } });
    expect(stop.outcome).toBe('pending');
  });

  it('when a stored arrival is implausible (legacy row), then the dashboard counts it neither on time nor late', async () => {
    // Written past the API, as rows from before the rule were.
    await env.deps.prisma.routeStop.update({ where: { id: stops[2].id }, data: { outcome: 'delivered', outcomeAt: new Date(Date.parse(route.departAt) - 3 * 3_600_000) } });
    await env.deps.prisma.routeStop.update({ where: { id: stops[3].id }, data: { outcome: 'delivered', outcomeAt: instantAt(D0, '11:00', TZ) } });
    const dash = (await env.request.get('/delivery/dashboard').query({ date: D0, slot: 'lunch' }).set(m())).body.slots[0];
    // stops[0] delivered "now" (after the window: late), stops[2] implausible, stops[3] inside the window.
    expect(dash).toMatchObject({ delivered: 3, onTime: 1, late: 1, implausible: 1, early: 0, onTimeRate: 0.333 });
  });
});

describe('undo and corrections (issue point 4)', () => {
  it('when the driver undoes after the grace period, then 409 sends them to the manager; another driver’s stop is 404', async () => {
    expect((await tap(stops[4].id, { status: 'refused' })).status).toBe(200);
    await env.deps.prisma.routeStop.update({ where: { id: stops[4].id }, data: { outcomeRecordedAt: new Date(Date.now() - 3 * 60_000) } });
    const late = await env.request.post(`/delivery/stops/${stops[4].id}/outcome/undo`).set(d()).send({});
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ reason: 'undo_expired' });
    expect(late.body.detail).toContain('kitchen manager');
    const other = await w.t.user(['driver']);
    expect((await env.request.post(`/delivery/stops/${stops[4].id}/outcome/undo`).set(bearer(other.token)).send({})).status).toBe(404);
    // The manager's correction has no time limit, needs a reason, and drivers may not make one.
    const noReason = await env.request.post(`/delivery/stops/${stops[4].id}/correction`).set(m()).send({ status: 'delivered' });
    expect(noReason.status).toBe(400);
    expect(fields(noReason)).toEqual(['body.reason']);
    expect((await env.request.post(`/delivery/stops/${stops[4].id}/correction`).set(d()).send({ status: 'delivered', reason: 'x' })).status).toBe(403);
    const fixed = await env.request.post(`/delivery/stops/${stops[4].id}/correction`).set(m()).send({ status: 'delivered', reason: 'wrong button' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ outcome: 'delivered', changed: true, undoUntil: null });
    const history = await env.request.get(`/delivery/stops/${stops[4].id}/outcome-history`).set(m());
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(['stop.outcome', 'stop.outcome.correct']);
    expect(history.body.items[1]).toMatchObject({ actorUserId: w.manager.id, before: { outcome: 'refused' }, after: { outcome: 'delivered', reason: 'wrong button' } });
  });

  it('when a not-home whose alert already opened is corrected to delivered, then the alert is closed with the reason', async () => {
    const stop = stops[5];
    expect((await tap(stop.id, { status: 'not_home' })).body).toMatchObject({ welfareCheck: 'scheduled', welfareCheckAt: expect.any(String) });
    const alert = await eventually(() => env.deps.prisma.welfareAlert.findFirst({ where: { routeStopId: stop.id } }));
    expect(alert.status).toBe('open');
    const res = await env.request.post(`/delivery/stops/${stop.id}/correction`).set(m()).send({ status: 'delivered', reason: '邻居代收' });
    expect(res.body).toMatchObject({ outcome: 'delivered', alertClosed: true });
    const closed = await env.deps.prisma.welfareAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(closed).toMatchObject({ status: 'resolved', resolvedBy: w.manager.id });
    expect(closed.resolutionNote).toContain('邻居代收');
  });

  it('when a delivered stop is corrected to not-home, then a fresh welfare check opens an alert; undoing a not-home cancels its check', async () => {
    const stop = stops[6];
    expect((await tap(stop.id, { status: 'delivered' })).status).toBe(200);
    const res = await env.request.post(`/delivery/stops/${stop.id}/correction`).set(m()).send({ status: 'not_home', reason: 'driver confirmed nobody opened' });
    expect(res.body).toMatchObject({ outcome: 'not_home', welfareCheck: 'scheduled' });
    await eventually(() => env.deps.prisma.welfareAlert.findFirst({ where: { routeStopId: stop.id, status: 'open' } }));

    const undone = stops[7];
    const notHome = await tap(undone.id, { status: 'not_home' });
    expect(notHome.body.undoUntil).toEqual(expect.any(String));
    const undo = await env.request.post(`/delivery/stops/${undone.id}/outcome/undo`).set(d()).set('Idempotency-Key', 'undo-1').send({});
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ outcome: 'pending', welfareCheck: null });
    // A retried undo gets the first answer (it is idempotent), not "nothing to undo".
    const retry = await env.request.post(`/delivery/stops/${undone.id}/outcome/undo`).set(d()).set('Idempotency-Key', 'undo-1').send({});
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await env.deps.prisma.welfareAlert.findFirst({ where: { routeStopId: undone.id } })).toBeNull();
  });
});

describe('printed sheets and settings (issue points 2 and 6)', () => {
  it('when a manager prints today’s sheet, then numbers are callable; an auditor’s copy is masked without tel: links', async () => {
    const sheet = await env.request.get(`/delivery/routes/${route.id}/sheet`).set(m());
    expect(sheet.text).toMatch(/href="tel:1380000\d{4}"/);
    const auditor = await w.t.user(['auditor']);
    const masked = await env.request.get(`/delivery/routes/${route.id}/sheet`).set(bearer(auditor.token));
    expect(masked.status).toBe(200);
    expect(masked.text).toMatch(/138\*{4}\d{4}/);
    expect(masked.text).not.toContain('tel:');
  });

  it('when a manager picks 高德 as the map app, then drivers read it; a bad value is 400 naming the field', async () => {
    expect((await env.request.get('/delivery/settings').set(d())).body).toEqual({ mapApp: 'geo', proof: 'none' });
    expect((await env.request.patch('/delivery/settings').set(m()).send({ mapApp: 'amap' })).body).toEqual({ mapApp: 'amap', proof: 'none' });
    expect((await env.request.get('/delivery/settings').set(d())).body).toEqual({ mapApp: 'amap', proof: 'none' });
    const bad = await env.request.patch('/delivery/settings').set(m()).send({ mapApp: 'google' });
    expect(fields(bad)).toEqual(['body.mapApp']);
    expect((await env.request.patch('/delivery/settings').set(d()).send({ mapApp: 'qq' })).status).toBe(403);
  });

  it('when the map app is 高德, 百度 or 腾讯, then the driver’s stops carry links in GCJ-02 / BD-09, not the stored WGS-84', async () => {
    const firstStop = async () => (await env.request.get('/me/routes').set(d())).body.routes[0].stops[0] as { lat: number; lng: number; navigationUrl: string };
    const shifted = (a: string | null, b: number) => Math.abs(Number(a) - b) * 100_000; // ≈ metres
    await env.request.patch('/delivery/settings').set(m()).send({ mapApp: 'amap' });
    let s = await firstStop();
    const amap = new URL(s.navigationUrl);
    expect(amap.protocol).toBe('amapuri:');
    expect(amap.searchParams.get('dev')).toBe('0');
    // South China (the test world is near 芦溪, 27.6 N 114.0 E): GCJ-02 lies a few hundred metres off.
    expect(shifted(amap.searchParams.get('dlon'), s.lng) + shifted(amap.searchParams.get('dlat'), s.lat)).toBeGreaterThan(100);
    await env.request.patch('/delivery/settings').set(m()).send({ mapApp: 'baidu' });
    s = await firstStop();
    expect(new URL(s.navigationUrl).searchParams.get('coord_type')).toBe('bd09ll');
    await env.request.patch('/delivery/settings').set(m()).send({ mapApp: 'geo' });
    s = await firstStop();
    expect(s.navigationUrl).toBe(`geo:${s.lat},${s.lng}?q=${s.lat},${s.lng}(${encodeURIComponent((s as unknown as { name: string }).name)})`);
  });
});
