import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

let env: TestEnv;
let tenant: TestTenant;

beforeAll(async () => {
  env = await createTestEnv('http', { BODY_LIMIT: '2kb' });
  tenant = await env.tenant();
});
afterAll(() => env?.close());

function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String) });
}

describe('HTTP conventions', () => {
  it('when /healthz and /readyz are called, then both report ok with Postgres and Redis checked', async () => {
    expect((await env.request.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await env.request.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'ok', redis: 'ok' });
  });

  it('when the body is not JSON, then 400 problem+json names the body', async () => {
    const res = await env.request.post('/people').set(bearer(tenant.adminToken)).set('Content-Type', 'application/json').send('{"name": ');
    expectProblem(res, 400);
    expect(res.body.errors[0].path).toBe('body');
  });

  it('when fields have wrong types, then 400 lists every failing field path', async () => {
    const res = await env.request.post('/people').set(bearer(tenant.adminToken)).send({ name: 42, gender: 'x', birthDate: '1950-13-01' });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.birthDate', 'body.gender', 'body.name']);
  });

  it('when an unknown field is sent, then 400 names it', async () => {
    const res = await env.request.post('/people').set(bearer(tenant.adminToken))
      .send({ name: 'A', gender: 'male', birthDate: '1950-01-01', favouriteColour: 'red' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.favouriteColour' })]);
  });

  it('when the body is over the size limit, then 413 problem+json, never a 500', async () => {
    const res = await env.request.post('/people').set(bearer(tenant.adminToken)).send({ name: 'x'.repeat(5000), gender: 'male', birthDate: '1950-01-01' });
    expectProblem(res, 413);
  });

  it('when no or a bad token is sent, then 401 problem+json', async () => {
    expectProblem(await env.request.get('/people'), 401);
    expectProblem(await env.request.get('/people').set(bearer('ect_nope')), 401);
  });

  it('when a route does not exist, then 404 problem+json', async () => {
    expectProblem(await env.request.get('/no/such/route').set(bearer(tenant.adminToken)), 404);
  });

  it('when any response is sent, then it carries a request id (echoing a sane incoming one)', async () => {
    const res = await env.request.get('/healthz').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const problem = await env.request.get('/people');
    expect(problem.body.requestId).toBe(problem.headers['x-request-id']);
  });

  it('when /openapi.json is fetched, then every registered route is described with its schemas', async () => {
    const res = await env.request.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/people'].post.requestBody.content['application/json'].schema.properties.idNumber).toBeDefined();
    expect(res.body.paths['/people/{id}'].get.parameters.map((p: { name: string }) => p.name)).toContain('id');
    expect(res.body.paths['/imports/{kind}'].post).toBeDefined();
  });

  it('when /docs is opened, then the page and its assets are served locally (offline)', async () => {
    const page = await env.request.get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js');
    const asset = await env.request.get('/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });
});
