import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { logger, setLogTarget } from '../../src/logger.js';
import { makeIdNumber } from '../../src/people/id-card.js';

let env: TestEnv;
let t: TestTenant;
const lines: string[] = [];
const ID = makeIdNumber('360302', '1944-02-29', 17);
const ID_X = makeIdNumber('110105', '1949-12-31', 2);
const PHONE = '13907990042';

beforeAll(async () => {
  env = await createTestEnv('sec_logs');
  t = await env.tenant();
  setLogTarget({ write: (line: string) => void lines.push(line) });
  logger.level = 'debug';
});
afterAll(async () => {
  logger.level = 'silent';
  await env?.close();
});

describe('secrets and personal numbers never reach the log', () => {
  it('when a session plants tokens, cookies, ID numbers and phones in URLs, headers, bodies and errors, then the whole log holds none of them', async () => {
    const person = await env.request.post('/people').set(bearer(t.adminToken))
      .send({ name: '秦淑芬', gender: 'female', birthDate: '1944-02-29', idNumber: ID, phone: PHONE });
    expect(person.status).toBe(201);
    const r = env.request;
    const planted = await r.post('/me/tokens').set(bearer(t.adminToken)).send({ name: 'planted' });
    const secret: string = planted.body.token;
    const probes = [
      r.get(`/admin/queues?token=${secret}`),
      r.get(`/me?token=${secret}`),
      r.get(`/me?access_token=${encodeURIComponent(secret)}&x=1`),
      r.get('/people').query({ q: ID }).set(bearer(t.adminToken)),
      r.get('/people').query({ q: PHONE }).set(bearer(t.adminToken)),
      r.get('/people').query({ q: '+86 139 0799 0042' }).set(bearer(t.adminToken)),
      r.get(`/people/${ID}`).set(bearer(t.adminToken)),
      r.get(`/nothing/${ID_X}/${PHONE}`),
      r.get('/me').set('Authorization', `Bearer ${secret}x`),
      r.get('/me').set('Authorization', `Basic ${Buffer.from(`ops:${secret}`).toString('base64')}`),
      r.get('/me').set('Cookie', `ect_admin=${secret}; sid=s%3A${secret}`).set(bearer(secret)),
      r.post('/people').set(bearer(t.adminToken)).send({ name: 'x', gender: 'male', birthDate: '1944-02-28', idNumber: ID }),
      r.post('/people').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send(`{"idNumber":"${ID}", "phone":"${PHONE}"`),
    ];
    const answers = await Promise.all(probes);
    const unauthorized = answers[1];
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body.instance).toBe('/me');
    for (const a of answers) expect(JSON.stringify(a.body ?? '')).not.toContain(secret);
    // Errors logged with stacks and messages that quote the values.
    const err = new Error(`lookup failed for ${ID} / ${PHONE} with Bearer ${secret}`);
    logger.error({ err, url: `/people?q=${ID_X}`, headers: { authorization: `Bearer ${secret}`, cookie: `ect_admin=${secret}` } }, `failed: ${secret}`);
    logger.warn({ queue: 'people.import', err: `row 3: ${ID_X} phone 139-0799-0042` }, 'job failed');
    await new Promise((done) => setTimeout(done, 50));

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('"url":"/me?token=[redacted]"');
    for (const s of [secret, secret.slice(4), ID, ID_X, ID.toLowerCase(), PHONE, '139 0799 0042', '139-0799-0042', encodeURIComponent(secret)]) {
      expect(log, s).not.toContain(s);
    }
    expect(log).not.toMatch(/ect_(?!\[redacted\])[A-Za-z0-9_-]{6,}/);
    expect(log).not.toMatch(/(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/);
    expect(log).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(log).not.toMatch(/set-cookie/i);
  });
});
