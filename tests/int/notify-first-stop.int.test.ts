import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeFirstStop } from '../../src/delivery/drivers/delivery-notices.js';
import { today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';
import { CREDS, startFakeProviders } from '../support/notify/fake-providers.js';
import type { FakeProviders } from '../support/notify/fake-providers.js';

/**
 * "Meal on its way" for the first stop of a route: no stop is finished before it, so the route's
 * departure (a route.depart job staged at publish for departAt) tells its family — once.
 */
let env: TestEnv;
let w: World;
let fake: FakeProviders;
const TZ = afternoonZone(); // lunch has left the kitchen already: the departure is due at publish
const D0 = today(TZ);
let route: { id: string; departAt: string; stops: { id: string; recipientId: string; stopNo: number }[] };
const phoneOf = (recipientId: string) =>
  `136${String(w.recipients.findIndex((r) => r.id === recipientId)).padStart(4, '0')}0017`;
const onWay = (stopId: string) =>
  env.deps.prisma.notifyMessage.findMany({ where: { template: 'familyMealOnWay', refId: stopId } });

beforeAll(async () => {
  fake = await startFakeProviders();
  Object.assign(process.env, { NOTIFY_F_ALIYUN_ID: CREDS.aliyunId, NOTIFY_F_ALIYUN_SECRET: CREDS.aliyunSecret });
  env = await createTestEnv('notify_first_stop');
  env.startWorkers();
  w = await createWorld(env, { recipients: 3, vehicles: [{ capacity: 10 }], timeZone: TZ });
  const m = bearer(w.manager.token);
  const put = await env.request
    .put('/notify/settings')
    .set(bearer(w.t.adminToken))
    .send({
      channels: {
        sms: {
          provider: 'aliyun',
          endpoint: `${fake.url}/aliyun/`,
          accessKeyIdRef: 'env:NOTIFY_F_ALIYUN_ID',
          accessKeySecretRef: 'env:NOTIFY_F_ALIYUN_SECRET',
          signName: '助餐服务',
          templates: { familyMealOnWay: { id: 'SMS_9', params: ['name', 'slot', 'eta'] } },
        },
      },
    });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  for (const r of w.recipients) {
    const sub = await env.request
      .post('/notify/subscriptions')
      .set(m)
      .send({ subjectId: r.personId, phone: phoneOf(r.id), name: 'Daughter', topics: ['meal_on_way'] });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  }
  await generate(env, w, D0);
  const plan = await planAndWait(env, w, D0);
  route = plan.routes[0];
  expect(route.stops.length).toBe(3);
  expect((await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(m)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await env?.close();
  await fake?.close();
});

describe('meal on its way for the first stop of a route', () => {
  const [first, second, third] = [0, 1, 2].map((i) => () => [...route.stops].sort((a, b) => a.stopNo - b.stopNo)[i]);

  it('when a route is published, then its departure is staged for departAt and the first stop’s family gets one SMS, the others none yet', async () => {
    const staged = await env.deps.prisma.outboxJob.findFirstOrThrow({
      where: { queue: 'route.depart', data: { path: ['routeId'], equals: route.id } },
    });
    expect(staged.runAt.toISOString()).toBe(new Date(route.departAt).toISOString());
    const [msg] = await eventually(async () => {
      const r = await onWay(first().id);
      return r.length && r[0].status === 'sent' ? r : undefined;
    }, 20_000);
    expect(msg.recipient).toBe(phoneOf(first().recipientId));
    expect(fake.count('aliyun', phoneOf(first().recipientId))).toBe(1);
    const body = fake.received.find((x) => x.to === phoneOf(first().recipientId))!.body;
    expect(JSON.parse(String(body.TemplateParam))).toMatchObject({ eta: expect.stringMatching(/^\d\d:\d\d$/) });
    expect([(await onWay(second().id)).length, (await onWay(third().id)).length]).toEqual([0, 0]);
  }, 30_000);

  it('when the departure runs again (a replayed job) or the first stop is finished, then nobody gets it twice and the next stop gets its own', async () => {
    expect(await noticeFirstStop(env.deps, w.t.id, route.id)).toEqual({ told: 0 });
    const dup = await env.deps.queues.add(
      'route.depart',
      { tenantId: w.t.id, routeId: route.id },
      { jobId: `depart-dup-${route.id}` },
    );
    await eventually(async () => (await dup.getState()) === 'completed');
    expect((await onWay(first().id)).length).toBe(1);
    const tap = await env.request
      .post(`/delivery/stops/${first().id}/outcome`)
      .set(bearer(w.drivers[0].token))
      .send({ status: 'delivered' });
    expect(tap.status, JSON.stringify(tap.body)).toBe(200);
    await eventually(async () => (await onWay(second().id)).length === 1);
    // Now the first pending stop is the second: a late departure names it and sends nothing new.
    expect(await noticeFirstStop(env.deps, w.t.id, route.id)).toEqual({ told: 0 });
    await eventually(async () => fake.count('aliyun', phoneOf(second().recipientId)) === 1);
    expect([
      (await onWay(first().id)).length,
      (await onWay(second().id)).length,
      fake.count('aliyun', phoneOf(first().recipientId)),
    ]).toEqual([1, 1, 1]);
  }, 30_000);

  it('when the route’s plan is no longer the published one, then its departure tells nobody; another tenant cannot name it', async () => {
    await env.deps.prisma.routePlan.updateMany({
      where: { routes: { some: { id: route.id } } },
      data: { status: 'superseded' },
    });
    expect(await noticeFirstStop(env.deps, w.t.id, route.id)).toEqual({ told: 0, skipped: 'plan superseded' });
    const other = await env.tenant();
    expect(await noticeFirstStop(env.deps, other.id, route.id)).toEqual({ told: 0, skipped: 'route gone' });
    await env.deps.prisma.routePlan.updateMany({
      where: { routes: { some: { id: route.id } } },
      data: { status: 'published' },
    });
  });
});
