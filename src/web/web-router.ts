import express, { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { ZodType, z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';
import { mayAccess } from '../http/api-router.js';
import type { Access } from '../http/api-router.js';
import type { RequestContext } from '../http/context.js';
import { ForbiddenError, UnauthorizedError } from '../http/errors.js';
import { validate } from '../http/validate.js';
import { optionalSession } from '../http/auth.js';
import { resolveLocale } from '../i18n/index.js';
import type { Assets } from './assets.js';
import type { SafeHtml } from './html.js';
import { canSee, renderPage } from './layout.js';
import type { NavItem, PageOptions } from './layout.js';

type Infer<T> = T extends ZodType ? z.output<T> : undefined;

export interface PageInput<Q, P> {
  /** The signed-in person (undefined only on public pages). */
  ctx: RequestContext;
  locale: string;
  query: Q;
  params: P;
  req: Request;
  res: Response;
}

/** A page answers a layout (rendered in the frame), raw HTML/SVG/JSON, or a redirect. */
export type PageAnswer = PageOptions | { redirect: string } | { raw: string | SafeHtml; contentType: string; status?: number };

export interface PageSpec<Q extends ZodType | undefined, P extends ZodType | undefined> {
  path: string;
  access: Access;
  query?: Q;
  params?: P;
}

export interface ActionSpec<B extends ZodType | undefined, P extends ZodType | undefined> extends PageSpec<undefined, P> {
  body?: B;
}

/**
 * Every screen is declared here: GET pages rendered on the server, and POST form actions that
 * redirect (Post/Redirect/Get) — both with the same role check and zod validation as the API.
 * Scripts on the pages call the JSON API with the session cookie and the CSRF token.
 */
export class WebRouter {
  readonly router = Router();
  readonly nav: NavItem[] = [];

  constructor(
    private readonly prisma: PrismaClient,
    readonly assets: Assets,
  ) {
    this.router.use('/app', express.urlencoded({ extended: false, limit: '100kb' }), optionalSession(prisma));
  }

  addNav(item: NavItem): void {
    this.nav.push(item);
  }

  page<Q extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined>(
    spec: PageSpec<Q, P>,
    handler: (input: PageInput<Infer<Q>, Infer<P>>) => Promise<PageAnswer> | PageAnswer,
  ): void {
    this.router.get(spec.path, gate(spec.access, 'get'), validate({ query: spec.query, params: spec.params }), async (req, res) => {
      const input = res.locals.input;
      const answer = await handler({ ctx: req.ctx!, locale: resolveLocale(req.ctx?.locale), query: input.query, params: input.params, req, res });
      await this.send(req, res, answer);
    });
  }

  action<B extends ZodType | undefined = undefined, P extends ZodType | undefined = undefined>(
    spec: ActionSpec<B, P>,
    handler: (input: PageInput<undefined, Infer<P>> & { body: Infer<B> }) => Promise<PageAnswer> | PageAnswer,
  ): void {
    const stripCsrf: RequestHandler = (req, _res, next) => {
      if (req.body && typeof req.body === 'object') delete req.body._csrf;
      next();
    };
    this.router.post(spec.path, gate(spec.access, 'post'), stripCsrf, validate({ body: spec.body, params: spec.params }), async (req, res) => {
      const input = res.locals.input;
      const answer = await handler({
        ctx: req.ctx!, locale: resolveLocale(req.ctx?.locale), query: undefined, params: input.params, body: input.body, req, res,
      });
      await this.send(req, res, answer);
    });
  }

  /** Renders a layout for the caller (used by the error pages too). */
  render(ctx: RequestContext | undefined, opts: PageOptions, path?: string): string {
    return renderPage({ assets: this.assets, nav: this.nav }, ctx, opts, path);
  }

  /** The nav badges the person sees; a badge that fails shows nothing rather than breaking the page. */
  private async badges(ctx: RequestContext | undefined): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!ctx) return counts;
    await Promise.all(this.nav.filter((n) => n.badge && canSee(ctx, n)).map(async (n) => {
      counts.set(n.href, await n.badge!(ctx).catch(() => 0));
    }));
    return counts;
  }

  private async send(req: Request, res: Response, answer: PageAnswer): Promise<void> {
    if (res.headersSent) return;
    res.setHeader('Cache-Control', 'no-store');
    if ('redirect' in answer) return res.redirect(303, answer.redirect);
    if ('raw' in answer) {
      res.status(answer.status ?? 200).type(answer.contentType).send(String(answer.raw));
      return;
    }
    const badges = answer.bare ? undefined : await this.badges(req.ctx);
    if (res.headersSent) return;
    res.type('html').send(renderPage({ assets: this.assets, nav: this.nav, badges }, req.ctx, answer, req.method === 'GET' ? req.originalUrl : undefined));
  }
}

/** Pages need a session: without one, a browser is sent to sign in and brought back after. */
function gate(access: Access, method: string): RequestHandler {
  return (req, res, next) => {
    if (access === 'public') return next();
    if (res.locals.csrfError) return next(res.locals.csrfError);
    if (!req.ctx) {
      if (method !== 'get') return next(new UnauthorizedError());
      return res.redirect(303, `/app/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    }
    if (!mayAccess(req.ctx, access, method)) return next(new ForbiddenError());
    next();
  };
}
