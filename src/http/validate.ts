import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { ZodType } from 'zod';
import { ValidationError } from './errors.js';
import type { FieldError } from './errors.js';

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

export function zodIssuesToFieldErrors(location: string, issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [location, ...issue.path, ...(key ? [key] : [])].map(String).join('.'),
      message: issue.code === 'unrecognized_keys' ? `Unknown field '${key}'.` : messageOf(issue),
      code: issue.code,
    }));
  }).flat();
}

/** A record key that fails its own schema carries the useful message one level down. */
function messageOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' && issue.issues[0]?.message ? issue.issues[0].message : issue.message;
}

/**
 * The one validation middleware: parses body, query, params and headers with the route's zod
 * schemas and keeps the parsed values in res.locals.input (Express 5's req.query is read-only).
 * All failing fields are reported at once.
 */
export function validate(schemas: InputSchemas): RequestHandler {
  return (req, res, next) => {
    const errors: FieldError[] = [];
    const input: ParsedInput = { body: undefined, query: undefined, params: undefined, headers: undefined };
    for (const location of ['params', 'query', 'headers', 'body'] as const) {
      const schema = schemas[location];
      if (!schema) continue;
      const raw = location === 'body' ? (req.body ?? {}) : req[location];
      const result = schema.safeParse(raw);
      if (result.success) input[location] = result.data;
      else errors.push(...zodIssuesToFieldErrors(location, result.error.issues));
    }
    if (errors.length) return next(new ValidationError(errors));
    res.locals.input = input;
    next();
  };
}
