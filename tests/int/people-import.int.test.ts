import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';

let env: TestEnv;
let t: TestTenant;
let manager: { id: string; token: string };

beforeAll(async () => {
  env = await createTestEnv('import');
  env.startWorkers();
  t = await env.tenant();
  manager = await t.user(['kitchen_manager']);
});
afterAll(() => env?.close());

async function finished(id: string) {
  return eventually(async () => {
    const r = await env.request.get(`/imports/${id}`).set(bearer(manager.token));
    return ['done', 'failed'].includes(r.body.status) ? r.body : undefined;
  });
}

const good = (seq: number, birth = '1946-08-08') => makeIdNumber('360323', birth, seq);

describe('resident import', () => {
  const csv = [
    '姓名,身份证号,电话,地址,纬度,经度,独居,身份类别',
    `刘桂兰,${good(1)},13800000001,新泉村1号,27.64,114.02,是,特困`,
    `陈建国,${good(3, '1938-02-01')},13800000002,山田村2号,27.61,114.04,否,低保;重度残疾`,
    `坏校验,${good(5).slice(0, 17)}${good(5)[17] === '1' ? '2' : '1'},,,,,,`,
    `,${good(7)},,,,,,`,
    `重复,${good(1)},,,,,,`,
    `坏身份,${good(9)},,,,,,外星人`,
    `坏坐标,${good(11)},,,95,114,,`,
  ].join('\n');

  it('when a CSV with good and bad rows is uploaded, then good rows are imported and every bad row is reported with its reason', async () => {
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).attach('file', Buffer.from(csv), 'residents.csv');
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    const run = await finished(res.body.id);
    expect(run).toMatchObject({ status: 'done', progress: 100, totalRows: 7, created: 2, updated: 0, unchanged: 0, rejected: 5 });
    const byRow = Object.fromEntries(run.rejections.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors.map((e) => e.field)]));
    expect(byRow).toEqual({ 4: ['idNumber'], 5: ['name'], 6: ['idNumber'], 7: ['statuses.0.code'], 8: ['lat'] });
    const people = await env.request.get('/people').set(bearer(t.adminToken));
    const chen = people.body.items.find((p: { name: string }) => p.name === '陈建国');
    expect(chen).toMatchObject({ birthDate: '1938-02-01', gender: 'male', livesAlone: false });
    expect(chen.statuses.map((s: { code: string }) => s.code).sort()).toEqual(['minimum_living', 'severe_disability']);
  });

  it('when the same file is uploaded again, then nothing changes (idempotent on the ID number)', async () => {
    const before = await env.deps.prisma.person.count();
    const statusesBefore = await env.deps.prisma.personStatus.count();
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).attach('file', Buffer.from(csv), 'residents.csv');
    const run = await finished(res.body.id);
    expect(run).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2, rejected: 5 });
    expect(await env.deps.prisma.person.count()).toBe(before);
    expect(await env.deps.prisma.personStatus.count()).toBe(statusesBefore);
  });

  it('when a row changes, then that person is updated and the others stay unchanged', async () => {
    const changed = csv.replace('新泉村1号', '新泉村9号');
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).set('Content-Type', 'text/csv').send(changed);
    const run = await finished(res.body.id);
    expect(run).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('when an XLSX file is uploaded, then its first sheet is imported with English headers', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('residents');
    sheet.addRow(['name', 'idNumber', 'gender', 'birthDate', 'livesAlone']);
    sheet.addRow(['Wang Fang', good(21, '1944-12-12'), 'female', '1944-12-12', 'yes']);
    sheet.addRow(['Bad Date', good(23, '1944-12-12'), 'male', '1944-12-13', 'no']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).attach('file', buffer, 'residents.xlsx');
    const run = await finished(res.body.id);
    expect(run).toMatchObject({ status: 'done', created: 1, rejected: 1 });
    expect(run.rejections[0]).toMatchObject({ row: 3, errors: [{ field: 'idNumber' }] });
  });

  it('when the upload is empty or the kind unknown, then 400/404 problem+json and no job', async () => {
    expect((await env.request.post('/imports/residents').set(bearer(manager.token)).set('Content-Type', 'text/csv').send('')).status).toBe(400);
    expect((await env.request.post('/imports/martians').set(bearer(manager.token)).attach('file', Buffer.from(csv), 'x.csv')).status).toBe(404);
  });

  it('when a driver tries to import, then 403', async () => {
    const driver = await t.user(['driver']);
    expect((await env.request.post('/imports/residents').set(bearer(driver.token)).attach('file', Buffer.from(csv), 'x.csv')).status).toBe(403);
  });
});
