import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import type { PrismaClient } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import { maskAuditValue } from '../audit/mask.js';
import { generateToken } from '../http/auth.js';
import { hashPassword } from './sign-in-service.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import { say, t } from '../i18n/index.js';
import { nounMessages, roleLabel } from '../kernel/messages.js';
import { TM } from './messages.js';
import type { ApiToken, User } from '../generated/prisma/client.js';
import type { Role } from '../generated/prisma/enums.js';
import { tenantCreateSchema } from './schemas.js';
import type { TenantCreate, UserCreate } from './schemas.js';
import type { z } from 'zod';
import type { tenantUpdateSchema, tokenCreateSchema, userUpdateSchema } from './schemas.js';

type D = Pick<Deps, 'prisma'>;

export function publicToken(t: ApiToken) {
  const { tokenHash: _hash, tenantId: _tenant, ...rest } = t;
  return rest;
}

/** A user as the API shows it: never the password hash or the lock-out counters. */
export function publicUser(u: User) {
  const { tenantId: _tenant, passwordHash, failedSignIns: _f, lockedUntil, ...rest } = u;
  return { ...rest, hasPassword: Boolean(passwordHash), lockedUntil };
}

async function issue(
  prisma: PrismaClient | ReturnType<typeof tenantDb>, tenantId: string, userId: string, name: string,
  opts: { expiresAt?: Date | null; parentId?: string | null; roles?: Role[] } = {},
) {
  const { secret, hash, prefix } = generateToken();
  const row = await prisma.apiToken.create({
    data: { tenantId, userId, name, tokenHash: hash, prefix, expiresAt: opts.expiresAt ?? null, parentId: opts.parentId ?? null, roles: opts.roles ?? [] },
  });
  return { ...publicToken(row), token: secret };
}

/** Creates a tenant with its first admin and prints-once token (used by the CLI and the demo). */
export async function createTenantWithAdmin(prisma: PrismaClient, input: TenantCreate) {
  const data = tenantCreateSchema.parse(input);
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { name: data.name, timeZone: data.timeZone, locale: data.locale } });
    const admin = await tx.user.create({
      data: { tenantId: tenant.id, username: data.adminUsername, displayName: data.adminDisplayName ?? t(data.locale, roleLabel('admin')), roles: ['admin'] },
    });
    const token = await issue(tx as unknown as PrismaClient, tenant.id, admin.id, 'first admin token');
    const actor = { tenantId: tenant.id, userId: null };
    await writeAudit(tx, actor, { action: 'tenant.create', entity: 'Tenant', entityId: tenant.id, after: tenant });
    await writeAudit(tx, actor, { action: 'user.create', entity: 'User', entityId: admin.id, after: publicUser(admin) });
    return { tenant, admin: publicUser(admin), token };
  });
}

export async function getTenant({ prisma }: D, ctx: RequestContext) {
  const tenant = await prisma.tenant.findUnique({ where: { id: ctx.tenantId } });
  if (!tenant) throw new NotFoundError(TM.nounTenant);
  return tenant;
}

export async function updateTenant({ prisma }: D, ctx: RequestContext, patch: z.infer<typeof tenantUpdateSchema>) {
  return tenantDb(prisma, ctx.tenantId).$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId } });
    const after = await tx.tenant.update({ where: { id: ctx.tenantId }, data: patch });
    await writeAudit(tx, ctx, { action: 'tenant.update', entity: 'Tenant', entityId: ctx.tenantId, before, after });
    return after;
  });
}

export async function createUser({ prisma }: D, ctx: RequestContext, input: UserCreate) {
  const db = tenantDb(prisma, ctx.tenantId);
  if (await db.user.findFirst({ where: { username: input.username } })) {
    throw new ConflictError(say(TM.userExists, { username: input.username }), { errors: [{ path: 'body.username', message: say(TM.taken) }] });
  }
  const { password, ...fields } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { ...fields, passwordHash, tenantId: ctx.tenantId } });
    await writeAudit(tx, ctx, { action: 'user.create', entity: 'User', entityId: user.id, after: publicUser(user) });
    return publicUser(user);
  });
}

export async function listUsers({ prisma }: D, ctx: RequestContext, role?: string) {
  const users = await tenantDb(prisma, ctx.tenantId).user.findMany({
    where: role ? { roles: { has: role as User['roles'][number] } } : {},
    orderBy: { username: 'asc' },
  });
  return users.map(publicUser);
}

export async function getUser({ prisma }: D, ctx: RequestContext, id: string) {
  const user = await tenantDb(prisma, ctx.tenantId).user.findFirst({ where: { id } });
  if (!user) throw new NotFoundError(nounMessages.user);
  return publicUser(user);
}

export async function updateUser({ prisma }: D, ctx: RequestContext, id: string, patch: z.infer<typeof userUpdateSchema>) {
  const db = tenantDb(prisma, ctx.tenantId);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(nounMessages.user);
    const { disabled, ...rest } = patch;
    const data = { ...rest, ...(disabled === undefined ? {} : { disabledAt: disabled ? (before.disabledAt ?? new Date()) : null }) };
    const after = await tx.user.update({ where: { id }, data });
    await writeAudit(tx, ctx, { action: 'user.update', entity: 'User', entityId: id, before: publicUser(before), after: publicUser(after) });
    return publicUser(after);
  });
}

