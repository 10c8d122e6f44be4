import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, pageQuery } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { NotFoundError } from '../http/errors.js';
import { nounMessages } from '../kernel/messages.js';
import type { Request } from 'express';
import type { RequestContext } from '../http/context.js';
import { clientIp, hit, TooManyRequestsError } from '../http/rate-limit.js';
import {
  auditLogSchema, issuedTokenSchema, tenantSchema, tenantUpdateSchema, tokenCreateSchema, tokenSchema,
  userCreateSchema, userSchema, userUpdateSchema, roleSchema,
} from './schemas.js';
import * as service from './service.js';
import type { Modules } from '../kernel/modules.js';
import { tenantDb } from '../db/prisma.js';
import { registerSessionRoutes } from './routes-sessions.js';

const tags = ['tenancy'];

/** Token issue is limited per client IP and per calling account (Redis counters shared by every API process). */
async function limitTokenIssue(deps: Deps, ctx: RequestContext, req: Request): Promise<void> {
  const c = deps.config;
  for (const [bucket, key, limit] of [
    ['token-issue-ip', clientIp(req), c.RATE_LIMIT_TOKEN_ISSUE_PER_IP],
    ['token-issue-account', ctx.userId, c.RATE_LIMIT_TOKEN_ISSUE_PER_ACCOUNT],
  ] as const) {
    const r = await hit(deps.redis, bucket, key, limit, c.RATE_LIMIT_WINDOW_SECONDS);
    if (!r.allowed) throw new TooManyRequestsError(r.retryAfter);
  }
}

export function registerTenancyRoutes(api: ApiRouter, deps: Deps, modules: Modules): void {
  api.add(
    { method: 'get', path: '/me', summary: 'The caller, their roles and tenant', tags, access: 'any',
      responses: { 200: { description: 'Current user', schema: z.object({ user: userSchema, tenant: tenantSchema }) } } },
    async ({ ctx }) => ({ body: { user: await service.getUser(deps, ctx, ctx.userId), tenant: await service.getTenant(deps, ctx) } }),
  );

  api.add(
    { method: 'get', path: '/tenant', summary: 'The caller’s tenant', tags, access: 'any',
      responses: { 200: { description: 'Tenant', schema: tenantSchema } } },
    async ({ ctx }) => ({ body: await service.getTenant(deps, ctx) }),
  );

  api.add(
    { method: 'patch', path: '/tenant', summary: 'Update tenant settings (time zone, locale, order cut-off…)', tags,
      access: ['admin'], body: tenantUpdateSchema, responses: { 200: { description: 'Updated tenant', schema: tenantSchema } } },
    async ({ ctx, body }) => {
      // The cut-off and time zone drive the tenant's job schedulers: the settings and the schedulers
      // change together (Redis frozen or down → 503 within a second, the settings roll back).
      await deps.queues.assertAvailable();
      const tenant = await tenantDb(deps.prisma, ctx.tenantId).$transaction(async () => {
        const updated = await service.updateTenant(deps, ctx, body);
        await modules.syncTenantSchedules(deps.queues, updated);
        return updated;
      });
      return { body: tenant };
    },
  );

  api.add(
    { method: 'get', path: '/users', summary: 'List users of the tenant', tags, access: ['admin'],
      query: z.strictObject({ role: roleSchema.optional() }),
      responses: { 200: { description: 'Users', schema: z.object({ items: z.array(userSchema) }) } } },
    async ({ ctx, query }) => ({ body: { items: await service.listUsers(deps, ctx, query.role) } }),
  );

  api.add(
    { method: 'post', path: '/users', summary: 'Create a user with roles', tags, access: ['admin'], body: userCreateSchema,
      responses: { 201: { description: 'Created', schema: userSchema } } },
    async ({ ctx, body }) => ({ status: 201, body: await service.createUser(deps, ctx, body) }),
  );

  api.add(
    { method: 'get', path: '/users/:id', summary: 'Get a user', tags, access: ['admin'], params: idParams,
      responses: { 200: { description: 'User', schema: userSchema } } },
    async ({ ctx, params }) => ({ body: await service.getUser(deps, ctx, params.id) }),
  );

  api.add(
    { method: 'patch', path: '/users/:id', summary: 'Change roles, name, phone, or disable a user', tags, access: ['admin'],
      params: idParams, body: userUpdateSchema, responses: { 200: { description: 'Updated', schema: userSchema } } },
    async ({ ctx, params, body }) => ({ body: await service.updateUser(deps, ctx, params.id, body) }),
  );

  api.add(
    { method: 'post', path: '/users/:id/tokens', summary: 'Issue an API token for a user (secret shown once)', tags,
      access: ['admin'], params: idParams, body: tokenCreateSchema,
      responses: { 201: { description: 'Issued', schema: issuedTokenSchema } } },
    async ({ ctx, params, body, req }) => {
      await limitTokenIssue(deps, ctx, req);
      return { status: 201, body: await service.issueToken(deps, ctx, params.id, body) };
    },
  );

  api.add(
    { method: 'get', path: '/users/:id/tokens', summary: 'List a user’s tokens (never the secrets)', tags, access: 'any',
      params: idParams, responses: { 200: { description: 'Tokens', schema: z.object({ items: z.array(tokenSchema) }) } } },
    async ({ ctx, params }) => {
      if (params.id !== ctx.userId && !ctx.roles.includes('admin') && !ctx.roles.includes('auditor')) throw new NotFoundError(nounMessages.user);
      return { body: { items: await service.listTokens(deps, ctx, params.id) } };
    },
  );

  api.add(
    { method: 'post', path: '/me/tokens', summary: 'Issue another token for yourself', tags, access: 'any',
      body: tokenCreateSchema, responses: { 201: { description: 'Issued', schema: issuedTokenSchema } } },
    async ({ ctx, body, req }) => {
      await limitTokenIssue(deps, ctx, req);
      return { status: 201, body: await service.issueToken(deps, ctx, ctx.userId, body) };
    },
  );

  api.add(
    { method: 'post', path: '/tokens/:id/revoke', summary: 'Revoke a token (admins: any; others: their own)', tags,
      access: 'any', params: idParams, responses: { 200: { description: 'Revoked', schema: tokenSchema } } },
    async ({ ctx, params }) => ({ body: await service.revokeToken(deps, ctx, params.id) }),
  );

  api.add(
    { method: 'get', path: '/audit-log', summary: 'The audit trail of every change (newest first)', tags,
      access: ['admin', 'auditor'],
      query: z.strictObject({ entity: z.string().max(64).optional(), entityId: z.string().max(64).optional(), ...pageQuery }),
      responses: { 200: { description: 'Audit rows', schema: z.object({ items: z.array(auditLogSchema), nextCursor: z.string().nullable() }) } } },
    async ({ ctx, query }) => ({ body: await service.listAuditLog(deps, ctx, query) }),
  );
  registerSessionRoutes(api, deps);
}
