import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import {
  aideCreate, aideLeave, aideLeaveResult, aideListQuery, aideSchema, aideUpdate, bedsAdd, careLevelInput, careLevelSchema,
  codeParams, setupSchema, shiftTemplateInput, shiftTemplateSchema, wardCreate, wardSchema, wardUpdate,
} from '../schemas-setup.js';
import * as setup from './setup-service.js';
import * as aides from '../aides/aide-service.js';

const tags = ['nursing: set-up'];
const coordinator = ['hospital_coordinator'] as const;

/** Hospital set-up: defaults, care levels, shift templates, wards and beds, aides. */
export function registerNursingSetupRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/nursing/setup/defaults', operationId: 'applyNursingDefaults', summary: 'Create the default care levels and day/night shifts (idempotent)', tags,
      access: [...coordinator], responses: { 200: { description: 'Care levels and shift templates', schema: setupSchema } } },
    async ({ ctx }) => ({ body: await setup.ensureDefaults(deps, ctx) }),
  );
  api.add(
    { method: 'get', path: '/nursing/care-levels', summary: 'Care levels (patients per aide, daily fee)', tags, access: [...coordinator],
      responses: { 200: { description: 'Care levels', schema: z.object({ items: z.array(careLevelSchema) }) } } },
    async ({ ctx }) => ({ body: { items: await setup.listCareLevels(deps, ctx) } }),
  );
  api.add(
    { method: 'put', path: '/nursing/care-levels/:code', summary: 'Create or replace a care level', tags, access: [...coordinator],
      params: codeParams, body: careLevelInput, responses: { 200: { description: 'Care level', schema: careLevelSchema } } },
    async ({ ctx, params, body }) => ({ body: await setup.putCareLevel(deps, ctx, params.code, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/shift-templates', summary: 'Shift templates (local times)', tags, access: [...coordinator],
      responses: { 200: { description: 'Shift templates', schema: z.object({ items: z.array(shiftTemplateSchema) }) } } },
    async ({ ctx }) => ({ body: { items: await setup.listTemplates(deps, ctx) } }),
  );
  api.add(
    { method: 'put', path: '/nursing/shift-templates/:code', summary: 'Create or replace a shift template (must not overlap others)', tags,
      access: [...coordinator], params: codeParams, body: shiftTemplateInput,
      responses: { 200: { description: 'Shift template', schema: shiftTemplateSchema } } },
    async ({ ctx, params, body }) => ({ body: await setup.putTemplate(deps, ctx, params.code, body) }),
  );
  api.add(
    { method: 'delete', path: '/nursing/shift-templates/:code', summary: 'Delete a shift template', tags, access: [...coordinator],
      params: codeParams, responses: { 204: { description: 'Deleted' } } },
    async ({ ctx, params }) => {
      await setup.deleteTemplate(deps, ctx, params.code);
      return { status: 204 };
    },
  );
  api.add(
    { method: 'post', path: '/nursing/wards', summary: 'Create a ward with its beds', tags, access: [...coordinator], body: wardCreate,
      responses: { 201: { description: 'Ward', schema: wardSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await setup.createWard(deps, ctx, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/wards', summary: 'Wards with beds and occupancy', tags, access: [...coordinator],
      responses: { 200: { description: 'Wards', schema: z.object({ items: z.array(wardSchema) }) } } },
    async ({ ctx }) => ({ body: { items: await setup.listWards(deps, ctx) } }),
  );
  api.add(
    { method: 'get', path: '/nursing/wards/:id', summary: 'A ward with beds and occupancy', tags, access: [...coordinator], params: idParams,
      responses: { 200: { description: 'Ward', schema: wardSchema } } },
    async ({ ctx, params }) => ({ body: await setup.getWard(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'patch', path: '/nursing/wards/:id', summary: 'Rename a ward or change its department', tags, access: [...coordinator],
      params: idParams, body: wardUpdate, responses: { 200: { description: 'Ward', schema: wardSchema } } },
    async ({ ctx, params, body }) => ({ body: await setup.updateWard(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/wards/:id/beds', summary: 'Add beds to a ward', tags, access: [...coordinator], params: idParams,
      body: bedsAdd, responses: { 201: { description: 'Ward', schema: wardSchema } } },
    async ({ ctx, params, body }) => ({ status: 201, body: await setup.addBeds(deps, ctx, params.id, body.codes) }),
  );
  api.add(
    { method: 'post', path: '/nursing/aides', summary: 'Register a care aide (医疗护理员)', tags, access: [...coordinator], body: aideCreate,
      responses: { 201: { description: 'Aide', schema: aideSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await aides.createAide(deps, ctx, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/aides', summary: 'List aides', tags, access: [...coordinator], query: aideListQuery,
      responses: { 200: { description: 'Aides', schema: z.object({ items: z.array(aideSchema) }) } } },
    async ({ ctx, query }) => ({ body: { items: await aides.listAides(deps, ctx, query) } }),
  );
  api.add(
    { method: 'get', path: '/nursing/aides/:id', summary: 'Get an aide', tags, access: [...coordinator], params: idParams,
      responses: { 200: { description: 'Aide', schema: aideSchema } } },
    async ({ ctx, params }) => ({ body: await aides.getAide(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'patch', path: '/nursing/aides/:id', summary: 'Update an aide (not-yet-started shifts it can no longer work are removed)', tags,
      access: [...coordinator], params: idParams, body: aideUpdate, responses: { 200: { description: 'Aide', schema: aideSchema } } },
    async ({ ctx, params, body }) => ({ body: await aides.updateAide(deps, ctx, params.id, body) }),
  );
  api.add(
    { method: 'post', path: '/nursing/aides/:id/leave', summary: 'Add leave days (e.g. sick leave); removes the aide’s shifts on them', tags,
      access: [...coordinator], params: idParams, body: aideLeave, responses: { 200: { description: 'Aide and removed shifts', schema: aideLeaveResult } } },
    async ({ ctx, params, body }) => ({ body: await aides.addLeave(deps, ctx, params.id, body.dates, body.reason) }),
  );
}
