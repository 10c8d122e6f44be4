import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams, page } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import {
  admissionCreate, admissionListQuery, admissionSchema, bookingCreate, bookingEnd, bookingListQuery, bookingSchema, careNotesInput, consentInput,
  consentRevoke, dischargeInput, dischargeResult, invoiceListQuery, invoiceSchema, levelChange, noteCreate, noteListQuery, noteSchema,
  transferInput, transferResult,
} from '../schemas-care.js';
import * as admissions from './admission-service.js';
import * as bookings from './booking-service.js';
import * as invoices from '../billing/invoice-service.js';
import * as notes from '../aides/aide-view-service.js';
import { transfer } from './transfer-service.js';
import { setCareNotes } from './care-notes-service.js';

const tags = ['nursing: patients'];
const coordinator = ['hospital_coordinator'] as const;

/** Admissions, care bookings, consent, care-level changes, discharge, invoices, handover notes. */
export function registerNursingCareRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/nursing/admissions', summary: 'Admit a person to a ward (and bed)', tags, access: [...coordinator],
      body: admissionCreate, responses: { 201: { description: 'Admission', schema: admissionSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await admissions.admit(deps, ctx, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/admissions', summary: 'List admissions (open by default)', tags, access: [...coordinator],
      query: admissionListQuery, responses: { 200: { description: 'Admissions', schema: page(admissionSchema) } } },
    async ({ ctx, query }) => ({ body: await admissions.listAdmissions(deps, ctx, query) }),
  );
  api.add(
    { method: 'get', path: '/nursing/admissions/:id', summary: 'An admission with its bookings', tags, access: [...coordinator],
      params: idParams, responses: { 200: { description: 'Admission', schema: admissionSchema } } },
    async ({ ctx, params }) => ({ body: await admissions.getAdmission(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'post', path: '/nursing/admissions/:id/transfer', summary: 'Move the patient to another bed or ward from now on (a ward change frees their coming shifts)',
      tags, access: [...coordinator], params: idParams, body: transferInput,
      responses: { 200: { description: 'Admission, and how many coming shifts lost their aide', schema: transferResult } } },
    async ({ ctx, params, body }) => ({ body: await transfer(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/admissions/:id/discharge', summary: 'Discharge: ends the bookings, removes later shifts, issues invoices',
      tags, access: [...coordinator], params: idParams, body: dischargeInput, idempotent: true,
      responses: { 200: { description: 'Admission and invoices', schema: dischargeResult } } },
    async ({ ctx, params, body }) => ({ body: await admissions.discharge(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings', summary: 'Book accompany-free care (level suggested from the Barthel score)', tags,
      access: [...coordinator], body: bookingCreate, responses: { 201: { description: 'Booking', schema: bookingSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await bookings.createBooking(deps, ctx, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/bookings', summary: 'List care bookings', tags, access: [...coordinator], query: bookingListQuery,
      responses: { 200: { description: 'Bookings', schema: page(bookingSchema) } } },
    async ({ ctx, query }) => ({ body: await bookings.listBookings(deps, ctx, query) }),
  );
  api.add(
    { method: 'get', path: '/nursing/bookings/:id', summary: 'A care booking with levels and consents', tags, access: [...coordinator],
      params: idParams, responses: { 200: { description: 'Booking', schema: bookingSchema } } },
    async ({ ctx, params }) => ({ body: await bookings.getBooking(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'put', path: '/nursing/bookings/:id/care-notes', summary: 'Set what the family asks the aides to mind (shown to the assigned aides); null or blank clears it',
      tags, access: [...coordinator], params: idParams, body: careNotesInput, responses: { 200: { description: 'Booking', schema: bookingSchema } } },
    async ({ ctx, params, body }) => ({ body: await setCareNotes(deps, ctx, params.id, body.careNotes) }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/consents', summary: 'Record the family’s consent (who, relation, how, when)', tags,
      access: [...coordinator], params: idParams, body: consentInput, idempotent: 'required', responses: { 201: { description: 'Booking', schema: bookingSchema } } },
    async ({ ctx, params, body }) => ({ status: 201, body: await bookings.recordConsent(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/consents/:consentId/revoke', summary: 'Revoke a consent: shifts from the next one on are removed',
      tags, access: [...coordinator], params: z.strictObject({ id: z.uuid(), consentId: z.uuid() }), body: consentRevoke, idempotent: true,
      responses: { 200: { description: 'Booking and removed shifts', schema: z.object({ booking: bookingSchema, removedAssignments: z.number().int() }) } } },
    async ({ ctx, params, body }) => ({ body: await bookings.revokeConsent(deps, ctx, params.id, params.consentId, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/activate', summary: 'Activate a booking (409 without an active consent)', tags,
      access: [...coordinator], params: idParams, idempotent: true, responses: { 200: { description: 'Booking', schema: bookingSchema } } },
    async ({ ctx, params }) => ({ body: await bookings.activateBooking(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/level-changes', summary: 'Change the care level from a local date on', tags,
      access: [...coordinator], params: idParams, body: levelChange,
      responses: { 200: { description: 'Booking, and how many of its coming shifts lost their aide (load or skill no longer fits)', schema: z.object({ booking: bookingSchema, removedAssignments: z.number().int() }) } } },
    async ({ ctx, params, body }) => ({ body: await bookings.changeLevel(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/end', summary: 'End a booking while the patient stays; issues its invoice', tags,
      access: [...coordinator], params: idParams, body: bookingEnd, idempotent: true,
      responses: { 200: { description: 'Booking and invoice', schema: z.object({ booking: bookingSchema, removedAssignments: z.number().int(), invoice: invoiceSchema.nullable() }) } } },
    async ({ ctx, params, body }) => ({ body: await bookings.endBooking(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/bookings/:id/invoice', summary: 'The invoice of an ended booking (JSON)', tags, access: [...coordinator],
      params: idParams, responses: { 200: { description: 'Invoice', schema: invoiceSchema } } },
    async ({ ctx, params }) => ({ body: await invoices.getBookingInvoice(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'get', path: '/nursing/invoices', summary: 'Invoices (newest first)', tags, access: [...coordinator], query: invoiceListQuery,
      responses: { 200: { description: 'Invoices', schema: page(invoiceSchema) } } },
    async ({ ctx, query }) => ({ body: await invoices.listInvoices(deps, ctx, query) }),
  );
  api.add(
    { method: 'get', path: '/nursing/invoices/:id', summary: 'An invoice (JSON)', tags, access: [...coordinator], params: idParams,
      responses: { 200: { description: 'Invoice', schema: invoiceSchema } } },
    async ({ ctx, params }) => ({ body: await invoices.getInvoice(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'get', path: '/nursing/invoices/:id/html', summary: 'An invoice as a printable HTML page', tags, access: [...coordinator],
      params: idParams, responses: { 200: { description: 'HTML', contentType: 'text/html' } } },
    async ({ ctx, params }) => ({ body: await invoices.invoiceHtml(deps, ctx, params.id), contentType: 'text/html; charset=utf-8' }),
  );
  api.add(
    { method: 'get', path: '/nursing/bookings/:id/notes', summary: 'Handover notes of a patient (aides: only their own patients)', tags,
      access: ['hospital_coordinator', 'care_aide'], params: idParams, query: noteListQuery,
      responses: { 200: { description: 'Notes', schema: z.object({ items: z.array(noteSchema) }) } } },
    async ({ ctx, params, query }) => ({ body: { items: await notes.listNotes(deps, ctx, params.id, query) } }),
  );
  api.add(
    { method: 'post', path: '/nursing/bookings/:id/notes', summary: 'Write a handover note for a patient’s shift (aides: their own shifts)', tags,
      access: ['hospital_coordinator', 'care_aide'], params: idParams, body: noteCreate, idempotent: true,
      responses: { 201: { description: 'Note', schema: noteSchema } } },
    async ({ ctx, params, body }) => ({ status: 201, body: await notes.addNote(deps, ctx, params.id, body) }),
  );
}
