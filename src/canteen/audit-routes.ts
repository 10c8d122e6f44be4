import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, localDate, page, pageQuery } from '../http/common-schemas.js';
import { UnprocessableError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import type { Deps } from '../deps.js';
import { addDays, today } from '../time/index.js';
import { runAuditScan } from './audit-service.js';
import { CSV_TYPE } from './csv.js';
import * as findings from './findings-service.js';
import { say } from '../i18n/index.js';
import { CM } from './messages.js';

const tags = ['canteen-audit'];

export const findingFilter = {
  kind: z.string().trim().min(1).max(64).optional().describe('double_subsidy, subsidy_while_inpatient, subsidy_with_home_delivery, subsidy_after_death, status_outside_validity, over_monthly_cap, volume_spike, missed_benefit, back_dated, slot_hopping'),
  status: z.enum(['open', 'acknowledged']).optional(),
  severity: z.enum(['low', 'medium', 'high']).optional(),
  canteenId: z.uuid().optional(),
  personId: z.uuid().optional(),
  from: localDate.optional(),
  to: localDate.optional(),
};

const findingSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  severity: z.enum(['low', 'medium', 'high']),
  status: z.enum(['open', 'acknowledged']),
  person: z.object({ id: z.uuid(), name: z.string().nullable(), idNumber: z.string().nullable() }).nullable(),
  canteenId: z.uuid().nullable(),
  canteenName: z.string().nullable(),
  localDate: z.string().nullable(),
  mealIds: z.array(z.uuid()),
  evidence: z.record(z.string(), z.unknown()),
  key: z.string(),
  ackBy: z.uuid().nullable(),
  ackAt: z.iso.datetime().nullable(),
  ackNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
}).meta({ id: 'AuditFinding' });

const scanSummarySchema = z.object({
  from: z.string(), to: z.string(), meals: z.number().int(), findings: z.number().int(), newFindings: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  sources: z.array(z.object({ name: z.string(), status: z.enum(['ok', 'unavailable']), rows: z.number().int() })),
});

/** Audit findings (auditor role; admins too). The nightly job does the same scan as POST /audit/scans. */
export function registerAuditRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/audit/scans', summary: 'Scan the month up to a date now (default yesterday) and upsert findings', tags,
      access: ['auditor'], body: z.strictObject({ date: localDate.optional() }),
      responses: { 200: { description: 'What the scan looked at and found', schema: scanSummarySchema } } },
    async ({ ctx, body }) => {
      const localToday = today(ctx.timeZone);
      const date = body.date ?? addDays(localToday, -1);
      if (date > localToday) throw new UnprocessableError(say(CM.scanFuture), { errors: [{ path: 'body.date', message: say(CM.afterToday, { today: localToday }) }] });
      return { body: await runAuditScan(deps, ctx, date) };
    },
  );
  api.add(
    { method: 'get', path: '/audit/findings', summary: 'Findings, filtered (cursor pagination)', tags, access: ['auditor'],
      query: z.strictObject({ ...findingFilter, ...pageQuery }), responses: { 200: { description: 'A page of findings', schema: page(findingSchema) } } },
    async ({ ctx, query }) => ({ body: await findings.listFindings(deps, ctx, query) }),
  );
  api.add(
    { method: 'get', path: '/audit/findings.csv', summary: 'CSV of the findings matching the filter', tags, access: ['auditor'],
      query: z.strictObject(findingFilter), responses: { 200: { description: 'CSV', contentType: 'text/csv' } } },
    async ({ ctx, query, req }) => ({
      body: await findings.findingsCsv(deps, { ...ctx, locale: requestLocale(req) }, query),
      contentType: CSV_TYPE,
      headers: { 'Content-Disposition': 'attachment; filename="audit-findings.csv"' },
    }),
  );
  api.add(
    { method: 'get', path: '/audit/findings/:id', summary: 'One finding with its evidence', tags, access: ['auditor'], params: idParams,
      responses: { 200: { description: 'Finding', schema: findingSchema } } },
    async ({ ctx, params }) => ({ body: await findings.getFinding(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'post', path: '/audit/findings/:id/acknowledge', summary: 'Acknowledge a finding with a note (a re-scan keeps it acknowledged)', tags,
      access: ['auditor'], params: idParams, body: z.strictObject({ note: z.string().trim().max(1000).optional() }),
      responses: { 200: { description: 'Finding', schema: findingSchema } } },
    async ({ ctx, params, body }) => ({ body: await findings.acknowledgeFinding(deps, ctx, params.id, body.note) }),
  );
}
