import QRCode from 'qrcode';
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { passwordSetSchema, signInCodeCreateSchema, signInCodeSchema, webSessionSchema } from './schemas.js';
import { issueSignInCode, listSessions, revokeUserSessions, setPassword } from './sign-in-service.js';

const tags = ['tenancy'];

/** Where people open the service: PUBLIC_URL when configured (behind a proxy), else this request's host. */
export function publicBase(deps: Pick<Deps, 'config'>, req: Request): string {
  return (deps.config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
}

/** A one-time link with its QR code, for a phone to scan. */
export async function signInLink(deps: Deps, req: Request, issued: Awaited<ReturnType<typeof issueSignInCode>>) {
  const url = `${publicBase(deps, req)}${issued.path}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { ...issued, url, qrSvg };
}

export function registerSessionRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'post', path: '/users/:id/password', operationId: 'setUserPassword', summary: 'Set or reset a user’s password (ends their sessions, lifts a lock-out)',
      tags, access: ['admin'], params: idParams, body: passwordSetSchema, responses: { 204: { description: 'Set' } } },
    async ({ ctx, params, body }) => {
      await setPassword(deps, ctx, params.id, body.password);
      return { status: 204 };
    },
  );

  api.add(
    { method: 'post', path: '/users/:id/sign-in-links', summary: 'A one-time sign-in link / QR code for a driver’s or care aide’s phone',
      description: 'Admins for anyone; kitchen managers for drivers; hospital coordinators for care aides. The link works once.',
      tags, access: ['admin', 'kitchen_manager', 'hospital_coordinator'], params: idParams, body: signInCodeCreateSchema,
      responses: { 201: { description: 'Issued (shown once)', schema: signInCodeSchema } } },
    async ({ ctx, params, body, req }) => {
      const issued = await issueSignInCode(deps, ctx, params.id, body.expiresInMinutes);
      return { status: 201, body: await signInLink(deps, req, issued) };
    },
  );

  api.add(
    { method: 'get', path: '/users/:id/sessions', summary: 'A user’s live browser sessions', tags, access: ['admin'],
      params: idParams, responses: { 200: { description: 'Sessions', schema: z.object({ items: z.array(webSessionSchema) }) } } },
    async ({ ctx, params }) => ({ body: { items: await listSessions(deps, ctx, params.id) } }),
  );

  api.add(
    { method: 'post', path: '/users/:id/sessions/revoke', summary: 'End every browser session of a user', tags, access: ['admin'],
      params: idParams, responses: { 200: { description: 'Ended', schema: z.object({ revoked: z.number().int() }) } } },
    async ({ ctx, params }) => ({ body: { revoked: await revokeUserSessions(deps, ctx, params.id) } }),
  );
}
