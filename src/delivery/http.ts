import type { ApiRouter } from '../http/api-router.js';
import { idParams } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { myRoutes, routeMapSvg, routeSheetHtml } from './drivers/driver-service.js';
import { recordOutcome } from './drivers/outcome-service.js';
import { correctOutcome, outcomeHistory, undoOutcome } from './drivers/outcome-correction.js';
import { registerDeliveryPlanRoutes } from './plans/http-plans.js';
import { registerDeliverySetupRoutes } from './setup/http-setup.js';
import { registerDeliveryBoardRoutes } from './plans/http-board.js';
import { correctionBody, driverRouteSchema, handoverBody, myRoutesQuery, myRoutesSchema, outcomeBody, outcomeHistorySchema, outcomeSchema } from './schemas-plans.js';
import { z } from 'zod';
import { addProof, listProofs, proofBody, proofImage, proofSchema } from './drivers/proof-service.js';
import { getDeliverySettings, settingsBody, settingsSchema, updateDeliverySettings } from './setup/settings-service.js';
import { handOverRoute } from './drivers/route-handover.js';
import { requestLocale } from '../http/locale.js';

const tags = ['delivery'];

/** Central-kitchen meal delivery (SPEC §1): manager set-up and planning, driver lists, proof of delivery. */
export function registerDeliveryRoutes(api: ApiRouter, deps: Deps): void {
  registerDeliverySetupRoutes(api, deps);
  registerDeliveryPlanRoutes(api, deps);
  registerDeliveryBoardRoutes(api, deps);

  api.add({ method: 'get', path: '/me/routes', summary: 'The caller’s published routes of a date, stops in order', tags, access: ['driver'],
    description: 'Only routes of published plans assigned to the caller. Phones are shown in full only on the day of the route.',
    query: myRoutesQuery, responses: { 200: { description: 'Routes', schema: myRoutesSchema } } },
  async ({ ctx, query }) => ({ body: await myRoutes(deps, ctx, query.date) }));
  api.add({ method: 'get', path: '/delivery/routes/:id/sheet', summary: 'Printable route sheet (HTML, A4, large type, tenant language)', tags,
    access: ['driver', 'kitchen_manager'], params: idParams, responses: { 200: { description: 'HTML', contentType: 'text/html' } } },
  async ({ ctx, params }) => ({ body: await routeSheetHtml(deps, ctx, params.id), contentType: 'text/html; charset=utf-8' }));
  api.add({ method: 'get', path: '/delivery/routes/:id/map.svg', summary: 'One route as a map picture (kitchen and numbered stops)', tags,
    access: ['driver', 'kitchen_manager'], params: idParams, responses: { 200: { description: 'SVG', contentType: 'image/svg+xml' } } },
  async ({ ctx, params, req }) => ({ body: await routeMapSvg(deps, ctx, params.id, requestLocale(req)), contentType: 'image/svg+xml; charset=utf-8' }));
  api.add({ method: 'post', path: '/delivery/routes/:id/driver', operationId: 'handOverDeliveryRoute', summary: 'Hand a route to another driver (the planned one is off sick)', tags,
    access: ['kitchen_manager'], params: idParams, body: handoverBody, responses: { 200: { description: 'The route', schema: driverRouteSchema } } },
  async ({ ctx, params, body }) => ({ body: await handOverRoute(deps, ctx, params.id, body) }));
  api.add({ method: 'post', path: '/delivery/stops/:id/outcome', operationId: 'recordDeliveryStopOutcome', summary: 'Proof of delivery: delivered, not home (starts a welfare check) or refused', tags,
    description: 'Send an Idempotency-Key: a retry returns the first answer. Another driver’s stop → 404; a stop of an unpublished or superseded plan, or a cancelled meal → 409.',
    access: ['driver', 'kitchen_manager'], params: idParams, body: outcomeBody, idempotent: true,
    responses: { 200: { description: 'Outcome recorded', schema: outcomeSchema } } },
  async ({ ctx, params, body }) => ({ body: await recordOutcome(deps, ctx, params.id, body) }));
  api.add({ method: 'post', path: '/delivery/stops/:id/outcome/undo', summary: 'The driver takes back their own last tap within the grace period (2 min)', tags,
    description: 'The stop returns to what it was before that tap, and what the tap triggered is re-run (an undone not-home cancels its welfare check). After the grace period, or for someone else’s outcome → 409: a kitchen manager corrects it.',
    access: ['driver'], params: idParams, body: z.strictObject({}), idempotent: true,
    responses: { 200: { description: 'Outcome undone', schema: outcomeSchema } } },
  async ({ ctx, params }) => ({ body: await undoOutcome(deps, ctx, params.id) }));
  api.add({ method: 'post', path: '/delivery/stops/:id/correction', operationId: 'correctDeliveryStopOutcome', summary: 'A kitchen manager corrects a recorded outcome, with a reason (audited)', tags,
    description: 'Any outcome may become any other (or pending). A correction away from not_home cancels the welfare check and closes an open alert; one to not_home schedules a check.',
    access: ['kitchen_manager'], params: idParams, body: correctionBody, idempotent: true,
    responses: { 200: { description: 'Outcome corrected', schema: outcomeSchema } } },
  async ({ ctx, params, body }) => ({ body: await correctOutcome(deps, ctx, params.id, body) }));
  api.add({ method: 'get', path: '/delivery/stops/:id/outcome-history', summary: 'Taps, undos and corrections of a stop (before/after, who), oldest first', tags,
    access: ['kitchen_manager'], params: idParams, responses: { 200: { description: 'History', schema: outcomeHistorySchema } } },
  async ({ ctx, params }) => ({ body: { items: await outcomeHistory(deps, ctx, params.id) } }));
  api.add({ method: 'get', path: '/delivery/settings', summary: 'Driver-app settings of the tenant (which map app navigation opens)', tags,
    access: ['kitchen_manager', 'driver'], responses: { 200: { description: 'Settings', schema: settingsSchema } } },
  async ({ ctx }) => ({ body: await getDeliverySettings(deps, ctx) }));
  api.add({ method: 'patch', path: '/delivery/settings', summary: 'Change the driver-app settings', tags,
    access: ['kitchen_manager'], body: settingsBody, responses: { 200: { description: 'Settings', schema: settingsSchema } } },
  async ({ ctx, body }) => ({ body: await updateDeliverySettings(deps, ctx, body) }));
  api.add({ method: 'post', path: '/delivery/stops/:id/proofs', summary: 'Proof of delivery: a photo (JPEG) or the recipient’s signature (PNG) for a delivered stop', tags,
    description: 'Stored through the file store (local disk, or S3 when S3_BUCKET is set). Another driver’s stop → 404; a stop not delivered → 409.',
    access: ['driver', 'kitchen_manager'], params: idParams, body: proofBody, idempotent: true,
    responses: { 201: { description: 'Stored', schema: proofSchema } } },
  async ({ ctx, params, body }) => ({ status: 201, body: await addProof(deps, ctx, params.id, body) }));
  api.add({ method: 'get', path: '/delivery/stops/:id/proofs', summary: 'The proofs of a stop', tags,
    access: ['driver', 'kitchen_manager'], params: idParams, responses: { 200: { description: 'Proofs', schema: z.object({ items: z.array(proofSchema) }) } } },
  async ({ ctx, params }) => ({ body: { items: await listProofs(deps, ctx, params.id) } }));
  api.add({ method: 'get', path: '/delivery/stops/:id/proofs/:proofId', summary: 'A proof image (with the session or a token; never another tenant’s)', tags,
    access: ['driver', 'kitchen_manager'], params: z.strictObject({ id: z.uuid(), proofId: z.uuid() }),
    responses: { 200: { description: 'The image', contentType: 'image/jpeg' } } },
  async ({ ctx, params }) => {
    const image = await proofImage(deps, ctx, params.id, params.proofId);
    return { body: image.bytes, contentType: image.contentType };
  });
}
