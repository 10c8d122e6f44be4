import type { RequestContext } from '../http/context.js';
import type { Role } from '../generated/prisma/enums.js';
import { resolveLocale, t } from '../i18n/index.js';
import type { Message } from '../i18n/index.js';
import type { Assets } from './assets.js';
import { html, jsonData } from './html.js';
import type { SafeHtml } from './html.js';
import { W } from './messages.js';

export interface NavItem {
  href: string;
  label: Message;
  roles: Role[];
  /** A number shown beside the label for the signed-in person (e.g. unread messages); 0 shows nothing. */
  badge?: (ctx: RequestContext) => Promise<number>;
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Asset names (e.g. 'delivery/desk.js') loaded as ES modules; they import '../web/app.js'. */
  scripts?: string[];
  styles?: string[];
  /** Messages (key → text in the reader's locale) and data for the page's script. */
  messages?: Record<string, string>;
  data?: unknown;
  /** A PWA manifest for installable phone pages. */
  manifest?: string;
  /** Printable pages and phone apps leave the staff frame out. */
  bare?: boolean;
}

export interface Frame {
  assets: Assets;
  nav: NavItem[];
  /** The badges of this request by nav href (computed by the router before rendering). */
  badges?: Map<string, number>;
}

export function canSee(ctx: RequestContext, item: NavItem): boolean {
  return ctx.roles.includes('admin') || ctx.roles.some((r) => item.roles.includes(r));
}

/** The one page layout: head with our assets only, CSRF token, messages as a JSON data block. */
export function renderPage(frame: Frame, ctx: RequestContext | undefined, opts: PageOptions, path = '/app'): string {
  const locale = resolveLocale(ctx?.locale);
  const { assets } = frame;
  const header = opts.bare || !ctx ? html`` : html`
<header class="topbar">
  <a class="brand" href="/app">${t(locale, W.appName)}</a>
  <nav>${frame.nav.filter((n) => canSee(ctx, n)).map((n) => {
    const count = frame.badges?.get(n.href) ?? 0;
    return html`<a href="${n.href}">${t(locale, n.label)}${count ? html` <span class="badge" data-badge="${n.href}">${count > 99 ? '99+' : String(count)}</span>` : ''}</a>`;
  })}</nav>
  <form method="post" action="/app/account/locale" class="inline">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><input type="hidden" name="back" value="${path}">
    <button name="locale" value="${locale === 'zh-CN' ? 'en' : 'zh-CN'}" class="link">${locale === 'zh-CN' ? 'English' : '中文'}</button>
  </form>
  <a class="who" href="/app/account">${ctx.displayName ?? ''}</a>
  <form method="post" action="/app/sign-out" class="inline">
    <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><button class="link">${t(locale, W.signOut)}</button>
  </form>
</header>`;
  return `<!doctype html>${html`
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx?.csrfToken ?? ''}">
<title>${opts.title} · ${t(locale, W.appName)}</title>
<link rel="stylesheet" href="${assets.url('web/app.css')}">
${(opts.styles ?? []).map((s) => html`<link rel="stylesheet" href="${assets.url(s)}">`)}
${opts.manifest ? html`<link rel="manifest" href="${opts.manifest}">` : ''}
<script type="application/json" id="page-messages">${jsonData({ ...kernelMessages(locale), ...(opts.messages ?? {}) })}</script>
<script type="application/json" id="page-data">${jsonData(opts.data ?? null)}</script>
<script type="module" src="${assets.url('web/app.js')}"></script>
${(opts.scripts ?? []).map((s) => html`<script type="module" src="${assets.url(s)}"></script>`)}
</head><body class="${opts.bare ? 'bare' : 'framed'}">
${header}
<main id="main">${opts.body}</main>
<div id="toast" role="status" aria-live="polite" hidden></div>
</body></html>`}`;
}

function kernelMessages(locale: string): Record<string, string> {
  const keys = [W.offline, W.pending, W.sending, W.saved, W.networkError, W.sessionEnded, W.somethingWrong];
  return Object.fromEntries(keys.map((m) => [m.key, t(locale, m)]));
}
