import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams, page } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import {
  cancelOrderSchema, generateResultSchema, generateSchema, holdCreateSchema, holdSchema, holdUpdateSchema, kitchenCreateSchema,
  kitchenSchema, kitchenUpdateSchema, orderListQuery, orderSchema, pinSchema, planCreateSchema, planSchema, planUpdateSchema,
  recipientCreateSchema, recipientListQuery, recipientSchema, recipientUpdateSchema, slotCode, slotSchema, slotUpsertSchema,
  vehicleCreateSchema, vehicleSchema, vehicleUpdateSchema,
} from '../schemas.js';
import * as setup from './setup-service.js';
import * as recipients from './recipient-service.js';
import * as orders from '../orders/order-service.js';
import { orderDateFor } from '../orders/order-service.js';
import { strip } from '../views.js';
import { registerRecipientLocationRoutes } from './http-location.js';

const tags = ['delivery'];
export const MANAGERS = ['kitchen_manager'] as const;
const items = <T extends z.ZodType>(s: T) => z.object({ items: z.array(s) });

/** Kitchens, meal slots, vehicles, recipients, meal plans, holds and orders (kitchen managers). */
export function registerDeliverySetupRoutes(api: ApiRouter, deps: Deps): void {
  const m = [...MANAGERS];

  api.add({ method: 'post', path: '/delivery/kitchens', summary: 'Create a kitchen', tags, access: m, body: kitchenCreateSchema,
    responses: { 201: { description: 'Created', schema: kitchenSchema } } },
  async ({ ctx, body }) => ({ status: 201, body: strip(await setup.createKitchen(deps, ctx, body)) }));
  api.add({ method: 'get', path: '/delivery/kitchens', summary: 'List kitchens', tags, access: m,
    responses: { 200: { description: 'Kitchens', schema: items(kitchenSchema) } } },
  async ({ ctx }) => ({ body: { items: (await setup.listKitchens(deps, ctx)).map(strip) } }));
  api.add({ method: 'get', path: '/delivery/kitchens/:id', summary: 'Get a kitchen', tags, access: m, params: idParams,
    responses: { 200: { description: 'Kitchen', schema: kitchenSchema } } },
  async ({ ctx, params }) => ({ body: strip(await setup.getKitchen(deps, ctx, params.id)) }));
  api.add({ method: 'patch', path: '/delivery/kitchens/:id', summary: 'Update a kitchen', tags, access: m, params: idParams, body: kitchenUpdateSchema,
    responses: { 200: { description: 'Updated', schema: kitchenSchema } } },
  async ({ ctx, params, body }) => ({ body: strip(await setup.updateKitchen(deps, ctx, params.id, body)) }));

  api.add({ method: 'get', path: '/delivery/slots', summary: 'Meal slots (lunch and dinner are created on first use)', tags, access: m,
    responses: { 200: { description: 'Slots', schema: items(slotSchema) } } },
  async ({ ctx }) => ({ body: { items: (await setup.listSlots(deps, ctx)).map(strip) } }));
  api.add({ method: 'put', path: '/delivery/slots/:code', summary: 'Create or change a meal slot (kind, ready time, window, max ride, service time)', tags,
    access: m, params: z.strictObject({ code: slotCode }), body: slotUpsertSchema, responses: { 200: { description: 'Slot', schema: slotSchema } } },
  async ({ ctx, params, body }) => ({ body: strip(await setup.upsertSlot(deps, ctx, params.code, body)) }));

  api.add({ method: 'post', path: '/delivery/vehicles', summary: 'Add a vehicle with its driver, capacity (meal boxes) and shift', tags, access: m,
    body: vehicleCreateSchema, responses: { 201: { description: 'Created', schema: vehicleSchema } } },
  async ({ ctx, body }) => ({ status: 201, body: await setup.createVehicle(deps, ctx, body) }));
  api.add({ method: 'get', path: '/delivery/vehicles', summary: 'List vehicles', tags, access: m,
    query: z.strictObject({ kitchen: z.uuid().optional() }), responses: { 200: { description: 'Vehicles', schema: items(vehicleSchema) } } },
  async ({ ctx, query }) => ({ body: { items: await setup.listVehicles(deps, ctx, query.kitchen) } }));
  api.add({ method: 'patch', path: '/delivery/vehicles/:id', summary: 'Change a vehicle (driver, capacity, shift, active)', tags, access: m,
    params: idParams, body: vehicleUpdateSchema, responses: { 200: { description: 'Updated', schema: vehicleSchema } } },
  async ({ ctx, params, body }) => ({ body: await setup.updateVehicle(deps, ctx, params.id, body) }));

  api.add({ method: 'post', path: '/delivery/recipients', summary: 'Make a registered person a delivery recipient', tags, access: m,
    body: recipientCreateSchema, responses: { 201: { description: 'Created', schema: recipientSchema } } },
  async ({ ctx, body }) => ({ status: 201, body: await recipients.createRecipient(deps, ctx, body) }));
  api.add({ method: 'get', path: '/delivery/recipients', summary: 'List recipients (phones masked)', tags, access: m, query: recipientListQuery,
    responses: { 200: { description: 'A page of recipients', schema: page(recipientSchema) } } },
  async ({ ctx, query }) => ({ body: await recipients.listRecipients(deps, ctx, query) }));
  registerRecipientLocationRoutes(api, deps, m);
  api.add({ method: 'get', path: '/delivery/recipients/:id', summary: 'A recipient with meal plans and holds', tags, access: m, params: idParams,
    responses: { 200: { description: 'Recipient', schema: recipientSchema } } },
  async ({ ctx, params }) => ({ body: await recipients.getRecipient(deps, ctx, params.id) }));
  api.add({ method: 'patch', path: '/delivery/recipients/:id', summary: 'Update a delivery profile', tags, access: m, params: idParams,
    body: recipientUpdateSchema, responses: { 200: { description: 'Updated', schema: recipientSchema } } },
  async ({ ctx, params, body }) => ({ body: await recipients.updateRecipient(deps, ctx, params.id, body) }));

  api.add({ method: 'post', path: '/delivery/recipients/:id/plans', summary: 'Add a meal plan (slots × weekdays × dates × quantity)', tags, access: m,
    params: idParams, body: planCreateSchema, responses: { 201: { description: 'Created', schema: planSchema } } },
  async ({ ctx, params, body }) => ({ status: 201, body: await recipients.addPlan(deps, ctx, params.id, body) }));
  api.add({ method: 'patch', path: '/delivery/plans/:id', summary: 'Change a meal plan (e.g. set an end date)', tags, access: m, params: idParams,
    body: planUpdateSchema, responses: { 200: { description: 'Updated', schema: planSchema } } },
  async ({ ctx, params, body }) => ({ body: await recipients.updatePlan(deps, ctx, params.id, body) }));
  api.add({ method: 'delete', path: '/delivery/plans/:id', summary: 'Delete a meal plan entered by mistake', tags, access: m, params: idParams,
    responses: { 204: { description: 'Deleted' } } },
  async ({ ctx, params }) => {
    await recipients.deletePlan(deps, ctx, params.id);
    return { status: 204 };
  });

  const holdDesc = 'Orders already generated for the covered dates (from today on) are cancelled, with their route stops; shortening or deleting a hold restores them.';
  api.add({ method: 'post', path: '/delivery/recipients/:id/holds', summary: 'Pause deliveries for a date range (hospitalised, away…)', description: holdDesc,
    tags, access: m, params: idParams, body: holdCreateSchema, responses: { 201: { description: 'Created', schema: holdSchema } } },
  async ({ ctx, params, body }) => ({ status: 201, body: await recipients.addHold(deps, ctx, params.id, body) }));
  api.add({ method: 'patch', path: '/delivery/holds/:id', summary: 'Change a hold (e.g. back from hospital early)', description: holdDesc, tags, access: m,
    params: idParams, body: holdUpdateSchema, responses: { 200: { description: 'Updated', schema: holdSchema } } },
  async ({ ctx, params, body }) => ({ body: await recipients.updateHold(deps, ctx, params.id, body) }));
  api.add({ method: 'delete', path: '/delivery/holds/:id', summary: 'Delete a hold', description: holdDesc, tags, access: m, params: idParams,
    responses: { 200: { description: 'Deleted hold and its effect', schema: holdSchema } } },
  async ({ ctx, params }) => ({ body: await recipients.deleteHold(deps, ctx, params.id) }));

  api.add({ method: 'post', path: '/delivery/orders/generate', summary: 'Generate the orders of a date now (plans minus holds; idempotent)', tags, access: m,
    description: 'The daily scheduler does this at the tenant’s cut-off for tomorrow. Running it again only applies changes (new plans, holds).',
    body: generateSchema, responses: { 200: { description: 'What changed', schema: generateResultSchema } } },
  async ({ ctx, body }) => ({ body: await orders.generateOrders(deps, ctx, body.date ?? orderDateFor(new Date(), ctx.timeZone)) }));
  api.add({ method: 'get', path: '/delivery/orders', summary: 'Orders of a date', tags, access: m, query: orderListQuery,
    responses: { 200: { description: 'Orders', schema: items(orderSchema) } } },
  async ({ ctx, query }) => ({ body: { items: await orders.listOrders(deps, ctx, query) } }));
  api.add({ method: 'post', path: '/delivery/orders/:id/pin', summary: 'Pin an order to a vehicle (null unpins); re-planning keeps it there', tags, access: m,
    params: idParams, body: pinSchema, responses: { 200: { description: 'Order', schema: orderSchema } } },
  async ({ ctx, params, body }) => ({ body: await orders.pinOrder(deps, ctx, params.id, body.vehicleId) }));
  api.add({ method: 'post', path: '/delivery/orders/:id/cancel', summary: 'Cancel one order (its route stop is cancelled too)', tags, access: m,
    params: idParams, body: cancelOrderSchema, responses: { 200: { description: 'Order', schema: orderSchema } } },
  async ({ ctx, params, body }) => ({ body: await orders.cancelOrder(deps, ctx, params.id, body.reason) }));
}
