import type { Server } from 'node:http';
import { seedDemo } from '../../scripts/demo/seed.js';
import { EXAMPLE_ID, exampleOf } from '../../src/http/openapi-examples.js';
import { issueToken } from '../../src/tenancy/service.js';
import { bearer, createTestEnv } from './harness.js';
import type { TestEnv } from './harness.js';

/** The parts of an OpenAPI operation the document-driven tests read. */
export type Op = {
  operationId?: string; description?: string; 'x-roles'?: unknown;
  tags?: string[]; parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses: Record<string, { $ref?: string; content?: unknown }>;
};
export type Doc = { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, unknown>; responses: Record<string, unknown> } };

export function operations(doc: Doc): [string, string, Op][] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [path, method, op] as [string, string, Op]));
}

/** Items of a list answer (`{items}` or a bare array). */
function itemsOf(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body) ? body : (body as { items?: unknown })?.items;
  return Array.isArray(list) ? list : [];
}

/**
 * Fills path parameters with real values, left to right, from the list one level up
 * (/canteens/{id}/meals/{mealId}: an id from GET /canteens, then a meal id from GET /canteens/<id>/meals);
 * with nothing to take from a list, the parameter's own example (the answer is then a 404).
 */
export function pathResolver(env: TestEnv, doc: Doc) {
  const resolved = new Map<string, string>();
  return async function realPath(path: string, token: string, op?: Op): Promise<string> {
    let done = '';
    for (const part of path.split('/').slice(1)) {
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!param) {
        done += `/${part}`;
        continue;
      }
      const key = `${token} ${done}/{${param}}`;
      if (!resolved.has(key)) {
        const list = doc.paths[done]?.get ? await env.request.get(done).set(bearer(token)) : undefined;
        const item = itemsOf(list?.body)[0];
        const value = item?.[param === 'id' || param.endsWith('Id') ? 'id' : param] ?? item?.id;
        const fallback = exampleOf(op?.parameters?.find((p) => p.name === param)?.schema ?? { format: 'uuid' });
        resolved.set(key, String(typeof value === 'string' ? value : fallback));
      }
      done += `/${resolved.get(key)}`;
    }
    return done;
  };
}

/** A path with every parameter an id that exists nowhere. */
export function unknownPath(path: string): string {
  return path.replace(/\{\w+\}/g, EXAMPLE_ID);
}

/** The demo data set behind a real server, with the document and tokens a document-driven test needs. */
export interface DemoApi {
  env: TestEnv;
  doc: Doc;
  realPath: ReturnType<typeof pathResolver>;
  /** Tokens of the township's admin and driver, and of the hospital tenant's admin (the demo's nursing data). */
  admin: string;
  driver: string;
  hospitalAdmin: string;
  close(): Promise<void>;
}

export async function demoApi(label: string): Promise<DemoApi> {
  const env = await createTestEnv(label);
  env.startWorkers();
  const server: Server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const township = await seedDemo(env.deps, base, base, () => {});
  const hospital = await env.deps.prisma.tenant.findFirstOrThrow({ where: { id: { not: township.tenantId } } });
  const user = await env.deps.prisma.user.findFirstOrThrow({ where: { tenantId: hospital.id, roles: { has: 'admin' } } });
  const ctx = { tenantId: hospital.id, userId: user.id, roles: user.roles, timeZone: 'Asia/Shanghai', locale: 'zh-CN' as const, requestId: label };
  const hospitalAdmin = (await issueToken(env.deps, ctx, user.id, { name: label })).token;
  const doc = (await env.request.get('/openapi.json')).body as Doc;
  return {
    env, doc, realPath: pathResolver(env, doc), admin: township.tokens.admin, driver: township.tokens.driver, hospitalAdmin,
    async close() {
      server.close();
      await env.close();
    },
  };
}
