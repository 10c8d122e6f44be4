import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findHeader, normaliseHeader } from '../../../src/imports/header.js';
import { limited } from '../../../src/imports/parse.js';
import { detectEncoding } from '../../../src/imports/read-csv.js';
import type { RawRow } from '../../../src/imports/read-xlsx.js';
import { checkDeclaredSizes, readCentralDirectory } from '../../../src/imports/zip-guard.js';
import { RESIDENT_COLUMNS } from '../../../src/people/import-residents.js';
import { buildZip } from '../../support/imports/zip.js';

const columns = Object.values(RESIDENT_COLUMNS);
const rows = (...r: string[][]) => r.map((cells, i) => ({ row: i + 1, cells }));

describe('header row', () => {
  it('when title and note rows come first, then the first row naming the key and another column is the header', () => {
    const h = findHeader(rows(['宣风镇居家养老助餐服务对象花名册（2026年12月）'], ['填报单位：宣风镇', '', '姓名'], ['序号', '*姓名', '公民身份号码', '联系电话（手机）', '备注']), columns);
    expect(h.row).toBe(3);
    expect(h.mapped).toEqual({ '*姓名': 'name', 公民身份号码: 'idNumber', '联系电话（手机）': 'phone' });
    expect(h.unknown).toEqual(['序号', '备注']);
  });

  it('when two headers name the same column, then the second is reported, not merged', () => {
    const h = findHeader(rows(['身份证号', '电话', '手机号']), columns);
    expect(h.mapped).toEqual({ 身份证号: 'idNumber', 电话: 'phone' });
    expect(h.unknown).toEqual(['手机号']);
  });

  it('when the key column is missing from the top rows, then 400 with what was looked for', () => {
    expect(() => findHeader(rows(['姓名', '电话']), columns)).toThrow(/key column \(idNumber \/ 身份证号/);
  });

  it('normalises full-width characters, case, spaces and required-marks', () => {
    expect(normaliseHeader(' ID_Card ')).toBe('idcard');
    expect(normaliseHeader('＊姓　名')).toBe('姓名');
  });
});

describe('CSV encoding', () => {
  it.each([
    [Buffer.from('\uFEFF姓名'), 'utf-8-bom'],
    [Buffer.from('姓名,身份证号'), 'utf-8'],
    [iconv.encode('姓名,身份证号', 'gbk'), 'gb18030'],
    [iconv.encode('姓名', 'utf16le', { addBOM: true }), 'utf-16le'],
  ])('detects %s as %s', (buf, enc) => expect(detectEncoding(buf)).toBe(enc));
});

describe('limits while streaming', () => {
  const limits = { maxRows: 5, maxCells: 12, maxExpandedBytes: 1e6, maxSeconds: 0.05 };
  async function* gen(n: number, width = 1, delayMs = 0): AsyncGenerator<RawRow> {
    for (let i = 1; i <= n; i++) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      yield { row: i, cells: Array(width).fill('x') };
    }
  }
  const drain = async (g: AsyncGenerator<RawRow>) => { for await (const _ of g); };

  it('when rows, cells or time run over, then the read stops with the limit named', async () => {
    await expect(drain(limited(gen(100), { ...limits, maxCells: 1e9, maxSeconds: 60 }))).rejects.toMatchObject({ limit: 'rows', status: 422 });
    await expect(drain(limited(gen(5, 3), { ...limits, maxSeconds: 60 }))).rejects.toMatchObject({ limit: 'cells' });
    await expect(drain(limited(gen(10, 1, 20), { ...limits, maxRows: 1e6, maxCells: 1e9 }))).rejects.toMatchObject({ limit: 'time' });
    await expect(drain(limited(gen(4, 3), { ...limits, maxSeconds: 60 }))).resolves.toBeUndefined();
  });
});

describe('zip central directory', () => {
  it('reads declared sizes without expanding, and refuses a total over the limit', async () => {
    const zip = await buildZip([{ name: 'a.xml', chunks: () => [Buffer.alloc(5000, 'a')] }, { name: 'b.xml', chunks: () => [Buffer.alloc(3000, 'b')], declaredSize: 10 }]);
    const entries = readCentralDirectory(zip);
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([['a.xml', 5000], ['b.xml', 10]]);
    expect(() => checkDeclaredSizes(entries, 4000)).toThrow(/zip bomb/);
    expect(() => checkDeclaredSizes(entries, 6000)).not.toThrow();
    expect(() => readCentralDirectory(Buffer.from('not a zip at all, just text'))).toThrow(/no zip directory/);
  });
});
