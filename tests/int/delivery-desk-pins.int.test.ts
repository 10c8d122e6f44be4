// The pin bug of issue 13 through the API: pinning an already-served elder to van 1 and re-planning
// dropped both pinned elders and served fewer people. Pins are now kept; a pin a van cannot keep is
// refused with its reason (422) before anything changes; the tray knows the fleet is too small.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/time/index.js';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { createWorld, generate, planAndWait, waitForPlan } from '../support/delivery/delivery-world.js';
import type { World } from '../support/delivery/delivery-world.js';

let env: TestEnv;
let w: World;
let m: Record<string, string>;
/** A zh-CN reader (the tenant's language, no Accept-Language): refusals and reasons come in Chinese. */
let zh: Record<string, string>;
const TZ = 'Asia/Shanghai';
const D = addDays(today(TZ), 1);

interface Plan {
  id: string; status: string; params: { servedFewer?: { detail: string } | null };
  routes: { vehicleId: string; stops: { orderId: string; name: string }[] }[];
  unassigned: { orderId: string; reason: string; fitsAlone?: boolean }[];
}
const served = (p: Plan) => p.routes.reduce((n, r) => n + r.stops.length, 0);
const vehicleOf = (p: Plan, orderId: string) => p.routes.find((r) => r.stops.some((s) => s.orderId === orderId))?.vehicleId;
const orderPin = async (orderId: string) => {
  const body = (await env.request.get('/delivery/orders').query({ date: D, slot: 'lunch' }).set(m)).body;
  const rows = (Array.isArray(body) ? body : body.items) as { id: string; pinnedVehicleId: string | null }[];
  return rows.find((o) => o.id === orderId)?.pinnedVehicleId ?? null;
};

beforeAll(async () => {
  env = await createTestEnv('delivery_desk_pins');
  env.startWorkers();
  w = await createWorld(env, { recipients: 14, locale: 'zh-CN', timeZone: TZ });
  m = bearer(w.manager.token);
  zh = { Authorization: m.Authorization };
  // A 25-minute window: two vans cannot reach 14 doors 1.5 km away in time — the fleet/window is too small.
  const slot = await env.request.put('/delivery/slots/lunch').set(m)
    .send({ name: 'Lunch', kind: 'lunch', readyTime: '10:15', windowStart: '10:45', windowEnd: '11:10', maxRideMinutes: 90, serviceMinutes: 3 });
  expect(slot.status, JSON.stringify(slot.body)).toBeLessThan(300);
  await generate(env, w, D);
}, 120_000);
afterAll(() => env?.close());

