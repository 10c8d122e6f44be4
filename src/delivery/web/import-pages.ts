import type { Deps } from '../../deps.js';
import { idParams } from '../../http/common-schemas.js';
import type { RequestContext } from '../../http/context.js';
import { pick, t } from '../../i18n/index.js';
import type { Message } from '../../i18n/index.js';
import type { Modules } from '../../kernel/modules.js';
import { getImport, listImports } from '../../imports/service.js';
import { formatLocalDateTime } from '../../time/index.js';
import { html, raw } from '../../web/html.js';
import type { WebRouter } from '../../web/web-router.js';
import { MANAGERS } from '../setup/http-setup.js';
import { IM } from './recipient-messages.js';
import { isRequiredSentence } from '../../http/validate.js';

export const IMPORTS_PATH = '/app/desk/imports';
const KIND_LABEL: Record<string, Message> = { residents: IM.kindResidents, recipients: IM.kindRecipients };
const kindLabel = (locale: string, kind: string) => (KIND_LABEL[kind] ? t(locale, KIND_LABEL[kind]) : kind);
/** A column as a manager knows it: its first (Chinese) header, as the sheets from the county spell it. */
const columnHeader = (importers: Modules['importers'], kind: string, name: string) => importers[kind]?.columns.find((c) => c.name === name)?.aliases[0] ?? name;

/** The schema's sentence for an empty required cell, said the way a manager would. Others come as the importer wrote them. */
const reasonText = (locale: string, message: string) => (isRequiredSentence(message) ? t(locale, IM.emptyCell) : message);

function statusLine(locale: string, run: { status: string; progress: number; error: string | null }) {
  if (run.status === 'queued') return t(locale, IM.queued);
  if (run.status === 'running') return t(locale, IM.running, { progress: run.progress });
  if (run.status === 'failed') return t(locale, IM.failed, { error: run.error ?? '' });
  return t(locale, IM.done);
}

/**
 * The resident import: pick a kind, upload the sheet (the page's script posts it to the
 * POST /imports/{kind} API with the session), then the report page shows accepted counts,
 * rejected rows with their reasons and the columns that were not imported.
 */
export function registerImportPages(web: WebRouter, deps: Deps, { importers }: Modules): void {
  const m = [...MANAGERS];
  web.addNav({ href: IMPORTS_PATH, label: IM.nav, roles: m });

  web.page({ path: IMPORTS_PATH, access: m }, async ({ ctx, locale }) => {
    const runs = await listImports(deps, ctx, { limit: 10 });
    const title = t(locale, IM.title);
    return {
      title,
      scripts: ['delivery/import.js'],
      styles: ['delivery/board.css'],
      messages: pick(locale, IM),
      data: { reportPath: IMPORTS_PATH },
      body: html`<h1>${title}</h1><p class="muted">${t(locale, IM.intro)}</p>
<form id="import-form" class="card stack" method="post" enctype="multipart/form-data">
  <label>${t(locale, IM.kind)}<select name="kind">${Object.keys(importers).map((k) => html`<option value="${k}">${kindLabel(locale, k)}</option>`)}</select></label>
  <label>${t(locale, IM.file)}<input type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
  <button class="primary">${t(locale, IM.upload)}</button>
  <p id="import-error" class="error" role="alert" hidden></p>
</form>
<details class="card"><summary>${t(locale, IM.columns)}</summary>
${Object.values(importers).map((imp) => html`<h3>${kindLabel(locale, imp.kind)}</h3><p>${imp.columns.map((c) => html`<span class="tag ${c.required ? 'warn' : ''}">${c.aliases[0] ?? c.name}${c.required ? html` · ${t(locale, IM.required)}` : ''}</span> `)}</p>`)}
</details>
<section class="card"><h2>${t(locale, IM.history)}</h2>
${runs.items.length ? html`<ul>${runs.items.map((r) => html`<li><a href="${IMPORTS_PATH}/${r.id}">${r.fileName}</a> · ${kindLabel(locale, r.kind)} · ${formatLocalDateTime(r.createdAt, ctx.timeZone)} · ${statusLine(locale, r)}</li>`)}</ul>`
    : html`<p class="muted">${t(locale, IM.noHistory)}</p>`}</section>`,
    };
  });

  web.page({ path: `${IMPORTS_PATH}/:id`, access: m, params: idParams }, async ({ ctx, locale, params }) => reportPage(deps, importers, ctx, locale, params.id));
}

async function reportPage(deps: Deps, importers: Modules['importers'], ctx: RequestContext, locale: string, id: string) {
  const run = await getImport(deps, ctx, id);
  const title = t(locale, IM.report, { file: run.fileName });
  const finished = run.status === 'done' || run.status === 'failed';
  return {
    title,
    scripts: finished ? [] : ['delivery/import.js'],
    styles: ['delivery/board.css'],
    data: { watch: !finished },
    body: html`<h1>${title}</h1>
<section class="card import-report" id="import-report" data-status="${run.status}">
  <p class="${run.status === 'failed' ? 'error' : ''}"><b>${statusLine(locale, run)}</b> · ${kindLabel(locale, run.kind)}</p>
  ${run.headerRow ? html`<p class="muted">${t(locale, IM.headerRow, { row: run.headerRow, encoding: run.encoding ?? '' })}</p>` : ''}
  ${run.unknownColumns.length ? html`<p class="tag warn" id="import-unknown">${t(locale, IM.unknownColumns, { columns: run.unknownColumns.join('、') })}</p>` : ''}
  ${finished ? html`<p><b>${t(locale, IM.accepted, { count: run.created + run.updated + run.unchanged })}</b> / ${t(locale, IM.totalRows)} ${run.totalRows}</p>
  <p id="import-counts">${t(locale, IM.rowsSummary, { created: run.created, updated: run.updated, unchanged: run.unchanged, rejected: run.rejected })}</p>` : ''}
</section>
${run.rejections.length ? html`<section class="card import-report" id="import-rejections"><h2>${t(locale, IM.rejectedRows)}</h2>
<table><thead><tr><th>${t(locale, IM.row)}</th><th>${t(locale, IM.key)}</th><th>${t(locale, IM.problems)}</th></tr></thead><tbody>
${run.rejections.map((r) => html`<tr><td>${r.row}</td><td>${r.key ?? ''}</td><td>${r.errors.map((e) => html`<div><b>${columnHeader(importers, run.kind, e.field)}</b>：${reasonText(locale, e.message)}</div>`)}</td></tr>`)}
</tbody></table>${run.rejectionsNextCursor ? html`<p class="muted">${t(locale, IM.moreRejections)}</p>` : ''}</section>` : ''}
<p><a href="${IMPORTS_PATH}">${raw('&larr;')} ${t(locale, IM.another)}</a></p>`,
  };
}
