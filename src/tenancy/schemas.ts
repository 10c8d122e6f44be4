import { z } from 'zod';
import { localTime, timeZone } from '../http/common-schemas.js';
import { TM } from './messages.js';

export const roleSchema = z.enum(['admin', 'kitchen_manager', 'driver', 'canteen_operator', 'hospital_coordinator', 'care_aide', 'auditor']);
export const localeSchema = z.enum(['zh-CN', 'en']);

export const tenantSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  locale: localeSchema,
  orderCutoff: z.string(),
  welfareDelayMinutes: z.number().int(),
  createdAt: z.iso.datetime(),
}).meta({ id: 'Tenant' });

export const tenantCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timeZone: timeZone.default('Asia/Shanghai'),
  locale: localeSchema.default('zh-CN'),
  adminUsername: z.string().trim().min(2).max(64).regex(/^[a-z0-9_.-]+$/i).default('admin'),
  adminDisplayName: z.string().trim().min(1).max(100).optional().describe('Default: the admin role’s name in the tenant’s language (管理员).'),
});

export const tenantUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: timeZone.optional(),
  locale: localeSchema.optional(),
  orderCutoff: localTime.optional(),
  welfareDelayMinutes: z.number().int().min(1).max(24 * 60).optional(),
});

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  phone: z.string().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  locale: z.string().nullable(),
  hasPassword: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
}).meta({ id: 'User' });

export const userCreateSchema = z.strictObject({
  username: z.string().trim().min(2).max(64).regex(/^[a-z0-9_.-]+$/i, TM.usernameChars.key).meta({ example: 'wang.fang' }),
  displayName: z.string().trim().min(1).max(100).meta({ example: '王芳' }),
  roles: z.array(roleSchema).min(1).refine((r) => new Set(r).size === r.length, TM.rolesRepeat.key),
  phone: z.string().regex(/^\+?[0-9 -]{5,20}$/).optional(),
  password: z.string().min(8, TM.passwordLength.key).max(200).optional().describe('For signing in on the web pages.'),
});

export const userUpdateSchema = z.strictObject({
  locale: localeSchema.nullable().optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
  roles: userCreateSchema.shape.roles.optional(),
  phone: userCreateSchema.shape.phone.nullable(),
  disabled: z.boolean().optional(),
}).partial();

export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default('api'),
  expiresInDays: z.number().int().min(1).max(3650).optional()
    .describe('Omit for a token that does not expire — unless the calling token expires: a token never outlives the one that issues it.'),
  roles: z.array(roleSchema).min(1).max(7).refine((r) => new Set(r).size === r.length, TM.rolesRepeat.key).optional()
    .describe('Restrict the token to some of the user’s roles (default: all; for your own token: those of the calling token).'),
});

export const tokenSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  parentId: z.uuid().nullable().describe('The token that issued this one; revoking it revokes this one.'),
  roles: z.array(roleSchema).describe('Empty: all of the user’s roles.'),
}).meta({ id: 'ApiToken' });

export const issuedTokenSchema = tokenSchema.extend({ token: z.string().describe('The secret; shown only once.') }).meta({ id: 'IssuedToken' });

export const auditLogSchema = z.object({
  id: z.uuid(),
  actorUserId: z.uuid().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  at: z.iso.datetime(),
});

export type TenantCreate = z.input<typeof tenantCreateSchema>;
export type UserCreate = z.infer<typeof userCreateSchema>;

export const passwordSchema = z.string().min(8, TM.passwordLength.key).max(200);
export const passwordSetSchema = z.strictObject({ password: passwordSchema });
export const signInCodeCreateSchema = z.strictObject({
  expiresInMinutes: z.number().int().min(5).max(72 * 60).default(12 * 60).describe('How long the link works (once).'),
});
export const signInCodeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  path: z.string().describe('Open this path on the phone (or scan the QR code); works once.'),
  url: z.string(),
  qrSvg: z.string(),
  expiresAt: z.iso.datetime(),
  user: z.object({ id: z.uuid(), displayName: z.string() }),
});
export const webSessionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['password', 'device']),
  userAgent: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
