import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams, page } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import {
  alertListQuery, alertSchema, dashboardQuery, dashboardSchema, moveBody, planCreateBody, planListQuery, planListSchema, planSchema,
  productionQuery, productionSchema, replanBody, resolveBody,
} from '../schemas-plans.js';
import { MANAGERS } from '../setup/http-setup.js';
import * as plans from './plan-service.js';
import { moveOrder } from './plan-move.js';
import { productionSheet, ratingQrs, renderProductionSheet } from '../orders/production-service.js';
import { publicBase } from '../../tenancy/read.js';
import { dashboard, planMapSvg } from './dashboard-service.js';
import * as welfare from '../welfare/welfare-service.js';
import { registerWelfareLadderRoutes } from '../welfare/http-welfare.js';
import { requestLocale } from '../../http/locale.js';

const tags = ['delivery'];

/** Production sheet, route plans (create, status, pin/move, re-plan, publish, map), dashboard, welfare alerts. */
export function registerDeliveryPlanRoutes(api: ApiRouter, deps: Deps): void {
  const m = [...MANAGERS];

  api.add({ method: 'get', path: '/delivery/production', summary: 'Production sheet: counts by diet/texture/allergy and packing labels in route order', tags,
    access: m, query: productionQuery, responses: { 200: { description: 'Production sheet', schema: productionSchema } } },
  async ({ ctx, query }) => ({ body: await productionSheet(deps, ctx, query) }));
  api.add({ method: 'get', path: '/delivery/production.html', summary: 'Production sheet as a printable page (A4)', tags, access: m, query: productionQuery.extend({ codes: z.enum(['qr', 'none']).optional().describe('none: labels without the rating QR code.') }),
    responses: { 200: { description: 'HTML', contentType: 'text/html' } } },
  async ({ ctx, query, req }) => {
    const sheet = await productionSheet(deps, ctx, query);
    const qr = query.codes === 'none' ? new Map<string, string>() : await ratingQrs(deps, ctx, publicBase(deps, req), sheet);
    return { body: renderProductionSheet(sheet, ctx.locale, qr), contentType: 'text/html; charset=utf-8' };
  });

  api.add({ method: 'post', path: '/delivery/route-plans', summary: 'Plan routes for a kitchen, date and slot (runs as a background job)', tags, access: m,
    description: 'Answers 202 with the queued plan; poll GET /delivery/route-plans/{id} for status, progress, routes and unassigned orders.',
    body: planCreateBody, idempotent: true, responses: { 202: { description: 'Queued', schema: planSchema } } },
  async ({ ctx, body }) => ({ status: 202, body: await plans.createPlan(deps, ctx, body) }));
  api.add({ method: 'get', path: '/delivery/route-plans', summary: 'Route plans (newest first)', tags, access: m, query: planListQuery,
    responses: { 200: { description: 'Plans', schema: planListSchema } } },
  async ({ ctx, query }) => ({ body: await plans.listPlans(deps, ctx, query) }));
  api.add({ method: 'get', path: '/delivery/route-plans/:id', summary: 'A plan: status, progress, routes with ordered stops, unassigned orders with reasons', tags,
    access: m, params: idParams, responses: { 200: { description: 'Plan', schema: planSchema } } },
  async ({ ctx, params }) => ({ body: await plans.getPlan(deps, ctx, params.id) }));
  api.add({ method: 'get', path: '/delivery/route-plans/:id/map.svg', summary: 'The plan as a map picture (kitchen, numbered stops, one colour per route)', tags,
    access: m, params: idParams, responses: { 200: { description: 'SVG', contentType: 'image/svg+xml' } } },
  async ({ ctx, params, req }) => ({ body: await planMapSvg(deps, ctx, params.id, requestLocale(req)), contentType: 'image/svg+xml; charset=utf-8' }));
  api.add({ method: 'post', path: '/delivery/route-plans/:id/moves', operationId: 'moveDeliveryRoutePlanOrder', summary: 'Move an order (stop or unassigned) to a vehicle and position; pins it there', tags,
    access: m, params: idParams, body: moveBody, responses: { 200: { description: 'Plan', schema: planSchema } } },
  async ({ ctx, params, body }) => ({ body: await moveOrder(deps, ctx, params.id, body) }));
  api.add({ method: 'post', path: '/delivery/route-plans/:id/replan', summary: 'Solve the draft again around its pins (background job)', tags, access: m,
    params: idParams, body: replanBody, idempotent: true, responses: { 202: { description: 'Queued', schema: planSchema } } },
  async ({ ctx, params, body }) => ({ status: 202, body: await plans.replan(deps, ctx, params.id, body) }));
  api.add({ method: 'post', path: '/delivery/route-plans/:id/publish', summary: 'Publish: drivers see their routes; the previous published plan is superseded', tags,
    access: m, params: idParams, idempotent: true, responses: { 200: { description: 'Plan', schema: planSchema } } },
  async ({ ctx, params }) => ({ body: await plans.publishPlan(deps, ctx, params.id) }));

  api.add({ method: 'get', path: '/delivery/dashboard', summary: 'Figures per slot: orders, delivered, late, not home, refused, on-time rate, km', tags,
    access: m, query: dashboardQuery, responses: { 200: { description: 'Dashboard', schema: dashboardSchema } } },
  async ({ ctx, query }) => ({ body: await dashboard(deps, ctx, query) }));

  api.add({ method: 'get', path: '/delivery/alerts', summary: 'Welfare alerts (default: not yet resolved)', tags, access: m, query: alertListQuery,
    responses: { 200: { description: 'Alerts, oldest first', schema: page(alertSchema) } } },
  async ({ ctx, query }) => ({ body: await welfare.listAlerts(deps, ctx, query) }));
  api.add({ method: 'get', path: '/delivery/alerts/:id', summary: 'One welfare alert', tags, access: m, params: idParams,
    responses: { 200: { description: 'Alert', schema: alertSchema } } },
  async ({ ctx, params }) => ({ body: await welfare.getAlert(deps, ctx, params.id) }));
  api.add({ method: 'post', path: '/delivery/alerts/:id/acknowledge', summary: 'Someone is on it', tags, access: m, params: idParams,
    responses: { 200: { description: 'Alert', schema: alertSchema } } },
  async ({ ctx, params }) => ({ body: await welfare.acknowledgeAlert(deps, ctx, params.id) }));
  api.add({ method: 'post', path: '/delivery/alerts/:id/resolve', summary: 'Close an alert with what was found', tags, access: m, params: idParams,
    body: resolveBody, responses: { 200: { description: 'Alert', schema: alertSchema } } },
  async ({ ctx, params, body }) => ({ body: await welfare.resolveAlert(deps, ctx, params.id, body.note) }));
  registerWelfareLadderRoutes(api, deps);
}
