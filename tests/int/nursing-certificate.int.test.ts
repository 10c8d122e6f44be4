import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { aide, dayFromToday, hospital, patient, roster } from '../support/nursing/api.js';
import type { Hospital } from '../support/nursing/api.js';

let env: TestEnv;
let h: Hospital;
const LAST = dayFromToday(10); // last valid day of the certificate

beforeAll(async () => {
  env = await createTestEnv('nursing_certificate');
  env.startWorkers();
  h = await hospital(env);
}, 120_000);
afterAll(() => env?.close());

describe('certificate must cover the whole shift', () => {
  it('when the night shift of the last valid day is assigned by hand, then 409 with the sentence in zh-CN and en; the day shift is fine', async () => {
    const ward = await h.ok('post', '/nursing/wards', { name: '特护病区', beds: ['01'] });
    const expiring = await aide(h, { name: '到期甲', certificateExpiry: LAST, homeWardIds: [ward.id] });
    const special = await patient(h, { wardId: ward.id, bed: '01', barthel: 30 });
    const res = await h.call('post', '/nursing/assignments', { date: LAST, shiftCode: 'night', bookingId: special.id, aideId: expiring.id });
    expect(res.status).toBe(409);
    expect(res.body.certificate['zh-CN']).toContain(`有效期至 ${LAST}`);
    expect(res.body.certificate.en).toContain(`valid through ${LAST}`);
    expect(res.body.detail).toMatch(/^到期甲 cannot take this shift: 到期甲's certificate is valid through/);
    expect(res.body.violations).toEqual(res.body.sentences.en);
    // A zh-CN reader: the detail and the broken rules in Chinese.
    const zh = await env.request.post('/nursing/assignments').set('Authorization', `Bearer ${h.coord.token}`).set('Idempotency-Key', `zh-${special.id}`)
      .send({ date: LAST, shiftCode: 'night', bookingId: special.id, aideId: expiring.id });
    expect(zh.body.detail).toBe(`到期甲 不能接这个班次：${zh.body.sentences['zh-CN'].join('')}`);
    expect(zh.body.violations).toEqual(zh.body.sentences['zh-CN']);
    expect(zh.body.violations[0]).toContain(`有效期至 ${LAST}`);
    expect((await h.call('post', '/nursing/assignments', { date: LAST, shiftCode: 'day', bookingId: special.id, aideId: expiring.id })).status).toBe(201);
    await h.ok('delete', `/nursing/assignments/${(await h.ok('get', `/nursing/assignments?from=${LAST}&to=${LAST}&bookingId=${special.id}`)).items[0].id}`);

    // A roster run leaves that night uncovered, with the certificate as the reason.
    const run = await roster(h, LAST, LAST, [ward.id]);
    const rows = (await h.ok('get', `/nursing/assignments?from=${LAST}&to=${LAST}&bookingId=${special.id}`)).items as { shiftCode: string; aideId: string }[];
    expect(rows.map((r) => r.shiftCode)).toEqual(['day']);
    const night = run.result.uncovered.filter((g: { shiftCode: string }) => g.shiftCode === 'night');
    expect(night).toHaveLength(1);
    expect(night[0].reason).toContain('证书已过期');
  });
});
