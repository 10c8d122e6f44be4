// Changes made by hand told to the care aides like a roster run's (issue 19 follow-up): a hand
// assignment, a reassignment, a removal and leave taking an aide off shifts each write the
// "your shifts changed" message in the change's own commit, once (a replayed request adds nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, dayFromToday, hospital, patient } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
let booking: { id: string };
const D = dayFromToday(10);
const DAY = `${Number(D.slice(5, 7))}月${Number(D.slice(8))}日白班（08:00–20:00）骨科病区 01床`;
interface Staff {
  aideId: string;
  userId: string;
  token: string;
  name: string;
}
const staff: Staff[] = [];
let unlinked: { id: string };

/** The in-app "shifts changed" messages an aide's user has, oldest first. */
const inAppOf = (s: Staff) =>
  env.deps.prisma.notifyMessage.findMany({
    where: { tenantId: h.tenant.id, recipient: `user:${s.userId}`, template: 'rosterChanged' },
    orderBy: { id: 'asc' },
  });
const total = () => env.deps.prisma.notifyMessage.count({ where: { tenantId: h.tenant.id } });
const assign = (aideId: string, key: string, shiftCode = 'day') =>
  env.request
    .post('/nursing/assignments')
    .set(bearer(h.coord.token))
    .set('Idempotency-Key', key)
    .send({ date: D, shiftCode, bookingId: booking.id, aideId });
/** What the aide reads in the inbox for a message (no Accept-Language: the hospital's zh-CN). */
const inboxText = async (s: Staff, messageId: string) => {
  const inbox = await env.request.get('/notify/inbox').set('Authorization', `Bearer ${s.token}`);
  expect(inbox.status).toBe(200);
  return inbox.body.items.find((i: { id: string }) => i.id === messageId)?.text as string;
};

beforeAll(async () => {
  env = await createTestEnv('nursing_roster_hand_notices');
  h = await hospital(env);
  const ward = await h.ok('post', '/nursing/wards', { name: '骨科病区', beds: ['01', '02'] });
  for (const name of ['护理员甲', '护理员乙']) {
    const user = await h.tenant.user(['care_aide'], name === '护理员甲' ? 'jia' : 'yi');
    const a = await aide(h, { name, userId: user.id, homeWardIds: [ward.id] });
    staff.push({ aideId: a.id, userId: user.id, token: user.token, name });
  }
  unlinked = await aide(h, { name: '护理员丙', homeWardIds: [ward.id] });
  booking = await patient(h, { wardId: ward.id, bed: '01', barthel: 50 });
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('changes by hand told to the care aides', () => {
  const [jia, yi] = [() => staff[0]!, () => staff[1]!];
  let assignmentId: string;

  it('when a coordinator assigns an aide by hand, then the aide gets one in-app message in zh-CN, and a replay of the request adds nothing', async () => {
    const first = await assign(jia().aideId, `hand-${booking.id}`);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    assignmentId = first.body.id;
    const msgs = await inAppOf(jia());
    expect(msgs.map((m) => [m.channel, m.refType, m.refId])).toEqual([['in_app', 'shift_assignment', assignmentId]]);
    expect(await inboxText(jia(), msgs[0]!.id)).toBe(
      `【护理排班】护理员甲，您的班次有调整。新增：${DAY}。取消：无。详情请打开“我的班次”页面。`,
    );
    const before = await total();
    const replay = await assign(jia().aideId, `hand-${booking.id}`);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(assignmentId);
    expect(await total()).toBe(before);
    expect(await inAppOf(yi())).toEqual([]);
  }, 60_000);

  it('when the shift is given to another aide by hand, then the new aide hears of the gain and the old one of the loss', async () => {
    expect((await assign(yi().aideId, `hand-yi-${booking.id}`)).status).toBe(201);
    const lost = (await inAppOf(jia())).at(-1)!;
    expect((await inAppOf(jia())).length).toBe(2);
    expect(await inboxText(jia(), lost.id)).toContain(`新增：无。取消：${DAY}。`);
    const gained = await inAppOf(yi());
    expect(gained.length).toBe(1);
    expect(await inboxText(yi(), gained[0]!.id)).toContain(`新增：${DAY}。取消：无。`);
  }, 60_000);

  it('when the coordinator removes the assignment, then the aide who had it is told', async () => {
    const res = await h.call('delete', `/nursing/assignments/${assignmentId}`);
    expect(res.status).toBe(204);
    const msgs = await inAppOf(yi());
    expect(msgs.length).toBe(2);
    expect(await inboxText(yi(), msgs[1]!.id)).toContain(`新增：无。取消：${DAY}。`);
    expect((await inAppOf(jia())).length).toBe(2);
  }, 60_000);

  it('when leave takes an aide off a shift, then the aide is told of the loss, once', async () => {
    expect((await assign(jia().aideId, `hand-again-${booking.id}`)).status).toBe(201);
    expect((await inAppOf(jia())).length).toBe(3);
    const leave = await h.ok('post', `/nursing/aides/${jia().aideId}/leave`, { dates: [D], reason: '病假' });
    expect(leave.removedAssignments).toBe(1);
    const msgs = await inAppOf(jia());
    expect(msgs.length).toBe(4);
    expect([msgs[3]!.refType, msgs[3]!.refId]).toEqual(['aide', jia().aideId]);
    expect(await inboxText(jia(), msgs[3]!.id)).toContain(`新增：无。取消：${DAY}。`);
    // The same leave recorded again removes nothing and tells nothing.
    const before = await total();
    expect((await h.ok('post', `/nursing/aides/${jia().aideId}/leave`, { dates: [D] })).removedAssignments).toBe(0);
    expect(await total()).toBe(before);
  }, 60_000);

  it('when an aide without a sign-in is assigned by hand, then the assignment is made and nobody is told', async () => {
    const before = await total();
    expect((await assign(unlinked.id, `hand-unlinked-${booking.id}`)).status).toBe(201);
    expect(await total()).toBe(before);
  }, 60_000);
});
