import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/harness.js';
import type { TestEnv } from '../support/harness.js';
import { type DemoApi, demoApi, type Doc, operations as ops } from '../support/openapi-walk.js';

/**
 * The OpenAPI document as a client generator reads it: every request-body example is sent to the
 * real API in the demo tenant (path ids taken from the tenant's own lists) and must not be refused
 * as invalid (400) nor crash (5xx) — a 404/409/422 about the tenant's state is an honest answer.
 */
let api: DemoApi;
let env: TestEnv;
let doc: Doc;
let realPath: DemoApi['realPath'];
let admin: string;
let hospitalAdmin: string;
beforeAll(async () => {
  api = await demoApi('openapi_examples');
  ({ env, doc, realPath, admin, hospitalAdmin } = api);
}, 300_000);
afterAll(async () => {
  await api?.close();
});

const operations = () => ops(doc);

describe('the OpenAPI document drives a generated client', () => {
  it('when each request-body example is sent as it stands, then no operation refuses it as invalid or fails', async () => {
    const wrong: string[] = [];
    let sent = 0;
    let accepted = 0;
    for (const [path, method, op] of operations()) {
      const json = op.requestBody?.content['application/json'];
      if (!json) continue;
      expect(json.example, `${method} ${path} has an example`).toBeDefined();
      const token = /^\/(nursing|me\/shift)/.test(path) ? hospitalAdmin : admin;
      const url = await realPath(path, token, op);
      sent++;
      const res = await env.request[method as 'post'](url).set(bearer(token)).set('Idempotency-Key', `example-${sent}`).send(json.example as object);
      if (res.status < 300) accepted++;
      if (res.status === 400 || res.status >= 500) wrong.push(`${method.toUpperCase()} ${path} ${JSON.stringify(json.example)} → ${res.status} ${JSON.stringify(res.body?.errors ?? res.body?.detail)}`);
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(70);
    expect(accepted).toBeGreaterThan(25); // most examples did their work in the demo tenant, not only passed validation
  }, 300_000);

  it('when the document is read, then every operation has a unique camelCase operationId and a description naming its roles', () => {
    const ids = operations().map(([, , op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const undescribed = operations().filter(([, , op]) => !op.description?.includes('**Roles:**') || op['x-roles'] === undefined);
    expect(undescribed.map(([p, m]) => `${m} ${p}`)).toEqual([]);
    expect(doc.paths['/canteens/{id}/meals'].post.operationId).toBe('checkoutCanteenMeal');
    expect(doc.paths['/canteens/{id}/meals'].post.description).toContain('`canteen_operator`; `admin` (always)');
  });

  it('when error answers are documented, then they all refer to the one Problem schema', () => {
    const text = JSON.stringify(doc);
    // The problem schema is spelled out once; every operation lists its error statuses by reference.
    expect(text.split('"application/problem+json"').length - 1).toBe(Object.keys(doc.components.responses).length);
    expect(doc.components.schemas.Problem).toBeDefined();
    for (const [path, method, op] of operations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(r.$ref, `${method} ${path} ${status}`).toMatch(/^#\/components\/responses\//);
      }
      expect(op.responses['503'], `${method} ${path}`).toBeDefined();
    }
    const checkout = doc.paths['/canteens/{id}/meals'].post.responses;
    expect(Object.keys(checkout)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '422', '503']));
    expect(doc.paths['/me'].get.responses['403']).toBeUndefined(); // any signed-in user: no role check
    // Shared answers are components (one RoutePlan, not seven), and the document stays small.
    expect(doc.paths['/delivery/route-plans/{id}/publish'].post.responses['200'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/RoutePlan' } } });
    expect(text.length).toBeLessThan(400_000);
  });

  it('when a write counts money, a consent or an assignment, then its Idempotency-Key is required in the document and by the API', async () => {
    const header = (path: string) => doc.paths[path].post.parameters?.find((p) => p.name === 'Idempotency-Key');
    for (const path of ['/canteens/{id}/meals', '/canteens/{id}/meals/{mealId}/adjustments', '/canteens/{id}/meals/{mealId}/void',
      '/nursing/bookings/{id}/consents', '/nursing/bookings/{id}/consents/signed', '/nursing/assignments']) {
      expect(header(path)?.required, path).toBe(true);
    }
    expect(header('/delivery/stops/{id}/outcome')?.required).toBe(false); // one outcome per stop: a keyless retry is harmless
    const adjust = await realPath('/canteens/{id}/meals/{mealId}/adjustments', admin);
    const res = await env.request.post(adjust).set(bearer(admin)).send({ amount: 100, reason: '补贴少算' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['headers.idempotency-key']);
  });
});
