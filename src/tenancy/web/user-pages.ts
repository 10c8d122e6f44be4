import { verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { idParams } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { t } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html, raw } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import { W } from '../../web/messages.js';
import type { WebRouter } from '../../web/web-router.js';
import { signInLink } from '../routes-sessions.js';
import { passwordSchema, userCreateSchema } from '../schemas.js';
import { createUser, listUsers, updateUser } from '../service.js';
import { issueSignInCode, listSessions, revokeUserSessions, setPassword } from '../sign-in-service.js';
import { M, ROLES, roleLabel } from './messages.js';

const csrf = (ctx: RequestContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;

/** Checkbox forms send one value or several; the API schema wants an array. */
const rolesField = z.union([z.enum(ROLES), z.array(z.enum(ROLES))]).transform((r) => (Array.isArray(r) ? r : [r]));

const createBody = z.strictObject({
  username: userCreateSchema.shape.username,
  displayName: userCreateSchema.shape.displayName,
  phone: z.string().trim().max(20).optional().transform((p) => p || undefined),
  password: z.string().max(200).optional().transform((p) => p || undefined).pipe(passwordSchema.optional()),
  roles: rolesField,
});

function roleBoxes(locale: string, checked: readonly string[]): SafeHtml {
  return html`<fieldset class="roles">${ROLES.map((r) => html`<label class="check"><input type="checkbox" name="roles" value="${r}" ${checked.includes(r) ? raw('checked') : ''}> ${t(locale, roleLabel(r))}</label>`)}</fieldset>`;
}

async function usersPage(deps: Deps, ctx: RequestContext, locale: string, notice?: SafeHtml | string) {
  const users = await listUsers(deps, ctx);
  const now = new Date();
  const rows = users.map((u) => html`
<details class="card user">
  <summary><b>${u.displayName}</b> <span class="muted">${u.username}</span> · ${u.roles.map((r) => t(locale, roleLabel(r))).join('、')}
    ${u.disabledAt ? html`<span class="tag warn">${t(locale, M.disabled)}</span>` : ''}
    ${u.lockedUntil && u.lockedUntil > now ? html`<span class="tag warn">${t(locale, M.locked, { time: formatLocalDateTime(u.lockedUntil, ctx.timeZone) })}</span>` : ''}
    ${u.hasPassword ? '' : html`<span class="tag">${t(locale, M.noPassword)}</span>`}</summary>
  <form method="post" action="/app/admin/users/${u.id}/roles">${csrf(ctx)}${roleBoxes(locale, u.roles)}<button>${t(locale, M.save)}</button></form>
  <form method="post" action="/app/admin/users/${u.id}/password" class="row">${csrf(ctx)}
    <label>${t(locale, M.newPassword)}<input name="password" type="password" minlength="8" autocomplete="new-password" required></label>
    <button>${t(locale, M.resetPassword)}</button></form>
  <div class="row">
    <form method="post" action="/app/admin/users/${u.id}/sign-in-link">${csrf(ctx)}<button>${t(locale, M.signInLink)}</button></form>
    <form method="post" action="/app/admin/users/${u.id}/sessions/revoke">${csrf(ctx)}<button class="danger">${t(locale, M.revokeSessions)}</button></form>
  </div>
</details>`);
  return {
    title: t(locale, M.users),
    body: html`<h1>${t(locale, M.users)}</h1>${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<details class="card" open><summary><b>${t(locale, M.newUser)}</b></summary>
<form method="post" action="/app/admin/users" class="stack">${csrf(ctx)}
  <label>${t(locale, M.displayName)}<input name="displayName" required maxlength="100"></label>
  <label>${t(locale, M.username)}<input name="username" required pattern="[A-Za-z0-9_.\\-]{2,64}"></label>
  <label>${t(locale, M.phone)}<input name="phone" inputmode="tel" maxlength="20"></label>
  <label>${t(locale, M.password)}<input name="password" type="password" minlength="8" autocomplete="new-password"></label>
  ${roleBoxes(locale, [])}
  <button class="primary">${t(locale, M.create)}</button>
</form></details>
${rows}`,
  };
}

export function registerUserPages(web: WebRouter, deps: Deps): void {
  web.addNav({ href: '/app/admin/users', label: M.users, roles: ['admin'] });

  web.page({ path: '/app/admin/users', access: ['admin'] }, ({ ctx, locale }) => usersPage(deps, ctx, locale));

  web.action({ path: '/app/admin/users', access: ['admin'], body: createBody }, async ({ ctx, locale, body }) => {
    const user = await createUser(deps, ctx, body);
    return usersPage(deps, ctx, locale, t(locale, M.userCreated, { name: user.displayName }));
  });

  web.action({ path: '/app/admin/users/:id/roles', access: ['admin'], params: idParams, body: z.strictObject({ roles: rolesField }) },
    async ({ ctx, locale, params, body }) => {
      const user = await updateUser(deps, ctx, params.id, { roles: body.roles });
      return usersPage(deps, ctx, locale, t(locale, M.rolesSaved, { name: user.displayName }));
    });

  web.action({ path: '/app/admin/users/:id/password', access: ['admin'], params: idParams, body: z.strictObject({ password: passwordSchema }) },
    async ({ ctx, locale, params, body }) => {
      await setPassword(deps, ctx, params.id, body.password);
      const user = (await listUsers(deps, ctx)).find((u) => u.id === params.id)!;
      return usersPage(deps, ctx, locale, t(locale, M.passwordSet, { name: user.displayName }));
    });

  web.action({ path: '/app/admin/users/:id/sessions/revoke', access: ['admin'], params: idParams }, async ({ ctx, locale, params }) => {
    const count = await revokeUserSessions(deps, ctx, params.id);
    const user = (await listUsers(deps, ctx)).find((u) => u.id === params.id)!;
    return usersPage(deps, ctx, locale, t(locale, M.sessionsRevoked, { name: user.displayName, count }));
  });

  // Kitchen managers and coordinators print links for their own drivers and aides from their desks too.
  web.action({ path: '/app/admin/users/:id/sign-in-link', access: ['admin', 'kitchen_manager', 'hospital_coordinator'], params: idParams },
    async ({ ctx, locale, params, req }) => {
      const link = await signInLink(deps, req, await issueSignInCode(deps, ctx, params.id));
      return {
        title: t(locale, M.linkFor, { name: link.user.displayName }),
        body: html`<section class="card narrow print-card"><h1>${t(locale, M.linkFor, { name: link.user.displayName })}</h1>
          <div class="qr">${raw(link.qrSvg)}</div>
          <p class="link-text">${link.url}</p>
          <p>${t(locale, M.linkHelp, { time: formatLocalDateTime(link.expiresAt, ctx.timeZone) })}</p>
          <button class="no-print" data-print>${t(locale, M.print)}</button></section>`,
      };
    });

  web.page({ path: '/app/account', access: 'any' }, async ({ ctx, locale }) => {
    const sessions = await listSessions(deps, ctx, ctx.userId);
    return {
      title: t(locale, M.account),
      body: html`<h1>${t(locale, M.account)}</h1>
<section class="card"><h2>${t(locale, M.changePassword)}</h2>
<form method="post" action="/app/account/password" class="stack">${csrf(ctx)}
  <label>${t(locale, M.currentPassword)}<input name="current" type="password" autocomplete="current-password" required></label>
  <label>${t(locale, M.newPassword)}<input name="password" type="password" minlength="8" autocomplete="new-password" required></label>
  <button>${t(locale, M.save)}</button></form></section>
<section class="card"><h2>${t(locale, M.sessions)}</h2><ul>
${sessions.map((s) => html`<li>${t(locale, s.kind === 'device' ? M.kindDevice : M.kindPassword)} · ${t(locale, M.lastSeen)} ${formatLocalDateTime(s.lastSeenAt, ctx.timeZone)} ${s.id === ctx.sessionId ? html`<b>(${t(locale, M.thisDevice)})</b>` : ''}<br><small class="muted">${s.userAgent ?? ''}</small></li>`)}
</ul><form method="post" action="/app/sign-out-everywhere">${csrf(ctx)}<button class="danger">${t(locale, W.signOutEverywhere)}</button></form></section>`,
    };
  });

  web.action({ path: '/app/account/password', access: 'any', body: z.strictObject({ current: z.string().max(200), password: passwordSchema }) },
    async ({ ctx, locale, body }) => {
      const me = await tenantDb(deps.prisma, ctx.tenantId).user.findFirstOrThrow({ where: { id: ctx.userId } });
      const ok = me.passwordHash ? await verify(me.passwordHash, body.current).catch(() => false) : false;
      if (!ok) return { title: t(locale, M.account), body: html`<p class="error" role="alert">${t(locale, M.wrongCurrent)}</p><p><a href="/app/account">${t(locale, M.account)}</a></p>` };
      await setPassword(deps, ctx, ctx.userId, body.password);
      return { redirect: '/app/sign-in' };
    });
}
