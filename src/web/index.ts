import { fileURLToPath } from 'node:url';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { PrismaClient } from '../db/prisma.js';
import { toAppError } from '../http/problem.js';
import { logger } from '../logger.js';
import { render, resolveLocale, t, type Text } from '../i18n/index.js';
import { Assets } from './assets.js';
import { html } from './html.js';
import { W } from './messages.js';
import { WebRouter } from './web-router.js';

export { WebRouter } from './web-router.js';

/** The web layer: the router every screen registers on, with the kernel's assets and the home page. */
export function createWebRouter(prisma: PrismaClient): WebRouter {
  const assets = new Assets().mount('web', fileURLToPath(new URL('./assets/', import.meta.url))).mountVendor();
  const web = new WebRouter(prisma, assets);
  web.router.use(assets.router);
  web.router.get('/', (_req, res) => res.redirect(303, '/app'));
  // Home: the first screen of the caller's roles (the order screens were registered in).
  web.page({ path: '/app', access: 'any' }, ({ ctx, locale }) => {
    const first = web.nav.find((n) => ctx.roles.includes('admin') || ctx.roles.some((r) => n.roles.includes(r)));
    if (first) return { redirect: first.href };
    return { title: t(locale, W.home), body: html`<p class="card">${t(locale, W.noRolePage)}</p>` };
  });
  return web;
}

const wantsHtml: (req: Parameters<RequestHandler>[0]) => boolean = (req) =>
  req.path.startsWith('/app') && !req.path.startsWith('/app/assets') && req.method === 'GET' ? true : req.path.startsWith('/app') && req.accepts(['html', 'json']) === 'html';

/** Errors on screens answer a page a person can read (API routes keep problem+json). */
export function webErrorHandler(web: WebRouter): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (!wantsHtml(req) || res.headersSent) return next(err);
    const known = toAppError(err);
    if (!known) (req.log ?? logger).error({ err }, 'unhandled error on a page');
    const status = known?.status ?? 500;
    const locale = resolveLocale(req.ctx?.locale);
    const sentence = status === 403 ? t(locale, W.notAllowed) : status === 404 ? t(locale, W.notFound)
      : status >= 500 ? t(locale, W.somethingWrong) : known?.detail ? render(locale, known.detail) : t(locale, W.somethingWrong);
    const fields = known && 'errors' in known.extra ? (known.extra.errors as { path: string; message: Text }[]) : [];
    res.status(status).type('html').send(web.render(req.ctx, {
      title: String(status),
      body: html`<section class="card narrow"><p class="error big-text" role="alert">${sentence}</p>
        ${fields.length ? html`<ul>${fields.map((f) => html`<li><code>${f.path}</code>: ${render(locale, f.message)}</li>`)}</ul>` : ''}
        <p><a href="/app">${t(locale, W.back)}</a></p></section>`,
    }));
  };
}
