import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, localDate, page } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { personCreateSchema, personGetQuery, personListQuery, personSchema, personUpdateSchema, statusInputSchema } from './schemas.js';
import * as service from './service.js';

const tags = ['people'];
// A canteen_operator identifies one diner at a time through checkout (card or ID) and learns the
// name and the rule applied there; browsing the registry is not part of a till's job.
const readers = ['kitchen_manager', 'hospital_coordinator'] as const;
const writers = ['kitchen_manager', 'hospital_coordinator'] as const;

export function registerPeopleRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/people', summary: 'Register a person (resident)', tags, access: [...writers],
      body: personCreateSchema, responses: { 201: { description: 'Created', schema: personSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await service.createPerson(deps, ctx, body) }),
  );

  api.add(
    { method: 'get', path: '/people', summary: 'List or search people (cursor pagination)', tags, access: [...readers],
      query: personListQuery, responses: { 200: { description: 'A page of people', schema: page(personSchema) } } },
    async ({ ctx, query }) => ({ body: await service.listPeople(deps, ctx, query) }),
  );

  api.add(
    { method: 'get', path: '/people/:id', summary: 'Get a person with age and statuses on a date', tags, access: [...readers],
      params: idParams, query: personGetQuery, responses: { 200: { description: 'Person', schema: personSchema } } },
    async ({ ctx, params, query }) => ({ body: await service.getPerson(deps, ctx, params.id, query.on) }),
  );

  api.add(
    { method: 'patch', path: '/people/:id', summary: 'Update a person', tags, access: [...writers],
      params: idParams, body: personUpdateSchema, responses: { 200: { description: 'Updated', schema: personSchema } } },
    async ({ ctx, params, body }) => ({ body: await service.updatePerson(deps, ctx, params.id, body) }),
  );

  api.add(
    { method: 'post', path: '/people/:id/statuses', summary: 'Add a status with its validity interval', tags,
      access: [...writers], params: idParams, body: statusInputSchema,
      responses: { 201: { description: 'Person with the new status', schema: personSchema } } },
    async ({ ctx, params, body }) => ({ status: 201, body: await service.addStatus(deps, ctx, params.id, body) }),
  );

  api.add(
    { method: 'post', path: '/people/:id/statuses/:statusId/end', summary: 'End a status on a date', tags,
      access: [...writers], params: z.strictObject({ id: z.uuid(), statusId: z.uuid() }),
      body: z.strictObject({ validTo: localDate }),
      responses: { 200: { description: 'Person', schema: personSchema } } },
    async ({ ctx, params, body }) => ({ body: await service.endStatus(deps, ctx, params.id, params.statusId, body.validTo) }),
  );
}
