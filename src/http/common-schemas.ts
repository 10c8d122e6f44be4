import { createHash } from 'node:crypto';
import { z } from 'zod';
import { schemaMessages as S } from './messages.js';
import { addDays, CLOCK_SKEW_MS, daysInclusive, isCalendarDate, isInTheFuture, isValidLocalDate, isValidZone, LOCAL_TIME, MAX_LOCAL_DATE, MIN_LOCAL_DATE, today } from '../time/index.js';

/** Shared zod pieces so every route speaks the same formats. */
export const localDate = z
  .string()
  .refine(isCalendarDate, { message: S.calendarDate.key, abort: true })
  .refine(isValidLocalDate, { message: S.dateBetween.key, params: { min: MIN_LOCAL_DATE, max: MAX_LOCAL_DATE } })
  .meta({ format: 'date', example: '2026-12-01' });

/** The latest local date anywhere on Earth right now (UTC+14): "not in the future" without a tenant zone. */
function latestToday(): string {
  return today('Pacific/Kiritimati');
}

/** A local date that has already happened (birth dates, dates of death). */
export const pastLocalDate = localDate
  .refine((d) => d <= latestToday(), { message: S.notFuture.key })
  .meta({ format: 'date', example: '1950-05-05' });

/** An instant with an offset (ISO 8601), as a string. */
export const instantString = z.iso.datetime({ offset: true });

/** An instant reporting something that already happened: at most CLOCK_SKEW_MS ahead of the server clock. */
export const pastInstantString = instantString.refine((s) => !isInTheFuture(new Date(s)), {
  message: S.instantNotFuture.key, params: { minutes: CLOCK_SKEW_MS / 60_000 },
});

/** An instant at most `days` days ahead of now (planned events with a horizon), checked at parse time. */
export function instantWithin(days: number) {
  return instantString.refine((s) => !isInTheFuture(new Date(s), new Date(), days * 86_400_000), {
    message: S.withinDays.key, params: { days },
  });
}

/** A local date at most `days` days after today anywhere on Earth (bookings and plans with a horizon). */
export function localDateWithin(days: number) {
  return localDate
    .refine((d) => !isValidLocalDate(d) || d <= addDays(latestToday(), days), { message: S.withinDays.key, params: { days } })
    .meta({ format: 'date', example: '2026-12-01' });
}

/**
 * Refinement for a `{from, to}` pair of local dates on an object schema: `to` not before `from`
 * and at most `maxDays` days inclusive — checked in the schema, before any handler loops over days.
 */
export function dateRange<T extends Record<string, unknown>>(fromKey: keyof T & string, toKey: keyof T & string, maxDays: number) {
  return (value: T, ctx: z.RefinementCtx) => {
    const from = value[fromKey];
    const to = value[toKey];
    // Bad dates are reported by their own schema; this refinement may still run on them.
    if (typeof from !== 'string' || typeof to !== 'string' || !isValidLocalDate(from) || !isValidLocalDate(to)) return;
    if (to < from) ctx.addIssue({ code: 'custom', path: [toKey], message: S.rangeOrder.key, params: { to: toKey, from: fromKey } });
    else if (daysInclusive(from, to) > maxDays) ctx.addIssue({ code: 'custom', path: [toKey], message: S.rangeLength.key, params: { maxDays } });
  };
}

export const localTime = z.string().regex(LOCAL_TIME, S.localTime.key).meta({ example: '10:45' });

export const timeZone = z.string().refine(isValidZone, { message: S.timeZone.key }).meta({ example: 'Asia/Shanghai' });

export const idParams = z.strictObject({ id: z.uuid() });

/** A 1×1 PNG as a data URL: the OpenAPI example of every image field (a signature, a proof). */
export const EXAMPLE_PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Cursors are opaque: `<id>.<check>`, the check being a digest of the id. A garbled or made-up
 * cursor (a bare uuid, one character changed) is refused with 400 instead of answering an empty
 * "last" page that a client would take for the end of the list. Not a secret: tenant scoping
 * still decides what a cursor can reach.
 */
function cursorCheck(id: string): string {
  return createHash('sha256').update(`cursor:${id}`).digest('base64url').slice(0, 10);
}

export function encodeCursor(id: string): string {
  return `${id}.${cursorCheck(id)}`;
}

const CURSOR = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{10})$/;

/** The id inside a cursor this service issued, or undefined. */
export function decodeCursor(cursor: string): string | undefined {
  const m = CURSOR.exec(cursor);
  return m && cursorCheck(m[1]) === m[2] ? m[1] : undefined;
}

const cursorField = z
  .string()
  .refine((c) => decodeCursor(c) !== undefined, { message: S.cursor.key })
  .transform((c) => decodeCursor(c)!)
  .describe('The nextCursor of the previous page (opaque).');

/** Cursor pagination query fields, with this list's default and largest page size. */
export function pageQueryOf(defaultLimit: number, maxLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    cursor: cursorField.optional(),
  };
}

export const pageQuery = pageQueryOf(50, 200);

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Cursor pagination over uuid v7 ids (time-ordered; `desc` = newest first): fetch limit+1 to know
 * if there is more.
 */
export function cursorArgs(query: { limit: number; cursor?: string }, order: 'asc' | 'desc' = 'asc') {
  return {
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    orderBy: { id: order },
  };
}

export function toPage<T extends { id: string }, R>(rows: T[], limit: number, map: (row: T) => R) {
  const items = rows.slice(0, limit);
  return { items: items.map(map), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * An amount in fen. Bounded so that sums (a year of daily fees on one invoice) stay far inside
 * PostgreSQL's 32-bit integer columns: 1 000 000 fen = 10 000 yuan per item.
 */
export const money = z.number().int().min(0).max(1_000_000).describe('Integer fen (1 yuan = 100 fen), at most 1 000 000.');
