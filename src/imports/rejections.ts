import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { chunk } from './importer.js';
import type { RowRejection } from './importer.js';
import { renderStored, storeText } from './stored-text.js';

/** What GET /imports/{id} shows inline; the rest is paged. */
export const FIRST_PAGE = 50;

/** Stores a run's rejected rows (one record per row: reasons of one row are merged). Replaces an earlier attempt's. */
export async function saveRejections(deps: Pick<Deps, 'prisma'>, tenantId: string, importRunId: string, rejections: RowRejection[]) {
  const byRow = new Map<number, RowRejection>();
  for (const r of rejections) {
    const seen = byRow.get(r.row);
    if (seen) seen.errors.push(...r.errors);
    else byRow.set(r.row, { ...r, errors: [...r.errors] });
  }
  const db = tenantDb(deps.prisma, tenantId);
  await db.$transaction(async (tx) => {
    await tx.importRejection.deleteMany({ where: { importRunId } });
    for (const part of chunk([...byRow.values()], 1000)) {
      await tx.importRejection.createMany({ data: part.map((r) => ({ tenantId, importRunId, row: r.row, key: r.key ?? null, errors: r.errors.map((e) => ({ field: e.field, message: storeText(e.message) })) })) });
    }
  }, { timeout: 60_000 });
}

/** Rejected rows in row order, `limit` at a time after row `cursor`, their reasons rendered in `locale`. */
export async function rejectionPage(deps: Pick<Deps, 'prisma'>, tenantId: string, importRunId: string, q: { limit: number; cursor?: number }, locale: string) {
  const rows = await tenantDb(deps.prisma, tenantId).importRejection.findMany({
    where: { importRunId, ...(q.cursor !== undefined ? { row: { gt: q.cursor } } : {}) },
    orderBy: { row: 'asc' },
    take: q.limit + 1,
  });
  const items = rows.slice(0, q.limit).map((r) => ({ row: r.row, ...(r.key ? { key: r.key } : {}), errors: (r.errors as { field: string; message: unknown }[]).map((e) => ({ field: e.field, message: renderStored(locale, e.message) })) }));
  return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1].row) : null };
}

export const firstRejections = (deps: Pick<Deps, 'prisma'>, tenantId: string, importRunId: string, locale: string) =>
  rejectionPage(deps, tenantId, importRunId, { limit: FIRST_PAGE }, locale);
