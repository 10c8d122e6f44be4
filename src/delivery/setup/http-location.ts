import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams, page, pageQuery } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { listUnlocated, placeRecipient } from './recipient-location.js';

const tags = ['delivery'];
const geocodeStatus = z.enum(['ok', 'low_confidence', 'not_found', 'failed', 'manual']).nullable();

const unlocatedSchema = z.object({
  recipientId: z.uuid(), personId: z.uuid(), name: z.string(), address: z.string().nullable(), kitchenId: z.uuid(),
  lat: z.number().nullable(), lng: z.number().nullable(), geocodeStatus, geocodeConfidence: z.number().nullable(), geocodeLevel: z.string().nullable(),
  reason: z.enum(['low_confidence', 'not_found', 'failed', 'not_geocoded', 'no_address']),
});

const placeSchema = z.strictObject({
  lat: z.number().min(-90).max(90).meta({ example: 27.6412 }),
  lng: z.number().min(-180).max(180).meta({ example: 114.0586 }),
});

/** Registered before /delivery/recipients/:id so that 'unlocated' is not taken for an id. */
export function registerRecipientLocationRoutes(api: ApiRouter, deps: Deps, access: Role[]): void {
  api.add({ method: 'get', path: '/delivery/recipients/unlocated', operationId: 'listUnlocatedDeliveryRecipients', summary: 'Recipients to place by hand (no, failed or low-confidence geocode)', tags, access,
    description: 'Recipients whose coordinates the routes cannot trust: no address or coordinates, the geocoder found nothing or did not answer, its match was below GEOCODER_MIN_CONFIDENCE (a village or road centre), or the address changed and is not geocoded yet.',
    query: z.strictObject(pageQuery), responses: { 200: { description: 'A page of unlocated recipients', schema: page(unlocatedSchema) } } },
  async ({ ctx, query }) => ({ body: await listUnlocated(deps, ctx, query) }));

  api.add({ method: 'patch', path: '/delivery/recipients/:id/location', summary: 'Place a recipient\'s door by hand (WGS-84)', tags, access,
    description: 'Sets the person\'s coordinates and marks them as placed by hand: no geocoder result replaces them until the address changes.',
    params: idParams, body: placeSchema,
    responses: { 200: { description: 'Placed', schema: z.object({ recipientId: z.uuid(), personId: z.uuid(), address: z.string().nullable(), lat: z.number(), lng: z.number(), geocodeStatus }) } } },
  async ({ ctx, params, body }) => ({ body: await placeRecipient(deps, ctx, params.id, body) }));
}
