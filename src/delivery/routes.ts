import type { ApiRouter } from '../http/api-router.js';
import { idParams } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { myRoutes, routeMapSvg, routeSheetHtml } from './driver-service.js';
import { DRIVER_PAGE } from './driver-page.js';
import { recordOutcome } from './outcome-service.js';
import { registerDeliveryPlanRoutes } from './routes-plans.js';
import { registerDeliverySetupRoutes } from './routes-setup.js';
import { driverRouteSchema, handoverBody, myRoutesQuery, myRoutesSchema, outcomeBody, outcomeSchema } from './schemas-plans.js';
import { handOverRoute } from './route-handover.js';

const tags = ['delivery'];

/** Central-kitchen meal delivery (SPEC §1): manager set-up and planning, driver lists, proof of delivery. */
export function registerDeliveryRoutes(api: ApiRouter, deps: Deps): void {
  registerDeliverySetupRoutes(api, deps);
  registerDeliveryPlanRoutes(api, deps);

  api.add({ method: 'get', path: '/me/routes', summary: 'The caller’s published routes of a date, stops in order', tags, access: ['driver'],
    description: 'Only routes of published plans assigned to the caller. Phones are shown in full only on the day of the route.',
    query: myRoutesQuery, responses: { 200: { description: 'Routes', schema: myRoutesSchema } } },
  async ({ ctx, query }) => ({ body: await myRoutes(deps, ctx, query.date) }));
  api.add({ method: 'get', path: '/delivery/routes/:id/sheet', summary: 'Printable route sheet (HTML, A4, large type, tenant language)', tags,
    access: ['driver', 'kitchen_manager'], params: idParams, responses: { 200: { description: 'HTML', contentType: 'text/html' } } },
  async ({ ctx, params }) => ({ body: await routeSheetHtml(deps, ctx, params.id), contentType: 'text/html; charset=utf-8' }));
  api.add({ method: 'get', path: '/delivery/routes/:id/map.svg', summary: 'One route as a map picture (kitchen and numbered stops)', tags,
    access: ['driver', 'kitchen_manager'], params: idParams, responses: { 200: { description: 'SVG', contentType: 'image/svg+xml' } } },
  async ({ ctx, params }) => ({ body: await routeMapSvg(deps, ctx, params.id), contentType: 'image/svg+xml; charset=utf-8' }));
  api.add({ method: 'post', path: '/delivery/routes/:id/driver', summary: 'Hand a route to another driver (the planned one is off sick)', tags,
    access: ['kitchen_manager'], params: idParams, body: handoverBody, responses: { 200: { description: 'The route', schema: driverRouteSchema } } },
  async ({ ctx, params, body }) => ({ body: await handOverRoute(deps, ctx, params.id, body) }));
  api.add({ method: 'post', path: '/delivery/stops/:id/outcome', summary: 'Proof of delivery: delivered, not home (starts a welfare check) or refused', tags,
    description: 'Send an Idempotency-Key: a retry returns the first answer. Another driver’s stop → 404; a stop of an unpublished or superseded plan, or a cancelled meal → 409.',
    access: ['driver', 'kitchen_manager'], params: idParams, body: outcomeBody, idempotent: true,
    responses: { 200: { description: 'Outcome recorded', schema: outcomeSchema } } },
  async ({ ctx, params, body }) => ({ body: await recordOutcome(deps, ctx, params.id, body) }));
  api.add({ method: 'get', path: '/driver', summary: 'The driver’s phone page (plain HTML; asks for a token once)', tags, access: 'public',
    responses: { 200: { description: 'HTML', contentType: 'text/html' } } },
  async () => ({ body: DRIVER_PAGE, contentType: 'text/html; charset=utf-8' }));
}
