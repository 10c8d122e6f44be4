import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, eventually } from '../support/harness.js';
import type { TestEnv, TestTenant } from '../support/harness.js';
import { makeIdNumber } from '../../src/people/id-card.js';

let env: TestEnv;
let t: TestTenant;
let manager: { id: string; token: string };

beforeAll(async () => {
  env = await createTestEnv('import_sheets');
  env.startWorkers();
  t = await env.tenant();
  manager = await t.user(['kitchen_manager']);
});
afterAll(() => env?.close());

const id = (seq: number, birth = '1946-08-08') => makeIdNumber('360323', birth, seq);

async function finished(runId: string) {
  return eventually(async () => {
    const r = await env.request.get(`/imports/${runId}`).set(bearer(manager.token));
    return ['done', 'failed'].includes(r.body.status) ? r.body : undefined;
  });
}

async function person(name: string) {
  const r = await env.request.get(`/people?q=${encodeURIComponent(name)}`).set(bearer(t.adminToken));
  return r.body.items.find((p: { name: string }) => p.name === name);
}

describe('real-world spreadsheets', () => {
  it('when a township XLSX has a title row above the headers, other header names and a Chinese file name, then it is imported as is and unknown columns are reported', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('花名册');
    s.addRow(['宣风镇居家养老助餐服务对象花名册（2026年12月）']);
    s.mergeCells('A1:I1');
    s.addRow(['填报单位：宣风镇民政办', '', '', '', '', '', '', '填报日期：2026-12-01']);
    s.addRow(['序号', '姓名', '性别', '公民身份号码', '出生日期', '家庭住址', '是否独居', '手机号', '村组长签字']);
    s.addRow([1, '李秀英', '女', id(2, '1941-03-05'), new Date(Date.UTC(1941, 2, 5)), '宣风镇竹垅村3组', '是', '13907991234', '']);
    s.addRow([2, '张德明', '男', id(3, '1939-11-20'), '1939-11-20', '宣风镇沂塘村', '否', '13907995678', '刘']);
    s.addRow([3, '无号码', '男', '', '', '宣风镇', '', '', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const fileName = '宣风镇居家养老助餐服务对象花名册（2026年12月）.xlsx';
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).attach('file', file, fileName);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ fileName, headerRow: 3, encoding: 'xlsx', unknownColumns: ['序号', '村组长签字'] });
    expect(res.body.mappedColumns).toMatchObject({ 公民身份号码: 'idNumber', 家庭住址: 'address', 是否独居: 'livesAlone', 手机号: 'phone' });
    const run = await finished(res.body.id);
    expect(run).toMatchObject({ status: 'done', created: 2, rejected: 1, totalRows: 3, fileName, unknownColumns: ['序号', '村组长签字'] });
    expect(run.rejections).toEqual([{ row: 6, errors: [{ field: 'idNumber', message: expect.stringContaining("column '公民身份号码'") }] }]);
    // The report of a zh-CN tenant reads Chinese (the reasons are stored as catalogue keys and rendered when read).
    const zh = { Authorization: `Bearer ${manager.token}` };
    const zhRun = await env.request.get(`/imports/${run.id}`).set(zh);
    expect(zhRun.body.rejections).toEqual([{ row: 6, errors: [{ field: 'idNumber', message: '必填：本行“公民身份号码”列为空（导入关键列）。' }] }]);
    expect(zhRun.body.unknownColumnsNote).toBe('以下表头不属于任何导入列，其内容未导入：序号、村组长签字。');
    expect((await env.request.get(`/imports/${run.id}/rejections`).set(zh)).body.items[0].errors[0].message).toBe('必填：本行“公民身份号码”列为空（导入关键列）。');
    expect(run.unknownColumnsNote).toBe('These headers match no import column; their cells were not imported: 序号, 村组长签字.');
    expect(await env.deps.prisma.importRun.findUniqueOrThrow({ where: { id: run.id }, select: { fileName: true } })).toEqual({ fileName });
    const li = await person('李秀英');
    expect(li).toMatchObject({ birthDate: '1941-03-05', gender: 'female', livesAlone: true, address: '宣风镇竹垅村3组' });
  });

  it('when a CSV saved by Excel on Chinese Windows (GBK) is uploaded, then it is decoded as GB18030', async () => {
    const csv = ['姓名,身份证号码,联系电话,现住址,独居', `王桂芳,${id(5)},13800000005,芦溪镇新泉村,是`].join('\r\n');
    const gbk = iconv.encode(csv, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).attach('file', gbk, 'gbk.csv');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ encoding: 'gb18030', headerRow: 1, unknownColumns: [] });
    expect((await finished(res.body.id)).created).toBe(1);
    expect(await person('王桂芳')).toMatchObject({ address: '芦溪镇新泉村', livesAlone: true });
  });

  it('when a UTF-8 CSV has a BOM, then the first header still matches', async () => {
    const csv = `\uFEFF身份证号,姓名\n${id(7)},赵云\n`;
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).set('Content-Type', 'text/csv').send(csv);
    expect(res.body).toMatchObject({ encoding: 'utf-8-bom', mappedColumns: { 身份证号: 'idNumber', 姓名: 'name' } });
    expect((await finished(res.body.id)).created).toBe(1);
  });

  it('when no header row is found in the first rows, then 400 names the key column and its aliases and nothing is queued', async () => {
    const before = await env.deps.prisma.importRun.count();
    const csv = ['花名册', '名字,号码', `刘,${id(9)}`].join('\n');
    const res = await env.request.post('/imports/residents').set(bearer(manager.token)).attach('file', Buffer.from(csv), 'x.csv');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/No header row found.*idNumber \/ 身份证号 \/ 身份证号码 \/ 公民身份号码/);
    expect(res.body.lookedFor).toContain('公民身份号码');
    const zh = await env.request.post('/imports/residents').set('Authorization', `Bearer ${manager.token}`).attach('file', Buffer.from(csv), 'x.csv');
    expect(zh.body.detail).toMatch(/^前 10 行中未找到表头：表头须包含关键列（idNumber \/ 身份证号 \/ .+）及至少一个其他已知列（见 GET \/imports\/kinds）。$/);
    const empty = await env.request.post('/imports/residents').set('Authorization', `Bearer ${manager.token}`).set('Content-Type', 'text/csv').send('');
    expect(empty.body.detail).toBe('请上传 CSV 或 XLSX 文件（multipart 字段 file，或直接作为请求体）。');
    expect(await env.deps.prisma.importRun.count()).toBe(before);
  });

  it('when the recipients file carries columns the import does not know, then they are reported, not silently dropped', async () => {
    const csv = ['身份证号,姓名,餐型,血型', `${id(5)},王桂芳,糖尿病,A`].join('\n');
    const res = await env.request.post('/imports/recipients').set(bearer(manager.token)).attach('file', Buffer.from(csv), 'r.csv');
    expect(res.status).toBe(202);
    expect(res.body.unknownColumns).toEqual(['姓名', '血型']);
    const run = await finished(res.body.id);
    expect(run.unknownColumns).toEqual(['姓名', '血型']);
    const list = await env.request.get('/imports').set(bearer(manager.token));
    expect(list.body.items.find((r: { id: string }) => r.id === run.id).unknownColumns).toEqual(['姓名', '血型']);
  });
});
