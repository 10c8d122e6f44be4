import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { requestLocale } from '../http/locale.js';
import { idParams } from '../http/common-schemas.js';
import { CSV_TYPE } from '../http/csv.js';
import type { Deps } from '../deps.js';
import { publicBase } from '../tenancy/read.js';
import { codeWithQr } from './code-service.js';
import { phoneInRating } from './rating-service.js';
import { monthReport, reportCsv } from './report-service.js';
import {
  UNIT_ROLES, codeQuery, codeSchema, monthQuery, phoneInSchema, ratingSchema, reopenSchema, resolveSchema, ticketCreateSchema, ticketQuery, ticketSchema,
} from './schemas.js';
import { listTickets, openTicketAsStaff, stepTicket, unitFilter, viewTickets } from './ticket-service.js';
import { tenantDb } from '../db/prisma.js';

const tags = ['voice'];
const units = UNIT_ROLES;

export function registerVoiceRoutes(api: ApiRouter, deps: Deps): void {
  api.add({ method: 'get', path: '/voice/codes', operationId: 'getVoiceRatingCode', summary: 'A signed rating code (link + QR) for one delivered meal, canteen visit or stay', tags,
    access: units, query: codeQuery, responses: { 200: { description: 'Code', schema: codeSchema.extend({ qrSvg: z.string() }) } } },
  async ({ ctx, query, req }) => ({ body: await codeWithQr(deps, ctx, publicBase(deps, req), query.subjectKind, query.subjectId) }));

  api.add({ method: 'get', path: '/voice/codes/qr.svg', operationId: 'getVoiceRatingQrSvg', summary: 'The rating QR code of one meal, visit or stay as an SVG image (for printed receipts)', tags,
    access: units, query: codeQuery, responses: { 200: { description: 'SVG', contentType: 'image/svg+xml' } } },
  async ({ ctx, query, req }) => ({ body: (await codeWithQr(deps, ctx, publicBase(deps, req), query.subjectKind, query.subjectId)).qrSvg, contentType: 'image/svg+xml' }));

  api.add({ method: 'post', path: '/voice/ratings', summary: 'Enter a rating taken by phone (rating again edits it)', tags,
    access: units, body: phoneInSchema, responses: { 200: { description: 'Saved', schema: ratingSchema } } },
  async ({ ctx, body }) => ({ body: await phoneInRating(deps, ctx, body) }));

  api.add({ method: 'get', path: '/voice/tickets', summary: 'Tickets of the units you handle, earliest deadline first', tags,
    access: units, query: ticketQuery, responses: { 200: { description: 'Tickets', schema: z.object({ items: z.array(ticketSchema) }) } } },
  async ({ ctx, query }) => ({ body: { items: await listTickets(deps, ctx, query) } }));

  api.add({ method: 'post', path: '/voice/tickets', summary: 'Open a ticket for a complaint or request taken by staff', tags,
    access: units, body: ticketCreateSchema, responses: { 201: { description: 'Opened', schema: ticketSchema } } },
  async ({ ctx, body }) => {
    const ticket = await openTicketAsStaff(deps, ctx, { ...body, source: 'staff' });
    return { status: 201, body: (await viewTickets(tenantDb(deps.prisma, ctx.tenantId), [ticket]))[0] };
  });

  const step = (action: 'accept' | 'resolve' | 'confirm' | 'reopen', body?: typeof resolveSchema | typeof reopenSchema) =>
    api.add({ method: 'post', path: `/voice/tickets/:id/${action}`, summary: `${action[0].toUpperCase()}${action.slice(1)} a ticket`, tags,
      access: units, params: idParams, body, responses: { 200: { description: 'Done', schema: ticketSchema } } },
    async ({ ctx, params, body: input }) => {
      const db = tenantDb(deps.prisma, ctx.tenantId);
      const ticket = await stepTicket(deps, ctx, ctx.locale, params.id, action, (input ?? {}) as { resolution?: string }, await unitFilter(db, ctx));
      return { body: (await viewTickets(db, [ticket]))[0] };
    });
  step('accept');
  step('resolve', resolveSchema);
  step('confirm');
  step('reopen', reopenSchema);

  api.add({ method: 'get', path: '/voice/report', summary: 'Satisfaction and response figures of a month per kitchen, driver, canteen, ward and aide', tags,
    access: ['kitchen_manager', 'hospital_coordinator'], query: monthQuery,
    responses: { 200: { description: 'Figures', schema: z.object({ month: z.string(), rows: z.array(z.record(z.string(), z.unknown())) }) } } },
  async ({ ctx, query }) => ({ body: await monthReport(deps, ctx, query.month) }));

  api.add({ method: 'get', path: '/voice/report.csv', summary: 'The month’s figures as CSV (headings in the reader’s language)', tags,
    access: ['kitchen_manager', 'hospital_coordinator'], query: monthQuery, responses: { 200: { description: 'CSV', contentType: 'text/csv' } } },
  async ({ ctx, query, req }) => ({ body: reportCsv(requestLocale(req), await monthReport(deps, ctx, query.month)), contentType: CSV_TYPE }));
}
