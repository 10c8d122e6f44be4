/**
 * The one message catalogue. Every sentence a user reads is declared with `defineMessages` in the
 * module that owns it (a domain's `messages.ts`) and rendered with `t()` in the reader's locale.
 * Keys are namespaced (`web.signIn.title`); `{name}` placeholders are filled from params.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export interface Message {
  readonly key: string;
  readonly 'zh-CN': string;
  readonly en: string;
}

type Texts = { zh: string; en: string };

const registry = new Map<string, Message>();

/** Declares a namespace of messages; the returned object maps each name to its Message. */
export function defineMessages<K extends string>(namespace: string, texts: Record<K, Texts>): Record<K, Message> {
  const out = {} as Record<K, Message>;
  for (const [name, { zh, en }] of Object.entries(texts) as [K, Texts][]) {
    const key = `${namespace}.${name}`;
    if (registry.has(key)) throw new Error(`Message ${key} is declared twice.`);
    const message = { key, 'zh-CN': zh, en };
    registry.set(key, message);
    out[name] = message;
  }
  return out;
}

/** Every declared message (tests sweep it for untranslated or English-in-zh answers). */
export function allMessages(): Message[] {
  return [...registry.values()];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the locale: an explicit choice (user setting, ?lang), then the tenant's, then zh-CN. */
export function resolveLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const c of candidates) if (isLocale(c)) return c;
  return DEFAULT_LOCALE;
}

/** The first supported language of an Accept-Language header, if any (integrators choose en). */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return undefined;
}

export type Params = Record<string, string | number>;

/** Renders a message in a locale, filling `{name}` placeholders. */
export function t(locale: string, message: Message, params: Params = {}): string {
  const text = message[resolveLocale(locale)];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The texts of some messages in one locale, keyed by message key (shipped to a page's script). */
export function pick(locale: string, messages: Record<string, Message>): Record<string, string> {
  const loc = resolveLocale(locale);
  return Object.fromEntries(Object.values(messages).map((m) => [m.key, m[loc]]));
}
