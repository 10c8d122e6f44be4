import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import { stageJob } from '../queues/outbox.js';
import { tenantDb } from '../db/prisma.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import type { RequestContext } from '../http/context.js';
import { AppError, BadRequestError, NotFoundError } from '../http/errors.js';
import { jobId } from '../queues/definitions.js';
import type { ImportRun } from '../generated/prisma/client.js';
import { importLimits } from './limits.js';
import { readSheet, sniffSheet } from './parse.js';
import { firstRejections, saveRejections } from './rejections.js';
import type { Modules } from '../kernel/modules.js';
import { nounMessages } from '../kernel/messages.js';
import { render, say } from '../i18n/index.js';
import { IMP } from './messages.js';
import { readErrorText, storeErrorText } from './stored-text.js';

type RunRow = Omit<ImportRun, 'content'> & { content?: unknown };

/** A run as the API and the pages show it, its sentences rendered in `locale`. */
export function importView(run: RunRow, locale: string) {
  const { content: _c, tenantId: _t, heartbeatAt: _h, error, ...rest } = run;
  const unknownColumnsNote = run.unknownColumns.length
    ? render(locale, say(IMP.unknownColumns, { columns: run.unknownColumns.join(locale === 'en' ? ', ' : '、') }))
    : null;
  return { ...rest, error: error === null ? null : render(locale, readErrorText(error)), unknownColumnsNote };
}

/** The run with the first page of its rejected rows (the rest via GET /imports/{id}/rejections). */
async function reportView(deps: Pick<Deps, 'prisma'>, tenantId: string, run: RunRow, locale: string) {
  const first = await firstRejections(deps, tenantId, run.id, locale);
  return { ...importView(run, locale), rejections: first.items, rejectionsNextCursor: first.nextCursor };
}

/**
 * Stores the upload and queues its processing; the answer is the run to poll. The top of the
 * file is read first (zip sizes, encoding, header row), so a zip bomb or a sheet without
 * recognisable headers is refused here, before anything is stored or queued.
 */
export async function startImport(
  deps: Pick<Deps, 'prisma' | 'queues' | 'config'>, { importers }: Pick<Modules, 'importers'>, ctx: RequestContext, kind: string, fileName: string, content: Buffer,
  locale: string = ctx.locale,
) {
  const importer = importers[kind];
  if (!importer) throw new NotFoundError(nounMessages.importKind, say(IMP.unknownKind, { kind, known: Object.keys(importers).join(', ') }));
  if (!content?.length) throw new BadRequestError(say(IMP.noFile));
  const sheet = await sniffSheet(content, importer.columns, importLimits(deps.config));
  await deps.queues.assertAvailable();
  const fileHash = createHash('sha256').update(content).digest('hex');
  const run = await tenantDb(deps.prisma, ctx.tenantId).$transaction(async (tx) => {
    const created = await tx.importRun.create({
      data: { tenantId: ctx.tenantId, kind, fileName, fileHash, content: new Uint8Array(content), createdBy: ctx.userId, ...sheet },
      omit: { content: true },
    });
    await stageJob(tx, 'people.import', 'people.import', { tenantId: ctx.tenantId, importRunId: created.id }, { jobId: jobId('import', created.id) });
    return created;
  });
  return { ...importView(run, locale), rejections: [], rejectionsNextCursor: null };
}

/** 404 unless the run exists in the caller's tenant. */
export async function assertImport(deps: Pick<Deps, 'prisma'>, ctx: RequestContext, id: string) {
  if (!(await tenantDb(deps.prisma, ctx.tenantId).importRun.findFirst({ where: { id }, select: { id: true } }))) throw new NotFoundError(nounMessages.import);
}

export async function getImport(deps: Pick<Deps, 'prisma'>, ctx: RequestContext, id: string, locale: string = ctx.locale) {
  const run = await tenantDb(deps.prisma, ctx.tenantId).importRun.findFirst({ where: { id }, omit: { content: true } });
  if (!run) throw new NotFoundError(nounMessages.import);
  return reportView(deps, ctx.tenantId, run, locale);
}

