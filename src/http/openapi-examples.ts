import type { Json } from './openapi-schema.js';

/**
 * A request-body example built from the JSON Schema of the body: a field's own example
 * (`.meta({ example })` on the zod schema) wins; otherwise a value that its type, format, bounds
 * and pattern accept. Optional fields appear only when they carry an example, so a body where
 * exactly one of several identifiers is allowed shows the one that has it. A body schema may also
 * carry a whole example (`.meta({ example: {...} })`) when its fields depend on each other.
 * tests/int/openapi-examples.int.test.ts sends every example to the API and expects no 400.
 */
export const EXAMPLE_ID = '0193a5c2-7d4e-7b21-9f3a-5c2e8d1b4a60';
const DATE = '2026-12-01';
const INSTANTS = ['2026-12-01T11:30:00+08:00', '2026-12-01T03:30:00Z', '2026-12-01T03:30:00.000Z'];

function explicit(s: Json): { value: unknown } | undefined {
  if ('example' in s) return { value: s.example };
  if (Array.isArray(s.examples) && s.examples.length) return { value: s.examples[0] };
  return undefined;
}

function matches(s: Json, value: string): boolean {
  return typeof s.pattern !== 'string' || new RegExp(s.pattern, 'u').test(value);
}

function stringExample(s: Json): string {
  if (s.format === 'date') return DATE;
  if (s.format === 'date-time') return INSTANTS.find((v) => matches(s, v)) ?? INSTANTS[1];
  if (s.format === 'uuid') return EXAMPLE_ID;
  if (s.format === 'email') return 'wang.fang@example.cn';
  if (s.format === 'uri') return 'https://example.cn/hook';
  const min = typeof s.minLength === 'number' ? s.minLength : 1;
  const max = typeof s.maxLength === 'number' ? s.maxLength : 40;
  const text = '示例'.padEnd(Math.min(Math.max(min, 2), max), '例');
  return text.slice(0, max);
}

function numberExample(s: Json, integer: boolean): number {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  let v = 1;
  if (min !== undefined && v < min) v = min;
  if (max !== undefined && v > max) v = max;
  return v;
}

function typeOf(s: Json): string | undefined {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return t as string | undefined;
}

export function exampleOf(s: Json, depth = 0): unknown {
  const own = explicit(s);
  if (own) return own.value;
  if ('default' in s) return s.default;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null);
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alternatives) return exampleOf(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], depth + 1);
  if (Array.isArray(s.allOf) && s.allOf.length) return exampleOf(Object.assign({}, ...(s.allOf as Json[])), depth + 1);
  if (depth > 12) return undefined;
  switch (typeOf(s)) {
    case 'object': return objectExample(s, depth);
    case 'array': {
      const n = Math.max(typeof s.minItems === 'number' ? s.minItems : 1, 1);
      const items = (s.items ?? {}) as Json;
      return Array.from({ length: n }, () => exampleOf(items, depth + 1));
    }
    case 'string': return stringExample(s);
    case 'integer': return numberExample(s, true);
    case 'number': return numberExample(s, false);
    case 'boolean': return true;
    case 'null': return null;
    default: return undefined;
  }
}

function objectExample(s: Json, depth: number): Json {
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  const out: Json = {};
  for (const [name, p] of Object.entries(props)) {
    if (required.has(name) || explicit(p)) out[name] = exampleOf(p, depth + 1);
  }
  return out;
}
