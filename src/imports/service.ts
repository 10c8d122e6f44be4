import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import type { RequestContext } from '../http/context.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import { jobId } from '../queues/definitions.js';
import type { ImportRun } from '../generated/prisma/client.js';
import { parseSpreadsheet } from './parse.js';
import { importers } from './registry.js';

export function importView(run: ImportRun) {
  const { content: _c, tenantId: _t, ...rest } = run;
  return rest;
}

/** Stores the upload and queues its processing; the answer is the run to poll. */
export async function startImport(deps: Pick<Deps, 'prisma' | 'queues'>, ctx: RequestContext, kind: string, fileName: string, content: Buffer) {
  if (!importers[kind]) throw new NotFoundError('import kind', `Unknown import kind '${kind}'. Known: ${Object.keys(importers).join(', ')}.`);
  if (!content?.length) throw new BadRequestError('Upload a CSV or XLSX file (multipart field "file", or the raw body).');
  deps.queues.assertAvailable();
  const fileHash = createHash('sha256').update(content).digest('hex');
  const run = await tenantDb(deps.prisma, ctx.tenantId).importRun.create({
    data: { tenantId: ctx.tenantId, kind, fileName, fileHash, content: new Uint8Array(content), createdBy: ctx.userId },
  });
  await deps.queues.add('people.import', { tenantId: ctx.tenantId, importRunId: run.id }, { jobId: jobId('import', run.id) });
  return importView(run);
}

export async function getImport(deps: Pick<Deps, 'prisma'>, ctx: RequestContext, id: string) {
  const run = await tenantDb(deps.prisma, ctx.tenantId).importRun.findFirst({ where: { id } });
  if (!run) throw new NotFoundError('import');
  return importView(run);
}

/** Import runs, newest first, a page at a time. */
export async function listImports(deps: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { limit: number; cursor?: string }) {
  const runs = await tenantDb(deps.prisma, ctx.tenantId).importRun.findMany({ ...cursorArgs(q, 'desc'), omit: { content: true } });
  return toPage(runs, q.limit, (r) => importView(r as ImportRun));
}

/**
 * Runs an import (called by the people.import job). Safe to re-run: a finished run is left as
 * it is, and the importers themselves are idempotent on their keys.
 */
export async function runImport(deps: Pick<Deps, 'prisma'>, tenantId: string, importRunId: string, onProgress: (pct: number) => Promise<void>) {
  const db = tenantDb(deps.prisma, tenantId);
  const run = await db.importRun.findFirst({ where: { id: importRunId } });
  if (!run || run.status === 'done') return;
  const tenant = await deps.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  try {
    const rows = await parseSpreadsheet(Buffer.from(run.content));
    await db.importRun.update({ where: { id: run.id }, data: { status: 'running', totalRows: rows.length, progress: 0 } });
    const summary = await importers[run.kind].run(deps, { id: tenantId, timeZone: tenant.timeZone, actorUserId: run.createdBy }, rows, async (done) => {
      const pct = rows.length ? Math.floor((done / rows.length) * 100) : 100;
      await db.importRun.update({ where: { id: run.id }, data: { progress: pct } });
      await onProgress(pct);
    });
    await db.importRun.update({
      where: { id: run.id },
      data: {
        status: 'done', progress: 100, finishedAt: new Date(),
        created: summary.created, updated: summary.updated, unchanged: summary.unchanged,
        rejected: summary.rejections.length, rejections: summary.rejections as object[],
      },
    });
  } catch (err) {
    const message = (err as Error).message;
    await db.importRun.update({ where: { id: run.id }, data: { status: 'failed', error: message, finishedAt: new Date() } });
    // A file that cannot be read will not read better on a retry.
    if (!(err instanceof BadRequestError)) throw err;
  }
}
