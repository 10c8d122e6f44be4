import express, { Router } from 'express';
import multer from 'multer';
import type { Request, RequestHandler, Response } from 'express';
import type { ZodType, z } from 'zod';
import type { Role } from '../generated/prisma/enums.js';
import { tenantDb } from '../db/prisma.js';
import type { PrismaClient } from '../db/prisma.js';
import type { RequestContext } from './context.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from './errors.js';
import { checkKey, requestHash, withIdempotency } from './idempotency.js';
import { hasBody, UnsupportedMediaTypeError, validate } from './validate.js';
import { localize, type Message, say } from '../i18n/index.js';
import { requestLocale } from './locale.js';
import { httpMessages as M } from './messages.js';
import { roleLabel } from '../kernel/messages.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Infer<T> = T extends ZodType ? z.output<T> : undefined;

export interface ResponseSpec {
  description: string;
  schema?: ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/** Who may call a route: 'public' (no token), 'any' (any signed-in user), or a list of roles. */
export type Access = 'public' | 'any' | Role[];

export interface RouteSpec<B extends ZodType | undefined, Q extends ZodType | undefined, P extends ZodType | undefined> {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  responses: Record<number, ResponseSpec>;
  /** Accepts a file: multipart field `file`, or the raw body as text/csv or .xlsx. */
  upload?: { maxBytes: number };
  /**
   * Accepts an Idempotency-Key header; a retry gets the first answer. 'required': refused (400)
   * without one — writes whose retry would otherwise count money or a consent twice.
   */
  idempotent?: boolean | 'required';
  description?: string;
  /** The client-method name in the OpenAPI document; derived from method and path when absent. */
  operationId?: string;
}

export interface HandlerInput<B, Q, P> {
  ctx: RequestContext;
  body: B;
  query: Q;
  params: P;
  req: Request;
  res: Response;
}

export interface HandlerResult {
  status?: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type RegisteredRoute = RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>;

/**
 * Every HTTP route is declared through this router: it wires authentication, the role check,
 * zod validation, idempotency and the OpenAPI description in one place.
 */
export class ApiRouter {
  readonly router = Router();
  readonly routes: RegisteredRoute[] = [];

  constructor(
    private readonly prisma: PrismaClient,
    private readonly authenticate: RequestHandler,
  ) {}

