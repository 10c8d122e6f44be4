import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, page, pageQuery } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import { importers } from './registry.js';
import * as service from './service.js';

const tags = ['imports'];

const importRunSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  fileName: z.string(),
  fileHash: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int().describe('Percent of rows processed.'),
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ row: z.number().int(), key: z.string().optional(), errors: z.array(z.object({ field: z.string(), message: z.string() })) })).nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export function registerImportRoutes(api: ApiRouter, deps: Deps): void {
  api.add(
    { method: 'get', path: '/imports/kinds', summary: 'Import kinds and their spreadsheet columns', tags,
      access: ['kitchen_manager', 'hospital_coordinator'],
      responses: { 200: { description: 'Kinds', schema: z.object({ items: z.array(z.object({ kind: z.string(), description: z.string(), columns: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), required: z.boolean(), description: z.string() })) })) }) } } },
    async () => ({ body: { items: Object.values(importers).map(({ kind, description, columns }) => ({ kind, description, columns })) } }),
  );

  api.add(
    { method: 'post', path: '/imports/:kind', summary: 'Upload a CSV or XLSX file; processed by a background job', tags,
      description: 'Send multipart/form-data with field `file`, or the file itself as the body (Content-Type text/csv or the XLSX type). Poll GET /imports/{id} for progress and the report.',
      access: ['kitchen_manager', 'hospital_coordinator'], upload: { maxBytes: deps.config.UPLOAD_LIMIT_MB * 1024 * 1024 },
      params: z.strictObject({ kind: z.string().regex(/^[a-z_]+$/) }),
      responses: { 202: { description: 'Accepted; poll the run', schema: importRunSchema } } },
    async ({ ctx, params, req }) => {
      const file = req.file;
      const content = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const name = file?.originalname ?? String(req.get('x-file-name') ?? `${params.kind}.upload`);
      return { status: 202, body: await service.startImport(deps, ctx, params.kind, name, content) };
    },
  );

  api.add(
    { method: 'get', path: '/imports', summary: 'Imports, newest first', tags, access: ['kitchen_manager', 'hospital_coordinator'],
      query: z.strictObject(pageQuery), responses: { 200: { description: 'Runs', schema: page(importRunSchema) } } },
    async ({ ctx, query }) => ({ body: await service.listImports(deps, ctx, query) }),
  );

  api.add(
    { method: 'get', path: '/imports/:id', summary: 'Progress and report of an import (accepted and every rejected row)', tags,
      access: ['kitchen_manager', 'hospital_coordinator'], params: idParams,
      responses: { 200: { description: 'Run', schema: importRunSchema } } },
    async ({ ctx, params }) => ({ body: await service.getImport(deps, ctx, params.id) }),
  );
}
