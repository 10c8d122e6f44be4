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

/** A placeholder's value: plain text or a number, or sentences of their own (labels, a list of labels) rendered in the same locale. */
export type Param = string | number | Localized | Localized[];
export type Params = Record<string, Param>;

/**
 * A sentence decided now and read later, in the reader's locale: an error's detail, a field error,
 * a warning in an answer. The problem middleware and `localize()` render it at the edge.
 */
export class Localized {
  constructor(
    readonly message: Message,
    readonly params: Params = {},
  ) {}
  /** Logs and Error.message read English (developers' language; never shown to a user as such). */
  toString(): string {
    return t('en', this.message, this.params);
  }
  toJSON(): string {
    return this.toString();
  }
}

/** A sentence to render in the reader's locale later (see Localized). */
export function say(message: Message, params: Params = {}): Localized {
  return new Localized(message, params);
}

/** What an error or answer may carry where a user reads it: a catalogue sentence, or text that is data. */
export type Text = string | Localized;

/** Renders a message in a locale, filling `{name}` placeholders. */
export function t(locale: string, message: Message, params: Params = {}): string {
  const text = message[resolveLocale(locale)];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    if (Array.isArray(value)) return value.map((v) => t(locale, v.message, v.params)).join(resolveLocale(locale) === 'zh-CN' ? '、' : ', ');
    return value instanceof Localized ? t(locale, value.message, value.params) : String(value);
  });
}

/** Renders a Text (a Localized sentence, or a catalogue key as zod messages carry them) in a locale. */
export function render(locale: string, text: Text): string {
  if (text instanceof Localized) return t(locale, text.message, text.params);
  const message = registry.get(text);
  return message ? t(locale, message) : text;
}

/** The message declared under a key (zod schemas carry keys as their messages), if any. */
export function messageByKey(key: string): Message | undefined {
  return registry.get(key);
}

/** Renders every Localized inside a JSON-like value (answers, problem extras) in one locale. */
export function localize<T>(value: T, locale: string): T {
  if (value instanceof Localized) return render(locale, value) as T;
  if (Array.isArray(value)) return value.map((v) => localize(v, locale)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v, locale)])) as T;
  }
  return value;
}

/** The texts of some messages in one locale, keyed by message key (shipped to a page's script). */
export function pick(locale: string, messages: Record<string, Message>): Record<string, string> {
  const loc = resolveLocale(locale);
  return Object.fromEntries(Object.values(messages).map((m) => [m.key, m[loc]]));
}