  add<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined>(
    spec: RouteSpec<B, Q, P>,
    handler: (input: HandlerInput<Infer<B>, Infer<Q>, Infer<P>>) => Promise<HandlerResult | void>,
  ): void {
    this.routes.push(spec as RegisteredRoute);
    const chain: RequestHandler[] = [];
    if (spec.access !== 'public') chain.push(this.authenticate, authorize(spec));
    if (spec.upload) chain.push(...uploadMiddleware(spec.upload.maxBytes));
    chain.push(validate({ body: spec.upload ? undefined : spec.body, json: !spec.upload && !!spec.body, query: spec.query, params: spec.params }));
    chain.push(async (req, res) => {
      const input = res.locals.input;
      const ctx = req.ctx as RequestContext;
      const locale = requestLocale(req);
      // Sentences in an answer (warnings, reasons) are rendered here, before an answer is stored for replay.
      const call = async () => localized(await handler({ ctx, body: input.body, query: input.query, params: input.params, req, res }), locale);
      if (!spec.idempotent) return send(res, await call(), defaultStatus(spec));
      const key = checkKey(req.get('idempotency-key'));
      if (!key && spec.idempotent === 'required') throw missingKey();
      const db = tenantDb(this.prisma, ctx.tenantId);
      // Without a key the write is still one unit of work: all of it commits, or none.
      if (!key) return send(res, await db.$transaction(async () => call(), UNIT_OF_WORK), defaultStatus(spec));
      const answer = await withIdempotency(
        db,
        { tenantId: ctx.tenantId, scope: `${ctx.userId} ${spec.method} ${spec.path}`, key, hash: requestHash([input.params, input.query, input.body]) },
        async () => {
          const result = (await call()) ?? {};
          return { status: result.status ?? defaultStatus(spec), body: result.body ?? null };
        },
        UNIT_OF_WORK,
      );
      res.setHeader('Idempotency-Replayed', String(answer.replayed));
      send(res, { status: answer.status, body: answer.body }, defaultStatus(spec));
    });
    this.router[spec.method](spec.path, ...chain);
  }
}

function missingKey(): ValidationError {
  const message = say(M.idempotencyKeyRequired);
  return new ValidationError([{ path: 'headers.idempotency-key', message, code: 'required' }], message);
}

/** An idempotent write may run long (a plan move re-times every stop): its one transaction may too. */
const UNIT_OF_WORK = { maxWait: 10_000, timeout: 60_000 };

export const SPREADSHEET_TYPES = ['text/csv', 'text/plain', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

/** Why a multipart upload was refused, per multer/busboy error code (all are the client's input). */
const MULTIPART_PROBLEMS: Record<string, Message> = {
  LIMIT_FILE_COUNT: M.uploadOneFile,
  LIMIT_UNEXPECTED_FILE: M.uploadField,
  LIMIT_PART_COUNT: M.uploadParts,
  LIMIT_FIELD_COUNT: M.uploadFields,
  LIMIT_FIELD_KEY: M.uploadFieldName,
  LIMIT_FIELD_VALUE: M.uploadFieldValue,
};

/**
 * Puts the uploaded file in req.file (multipart) or req.body (raw); oversize → 413 via the problem
 * handler; any other multipart failure (two files, another field name, a truncated or malformed
 * body) is the client's: 400 naming body.file. A body of another type is refused with 415.
 */
function uploadMiddleware(maxBytes: number): RequestHandler[] {
  // defParamCharset: browsers send UTF-8 file names unescaped; busboy's default (latin1) turns
  // 宣风镇….xlsx into mojibake.
  const multipart = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, parts: 50 } }).single('file');
  return [
    (req, _res, next) => {
      if (!hasBody(req)) return next();
      if (req.is(['multipart/form-data', ...SPREADSHEET_TYPES])) return next();
      next(new UnsupportedMediaTypeError(say(M.uploadType, { types: SPREADSHEET_TYPES.join(' / ') })));
    },
    (req, res, next) =>
      multipart(req, res, (err?: unknown) => {
        if (!err) return next();
        const e = err as { code?: string; message?: string };
        if (e.code === 'LIMIT_FILE_SIZE') return next(Object.assign(new Error('too large'), { type: 'entity.too.large' }));
        const known = e.code ? MULTIPART_PROBLEMS[e.code] : undefined;
        const message = known ? say(known) : say(M.uploadMalformed, { why: e.message ?? 'malformed' });
        next(new ValidationError([{ path: 'body.file', message, code: e.code ?? 'invalid_multipart' }], message));
      }),
    express.raw({ type: SPREADSHEET_TYPES, limit: maxBytes }),
  ];
}

function defaultStatus(spec: { responses: Record<number, ResponseSpec> }): number {
  return Number(Object.keys(spec.responses).find((s) => Number(s) < 300) ?? 200);
}

function localized(result: HandlerResult | void, locale: string): HandlerResult | void {
  if (!result || result.body === undefined || result.contentType) return result;
  return { ...result, body: localize(result.body, locale) };
}

function send(res: Response, result: HandlerResult | void, fallbackStatus: number): void {
  if (res.headersSent || !result) return;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status ?? fallbackStatus);
  if (result.body === undefined) {
    res.end();
  } else if (result.contentType) {
    res.type(result.contentType).send(result.body);
  } else {
    res.json(result.body);
  }
}

/**
 * The role check, the one place roles are decided (API routes and pages alike). Admins may do
 * everything in their tenant; auditors may read everything (every GET); everyone else needs
 * one of the route's roles.
 */
export function mayAccess(ctx: RequestContext, access: Access, method: string): boolean {
  if (access === 'any' || access === 'public') return true;
  if (ctx.roles.includes('admin')) return true;
  if (method.toLowerCase() === 'get' && ctx.roles.includes('auditor')) return true;
  return ctx.roles.some((r) => access.includes(r));
}

function authorize(spec: { access: Access; method: Method }): RequestHandler {
  return (req, _res, next) => {
    const ctx = req.ctx;
    if (!ctx) return next(new UnauthorizedError());
    if (mayAccess(ctx, spec.access, spec.method)) return next();
    next(new ForbiddenError(say(M.needsRoles, { roles: (spec.access as Role[]).map((r) => say(roleLabel(r))) })));
  };
}
