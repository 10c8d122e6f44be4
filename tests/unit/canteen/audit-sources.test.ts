import { describe, expect, it } from 'vitest';
import { loadFromSources, type AuditSource } from '../../../src/canteen/audit-sources.js';
import type { TenantDb } from '../../../src/db/prisma.js';

const window = { tenantId: 't', timeZone: 'Asia/Shanghai', personIds: ['p'], from: '2026-10-01', to: '2026-10-31' };
const db = {} as TenantDb;
const source = (name: string, load: () => Promise<number[]>): AuditSource<number> => ({ name, load });

describe('loadFromSources', () => {
  it('when every source answers, then their rows are concatenated and reported', async () => {
    const got = await loadFromSources(db, [source('a', async () => [1, 2]), source('b', async () => [3])], window);
    expect(got).toEqual({ rows: [1, 2, 3], reports: [{ name: 'a', status: 'ok', rows: 2 }, { name: 'b', status: 'ok', rows: 1 }] });
  });

  it('when a source’s table does not exist (another domain not migrated yet), then it is reported unavailable and the scan goes on', async () => {
    const missing = Object.assign(new Error('The table `public.Admission` does not exist in the current database.'), { code: 'P2021' });
    const got = await loadFromSources(db, [source('nursing', () => Promise.reject(missing)), source('b', async () => [3])], window);
    expect(got.rows).toEqual([3]);
    expect(got.reports[0]).toEqual({ name: 'nursing', status: 'unavailable', rows: 0 });
  });

  it('when a source fails for another reason, then the scan fails (and the job retries)', async () => {
    await expect(loadFromSources(db, [source('a', () => Promise.reject(new Error('connection reset')))], window)).rejects.toThrow('connection reset');
  });
});
