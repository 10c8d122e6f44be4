import type { FieldError } from './errors.js';
import { type Localized, say } from '../i18n/index.js';
import { httpMessages as M } from './messages.js';

/**
 * Text that no field may carry, whatever its schema: NUL (PostgreSQL text cannot store it; it
 * answered 500 on 29 routes) and lone UTF-16 surrogates (PostgreSQL's UTF-8 would store them
 * silently as U+FFFD, changing the text without a word). Checked once, before any schema.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function badTextReason(s: string): Localized | undefined {
  if (s.includes('\u0000')) return say(M.textNul);
  if (LONE_SURROGATE.test(s)) return say(M.textSurrogate);
  return undefined;
}

/** Every string (and object key) in a parsed value that carries bad text, with its field path. */
export function badTextFields(value: unknown, path: string, out: FieldError[] = [], depth = 0): FieldError[] {
  // JSON bodies are size-limited, so depth is bounded anyway; the guard keeps this obviously finite.
  if (out.length >= 20 || depth > 64) return out;
  if (typeof value === 'string') {
    const reason = badTextReason(value);
    if (reason) out.push({ path, message: reason, code: 'invalid_text' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badTextFields(v, `${path}.${i}`, out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyReason = badTextReason(k);
      if (keyReason) out.push({ path: `${path}.${JSON.stringify(k).slice(1, -1)}`, message: keyReason, code: 'invalid_text' });
      else badTextFields(v, `${path}.${k}`, out, depth + 1);
    }
  }
  return out;
}
