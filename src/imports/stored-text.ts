import { Localized, messageByKey, type Param, type Params, render, say, type Text } from '../i18n/index.js';

/**
 * A sentence kept in the database by the background import job (a rejected row's reason, the
 * reason a run failed) as its catalogue key and params, so that it is rendered when read, in the
 * reader's locale. Text that is no catalogue sentence (a library's error, data) is kept as it is.
 */
// A type (not an interface) so that Prisma takes it as a JSON value.
export type StoredText = {
  key: string;
  params: Record<string, StoredParam>;
};
type StoredParam = string | number | StoredText | StoredText[];

function storeParam(p: Param): StoredParam {
  if (Array.isArray(p)) return p.map(storeLocalized);
  return p instanceof Localized ? storeLocalized(p) : p;
}

function storeLocalized(l: Localized): StoredText {
  return { key: l.message.key, params: Object.fromEntries(Object.entries(l.params).map(([k, v]) => [k, storeParam(v)])) };
}

/** A Text as stored: a catalogue sentence (or a zod message that is a catalogue key) as key + params. */
export function storeText(text: Text): StoredText | string {
  if (text instanceof Localized) return storeLocalized(text);
  return messageByKey(text) ? { key: text, params: {} } : text;
}

function isStored(v: unknown): v is StoredText {
  return typeof v === 'object' && v !== null && typeof (v as StoredText).key === 'string' && messageByKey((v as StoredText).key) !== undefined;
}

function readParam(p: StoredParam): Param {
  if (Array.isArray(p)) return p.map((x) => readStored(x));
  return isStored(p) ? readStored(p) : (p as string | number);
}

function readStored(s: StoredText): Localized {
  const params: Params = Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, readParam(v)]));
  return say(messageByKey(s.key)!, params);
}

/** A stored value back as Text (older rows hold plain strings). */
export function readText(stored: unknown): Text {
  if (isStored(stored)) return readStored(stored);
  return typeof stored === 'string' ? stored : String(stored ?? '');
}

/** The error column is a string: a sentence is kept there as JSON of its key and params. */
export function storeErrorText(text: Text): string {
  const s = storeText(text);
  return typeof s === 'string' ? s : JSON.stringify(s);
}

export function readErrorText(stored: string): Text {
  if (!stored.startsWith('{"key":')) return stored;
  try {
    return readText(JSON.parse(stored));
  } catch {
    return stored;
  }
}

/** Renders stored text in a locale. */
export const renderStored = (locale: string, stored: unknown): string => render(locale, readText(stored));
