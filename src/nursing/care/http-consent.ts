import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import { consentSignature, recordSignedConsent, signedConsentInput } from './consent-signature-service.js';
import { bookingSchema } from '../schemas-care.js';

const tags = ['nursing: patients'];

/** Consent signed by hand on a tablet, as an alternative to the paper form. */
export function registerNursingConsentRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/consents/signed', operationId: 'createNursingBookingSignedConsent', summary: 'Record a consent with the signer’s handwritten signature (PNG drawn on a tablet)',
      tags, access: ['hospital_coordinator'], params: idParams, body: signedConsentInput, idempotent: 'required',
      responses: { 201: { description: 'Booking', schema: bookingSchema } } },
    async ({ ctx, params, body }) => ({ status: 201, body: await recordSignedConsent(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/bookings/:id/consents/:consentId/signature', summary: 'The handwritten signature of a consent (PNG)',
      tags, access: ['hospital_coordinator'], params: z.strictObject({ id: z.uuid(), consentId: z.uuid() }),
      responses: { 200: { description: 'The image', contentType: 'image/png' } } },
    async ({ ctx, params }) => ({ body: await consentSignature(deps, ctx, params.id, params.consentId), contentType: 'image/png' }),
  );
}
