import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { ZodType } from 'zod';
import { type Locale, LOCALES, messageByKey, type Params, say, t, type Text } from '../i18n/index.js';
import { AppError, ValidationError } from './errors.js';
import { errorMessages as E } from '../kernel/messages.js';
import type { FieldError } from './errors.js';
import { badTextFields } from './input-text.js';
import { requestLocale } from './locale.js';
import { httpMessages as M } from './messages.js';

export interface InputSchemas {
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  headers?: ZodType;
}

export interface ParsedInput {
  body: unknown;
  query: unknown;
  params: unknown;
  headers: unknown;
}

/**
 * zod's own sentences (type, size, format) per locale; a schema's own messages are catalogue keys.
 * zod says "expected string, received undefined" for a missing field; a person reads "Required." / "必填。"
 * (the catalogue key, like a schema's own message, so it is rendered for the reader).
 */
const requiredFirst = (map: z.core.$ZodErrorMap): z.core.$ZodErrorMap => (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? M.required.key : map(issue);
const ZOD_LOCALES: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': requiredFirst(z.locales.zhCN().localeError),
  en: requiredFirst(z.locales.en().localeError),
};

/** Is this the sentence of a missing required field, in any locale? (An import page words it for a sheet's cell.) */
export const isRequiredSentence = (message: string): boolean => LOCALES.some((l) => t(l, M.required) === message);

/** Parse options that make zod word its own issues in `locale` (pass to safeParse). */
export function zodLocale(locale: Locale): { error: z.core.$ZodErrorMap } {
  return { error: ZOD_LOCALES[locale] };
}

/**
 * A schema's message is a catalogue key (`.min(1, messages.x.key)`, `ctx.addIssue({ message: key,
 * params })`): it becomes the Localized sentence; any other message is zod's, already in the locale.
 */
export function zodIssuesToFieldErrors(location: string, issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [location, ...issue.path, ...(key ? [key] : [])].map(String).join('.'),
      message: issue.code === 'unrecognized_keys' ? say(M.unknownField, { key: String(key) }) : issueSentence(issue),
      code: issue.code,
    }));
  }).flat();
}

/**
 * A zod issue's sentence (for any caller that words issues itself, e.g. an import's rejected rows):
 * a record key that fails its own schema carries the useful message one level down.
 */
export function issueSentence(issue: z.core.$ZodIssue): Text {
  const inner = issue.code === 'invalid_key' && issue.issues[0]?.message ? issue.issues[0] : issue;
  const message = messageByKey(inner.message);
  if (!message) return inner.message;
  const params = (inner as { params?: Params }).params;
  return say(message, params ?? {});
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: Text) {
    super(415, 'unsupported-media-type', say(E.unsupportedTitle), detail);
  }
}

/** Has the request a body (Content-Length > 0 or chunked)? An empty POST is fine on any route. */
export function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * The one validation middleware: parses body, query, params and headers with the route's zod
 * schemas and keeps the parsed values in res.locals.input (Express 5's req.query is read-only).
 * All failing fields are reported at once. Before any schema: a JSON route refuses a body that
 * is not JSON (415 — a text/plain body used to be read as `{}` and run with every default), and
 * no string anywhere (body, query, path, uploaded file name) may carry NUL or a lone surrogate.
 */
export function validate(schemas: InputSchemas & { json?: boolean }): RequestHandler {
  return (req, res, next) => {
    if (schemas.json && hasBody(req) && !req.is('application/json')) {
      const type = req.get('content-type');
      return next(new UnsupportedMediaTypeError(type ? say(M.jsonOnly, { type }) : say(M.jsonOnlyNoType)));
    }
    const errors: FieldError[] = [];
    const parseOptions = zodLocale(requestLocale(req));
    const input: ParsedInput = { body: undefined, query: undefined, params: undefined, headers: undefined };
    for (const location of ['params', 'query', 'body'] as const) badTextFields(req[location], location, errors);
    if (req.file) badTextFields({ file: req.file.originalname }, 'body', errors);
    if (errors.length) return next(new ValidationError(errors));
    for (const location of ['params', 'query', 'headers', 'body'] as const) {
      const schema = schemas[location];
      if (!schema) continue;
      const raw = location === 'body' ? (req.body ?? {}) : req[location];
      const result = schema.safeParse(raw, parseOptions);
      if (result.success) input[location] = result.data;
      else errors.push(...zodIssuesToFieldErrors(location, result.error.issues));
    }
    if (errors.length) return next(new ValidationError(errors));
    res.locals.input = input;
    next();
  };
}
