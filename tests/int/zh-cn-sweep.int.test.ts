import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMessages } from '../../src/i18n/index.js';
import type { TestEnv } from '../support/harness.js';
import { type DemoApi, demoApi, type Doc, type Op, operations, unknownPath } from '../support/openapi-walk.js';

/**
 * Chinese first: a zh-CN tenant's error answers, on every operation of the document, read Chinese.
 * Each operation is called as a zh-CN reader would meet it (no Accept-Language): without a token,
 * with a low role (driver), with ids that exist nowhere, with a field no schema knows, with its
 * example body on the tenant's real rows, and with an empty body. Every sentence of every problem
 * (title, detail, errors[].message) must contain Chinese and none may be a sentence of the
 * catalogue's English side. An integrator's Accept-Language: en still gets English.
 */
let api: DemoApi;
let env: TestEnv;
let doc: Doc;
let realPath: DemoApi['realPath'];
let admin: string;
let hospitalAdmin: string;
let driver: string;
beforeAll(async () => {
  api = await demoApi('zh_cn_sweep');
  ({ env, doc, realPath, admin, hospitalAdmin, driver } = api);
}, 300_000);
afterAll(async () => {
  await api?.close();
});

const CJK = /[\u3400-\u9fff]/;
/** The English side of the catalogue as patterns ({x} placeholders match anything); labels and codes are left out. */
const english = allMessages()
  .map((m) => m.en)
  // Sentences: three or more words (codes such as YYYY-MM-DD are not words).
  .filter((en) => (en.replace(/\{\w+\}/g, '').match(/\b[A-Za-z][a-z]+\b/g) ?? []).length >= 3)
  .map((en) => new RegExp(en.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('.+?')));

/** Every sentence a person reads in a problem answer. */
function sentences(body: Record<string, unknown>): string[] {
  const out = [body.title, body.detail].filter((s): s is string => typeof s === 'string');
  for (const e of (Array.isArray(body.errors) ? body.errors : []) as { message?: unknown }[]) if (typeof e.message === 'string') out.push(e.message);
  return out;
}

type Probe = { label: string; token?: string; path: string; body?: unknown };

function probes(path: string, method: string, op: Op, token: string, real: string): Probe[] {
  const example = op.requestBody?.content['application/json']?.example;
  const json = Boolean(op.requestBody?.content['application/json']);
  const list: Probe[] = [
    { label: 'no token', path: real },
    { label: 'driver', token: driver, path: real },
    { label: 'unknown ids', token, path: unknownPath(path), body: example },
    { label: 'real ids, example', token, path: real, body: example },
  ];
  if (json) list.push({ label: 'unknown field', token, path: real, body: { ...(example as object), zzUnknown: 1 } }, { label: 'empty body', token, path: real, body: {} });
  if (method === 'get') list.push({ label: 'bad query', token, path: `${real}?from=x&to=x&date=x&month=x&limit=-1&status=x&q=` });
  return list;
}

describe('a zh-CN tenant reads Chinese', () => {
  it('when every operation is called wrongly in a zh-CN tenant, then every error sentence is Chinese and none is the English catalogue', async () => {
    const offenders = new Set<string>();
    let problems = 0;
    for (const [path, method, op] of operations(doc)) {
      if (path.startsWith('/notify/receipts') || path.startsWith('/admin/queues')) continue; // provider callbacks: the provider reads them
      const token = /^\/(nursing|me\/shift)/.test(path) ? hospitalAdmin : admin;
      const real = await realPath(path, token, op);
      for (const p of probes(path, method, op, token, real)) {
        let req = env.request[method as 'post'](p.path).set('Idempotency-Key', `zh-${problems}-${p.label}`);
        if (p.token) req = req.set('Authorization', `Bearer ${p.token}`);
        const res = p.body === undefined || method === 'get' ? await req : await req.send(p.body as object);
        if (res.status < 400 || !String(res.headers['content-type']).includes('problem+json')) continue;
        problems++;
        for (const s of sentences(res.body)) {
          if (!CJK.test(s) || english.some((re) => re.test(s))) offenders.add(`${method.toUpperCase()} ${path} [${p.label}] ${res.status}: ${s}`);
        }
      }
    }
    console.log(`zh-CN sweep: ${problems} problem answers, ${offenders.size} English sentences`);
    // ZH_SWEEP_OUT=<file>: the whole list, one line each, for whoever fixes them.
    if (process.env.ZH_SWEEP_OUT) writeFileSync(process.env.ZH_SWEEP_OUT, [...offenders].sort().join('\n') + '\n');
    expect([...offenders].sort()).toEqual([]);
    expect(problems).toBeGreaterThan(300);
  }, 600_000);

  it('when an integrator asks for English, then the same refusal is English', async () => {
    const res = await env.request.post('/canteens/00000000-0000-4000-8000-000000000000/meals').set('Authorization', `Bearer ${admin}`).set('Accept-Language', 'en').send({ zzUnknown: 1 });
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('Invalid request');
    expect(res.body.errors.map((e: { message: string }) => e.message)).toContain("Unknown field 'zzUnknown'.");
    const zh = await env.request.post('/canteens/00000000-0000-4000-8000-000000000000/meals').set('Authorization', `Bearer ${admin}`).send({ zzUnknown: 1 });
    expect(zh.body.title).toBe('请求字段有误');
    expect(zh.body.errors.map((e: { message: string }) => e.message)).toContain('不认识的字段“zzUnknown”。');
  });
});