describe('pins on the planning desk (issue 13 §2)', () => {
  let plan: Plan;

  it('when two vans cannot serve every near door within the window, then the unassigned doors are marked as fitting alone (fleet too small, not too far)', async () => {
    plan = await planAndWait(env, w, D, { timeLimitMs: 500 });
    expect(plan.unassigned.length).toBeGreaterThan(0);
    expect(plan.unassigned.every((u) => u.fitsAlone === true)).toBe(true);
    // Reasons are codes beside words: English for the integrator (Accept-Language: en), Chinese for the zh-CN reader.
    const zhPlan = (await env.request.get(`/delivery/route-plans/${plan.id}`).set(zh)).body as { unassigned: { reason: string; detail: string }[] };
    const words: Record<string, string> = { time_window: '没有车辆能在送达时段内到达这户。', capacity: '车辆剩余空间（餐箱）不够。', ride_time: '路太远，热食无法在限定的路上时间内送到。' };
    for (const u of zhPlan.unassigned) if (words[u.reason]) expect(u.detail).toBe(words[u.reason]);
    expect((plan.unassigned as { detail?: string }[])[0].detail).toMatch(/^[A-Z][a-z]/);
  });

  it('when a stop of van 2 is moved to van 1 and another served elder of van 2 is pinned to van 1, then re-planning keeps both on van 1 and serves no fewer', async () => {
    const [v1, v2] = w.vehicleIds;
    const r2 = plan.routes.find((r) => r.vehicleId === v2)!;
    const [moved, pinned] = [r2.stops[0], r2.stops.at(-1)!];
    const before = served(plan);
    const move = await env.request.post(`/delivery/route-plans/${plan.id}/moves`).set(m).send({ orderId: moved.orderId, vehicleId: v1, position: 1 });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    const pin = await env.request.post(`/delivery/orders/${pinned.orderId}/pin`).set(m).send({ vehicleId: v1 });
    expect(pin.status, JSON.stringify(pin.body)).toBe(200);
    const re = await env.request.post(`/delivery/route-plans/${plan.id}/replan`).set(m).send({ timeLimitMs: 500 });
    expect(re.status, JSON.stringify(re.body)).toBe(202);
    plan = await waitForPlan(env, w, plan.id);
    expect(vehicleOf(plan, moved.orderId)).toBe(v1);
    expect(vehicleOf(plan, pinned.orderId)).toBe(v1);
    expect(plan.unassigned.map((u) => u.orderId)).not.toContain(moved.orderId);
    expect(plan.unassigned.map((u) => u.orderId)).not.toContain(pinned.orderId);
    // Never fewer without saying why.
    const read = (await env.request.get(`/delivery/route-plans/${plan.id}`).set(zh)).body as Plan & { unassigned: { detail: string }[] };
    if (served(plan) < before) expect(read.params.servedFewer?.detail).toContain('少送了');
    else expect(plan.params.servedFewer ?? null).toBeNull();
    // The tray's reasons are worded from the solver's codes in the reader's language.
    for (const u of read.unassigned) expect(u.detail).toMatch(/[\u4e00-\u9fff]/);
    for (const u of plan.unassigned as { detail?: string }[]) expect(u.detail).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('when more doors are pinned to van 1 than it can reach within the window, then the pin is refused with the reason and nothing changes', async () => {
    const [v1] = w.vehicleIds;
    let refused: { status: number; body: { detail: string; reason: string } } | null = null;
    let refusedOrder = '';
    for (const s of plan.routes.flatMap((r) => r.stops).concat([])) {
      const res = await env.request.post(`/delivery/orders/${s.orderId}/pin`).set(zh).send({ vehicleId: v1 });
      if (res.status !== 200) {
        refused = res;
        refusedOrder = s.orderId;
        break;
      }
    }
    expect(refused?.status).toBe(422);
    expect(refused?.body.detail).toMatch(/^无法固定：Van 1 无法在送达时段 10:45–11:10 内把固定在它上面的 \d+ 户都送到/);
    expect(refused?.body.reason).toBe('time_window');
    expect(await orderPin(refusedOrder)).toBeNull();
    const moveTo = await env.request.post(`/delivery/route-plans/${plan.id}/moves`).set(m).send({ orderId: refusedOrder, vehicleId: v1 });
    expect(moveTo.status).toBe(422);
    const still = (await env.request.get(`/delivery/route-plans/${plan.id}`).set(m)).body as Plan;
    expect(served(still)).toBe(served(plan));
  });

  it('when a van is made too small for the meals pinned to it, then re-planning is refused as "van full" before anyone is dropped', async () => {
    const [v1] = w.vehicleIds;
    const patch = await env.request.patch(`/delivery/vehicles/${v1}`).set(m).send({ capacity: 1 });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const re = await env.request.post(`/delivery/route-plans/${plan.id}/replan`).set(zh).send({ timeLimitMs: 200 });
    expect(re.status).toBe(422);
    const reEn = await env.request.post(`/delivery/route-plans/${plan.id}/replan`).set(m).send({ timeLimitMs: 200 });
    expect(reEn.body.detail).toMatch(/^Cannot pin: Van 1 is full/);
    expect(re.body.detail).toMatch(/^无法固定：Van 1 装不下——固定在这辆车上的共 \d+ 份餐，超过了它的容量 1 份。/);
    const still = (await env.request.get(`/delivery/route-plans/${plan.id}`).set(m)).body as Plan;
    expect(still.status).toBe('done');
    expect(served(still)).toBe(served(plan));
  });
});
