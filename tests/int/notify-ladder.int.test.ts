import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requeueLostLadderSteps } from '../../src/delivery/welfare/welfare-ladder.js';
import { logger, setLogTarget } from '../../src/logger.js';
import { localTimeOf, today } from '../../src/time/index.js';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { afternoonZone, createWorld, generate, planAndWait } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';
import { killWorkerProcess, startWorkerProcess } from '../support/delivery/worker-process.js';
import { CREDS, startFakeProviders } from '../support/notify/fake-providers.js';
import type { FakeProviders } from '../support/notify/fake-providers.js';

let env: TestEnv;
let w: World;
let fake: FakeProviders;
let m: Record<string, string>;
const TZ = afternoonZone();
const D0 = today(TZ);
const children: ChildProcess[] = [];
const lines: string[] = [];
// Short steps instead of 0 / 15 / 30 / 60 minutes (a tenant setting): seconds after the not-home tap.
const AFTER = [0, 4, 10, 16];
interface Stop { id: string; contact1: string; contact2: string; grid: string }
let stops: Stop[] = [];
const templates = {
  ...Object.fromEntries(['welfareContact', 'welfareGrid', 'welfareUrgent', 'familyNotReached'].map((k, i) => [k, { id: `SMS_${i}`, params: ['name', 'time'] }])),
  familyMealOnWay: { id: 'SMS_9', params: ['name', 'slot', 'eta'] },
};

const setLadder = (after: number[]) => env.request.put('/delivery/welfare-ladder').set(m).send({ steps: [
  { afterSeconds: after[0], audience: ['office'] },
  { afterSeconds: after[1], audience: ['contact1', 'grid_worker', 'family'] },
  { afterSeconds: after[2], audience: ['contact2', 'community_office'] },
  { afterSeconds: after[3], audience: ['office', 'contact1', 'grid_worker'], urgent: true },
] });

