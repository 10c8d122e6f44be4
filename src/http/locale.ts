import type { Request } from 'express';
import { DEFAULT_LOCALE, type Locale, localeFromAcceptLanguage, resolveLocale } from '../i18n/index.js';

/**
 * The language of an answer. A person in a browser reads their own or their tenant's language
 * (a zh-CN township stays Chinese on an English phone); an integrator's program, signed in with a
 * token or not signed in at all, may choose with Accept-Language — else the tenant's, else zh-CN.
 */
export function requestLocale(req: Request): Locale {
  const ctx = req.ctx;
  if (ctx?.via === 'session') return resolveLocale(ctx.locale);
  return localeFromAcceptLanguage(req.get('accept-language')) ?? resolveLocale(ctx?.locale ?? DEFAULT_LOCALE);
}
