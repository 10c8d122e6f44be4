import { z } from 'zod';
import { isValidLocalDate, isValidZone, LOCAL_TIME } from '../time/index.js';

/** Shared zod pieces so every route speaks the same formats. */
export const localDate = z
  .string()
  .refine(isValidLocalDate, { message: 'Expected a calendar date YYYY-MM-DD.' })
  .meta({ format: 'date', example: '2026-12-01' });

export const localTime = z.string().regex(LOCAL_TIME, 'Expected a local time HH:mm.').meta({ example: '10:45' });

export const timeZone = z.string().refine(isValidZone, { message: 'Unknown IANA time zone.' }).meta({ example: 'Asia/Shanghai' });

export const idParams = z.strictObject({ id: z.uuid() });

/** Cursor pagination query fields, with this list's default and largest page size. */
export function pageQueryOf(defaultLimit: number, maxLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    cursor: z.uuid().optional().describe('The nextCursor of the previous page.'),
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
  return { items: items.map(map), nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export const money = z.number().int().min(0).describe('Integer fen (1 yuan = 100 fen).');
