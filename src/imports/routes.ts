import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParams, page, pageQuery } from '../http/common-schemas.js';
import type { Deps } from '../deps.js';
import type { Modules } from '../kernel/modules.js';
import * as service from './service.js';
import { FIRST_PAGE, rejectionPage } from './rejections.js';
import { requestLocale } from '../http/locale.js';

const tags = ['imports'];

const rejectionSchema = z.object({
  row: z.number().int().describe('Row number in the file, as Excel shows it.'),
  key: z.string().optional().describe('The row\'s key value (ID number), when it had one.'),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

const importRunSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  fileName: z.string(),
  fileHash: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int().describe('Percent of rows processed.'),
  totalRows: z.number().int().describe('Non-blank data rows below the header row.'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  headerRow: z.number().int().nullable().describe('Row that holds the headers (title rows above it are skipped).'),
  encoding: z.string().nullable().describe('xlsx, or the CSV encoding detected: utf-8, utf-8-bom, gb18030, utf-16le/be.'),
  mappedColumns: z.record(z.string(), z.string()).nullable().describe('Header as found in the file → import column.'),
  unknownColumns: z.array(z.string()).describe('Headers that match no import column: their cells are NOT imported.'),
  error: z.string().nullable().describe('Why the run failed (or is being retried), in the reader\'s language.'),
  unknownColumnsNote: z.string().nullable().describe('A sentence naming the unknown columns, in the reader\'s language.'),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

const importReportSchema = importRunSchema.extend({
  rejections: z.array(rejectionSchema).describe(`The first ${FIRST_PAGE} rejected rows, in row order.`),
  rejectionsNextCursor: z.string().nullable().describe('More rejected rows: GET /imports/{id}/rejections?cursor=<this>.'),
}).meta({ id: 'ImportRun' });

/** The kernel's import endpoints; the kinds are the modules' importers (src/modules.ts). */
export function registerImportRoutes(api: ApiRouter, deps: Deps, { importers }: Modules): void {
  api.add(
    { method: 'get', path: '/imports/kinds', operationId: 'listImportKinds', summary: 'Import kinds and their spreadsheet columns', tags,
      access: ['kitchen_manager', 'hospital_coordinator'],
      responses: { 200: { description: 'Kinds', schema: z.object({ items: z.array(z.object({ kind: z.string(), description: z.string(), columns: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), required: z.boolean(), description: z.string() })) })) }) } } },
    async () => ({ body: { items: Object.values(importers).map(({ kind, description, columns }) => ({ kind, description, columns })) } }),
  );

  api.add(
    { method: 'post', path: '/imports/:kind', summary: 'Upload a CSV or XLSX file; processed by a background job', tags,
      description: 'Send multipart/form-data with field `file`, or the file itself as the body (Content-Type text/csv or the XLSX type). Poll GET /imports/{id} for progress and the report.',
      access: ['kitchen_manager', 'hospital_coordinator'], upload: { maxBytes: deps.config.UPLOAD_LIMIT_MB * 1024 * 1024 },
      params: z.strictObject({ kind: z.string().regex(/^[a-z_]+$/) }),
      responses: { 202: { description: 'Accepted; poll the run. The header row, encoding and unknown columns are already known.', schema: importReportSchema } } },
    async ({ ctx, params, req }) => {
      const file = req.file;
      const content = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      const name = file?.originalname ?? String(req.get('x-file-name') ?? `${params.kind}.upload`);
      return { status: 202, body: await service.startImport(deps, { importers }, ctx, params.kind, name, content, requestLocale(req)) };
    },
  );

  api.add(
    { method: 'get', path: '/imports', summary: 'Imports, newest first', tags, access: ['kitchen_manager', 'hospital_coordinator'],
      query: z.strictObject(pageQuery), responses: { 200: { description: 'Runs', schema: page(importRunSchema) } } },
    async ({ ctx, query, req }) => ({ body: await service.listImports(deps, ctx, query, requestLocale(req)) }),
  );

  api.add(
    { method: 'get', path: '/imports/:id', summary: 'Progress and report of an import (accepted and every rejected row)', tags,
      access: ['kitchen_manager', 'hospital_coordinator'], params: idParams,
      responses: { 200: { description: 'Run', schema: importReportSchema } } },
    async ({ ctx, params, req }) => ({ body: await service.getImport(deps, ctx, params.id, requestLocale(req)) }),
  );

  api.add(
    { method: 'get', path: '/imports/:id/rejections', summary: 'Rejected rows of an import, in row order, a page at a time', tags,
      access: ['kitchen_manager', 'hospital_coordinator'], params: idParams,
      query: z.strictObject({
        limit: z.coerce.number().int().min(1).max(1000).default(200),
        cursor: z.coerce.number().int().min(0).optional().describe('The nextCursor of the previous page (a row number).'),
      }),
      responses: { 200: { description: 'Rejected rows', schema: page(rejectionSchema) } } },
    async ({ ctx, params, query, req }) => {
      await service.assertImport(deps, ctx, params.id); // 404 for another tenant's run
      return { body: await rejectionPage(deps, ctx.tenantId, params.id, query, requestLocale(req)) };
    },
  );
}
