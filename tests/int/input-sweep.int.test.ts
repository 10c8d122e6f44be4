import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';

/**
 * Bad input, swept over EVERY route of the OpenAPI document that takes a JSON body: as an admin
 * (past every role check), with an unknown id in the path, each body below must answer 400
 * problem+json naming the field at fault — never a 5xx, never a 2xx.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Method = 'post' | 'put' | 'patch';
interface JsonSchema { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[] }

let env: TestEnv;
let t: TestTenant;
beforeAll(async () => {
  env = await createTestEnv('input_sweep');
  t = await env.tenant();
});
afterAll(() => env?.close());

/** A value of a type the property does not accept (objects where scalars go, a string elsewhere). */
function wrongValue(p: JsonSchema): unknown {
  const types = [p.type ?? []].flat();
  return types.includes('object') || types.includes('array') ? 'not-an-object' : { not: 'a scalar' };
}

describe('bad input over every route with a body', () => {
  it('when a body has an unknown field, a field of the wrong type, or is not an object, then 400 names the field', async () => {
    const doc = (await env.request.get('/openapi.json')).body;
    const wrong: string[] = [];
    let cases = 0;
    for (const [path, ops] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops) as [Method, (typeof ops)[string]][]) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (!schema) continue;
        const url = path.replace(/\{[^}]+\}/g, UNKNOWN);
        const props = Object.entries(schema.properties ?? {});
        const bodies: { body: unknown; field: string }[] = [
          { body: { zzUnknownField: 1 }, field: 'body' },
          { body: [1, 2], field: 'body' },
          ...props.slice(0, 6).map(([name, p]) => ({ body: { [name]: wrongValue(p) }, field: `body.${name}` })),
        ];
        for (const { body, field } of bodies) {
          cases++;
          const res = await env.request[method](url).set(bearer(t.adminToken)).set('Idempotency-Key', `sweep-${cases}`).send(body as object);
          const paths: string[] = (res.body?.errors ?? []).map((e: { path: string }) => e.path);
          const named = paths.some((p) => p === field || p.startsWith(`${field}.`) || (field === 'body' && p.startsWith('body')));
          if (res.status !== 400 || !String(res.headers['content-type']).startsWith('application/problem+json') || !named) {
            wrong.push(`${method.toUpperCase()} ${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(paths)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cases).toBeGreaterThan(150);
  }, 120_000);
});
