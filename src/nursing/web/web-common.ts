import { z } from 'zod';
import { tenantDb } from '../../db/prisma.js';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../http/context.js';
import { requestHash, withIdempotency } from '../../http/idempotency.js';
import { t } from '../../i18n/index.js';
import { html } from '../../web/html.js';
import type { SafeHtml } from '../../web/html.js';
import { WM } from './ward-messages.js';

/** The hidden fields every form of the coordinator's screens carries: CSRF token and a one-time key. */
export function formKeys(ctx: RequestContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}"><input type="hidden" name="_key" value="${crypto.randomUUID()}">`;
}

/** The one-time key of a rendered form: a double tap or a re-sent POST runs the write once. */
export const formKey = z.string().regex(/^[\x21-\x7e]{1,200}$/);

/** An optional text field: a form sends '' for an empty input. */
export const blank = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), inner.optional());

/**
 * Runs a form's write once per form key (Post/Redirect/Get): the retry of a form whose answer was
 * lost gets the same redirect instead of a second admission, consent or discharge.
 */
export async function once(deps: Pick<Deps, 'prisma'>, ctx: RequestContext, scope: string, key: string, body: unknown, run: () => Promise<string>) {
  const answer = await withIdempotency(tenantDb(deps.prisma, ctx.tenantId), { tenantId: ctx.tenantId, scope: `${ctx.userId} web ${scope}`, key, hash: requestHash(body) },
    async () => ({ status: 303, body: { redirect: await run() } }));
  return { redirect: (answer.body as { redirect: string }).redirect };
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);

export function genderText(locale: string, g: 'male' | 'female' | null | undefined): string {
  return g ? t(locale, g === 'male' ? WM.male : WM.female) : '';
}

export function statusText(locale: string, s: 'pending' | 'active' | 'ended'): string {
  return t(locale, s === 'pending' ? WM.statusPending : s === 'active' ? WM.statusActive : WM.statusEnded);
}
