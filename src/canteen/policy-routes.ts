import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { DEFAULT_POLICY_RULES } from '../subsidy/index.js';
import * as policies from './policy-service.js';
import { policyCreateSchema, policySchema } from './schemas.js';

const tags = ['canteen'];

/** Subsidy policy versions: admins publish, everyone at the counter and auditors read. */
export function registerPolicyRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'get', path: '/subsidy-policies', summary: 'Every policy version, oldest first', tags, access: ['canteen_operator'],
      responses: { 200: { description: 'Versions', schema: z.object({ items: z.array(policySchema) }) } } },
    async ({ ctx }) => ({ body: { items: await policies.listPolicies(deps, ctx) } }),
  );
  api.add(
    { method: 'get', path: '/subsidy-policies/defaults', operationId: 'getSubsidyPolicyDefaults', summary: 'The SPEC default rule set (a starting point for a new version)', tags,
      access: ['canteen_operator'], responses: { 200: { description: 'Rules', schema: z.record(z.string(), z.unknown()) } } },
    async () => ({ body: DEFAULT_POLICY_RULES }),
  );
  api.add(
    { method: 'get', path: '/subsidy-policies/:id', summary: 'One policy version', tags, access: ['canteen_operator'], params: idParams,
      responses: { 200: { description: 'Version', schema: policySchema } } },
    async ({ ctx, params }) => ({ body: await policies.getPolicy(deps, ctx, params.id) }),
  );
  api.add(
    { method: 'post', path: '/subsidy-policies', summary: 'Publish a new policy version from a date', tags, access: ['admin'],
      body: policyCreateSchema,
      description: 'The version open on effectiveFrom is closed the day before. effectiveFrom must be after every existing version '
        + 'and after the last day with recorded meals, so a new version never changes a past meal. A bad rule set is a 400 naming '
        + 'the field, e.g. body.rules.ageTiers.1.minAge.',
      responses: { 201: { description: 'Published', schema: policySchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await policies.createPolicy(deps, ctx, body) }),
  );
}
