import type { RegisteredRoute } from './api-router.js';
import { exampleOf } from './openapi-examples.js';
import { deriveOperationId, rolesInWords } from './openapi-names.js';
import { SchemaComponents } from './openapi-schema.js';
import type { Json } from './openapi-schema.js';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` names each field at fault (path such as body.date, with a machine code).',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } },
    },
  },
};

/** The error answers, each once in components.responses, all with the one Problem schema. */
const PROBLEMS: Record<number, [name: string, description: string]> = {
  400: ['BadRequest', 'Invalid input: `errors` names every field (body.*, query.*, params.*, headers.*) at fault.'],
  401: ['Unauthorized', 'No valid bearer token or session.'],
  403: ['Forbidden', 'The caller’s roles do not allow this operation (see **Roles** in its description).'],
  404: ['NotFound', 'No such object in the caller’s tenant.'],
  409: ['Conflict', 'The object’s state does not allow this now (already published, voided, settled…).'],
  413: ['PayloadTooLarge', 'The body or file is larger than allowed.'],
  415: ['UnsupportedMediaType', 'The body has another content type than the operation accepts.'],
  422: ['UnprocessableContent', 'Well-formed but refused by a rule (e.g. an Idempotency-Key reused for another request).'],
  429: ['TooManyRequests', 'Too many requests from this client or account; `Retry-After` says when to try again.'],
  503: ['ServiceUnavailable', 'The database or Redis is unavailable; nothing was saved unless the answer was. Retry (with the same Idempotency-Key).'],
};

function problemResponses() {
  return Object.fromEntries(
    Object.values(PROBLEMS).map(([name, description]) => [
      name,
      { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    ]),
  );
}

/** Which of the documented error answers an operation can give, from what it declares. */
function problemStatuses(route: RegisteredRoute): number[] {
  const write = route.method !== 'get';
  const takesBody = !!route.body || !!route.upload;
  const statuses = [
    [400, takesBody || !!route.query || !!route.params || !!route.idempotent],
    [401, route.access !== 'public'],
    [403, Array.isArray(route.access)],
    [404, !!route.params],
    [409, write],
    [413, takesBody],
    [415, takesBody],
    [422, write || !!route.query || !!route.params],
    [503, true],
  ] as const;
  return statuses.filter(([, applies]) => applies).map(([s]) => s);
}

function parameters(components: SchemaComponents, route: RegisteredRoute) {
  const list: Json[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = components.input(schema).slim as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = s;
      list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  if (route.idempotent) {
    list.push({
      name: 'Idempotency-Key', in: 'header', required: route.idempotent === 'required',
      description: route.idempotent === 'required'
        ? 'Required: a retry with the same key gets the first answer and writes nothing twice.'
        : 'A retry with the same key gets the first answer.',
      schema: { type: 'string', minLength: 1, maxLength: 200 }, example: '5f0c6a2e-0b7d-4c1e-9a43-2d8e61f0b7a9',
    });
  }
  return list;
}

function requestBody(components: SchemaComponents, route: RegisteredRoute) {
  if (route.upload) {
    return {
      required: true,
      content: {
        'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
      },
    };
  }
  if (!route.body) return undefined;
  const { raw, slim } = components.input(route.body);
  return { required: true, content: { 'application/json': { schema: slim, example: exampleOf(raw) } } };
}

function description(route: RegisteredRoute): string {
  const told = route.description?.includes('Idempotency-Key');
  const idempotency = told || !route.idempotent ? '' : route.idempotent === 'required' ? 'Idempotency-Key is required.' : 'Accepts an Idempotency-Key.';
  return [route.description ?? `${route.summary}.`, idempotency, rolesInWords(route.access, route.method)].filter(Boolean).join('\n\n');
}

/** The OpenAPI 3.1 document, generated from the zod schemas every route declares. */
export function buildOpenApi(routes: RegisteredRoute[], info: { title: string; version: string }) {
  const components = new SchemaComponents();
  components.add('Problem', problemSchema);
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Map<string, string>();
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operationId = route.operationId ?? deriveOperationId(route.method, route.path);
    const clash = operationIds.get(operationId);
    if (clash) throw new Error(`openapi: operationId ${operationId} of ${route.method} ${route.path} is already used by ${clash}; declare operationId on one`);
    operationIds.set(operationId, `${route.method} ${route.path}`);
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) {
      // An error a route declares is still the one problem answer (its words are in the description).
      if (PROBLEMS[Number(status)]) {
        responses[status] = { $ref: `#/components/responses/${PROBLEMS[Number(status)][0]}` };
        continue;
      }
      const type = r.contentType ?? 'application/json';
      responses[status] = {
        description: r.description,
        ...(r.schema || type !== 'application/json' ? { content: { [type]: r.schema ? { schema: components.output(r.schema) } : {} } } : {}),
      };
    }
    for (const status of problemStatuses(route)) responses[status] = { $ref: `#/components/responses/${PROBLEMS[status][0]}` };
    const body = requestBody(components, route);
    (paths[path] ??= {})[route.method] = {
      operationId,
      summary: route.summary,
      description: description(route),
      tags: route.tags,
      ...(route.access === 'public' ? { security: [] } : {}),
      'x-roles': route.access,
      parameters: parameters(components, route),
      ...(body ? { requestBody: body } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: components.schemas, responses: problemResponses() },
    security: [{ bearer: [] }],
    paths,
  };
}
