import { z } from 'zod';
import type { ZodType } from 'zod';

/**
 * zod → JSON Schema for the OpenAPI document. Response schemas that carry `.meta({ id })` become
 * one entry of components.schemas referred to by $ref (a plan was spelled out in seven answers);
 * request bodies and parameters stay inline (the sweeps and a reader see every field in place).
 */
export type Json = { [key: string]: unknown };

const DEFS = '#/$defs/';
const COMPONENTS = '#/components/schemas/';
/** Formats that say everything zod's generated pattern says; the pattern only bloats the document and misleads example generators. */
const SELF_DESCRIBING_FORMATS = new Set(['uuid', 'date', 'date-time', 'email']);

function convert(schema: ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

function walk(node: unknown, visit: (n: Json) => Json): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, visit));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = walk(v, visit);
  return visit(out);
}

function slim(node: unknown): unknown {
  return walk(node, (n) => {
    if (typeof n.format === 'string' && SELF_DESCRIBING_FORMATS.has(n.format) && typeof n.pattern === 'string') delete n.pattern;
    // z.int()'s safe-integer bounds say nothing a reader needs (and made generators show -9007199254740991).
    if (n.minimum === Number.MIN_SAFE_INTEGER) delete n.minimum;
    if (n.maximum === Number.MAX_SAFE_INTEGER) delete n.maximum;
    return n;
  });
}

/** Replaces every `#/$defs/X` reference by the definition itself (recursively). */
function inline(node: unknown, defs: Record<string, unknown>, depth = 0): unknown {
  if (depth > 20) throw new Error('openapi: a request schema refers to itself; give it no id or keep it out of request bodies');
  return walk(node, (n) => {
    const ref = n.$ref;
    if (typeof ref !== 'string' || !ref.startsWith(DEFS)) return n;
    const { $ref: _ref, ...rest } = n;
    return { ...(inline(defs[ref.slice(DEFS.length)], defs, depth + 1) as Json), ...rest };
  });
}

/** The schemas shared between operations: components.schemas of the document. */
export class SchemaComponents {
  readonly schemas: Record<string, unknown> = {};
  private readonly texts = new Map<string, string>();

  /** A request body or parameter object schema, inline, with the patterns kept for the example check. */
  input(schema: ZodType): { raw: Json; slim: Json } {
    const { $defs, ...json } = convert(schema, 'input');
    const raw = inline(json, ($defs ?? {}) as Record<string, unknown>) as Json;
    return { raw, slim: slim(raw) as Json };
  }

  /** A response schema; its identified parts are moved to components.schemas. */
  output(schema: ZodType): Json {
    const { $defs, ...json } = convert(schema, 'output');
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) this.add(id, def);
    return this.refs(json) as Json;
  }

  add(id: string, def: unknown): void {
    const value = this.refs(def);
    const text = JSON.stringify(value);
    const known = this.texts.get(id);
    if (known !== undefined && known !== text) throw new Error(`openapi: two different schemas are both called ${id}`);
    this.texts.set(id, text);
    this.schemas[id] = value;
  }

  private refs(node: unknown): unknown {
    return slim(
      walk(node, (n) => (typeof n.$ref === 'string' && n.$ref.startsWith(DEFS) ? { ...n, $ref: COMPONENTS + n.$ref.slice(DEFS.length) } : n)),
    );
  }
}