beforeAll(async () => {
  fake = await startFakeProviders();
  Object.assign(process.env, { NOTIFY_L_ALIYUN_ID: CREDS.aliyunId, NOTIFY_L_ALIYUN_SECRET: CREDS.aliyunSecret, NOTIFY_L_HOOK_SECRET: CREDS.hookSecret });
  env = await createTestEnv('notify_ladder', { WELFARE_DELAY_SECONDS: '1' });
  env.startWorkers();
  w = await createWorld(env, { recipients: 6, vehicles: [{ capacity: 10 }], timeZone: TZ });
  m = bearer(w.manager.token);
  const admin = bearer(w.t.adminToken);
  expect((await env.request.put('/notify/settings').set(admin).send({ channels: {
    sms: { provider: 'aliyun', endpoint: `${fake.url}/aliyun/`, accessKeyIdRef: 'env:NOTIFY_L_ALIYUN_ID', accessKeySecretRef: 'env:NOTIFY_L_ALIYUN_SECRET', signName: '助餐服务', templates },
    webhook: { url: `${fake.url}/hook/ok`, secretRef: 'env:NOTIFY_L_HOOK_SECRET' }, groups: { community_office: 'webhook' },
  } })).status).toBe(200);
  const ladder = await setLadder(AFTER);
  expect(ladder.status, JSON.stringify(ladder.body)).toBe(200);
  // Every recipient gets phones of their own, so what each stop's ladder sent can be counted.
  for (const [i, r] of w.recipients.entries()) {
    const n = String(i).padStart(4, '0');
    const res = await env.request.patch(`/delivery/recipients/${r.id}`).set(m).send({
      gridWorkerName: `Grid ${i}`, gridWorkerPhone: `139${n}0013`,
      emergencyContacts: [{ name: `Son ${i}`, relation: 'son', phone: `137${n}0011` }, { name: `Niece ${i}`, relation: 'niece', phone: `137${n}0012` }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const sub = await env.request.post('/notify/subscriptions').set(m).send({ subjectId: r.personId, phone: `136${n}0014`, name: `Grandson ${i}`, topics: ['meal_on_way', 'not_reached'] });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.phone).toBe(`136****0014`);
  }
  await generate(env, w, D0);
  const plan = await planAndWait(env, w, D0);
  await env.request.post(`/delivery/route-plans/${plan.id}/publish`).set(m);
  stops = plan.routes.flatMap((r: { stops: { id: string; recipientId: string }[] }) => r.stops.map((s) => {
    const n = String(w.recipients.findIndex((x) => x.id === s.recipientId)).padStart(4, '0');
    return { id: s.id, contact1: `137${n}0011`, contact2: `137${n}0012`, grid: `139${n}0013` };
  }));
  setLogTarget({ write: (line: string) => void lines.push(line) });
  logger.level = 'info';
}, 120_000);
afterAll(async () => {
  logger.level = 'silent';
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await env?.close();
  await fake?.close();
});

const outcome = (s: Stop, status: string) => env.request.post(`/delivery/stops/${s.id}/outcome`).set(bearer(w.drivers[0].token)).send({ status });
const stepRows = (s: Stop) => env.deps.prisma.welfareLadderStep.findMany({ where: { routeStopId: s.id }, orderBy: { step: 'asc' } });
const messages = (s: Stop) => env.deps.prisma.notifyMessage.findMany({ where: { refType: 'welfare_stop', refId: s.id }, orderBy: { id: 'asc' } });
const sms = (phone: string) => fake.count('aliyun', phone);
const alertOf = async (s: Stop) => eventually(async () => env.deps.prisma.welfareAlert.findFirst({ where: { routeStopId: s.id } }));
const stepsDone = (s: Stop, n: number, ms = 40_000) => eventually(async () => { const r = await stepRows(s); return r.length >= n ? r : undefined; }, ms);
const allSent = async (s: Stop) => eventually(async () => {
  const ms = await messages(s);
  return ms.every((x) => ['sent', 'delivered', 'suppressed'].includes(x.status)) ? ms : undefined;
}, 60_000).catch(async (err) => {
  const states = (await messages(s)).map((x) => `${x.businessKey.split('.').slice(3).join('.')}:${x.status}:${x.attempts}:${x.lastError ?? ''}`);
  throw new Error(`${(err as Error).message}; messages: ${states.join(', ')}`);
});

describe('the welfare escalation ladder', () => {
  it('when nobody opens the door, then each step fires at its time and tells its people, and the alert timeline shows who was told', async () => {
    const s = stops[0];
    const tap = await outcome(s, 'not_home');
    expect(tap.status).toBe(200);
    const rows = await stepsDone(s, 4);
    const notHomeAt = rows[0].notHomeAt.getTime();
    rows.forEach((r, i) => {
      expect(r.status).toBe('fired');
      expect(r.at.getTime()).toBeGreaterThanOrEqual(notHomeAt + AFTER[i] * 1000 - 50);
    });
    const ms = await allSent(s);
    expect(ms.map((x) => [x.template, x.channel, x.urgent])).toEqual([
      ['welfareOffice', 'in_app', false], ['welfareContact', 'sms', false], ['welfareGrid', 'sms', false], ['familyNotReached', 'sms', false],
      ['welfareContact', 'sms', false], ['welfareCommunity', 'webhook', false],
      ['welfareUrgent', 'in_app', true], ['welfareUrgent', 'sms', true], ['welfareUrgent', 'sms', true],
    ]);
    expect([sms(s.contact1), sms(s.grid), sms(s.contact2)]).toEqual([2, 2, 1]);
    const alert = await alertOf(s);
    expect(alert.urgentAt).not.toBeNull();
    const timeline = await env.request.get(`/delivery/alerts/${alert.id}/timeline`).set(m);
    expect(timeline.status).toBe(200);
    const kinds = timeline.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'ladder_step')).toHaveLength(4);
    expect(kinds).toContain('urgent');
    const step1 = timeline.body.entries.find((e: { step?: number }) => e.step === 1);
    expect(step1.told).toEqual([
      expect.objectContaining({ audience: 'contact1', label: 'Son 0 (son)', channel: 'sms', recipient: `${s.contact1.slice(0, 3)}****${s.contact1.slice(-4)}`, status: 'sent' }),
      expect.objectContaining({ audience: 'grid_worker', channel: 'sms', status: 'sent' }),
      expect.objectContaining({ audience: 'family', label: 'Grandson 0', channel: 'sms', status: 'sent' }),
    ]);
    expect(JSON.stringify(timeline.body)).not.toContain(s.contact1);
  }, 90_000);

  it('when the meal is delivered after the first step, then the ladder stops: no SMS to anyone', async () => {
    const s = stops[1];
    await outcome(s, 'not_home');
    await stepsDone(s, 1);
    expect((await outcome(s, 'delivered')).status).toBe(200);
    const rows = await stepsDone(s, 4);
    expect(rows.map((r) => [r.status, r.reason])).toEqual([['fired', null], ['stopped', 'stop is delivered'], ['stopped', 'stop is delivered'], ['stopped', 'stop is delivered']]);
    expect([sms(s.contact1), sms(s.grid), sms(s.contact2)]).toEqual([0, 0, 0]);
  }, 60_000);

  it('when the alert is resolved between steps, then the remaining steps stop', async () => {
    const s = stops[2];
    await outcome(s, 'not_home');
    await stepsDone(s, 2);
    const alert = await alertOf(s);
    expect((await env.request.post(`/delivery/alerts/${alert.id}/resolve`).set(m).send({ note: 'Son called: he is at the clinic.' })).status).toBe(200);
    const rows = await stepsDone(s, 4);
    expect(rows.slice(2).map((r) => r.reason)).toEqual(['alert resolved', 'alert resolved']);
    await allSent(s);
    expect([sms(s.contact1), sms(s.contact2)]).toEqual([1, 0]);
  }, 60_000);

  it('when it is quiet hours and a contact opted out, then non-urgent messages wait or are suppressed and the urgent step still goes out', async () => {
    const s = stops[3];
    const now = new Date();
    const quiet = { quietStart: localTimeOf(new Date(now.getTime() - 3_600_000), TZ), quietEnd: localTimeOf(new Date(now.getTime() + 2 * 3_600_000), TZ) };
    expect((await env.request.put('/notify/settings').set(bearer(w.t.adminToken)).send(quiet)).status).toBe(200);
    expect((await env.request.post('/notify/opt-outs').set(m).send({ recipient: s.contact1 })).body).toMatchObject({ optedOut: true });
    try {
      await outcome(s, 'not_home');
      await stepsDone(s, 4);
      const ms = await eventually(async () => {
        const all = await messages(s);
        return all.filter((x) => x.urgent).every((x) => x.status === 'sent' || x.status === 'delivered') ? all : undefined;
      }, 20_000);
      const byKey = (step: number, a: string) => ms.find((x) => x.businessKey.endsWith(`.${step}.${a}`))!;
      expect(byKey(1, 'contact1').status).toBe('suppressed');
      expect(byKey(1, 'grid_worker')).toMatchObject({ status: 'queued', attempts: 0 });
      expect(byKey(1, 'grid_worker').notBefore!.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
      expect(byKey(3, 'contact1').status).toBe('sent'); // urgent: the opt-out and quiet hours do not hold it back
      expect([sms(s.contact1), sms(s.grid)]).toEqual([1, 1]);
    } finally {
      await env.request.put('/notify/settings').set(bearer(w.t.adminToken)).send({ quietStart: null, quietEnd: null });
    }
  }, 60_000);

  it('when the worker is killed between steps, then a new worker runs the rest: nothing lost, nothing sent twice', async () => {
    await env.workers!.close();
    env.workers = undefined;
    const s = stops[4];
    // Wider gaps after step 1 for this test, so that "between steps" holds on a loaded machine too.
    expect((await setLadder([0, 4, 45, 50])).status).toBe(200);
    const first = await startWorkerProcess(env, children, 60_000);
    await outcome(s, 'not_home');
    await stepsDone(s, 2, 60_000);
    await allSent(s); // between steps: step 1's messages are out, step 2 is not due yet
    await killWorkerProcess(first);
    expect((await stepRows(s)).length).toBeLessThan(4);
    await startWorkerProcess(env, children, 60_000);
    await stepsDone(s, 4, 90_000);
    await allSent(s);
    expect([sms(s.contact1), sms(s.grid), sms(s.contact2)]).toEqual([2, 2, 1]);
    expect(await messages(s)).toHaveLength(9);
    expect((await setLadder(AFTER)).status).toBe(200);
  }, 240_000);

  it('when Redis loses the pending steps, then housekeeping queues them again from the database and each fires once', async () => {
    const s = stops[5];
    expect((await setLadder(AFTER)).status).toBe(200);
    await outcome(s, 'not_home');
    const ladderQueue = env.deps.queues.get('welfare.ladder');
    await stepsDone(s, 1, 20_000);
    for (const j of await ladderQueue.getDelayed()) if (j.data.routeStopId === s.id) await j.remove(); // as if Redis had been flushed
    expect(await requeueLostLadderSteps(env.deps)).toBeGreaterThanOrEqual(3);
    expect((await ladderQueue.getDelayed()).filter((j) => j.data.routeStopId === s.id)).toHaveLength(3);
    expect(await requeueLostLadderSteps(env.deps)).toBe(0); // queued already: nothing twice
    await stepsDone(s, 4);
    await allSent(s);
    expect([sms(s.contact1), sms(s.grid), sms(s.contact2)]).toEqual([2, 2, 1]);
  }, 60_000);

  it('when a driver finishes a stop, then the next stop’s opted-in family hears the meal is on its way (once); the driver was told of the published route', async () => {
    const onWay = await eventually(async () => {
      // (those queued during the quiet-hours test wait for the end of the quiet hours)
      const rows = await env.deps.prisma.notifyMessage.findMany({ where: { template: 'familyMealOnWay', notBefore: null } });
      return rows.length && rows.every((r) => r.status === 'sent') ? rows : undefined;
    }, 20_000);
    for (const r of onWay) {
      expect(r.recipient).toMatch(/^136\d{4}0014$/);
      expect(fake.count('aliyun', r.recipient)).toBeLessThanOrEqual(2); // meal on its way + could not reach, never twice each
    }
    expect(new Set(onWay.map((r) => r.refId)).size).toBe(onWay.length);
    const published = await env.deps.prisma.notifyMessage.findMany({ where: { template: 'routePublished' } });
    expect(published.map((p) => [p.channel, p.recipient, p.status])).toEqual([['in_app', `user:${w.drivers[0].id}`, 'delivered']]);
  }, 30_000);

  it('when messages were sent, then the log shows phone numbers masked only', () => {
    const sent = lines.filter((l) => l.includes('notify: sent'));
    expect(sent.length).toBeGreaterThan(10);
    for (const s of stops) for (const p of [s.contact1, s.contact2, s.grid]) expect(lines.join('\n')).not.toContain(p);
    expect(sent.some((l) => l.includes(`"recipient":"${stops[0].contact1.slice(0, 3)}****${stops[0].contact1.slice(-4)}"`))).toBe(true);
  });
});
