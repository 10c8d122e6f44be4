import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, page, pastInstantString } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import * as canteens from './canteen-service.js';
import { checkout } from './checkout-service.js';
import { dinerHitSchema, dinerSearchQuery, searchDiners } from './diner-search.js';
import * as meals from './meal-service.js';
import { registerPolicyRoutes } from './policy-routes.js';
import { registerSettlementRoutes } from './settlement-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { canteenSettingsBody, canteenSettingsSchema, getCanteenSettings, updateCanteenSettings } from './settings-service.js';
import {
  adjustmentSchema, adjustmentView, canteenCreateSchema, canteenSchema, canteenUpdateSchema, checkoutSchema, mealListQuery,
  mealParams, mealSchema, operatorBodySchema, operatorParams, summaryQuery, voidSchema,
} from './schemas.js';
import type { Request } from 'express';
import type { RequestContext } from '../http/context.js';
import { requestLocale } from '../http/locale.js';

/** The caller, reading in the request's locale: a meal's `message` and the summary's labels follow Accept-Language for an integrator. */
const reader = (ctx: RequestContext, req: Request): RequestContext => ({ ...ctx, locale: requestLocale(req) });

const tags = ['canteen'];
const counter = ['canteen_operator'] as const;

/** Canteens, operators, checkout and corrections; then policies, settlement and audit (SPEC §2). */
export function registerCanteenRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/canteens', summary: 'Create a canteen with prices and serving hours per slot (the first one also gets the default policy)', tags,
      access: ['admin'], body: canteenCreateSchema, responses: { 201: { description: 'Created', schema: canteenSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await canteens.createCanteen(deps, ctx, body) }),
  );
  api.add(
    { method: 'get', path: '/canteens', summary: 'Canteens (an operator sees the ones they are bound to)', tags, access: [...counter],
      responses: { 200: { description: 'Canteens', schema: z.object({ items: z.array(canteenSchema) }) } } },
    async ({ ctx }) => ({ body: { items: await canteens.listCanteens(deps, ctx) } }),
  );
  api.add(
    { method: 'get', path: '/canteens/:id', summary: 'A canteen', tags, access: [...counter], params: idParams,
      responses: { 200: { description: 'Canteen', schema: canteenSchema } } },
    async ({ ctx, params }) => ({ body: await canteens.getCanteen(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'patch', path: '/canteens/:id', summary: 'Change a canteen: prices and serving hours apply to later meals only', tags, access: ['admin'],
      params: idParams, body: canteenUpdateSchema, responses: { 200: { description: 'Updated', schema: canteenSchema } } },
    async ({ ctx, params, body }) => ({ body: await canteens.updateCanteen(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/canteens/:id/operators', summary: 'Bind a canteen_operator user to the canteen', tags, access: ['admin'],
      params: idParams, body: operatorBodySchema, responses: { 200: { description: 'Canteen with its operators', schema: canteenSchema } } },
    async ({ ctx, params, body }) => ({ body: await canteens.bindOperator(deps, ctx, params.id, body.userId) }),
  );
  api.add(
    { method: 'delete', path: '/canteens/:id/operators/:userId', summary: 'Unbind an operator', tags, access: ['admin'],
      params: operatorParams, responses: { 200: { description: 'Canteen with its operators', schema: canteenSchema } } },
    async ({ ctx, params }) => ({ body: await canteens.unbindOperator(deps, ctx, params.id, params.userId) }),
  );

  api.add(
    { method: 'post', path: '/canteens/:id/meals', operationId: 'checkoutCanteenMeal', summary: 'Checkout: price, subsidy, payable and the rule in words', tags,
      access: [...counter], params: idParams, body: checkoutSchema, idempotent: 'required',
      description: 'Idempotency-Key is required: a retry with the same key answers the first result and records one meal. '
        + 'At most the policy\'s per-slot cap of meals per diner, slot and day are subsidised, enforced by a unique key in the database.',
      responses: { 201: { description: 'Recorded meal', schema: mealSchema } } },
    async ({ ctx, params, body, req }) => ({ status: 201, body: await checkout(deps, reader(ctx, req), params.id, body) }),
  );
  api.add(
    { method: 'get', path: '/canteens/:id/meals', summary: 'Meals of a day (default today)', tags, access: [...counter],
      params: idParams, query: mealListQuery, responses: { 200: { description: 'A page of meals', schema: page(mealSchema) } } },
    async ({ ctx, params, query, req }) => ({ body: await meals.listMeals(deps, reader(ctx, req), params.id, query) }),
  );
  api.add(
    { method: 'get', path: '/canteens/:id/meals/:mealId', summary: 'A meal with its adjustments', tags, access: [...counter],
      params: mealParams, responses: { 200: { description: 'Meal', schema: mealSchema } } },
    async ({ ctx, params, req }) => ({ body: await meals.getMeal(deps, reader(ctx, req), params.id, params.mealId) }),
  );
  api.add(
    { method: 'post', path: '/canteens/:id/meals/:mealId/void', summary: 'Void a meal of today (not after the day or in a settled month)', tags,
      access: [...counter], params: mealParams, body: voidSchema, idempotent: 'required',
      responses: { 200: { description: 'Voided meal', schema: mealSchema } } },
    async ({ ctx, params, body, req }) => ({ body: await meals.voidMeal(deps, reader(ctx, req), params.id, params.mealId, body.reason) }),
  );
  api.add(
    { method: 'post', path: '/canteens/:id/meals/:mealId/adjustments', summary: 'Adjust a recorded meal\'s subsidy (booked in the current month)', tags,
      access: [...counter], params: mealParams, body: adjustmentSchema, idempotent: 'required',
      responses: { 201: { description: 'Adjustment', schema: adjustmentView } } },
    async ({ ctx, params, body }) => ({ status: 201, body: await meals.adjustMeal(deps, ctx, params.id, params.mealId, body) }),
  );
  api.add(
    { method: 'get', path: '/canteens/:id/summary', summary: 'Breakdown of a day or date range: meals, revenue, subsidy by fund, rule, slot, age tier, status', tags,
      access: [...counter], params: idParams, query: summaryQuery,
      responses: { 200: { description: 'Totals', schema: z.record(z.string(), z.unknown()) } } },
    async ({ ctx, params, query, req }) => ({ body: await meals.canteenSummary(deps, reader(ctx, req), params.id, query) }),
  );

  api.add(
    { method: 'get', path: '/canteens/:id/diners', summary: 'Till: find a diner of this canteen by the start of the name (at most 8; name and last 4 ID digits only)', tags,
      access: [...counter], params: idParams, query: dinerSearchQuery,
      responses: { 200: { description: 'Diners who have eaten here before', schema: z.object({ items: z.array(dinerHitSchema) }) } } },
    async ({ ctx, params, query }) => ({ body: { items: await searchDiners(deps, ctx, params.id, query.q) } }),
  );
  api.add(
    { method: 'get', path: '/canteens/:id/shift', summary: 'Shift hand-over: totals of the meals the caller recorded here since `since` (at most 24 h)', tags,
      access: [...counter], params: idParams, query: z.strictObject({ since: pastInstantString }),
      responses: { 200: { description: 'Totals', schema: z.record(z.string(), z.unknown()) } } },
    async ({ ctx, params, query, req }) => ({ body: await meals.shiftTotals(deps, reader(ctx, req), params.id, new Date(query.since)) }),
  );
  api.add(
    { method: 'get', path: '/canteen-settings', summary: 'Counter rules of the tenant (how late a meal may be recorded without an override)', tags,
      access: [...counter], responses: { 200: { description: 'Settings', schema: canteenSettingsSchema } } },
    async ({ ctx }) => ({ body: await getCanteenSettings(deps, ctx) }),
  );
  api.add(
    { method: 'patch', path: '/canteen-settings', summary: 'Change the counter rules', tags, access: ['admin'],
      body: canteenSettingsBody, responses: { 200: { description: 'Settings', schema: canteenSettingsSchema } } },
    async ({ ctx, body }) => ({ body: await updateCanteenSettings(deps, ctx, body) }),
  );

  registerPolicyRoutes(api, deps);
  registerSettlementRoutes(api, deps);
  registerAuditRoutes(api, deps);
}
