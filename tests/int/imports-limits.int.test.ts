import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { bombXlsx } from '../support/imports/zip.js';
import { makeIdNumber } from '../../src/people/id-card.js';
import { ImportBusyError, runImport } from '../../src/imports/service.js';
import { modules } from '../../src/modules.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read in assertions
type Json = Record<string, any>;

let env: TestEnv;
let t: TestTenant;
let manager: { id: string; token: string };
let server: Server;
let base: string;

beforeAll(async () => {
  env = await createTestEnv('import_limits', { IMPORT_MAX_ROWS: '300', UPLOAD_LIMIT_MB: '20' });
  t = await env.tenant();
  manager = await t.user(['kitchen_manager']);
  server = env.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await env?.close();
});

const auth = () => ({ Authorization: `Bearer ${manager.token}` });
const good = (seq: number) => makeIdNumber('360323', '1946-08-08', seq);

/** Calls /healthz every 20 ms while `work` runs; returns the slowest answer in ms. */
async function healthzWorstDuring<T>(work: () => Promise<T>): Promise<{ result: T; worstMs: number; probes: number }> {
  let running = true, worstMs = 0, probes = 0;
  const probe = (async () => {
    while (running) {
      const t0 = performance.now();
      const r = await fetch(`${base}/healthz`);
      await r.arrayBuffer();
      worstMs = Math.max(worstMs, performance.now() - t0);
      probes++;
      await new Promise((res) => setTimeout(res, 20));
    }
  })();
  const result = await work();
  running = false;
  await probe;
  return { result, worstMs, probes };
}

async function upload(file: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const res = await fetch(`${base}/imports/residents`, { method: 'POST', headers: auth(), body: form });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json };
}

