import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams } from '../http/common-schemas.js';
import { requestLocale } from '../http/locale.js';
import type { Deps } from '../deps.js';
import { CSV_TYPE } from './csv.js';
import { month } from './schemas.js';
import { settlementMealsCsv, settlementsCsv } from './settlement-export.js';
import * as settlements from './settlement-service.js';

const tags = ['canteen-settlement'];

const settlementSchema = z.object({
  id: z.uuid(),
  canteenId: z.uuid(),
  canteenName: z.string().nullable(),
  month: z.string(),
  lockedAt: z.iso.datetime(),
  lockedBy: z.uuid().nullable(),
  totals: z.record(z.string(), z.unknown()).describe('meals, fullPriceRevenue, paidByDiners, subsidy, subsidyByFund, byRule, bySlot, byAgeTier, byStatus, adjustments, subsidyDue, subsidyDueByFund'),
}).meta({ id: 'Settlement' });

/** Monthly settlement: auditors (and admins) settle; operators read their own canteens'. CSVs speak the reader's locale. */
export function registerSettlementRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/settlements', summary: 'Settle and lock a month (every canteen, or one); re-running gives the same totals', tags,
      access: ['auditor'], body: z.strictObject({ month, canteenId: z.uuid().optional() }),
      responses: { 200: { description: 'Settlements', schema: z.object({ items: z.array(settlementSchema) }) } } },
    async ({ ctx, body }) => ({ body: { items: await settlements.settleMonth(deps, ctx, body.month, body.canteenId) } }),
  );
  api.add(
    { method: 'get', path: '/settlements', summary: 'Settlements, newest month first', tags, access: ['canteen_operator'],
      query: z.strictObject({ month: month.optional(), canteenId: z.uuid().optional() }),
      responses: { 200: { description: 'Settlements', schema: z.object({ items: z.array(settlementSchema) }) } } },
    async ({ ctx, query }) => ({ body: { items: await settlements.listSettlements(deps, ctx, query) } }),
  );
  api.add(
    { method: 'get', path: '/settlements.csv', summary: 'CSV: one line per settled canteen of a month', tags, access: ['canteen_operator'],
      query: z.strictObject({ month }), responses: { 200: { description: 'CSV', contentType: 'text/csv' } } },
    async ({ ctx, query, req }) => ({
      body: await settlementsCsv(deps, { ...ctx, locale: requestLocale(req) }, query.month),
      contentType: CSV_TYPE,
      headers: { 'Content-Disposition': `attachment; filename="settlements-${query.month}.csv"` },
    }),
  );
  api.add(
    { method: 'get', path: '/settlements/:id', summary: 'One settlement with its totals', tags, access: ['canteen_operator'], params: idParams,
      responses: { 200: { description: 'Settlement', schema: settlementSchema } } },
    async ({ ctx, params }) => ({ body: await settlements.getSettlement(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'get', path: '/settlements/:id/meals.csv', summary: 'CSV: the meals and adjustments behind a settlement', tags,
      access: ['canteen_operator'], params: idParams, responses: { 200: { description: 'CSV', contentType: 'text/csv' } } },
    async ({ ctx, params, req }) => {
      const { csv, fileName } = await settlementMealsCsv(deps, { ...ctx, locale: requestLocale(req) }, params.id);
      return { body: csv, contentType: CSV_TYPE, headers: { 'Content-Disposition': `attachment; filename="${fileName}"` } };
    },
  );
}