/**
 * Issues a token for a user of the caller's tenant; the secret is returned once. A token issued by
 * a token is its child: it expires no later than its parent (asked-for later, or never → 400
 * naming body.expiresInDays), has no role its parent lacks (an admin parent covers every role of
 * the tenant), and is revoked with it.
 */
export async function issueToken({ prisma }: D, ctx: RequestContext, userId: string, input: z.infer<typeof tokenCreateSchema>) {
  const db = tenantDb(prisma, ctx.tenantId);
  const user = await db.user.findFirst({ where: { id: userId } });
  if (!user) throw new NotFoundError(nounMessages.user);
  const parent = ctx.tokenId ? await db.apiToken.findFirst({ where: { id: ctx.tokenId } }) : null;
  let expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  if (parent?.expiresAt) {
    // Whole days left on the parent (rounded up) may be asked for; the child then ends with the parent at the latest.
    const daysLeft = Math.ceil((parent.expiresAt.getTime() - Date.now()) / 86_400_000);
    if (!input.expiresInDays || input.expiresInDays > daysLeft) {
      throw new ValidationError([{ path: 'body.expiresInDays', message: say(TM.tokenOutlives, { days: daysLeft, expiresAt: parent.expiresAt.toISOString() }) }],
        say(TM.tokenOutlivesDetail));
    }
    if (expiresAt! > parent.expiresAt) expiresAt = parent.expiresAt;
  }
  const roles = input.roles ?? (parent?.roles.length && userId === parent.userId ? parent.roles : []);
  const badRole = roles.findIndex((r) => !user.roles.includes(r) || (!ctx.roles.includes('admin') && !ctx.roles.includes(r)));
  if (badRole >= 0) {
    throw new ValidationError([{ path: `body.roles.${badRole}`, message: say(TM.roleNotHeld, { role: roles[badRole] }) }],
      say(TM.roleNotHeldDetail));
  }
  return db.$transaction(async (tx) => {
    const token = await issue(tx as unknown as PrismaClient, ctx.tenantId, userId, input.name, { expiresAt, parentId: parent?.id, roles });
    const { token: _secret, ...shown } = token;
    await writeAudit(tx, ctx, { action: 'token.issue', entity: 'ApiToken', entityId: token.id, after: shown });
    return token;
  });
}

/** A user's tokens (never their secrets); a user of another tenant, or none, answers 404 like every get. */
export async function listTokens({ prisma }: D, ctx: RequestContext, userId: string) {
  const db = tenantDb(prisma, ctx.tenantId);
  if (!(await db.user.findFirst({ where: { id: userId } }))) throw new NotFoundError(nounMessages.user);
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  return rows.map(publicToken);
}

/** Revokes a token: admins any in the tenant, others only their own. */
export async function revokeToken({ prisma }: D, ctx: RequestContext, tokenId: string) {
  const db = tenantDb(prisma, ctx.tenantId);
  const own = ctx.roles.includes('admin') ? {} : { userId: ctx.userId };
  return db.$transaction(async (tx) => {
    const before = await tx.apiToken.findFirst({ where: { id: tokenId, ...own } });
    if (!before) throw new NotFoundError(nounMessages.token);
    const now = new Date();
    const after = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: before.revokedAt ?? now } });
    // Every descendant goes with it (children, their children…), in the same transaction.
    const descendants = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE tree AS (
        SELECT id FROM "ApiToken" WHERE "parentId" = ${tokenId}::uuid AND "tenantId" = ${ctx.tenantId}::uuid
        UNION SELECT t.id FROM "ApiToken" t JOIN tree ON t."parentId" = tree.id
      )
      UPDATE "ApiToken" SET "revokedAt" = ${now} WHERE id IN (SELECT id FROM tree) AND "revokedAt" IS NULL RETURNING id`;
    await writeAudit(tx, ctx, {
      action: 'token.revoke', entity: 'ApiToken', entityId: tokenId, before: publicToken(before),
      after: { ...publicToken(after), revokedChildren: descendants.map((d) => d.id) },
    });
    return publicToken(after);
  });
}

export async function listAuditLog({ prisma }: D, ctx: RequestContext, q: { entity?: string; entityId?: string; limit: number; cursor?: string }) {
  const rows = await tenantDb(prisma, ctx.tenantId).auditLog.findMany({
    where: { ...(q.entity ? { entity: q.entity } : {}), ...(q.entityId ? { entityId: q.entityId } : {}) },
    ...cursorArgs(q, 'desc'),
  });
  // Admins see the trail as written; auditors (and anyone else) with ID numbers, phones and birth dates masked.
  const reveal = ctx.roles.includes('admin');
  return toPage(rows, q.limit, ({ tenantId: _t, ...r }) =>
    reveal ? r : { ...r, before: maskAuditValue(r.before), after: maskAuditValue(r.after) });
}