describe('import limits', () => {
  it('when a 312 MB-sheet zip bomb (under the upload limit) is uploaded, then it is refused at once with a clear 422 and /healthz stays fast', async () => {
    const bomb = await bombXlsx(312);
    expect(bomb.length).toBeLessThan(20 * 1024 * 1024);
    const runsBefore = await env.deps.prisma.importRun.count();
    const t0 = performance.now();
    const { result, worstMs, probes } = await healthzWorstDuring(() => upload(bomb, 'bomb.xlsx'));
    const tookMs = performance.now() - t0;
    expect(result.status).toBe(422);
    expect(result.type).toMatch(/application\/problem\+json/);
    // No Accept-Language: a zh-CN reader.
    expect(result.body.detail).toMatch(/解压后为 312 MB（上限 150 MB），疑似压缩炸弹/);
    expect(result.body.limit).toBe('expanded');
    expect(tookMs).toBeLessThan(3000);
    expect(probes).toBeGreaterThan(0);
    expect(worstMs).toBeLessThan(500);
    console.log(`bomb upload answered in ${tookMs.toFixed(0)} ms; /healthz worst ${worstMs.toFixed(1)} ms over ${probes} probes`);
    expect(await env.deps.prisma.importRun.count()).toBe(runsBefore);
  });

  it('when a bomb just under the limit (140 MB of sheet XML, no headers) is uploaded, then it is read as a stream: 400 and /healthz answers meanwhile', async () => {
    const bomb = await bombXlsx(140);
    const t0 = performance.now();
    const { result, worstMs, probes } = await healthzWorstDuring(() => upload(bomb, 'almost.xlsx'));
    const tookMs = performance.now() - t0;
    expect(result.status).toBe(400);
    expect(result.body.detail).toMatch(/前 10 行中未找到表头/);
    console.log(`140 MB bomb upload answered in ${tookMs.toFixed(0)} ms; /healthz worst ${worstMs.toFixed(1)} ms over ${probes} probes`);
    expect(probes).toBeGreaterThan(5);
    expect(worstMs).toBeLessThan(500);
    expect(process.memoryUsage().rss).toBeLessThan(1.5 * 1024 ** 3);
  });

  it('when the zip lies about its sizes (declares 1 KB for 50 MB of sheet), then it is refused too', async () => {
    const liar = await bombXlsx(50, true);
    const res = await upload(liar, 'liar.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/解压后的大小与其声明不符/);
  });

  it('when a file has more rows than IMPORT_MAX_ROWS, then the run fails once with the row limit named (no retry)', async () => {
    env.startWorkers();
    const rows = ['姓名,身份证号', ...Array.from({ length: 400 }, (_, i) => `人${i},${good(i * 2 + 1)}`)];
    const res = await upload(Buffer.from(rows.join('\n')), 'many.csv');
    expect(res.status).toBe(202);
    const run = await eventually(async () => {
      const r = await fetch(`${base}/imports/${res.body.id}`, { headers: auth() }).then((x) => x.json() as Promise<Json>);
      return r.status === 'failed' ? r : undefined;
    });
    expect(run.error).toBe('文件超过 300 行，请拆分成多个文件。'); // stored as key + params, read in the reader's language
    const en = await fetch(`${base}/imports/${res.body.id}`, { headers: { ...auth(), 'Accept-Language': 'en' } }).then((x) => x.json() as Promise<Json>);
    expect(en.error).toMatch(/more than 300 rows/);
    expect(await env.deps.prisma.person.count()).toBe(0);
  });

  it('when 120 rows are rejected, then the report shows the first 50 and the rest is paged by row with no gap or repeat', async () => {
    env.startWorkers();
    const rows = ['姓名,身份证号', ...Array.from({ length: 120 }, (_, i) => `坏${i},123`), `好人,${good(901)}`];
    const res = await upload(Buffer.from(rows.join('\n')), 'bad.csv');
    const run = await eventually(async () => {
      const r = await fetch(`${base}/imports/${res.body.id}`, { headers: auth() }).then((x) => x.json() as Promise<Json>);
      return r.status === 'done' ? r : undefined;
    });
    expect(run).toMatchObject({ created: 1, rejected: 120, rejectionsNextCursor: '51' });
    expect(run.rejections).toHaveLength(50);
    const seen: number[] = run.rejections.map((r: { row: number }) => r.row);
    let cursor = run.rejectionsNextCursor;
    while (cursor) {
      const p = await env.request.get(`/imports/${run.id}/rejections?limit=30&cursor=${cursor}`).set(bearer(manager.token));
      expect(p.status).toBe(200);
      seen.push(...p.body.items.map((r: { row: number }) => r.row));
      cursor = p.body.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 2));
    const bad = await env.request.get(`/imports/${run.id}/rejections?cursor=abc`).set(bearer(manager.token));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.cursor');
    const other = await env.tenant();
    expect((await env.request.get(`/imports/${run.id}/rejections`).set(bearer(other.adminToken))).status).toBe(404);
  });

  it('when two workers get the same import at once (a lost lock), then it runs once and the other backs off', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    sheet.addRow(['姓名', '身份证号']);
    for (let i = 0; i < 50; i++) sheet.addRow([`双${i}`, good(501 + i * 2)]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const auditsBefore = await env.deps.prisma.auditLog.count({ where: { tenantId: t.id, action: 'people.import' } });
    // Not queued, so no worker picks it: the two calls below play two workers holding one job.
    const run = await env.deps.prisma.importRun.create({
      data: { tenantId: t.id, kind: 'residents', fileName: 'twice.xlsx', fileHash: 'x', content: new Uint8Array(file) },
    });
    const results = await Promise.allSettled([
      runImport(env.deps, modules, t.id, run.id, async () => {}),
      runImport(env.deps, modules, t.id, run.id, async () => {}),
    ]);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ImportBusyError);
    const after = await env.deps.prisma.importRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: 'done', created: 50, updated: 0, unchanged: 0, rejected: 0 });
    expect(await env.deps.prisma.auditLog.count({ where: { tenantId: t.id, action: 'people.import' } })).toBe(auditsBefore + 1);
  });
});
