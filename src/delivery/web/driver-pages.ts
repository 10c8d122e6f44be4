import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../../deps.js';
import { mayAccess } from '../../http/api-router.js';
import { ForbiddenError } from '../../http/errors.js';
import { localize, pick, t } from '../../i18n/index.js';
import { html } from '../../web/html.js';
import { W } from '../../web/messages.js';
import type { WebRouter } from '../../web/web-router.js';
import { myRoutes } from '../drivers/driver-service.js';
import { labels } from '../label-messages.js';
import { UNDO_GRACE_MS, welfareDelayMs } from '../drivers/outcome-service.js';
import { getDeliverySettings } from '../setup/settings-service.js';
import { DM } from './driver-messages.js';

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
/** The app's scope: the page itself and everything under it (sw.js, manifest). */
const SCOPE = '/app/driver';

/**
 * The driver's phone app: an installable, offline-first page. The page renders from its data
 * block and the last routes kept on the phone; taps go through the IndexedDB outbox; a service
 * worker keeps the page and its assets so it opens in a dead zone.
 */
export function registerDriverPages(web: WebRouter, deps: Deps): void {
  web.assets.mount('delivery', ASSETS_DIR);
  web.addNav({ href: SCOPE, label: DM.nav, roles: ['driver'] });
  const swSource = readFileSync(new URL('./assets/driver-sw.js', import.meta.url), 'utf8');

  // The old token-pasting page: bookmarks still land on the app.
  web.page({ path: '/driver', access: 'public' }, () => ({ redirect: SCOPE }));

  // Public so a phone whose sign-in ended reads a sentence (401), not a password form it has no use for.
  web.page({ path: SCOPE, access: 'public' }, async ({ ctx, locale, res }) => {
    if (!ctx) {
      res.status(401);
      return {
        title: t(locale, DM.title), bare: true,
        body: html`<section class="card narrow"><h1>${t(locale, DM.title)}</h1><p class="error big-text" role="alert">${t(locale, DM.signedOut)}</p></section>`,
      };
    }
    if (!mayAccess(ctx, ['driver'], 'get')) throw new ForbiddenError();
    const [routes, settings, tenant] = await Promise.all([
      myRoutes(deps, ctx),
      getDeliverySettings(deps, ctx),
      deps.prisma.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { welfareDelayMinutes: true } }),
    ]);
    const l = labels(locale);
    return {
      title: t(locale, DM.title),
      bare: true,
      manifest: `${SCOPE}/manifest.webmanifest`,
      scripts: ['delivery/driver.js'],
      styles: ['delivery/driver.css'],
      messages: { ...pick(locale, DM), [W.signOut.key]: t(locale, W.signOut) },
      data: {
        userId: ctx.userId, now: new Date().toISOString(), date: routes.date, routes: localize(routes.routes, locale),
        proof: settings.proof, signaturePadUrl: web.assets.url('vendor/signature_pad.umd.min.js'), undoGraceMs: UNDO_GRACE_MS, welfareDelayMinutes: Math.round(welfareDelayMs(tenant, deps.config) / 60_000),
        timeZone: ctx.timeZone, diets: l.diets, textures: l.textures, swUrl: `${SCOPE}/sw.js`, scope: SCOPE,
      },
      body: html`
<header class="drv-head">
  <h1>${t(locale, DM.title)} <span class="muted" id="drv-date">${routes.date}</span></h1>
  <button type="button" id="drv-refresh" class="drv-refresh" aria-label="${t(locale, DM.refresh)}">↻ ${t(locale, DM.refresh)}</button>
</header>
<p id="drv-banner" class="drv-banner" role="status" hidden></p>
<div id="drv-routes"><p class="muted">…</p></div>
<details class="card drv-account">
  <summary>${t(locale, DM.account)} · ${ctx.displayName ?? ''}</summary>
  <div class="row">
    <form method="post" action="/app/account/locale" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><input type="hidden" name="back" value="${SCOPE}">
      <button name="locale" value="${locale === 'zh-CN' ? 'en' : 'zh-CN'}">${locale === 'zh-CN' ? 'English' : '中文'}</button></form>
    <form method="post" action="/app/sign-out" class="inline" id="drv-sign-out"><input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
      <button class="danger">${t(locale, W.signOut)}</button></form>
  </div>
</details>`,
    };
  });

  // The service worker, with this release's asset list (a new release replaces it). Its path alone
  // would limit it to /app/driver/…; the header lets it control the page /app/driver itself.
  web.page({ path: `${SCOPE}/sw.js`, access: 'public' }, ({ res }) => {
    res.setHeader('Service-Worker-Allowed', SCOPE);
    const precache = [...web.assets.all('web/'), ...web.assets.all('delivery/driver'), ...web.assets.all('vendor/signature_pad')].filter((u) => !u.endsWith('driver-sw.js'));
    const head = `const RELEASE = ${JSON.stringify(web.assets.release)};\nconst PRECACHE = ${JSON.stringify(precache)};\nconst SCOPE = ${JSON.stringify(SCOPE)};\n`;
    return { raw: head + swSource, contentType: 'text/javascript; charset=utf-8' };
  });

  web.page({ path: `${SCOPE}/manifest.webmanifest`, access: 'public' }, ({ locale }) => ({
    contentType: 'application/manifest+json; charset=utf-8',
    raw: JSON.stringify({
      name: t(locale, DM.title), short_name: t(locale, DM.nav), lang: locale,
      start_url: SCOPE, scope: SCOPE, display: 'standalone', orientation: 'portrait',
      background_color: '#f4f5f7', theme_color: '#0a7d4f',
      icons: [
        { src: web.assets.url('delivery/driver-icon-192.png'), sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: web.assets.url('delivery/driver-icon-512.png'), sizes: '512x512', type: 'image/png', purpose: 'any' },
      ],
    }),
  }));
}
