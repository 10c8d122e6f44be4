import fc from 'fast-check';
import type { ZodType } from 'zod';

/**
 * fast-check arbitraries generated from a route's zod schemas: values of the right shape (so a
 * request gets past the first field and reaches the rules behind it), mixed with the inputs a
 * fuzz pass found 500s with — NUL bytes, lone surrogates, null, far dates, negative, fractional
 * and huge numbers, and other types.
 */
interface Def {
  type: string;
  format?: string;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
  shape?: Record<string, ZodType>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: ZodType[];
  valueType?: ZodType;
  left?: ZodType;
  getter?: () => ZodType;
}
const defOf = (s: ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

export interface FuzzPool {
  /** Ids of the caller's own rows (so some requests reach real objects) plus an unknown one. */
  ids: string[];
  /** Codes used in paths (slots, care levels, shift templates). */
  codes: string[];
}

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const NASTY_STRINGS = ['', ' ', 'a\u0000b', '\u0000', 'x\uD800', '\uDC00y', '9999-12-31', '0000-01-01', '+010000-01-01', '2300-01-01', '2026-02-30',
  '2300-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '-1', '1.5', '1e309', 'null', '𝄞 中文', 'x'.repeat(3000)];
const NASTY_VALUES: unknown[] = [null, -1, -0.5, 1.5, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e308, -1e308, true, [], {}, [null], { a: 1 }, ...NASTY_STRINGS];
const DATES = ['2026-12-01', '2026-12-02', '2025-01-31', '1950-05-05', '2030-05-05', '2100-12-31', '1900-01-01'];
const INSTANTS = () => {
  const now = Date.now();
  return [new Date(now - 3_600_000), new Date(now), new Date(now + 86_400_000 * 400), new Date('2036-01-01T00:00:00Z'), new Date('2000-01-01T08:00:00+08:00')]
    .map((d) => d.toISOString());
};

const nasty = fc.constantFrom(...NASTY_VALUES);

function stringArb(d: Def, key: string, pool: FuzzPool): fc.Arbitrary<unknown> {
  if (d.format === 'uuid' || d.format === 'guid') return fc.constantFrom(...pool.ids, UNKNOWN_ID);
  if (d.format === 'datetime') return fc.constantFrom(...INSTANTS());
  if (/date|^from$|^to$|^on$|effective|valid/i.test(key)) return fc.constantFrom(...DATES);
  if (/time|start$|end$/i.test(key)) return fc.constantFrom('10:45', '00:00', '23:59', '24:00', '9:5');
  if (/code|slot/i.test(key)) return fc.constantFrom(...pool.codes, 'x');
  return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('张三', 'lunch', 'day', '13907990001', '360102195005051234'));
}

/** An arbitrary for one schema; `key` is the field name (a hint for dates, times and codes). */
export function arbitraryOf(schema: ZodType, pool: FuzzPool, key = '', depth = 0): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const typed = typedArb(d, pool, key, depth);
  return depth > 4 ? typed : fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: nasty });
}

function typedArb(d: Def, pool: FuzzPool, key: string, depth: number): fc.Arbitrary<unknown> {
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(arbitraryOf(d.innerType!, pool, key, depth), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(arbitraryOf(d.innerType!, pool, key, depth), { nil: null, freq: 4 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return arbitraryOf(d.innerType!, pool, key, depth);
    case 'pipe':
      return arbitraryOf(d.in!, pool, key, depth);
    case 'lazy':
      return arbitraryOf(d.getter!(), pool, key, depth + 1);
    case 'string':
      return stringArb(d, key, pool);
    case 'number':
    case 'int':
      return fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(0, 1, 60, 100, 1000, 0.5, 27.63, 114.03));
    case 'bigint':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries!));
    case 'literal':
      return fc.constantFrom(...d.values!);
    case 'union':
      return fc.oneof(...d.options!.map((o) => arbitraryOf(o, pool, key, depth + 1)));
    case 'intersection':
      return arbitraryOf(d.left!, pool, key, depth + 1);
    case 'array':
      return fc.array(arbitraryOf(d.element!, pool, key, depth + 1), { maxLength: 3 });
    case 'record':
      return fc.dictionary(fc.constantFrom('lunch', 'dinner', 'k\u0000', 'x'), arbitraryOf(d.valueType!, pool, key, depth + 1), { maxKeys: 2 });
    case 'object': {
      const shape = Object.fromEntries(Object.entries(d.shape!).map(([k, v]) => [k, arbitraryOf(v, pool, k, depth + 1)]));
      return fc.record(shape, { requiredKeys: [] });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** A query string by hand: lone surrogates are sent as their raw (invalid) UTF-8 bytes, which URLSearchParams would replace. */
export function queryString(values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    parts.push(`${encodeURIComponent(k)}=${encodeLoose(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function encodeLoose(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // encodeURIComponent refuses lone surrogates: send their 3-byte (CESU-8) form as a client might.
    return [...text].map((ch) => {
      const c = ch.charCodeAt(0);
      if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) return `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(ch);
    }).join('');
  }
}
