import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { clearSessionCookie, revokeSession, setSessionCookie } from '../../http/sessions.js';
import { t } from '../../i18n/index.js';
import type { Locale } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import { W } from '../../web/messages.js';
import type { WebRouter } from '../../web/web-router.js';
import { checkPassword, peekSignInCode, redeemSignInCode, setOwnLocale, signOutEverywhere, startSession } from '../sign-in-service.js';

/** Only our own pages are places to come back to after signing in (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/app(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/app';
}

const signInQuery = z.strictObject({ next: z.string().max(500).optional(), lang: z.enum(['zh-CN', 'en']).optional() });
const signInBody = z.strictObject({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  next: z.string().max(500).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
const codeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

function signInForm(locale: Locale, next: string, error?: string): SafeHtml {
  return html`
<section class="card narrow">
  <h1>${t(locale, W.signIn)}</h1>
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <form method="post" action="/app/sign-in" class="stack">
    <input type="hidden" name="next" value="${next}"><input type="hidden" name="lang" value="${locale}">
    <label>${t(locale, W.username)}<input name="login" autocomplete="username" required autofocus></label>
    <label>${t(locale, W.password)}<input name="password" type="password" autocomplete="current-password" required></label>
    <button class="primary big">${t(locale, W.signIn)}</button>
  </form>
  <p class="muted"><a href="/app/sign-in?lang=${locale === 'zh-CN' ? 'en' : 'zh-CN'}">${locale === 'zh-CN' ? 'English' : '中文'}</a></p>
</section>`;
}

export function registerSignInPages(web: WebRouter, deps: Deps): void {
  web.page({ path: '/app/sign-in', access: 'public', query: signInQuery }, ({ ctx, query }) => {
    if (ctx) return { redirect: safeNext(query.next) };
    const locale = query.lang ?? 'zh-CN';
    return { title: t(locale, W.signIn), body: signInForm(locale, safeNext(query.next)), bare: true };
  });

  web.action({ path: '/app/sign-in', access: 'public', body: signInBody }, async ({ body, req, res }) => {
    const locale = body.lang ?? 'zh-CN';
    const result = await checkPassword(deps.prisma, body.login, body.password);
    if (!result.ok) {
      const error = result.reason === 'locked'
        ? t(locale, W.lockedOut, { time: formatLocalDateTime(result.until, 'Asia/Shanghai') })
        : t(locale, W.badCredentials);
      res.status(result.reason === 'locked' ? 423 : 401);
      return { title: t(locale, W.signIn), body: signInForm(locale, safeNext(body.next), error), bare: true };
    }
    const { secret } = await startSession(deps.prisma, result.user, 'password', req.get('user-agent'));
    setSessionCookie(req, res, secret, 'password');
    return { redirect: safeNext(body.next) };
  });

  web.page({ path: '/app/sign-in/code/:code', access: 'public', params: codeParams }, async ({ params, req }) => {
    const row = await peekSignInCode(deps.prisma, params.code);
    const locale = (req.ctx?.locale ?? 'zh-CN') as Locale;
    if (!row) return codeUsedPage(locale);
    return {
      title: t(locale, W.codeTitle), bare: true,
      body: html`<section class="card narrow"><h1>${t(locale, W.codeTitle)}</h1>
        <p class="big-text">${t(locale, W.codeIntro, { name: row.user.displayName })}</p>
        <form method="post" action="/app/sign-in/code/${params.code}"><button class="primary big">${t(locale, W.codeButton)}</button></form>
      </section>`,
    };
  });

  // The link is spent by this POST, not by opening it, so a chat app's link preview cannot use it up.
  web.action({ path: '/app/sign-in/code/:code', access: 'public', params: codeParams }, async ({ params, req, res }) => {
    const started = await redeemSignInCode(deps.prisma, params.code, req.get('user-agent'));
    if (!started) {
      res.status(410);
      return codeUsedPage('zh-CN');
    }
    setSessionCookie(req, res, started.secret, 'device');
    return { redirect: '/app' };
  });

  web.action({ path: '/app/sign-out', access: 'any' }, async ({ ctx, req, res }) => {
    if (ctx.sessionId) await revokeSession(deps.prisma, ctx.sessionId);
    clearSessionCookie(req, res);
    return { redirect: '/app/sign-in' };
  });

  web.action({ path: '/app/sign-out-everywhere', access: 'any' }, async ({ ctx, req, res }) => {
    await signOutEverywhere(deps.prisma, ctx);
    clearSessionCookie(req, res);
    return { redirect: '/app/sign-in' };
  });

  // The page sends its own path back (the Referrer-Policy gives no Referer).
  web.action({ path: '/app/account/locale', access: 'any', body: z.strictObject({ locale: z.enum(['zh-CN', 'en']), back: z.string().max(500).optional() }) },
    async ({ ctx, body }) => {
      await setOwnLocale(deps.prisma, ctx, body.locale);
      return { redirect: safeNext(body.back) };
    });
}

function codeUsedPage(locale: Locale) {
  return {
    title: t(locale, W.codeTitle), bare: true,
    body: html`<section class="card narrow"><h1>${t(locale, W.codeTitle)}</h1><p class="error big-text" role="alert">${t(locale, W.codeUsed)}</p></section>`,
  };
}
