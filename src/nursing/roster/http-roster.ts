import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router.js';
import { idParams, page, pageQuery } from '../../http/common-schemas.js';
import type { Deps } from '../../deps.js';
import { assignmentCreate, assignmentQuery, assignmentSchema, coverageQuery, coverageSchema, myShiftsQuery, myShiftsSchema, rosterCreate, rosterRunSchema } from './schemas-roster.js';
import * as rosters from './roster-service.js';
import * as assignments from './assignment-service.js';
import { myShifts } from '../aides/aide-view-service.js';

const tags = ['nursing: rosters'];
const coordinator = ['hospital_coordinator'] as const;

/** Roster runs (the roster.plan job), assignments, coverage, and the aide's own shifts. */
export function registerNursingRosterRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/nursing/rosters', summary: 'Roster a date range (job roster.plan; poll the run for progress)', tags,
      access: [...coordinator], body: rosterCreate, idempotent: true,
      responses: { 202: { description: 'Queued run', schema: rosterRunSchema } } },
    async ({ ctx, body }) => ({ status: 202, body: await rosters.createRun(deps, ctx, body) }),
  );
  api.add(
    { method: 'get', path: '/nursing/rosters', summary: 'Roster runs, newest first', tags, access: [...coordinator],
      query: z.strictObject(pageQuery), responses: { 200: { description: 'Runs', schema: page(rosterRunSchema) } } },
    async ({ ctx, query }) => ({ body: await rosters.listRuns(deps, ctx, query) }),
  );
  api.add(
    { method: 'get', path: '/nursing/rosters/:id', summary: 'A roster run: status, progress, uncovered needs, changes', tags,
      access: [...coordinator], params: idParams, responses: { 200: { description: 'Run', schema: rosterRunSchema } } },
    async ({ ctx, params }) => ({ body: await rosters.getRun(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'get', path: '/nursing/assignments', summary: 'Shift assignments in a date range', tags, access: [...coordinator],
      query: assignmentQuery, responses: { 200: { description: 'Assignments', schema: page(assignmentSchema) } } },
    async ({ ctx, query }) => ({ body: await assignments.listAssignments(deps, ctx, query) }),
  );
  api.add(
    { method: 'post', path: '/nursing/assignments', summary: 'Assign an aide to a patient for one shift by hand (every hard rule checked)', tags,
      access: [...coordinator], body: assignmentCreate, idempotent: 'required', responses: { 201: { description: 'Assignment', schema: assignmentSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await assignments.assign(deps, ctx, body) }),
  );
  api.add(
    { method: 'delete', path: '/nursing/assignments/:id', summary: 'Remove an assignment', tags, access: [...coordinator], params: idParams, idempotent: true,
      responses: { 204: { description: 'Removed' } } },
    async ({ ctx, params }) => {
      await assignments.unassign(deps, ctx, params.id);
      return { status: 204 };
    },
  );
  api.add(
    { method: 'get', path: '/nursing/coverage', summary: 'Coverage per shift and ward', tags, access: [...coordinator], query: coverageQuery,
      responses: { 200: { description: 'Coverage', schema: coverageSchema } } },
    async ({ ctx, query }) => ({ body: await assignments.coverage(deps, ctx, query) }),
  );
  api.add(
    { method: 'get', path: '/me/shifts', summary: 'My shifts and patients (care aides)', tags, access: ['care_aide'], query: myShiftsQuery,
      responses: { 200: { description: 'Shifts', schema: myShiftsSchema } } },
    async ({ ctx, query }) => ({ body: await myShifts(deps, ctx, query) }),
  );
}