/** Import runs, newest first, a page at a time (counts only; rejected rows via the run). */
export async function listImports(deps: Pick<Deps, 'prisma'>, ctx: RequestContext, q: { limit: number; cursor?: string }, locale: string = ctx.locale) {
  const runs = await tenantDb(deps.prisma, ctx.tenantId).importRun.findMany({ ...cursorArgs(q, 'desc'), omit: { content: true } });
  return toPage(runs, q.limit, (r) => importView(r, locale));
}

/** Thrown when another worker is processing the run: BullMQ retries later (and takes over if that worker died). */
export class ImportBusyError extends Error {}

/**
 * Claims the run for this worker: a queued run, or a running one whose heartbeat is stale
 * (its worker died). A run whose worker is alive is not run twice, even when BullMQ thinks
 * that worker's lock expired.
 */
async function claim(deps: Pick<Deps, 'prisma' | 'config'>, tenantId: string, id: string): Promise<boolean> {
  const db = tenantDb(deps.prisma, tenantId);
  // Heartbeats come every 1 000 rows read or written (well under a second each).
  const staleBefore = new Date(Date.now() - deps.config.JOB_LOCK_MS);
  const claimed = await db.importRun.updateMany({
    where: { id, OR: [{ status: 'queued' }, { status: 'running', OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] }] },
    data: { status: 'running', heartbeatAt: new Date(), progress: 0 },
  });
  if (claimed.count === 1) return true;
  const run = await db.importRun.findFirst({ where: { id }, select: { status: true } });
  if (run?.status === 'running') throw new ImportBusyError(`Import ${id} is being processed by another worker.`);
  return false; // done, failed or gone: nothing to do
}

/**
 * Runs an import (called by the people.import job). Safe to re-run: a finished run is left as
 * it is, and the importers themselves are idempotent on their keys. The modules' `afterImport`
 * steps (geocoding the new addresses) follow every finished run.
 */
export async function runImport(
  deps: Pick<Deps, 'prisma' | 'config' | 'queues'>, modules: Pick<Modules, 'importers' | 'afterImport'>, tenantId: string, importRunId: string,
  onProgress: (pct: number) => Promise<void>,
) {
  if (!(await claim(deps, tenantId, importRunId))) return;
  const db = tenantDb(deps.prisma, tenantId);
  const run = await db.importRun.findFirstOrThrow({ where: { id: importRunId } });
  const tenant = await deps.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const importer = modules.importers[run.kind];
  const beat = (data: object = {}) => db.importRun.update({ where: { id: run.id }, data: { ...data, heartbeatAt: new Date() } });
  try {
    const { rows, info } = await readSheet(Buffer.from(run.content), importer.columns, importLimits(deps.config), () => beat().then(() => undefined));
    await beat({ totalRows: rows.length, ...info });
    const headers = Object.fromEntries(Object.entries(info.mappedColumns).map(([header, name]) => [name, header]));
    const actor = { id: tenantId, timeZone: tenant.timeZone, actorUserId: run.createdBy, locale: tenant.locale };
    const summary = await importer.run(deps, actor, rows, async (done) => {
      const pct = rows.length ? Math.floor((done / rows.length) * 100) : 100;
      await beat({ progress: pct });
      await onProgress(pct);
    }, headers);
    await saveRejections(deps, tenantId, run.id, summary.rejections);
    await db.importRun.update({
      where: { id: run.id },
      data: {
        status: 'done', progress: 100, finishedAt: new Date(), heartbeatAt: null,
        created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejections.length,
      },
    });
    for (const after of modules.afterImport) await after(deps, tenantId);
  } catch (err) {
    const final = err instanceof AppError && err.status < 500; // a file that cannot be read will not read better on a retry
    // Kept as catalogue key + params: the report is read later, in its reader's locale.
    const message = storeErrorText(err instanceof AppError ? (err.detail ?? err.title) : say(IMP.jobRetry, { why: (err as Error).message }));
    await db.importRun.update({ where: { id: run.id }, data: final ? { status: 'failed', error: message, finishedAt: new Date(), heartbeatAt: null } : { status: 'queued', error: message, heartbeatAt: null } });
    if (!final) throw err;
  }
}
