/** Audit findings for auditors: list and filter, acknowledge with a note, export as CSV. */
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import type { AuditFinding } from '../generated/prisma/client.js';
import { maskIdNumber } from '../privacy.js';
import { t } from '../i18n/index.js';
import { formatLocalDateTime } from '../time/index.js';
import { localisedCsv, type Column } from './csv.js';
import { H } from './csv-headings.js';
import { evidenceText, kindLabel, severityLabel } from './finding-words.js';
import { personLabels } from '../people/read.js';
import { say } from '../i18n/index.js';
import { CM, CN } from './messages.js';

type D = Pick<Deps, 'prisma'>;

export interface FindingFilter {
  kind?: string;
  status?: 'open' | 'acknowledged';
  severity?: 'low' | 'medium' | 'high';
  canteenId?: string;
  personId?: string;
  from?: string;
  to?: string;
}

function where(q: FindingFilter) {
  return {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.canteenId ? { canteenId: q.canteenId } : {}),
    ...(q.personId ? { personId: q.personId } : {}),
    ...(q.from || q.to ? { localDate: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
  };
}

/** Names of the people and canteens findings point at (two small queries, not one per finding). */
async function labels(d: D, ctx: RequestContext, rows: AuditFinding[]) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const personIds = [...new Set(rows.map((r) => r.personId).filter((x): x is string => !!x))];
  const canteenIds = [...new Set(rows.map((r) => r.canteenId).filter((x): x is string => !!x))];
  const [people, canteens] = await Promise.all([
    // The CSV export labels every finding of a filter, which can be a whole district's month.
    personLabels(db, personIds),
    db.canteen.findMany({ where: { id: { in: canteenIds } }, select: { id: true, name: true } }),
  ]);
  const reveal = ctx.roles.includes('admin');
  return {
    person: new Map(people.map((p) => [p.id, { id: p.id, name: p.name, idNumber: reveal ? p.idNumber : maskIdNumber(p.idNumber) }])),
    canteen: new Map(canteens.map((c) => [c.id, c.name])),
  };
}

function view(f: AuditFinding, l: Awaited<ReturnType<typeof labels>>) {
  return {
    id: f.id,
    kind: f.kind,
    severity: f.severity,
    status: f.status,
    person: f.personId ? (l.person.get(f.personId) ?? { id: f.personId, name: null, idNumber: null }) : null,
    canteenId: f.canteenId,
    canteenName: f.canteenId ? (l.canteen.get(f.canteenId) ?? null) : null,
    localDate: f.localDate,
    mealIds: f.mealIds,
    evidence: f.evidence as Record<string, unknown>,
    key: f.key,
    ackBy: f.ackBy,
    ackAt: f.ackAt,
    ackNote: f.ackNote,
    createdAt: f.createdAt,
    lastSeenAt: f.lastSeenAt,
  };
}

export async function listFindings(d: D, ctx: RequestContext, q: FindingFilter & { limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).auditFinding.findMany({ where: where(q), ...cursorArgs(q) });
  const l = await labels(d, ctx, rows);
  return toPage(rows, q.limit, (f) => view(f, l));
}

export async function getFinding(d: D, ctx: RequestContext, id: string) {
  const row = await tenantDb(d.prisma, ctx.tenantId).auditFinding.findFirst({ where: { id } });
  if (!row) throw new NotFoundError(CN.finding);
  return view(row, await labels(d, ctx, [row]));
}

export async function acknowledgeFinding(d: D, ctx: RequestContext, id: string, note: string | undefined) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.auditFinding.findFirst({ where: { id } });
    if (!before) throw new NotFoundError(CN.finding);
    if (before.status === 'acknowledged') throw new ConflictError(say(CM.alreadyAcknowledged, { at: String(before.ackAt?.toISOString()), atLocal: before.ackAt ? formatLocalDateTime(before.ackAt, ctx.timeZone) : '' }));
    const after = await tx.auditFinding.update({ where: { id }, data: { status: 'acknowledged', ackBy: ctx.userId, ackAt: new Date(), ackNote: note ?? null } });
    await writeAudit(tx, ctx, { action: 'canteen.finding.acknowledge', entity: 'AuditFinding', entityId: id, before, after });
  });
  return getFinding(d, ctx, id);
}

/**
 * Every finding matching the filter, one line each: kind, severity and the evidence in words and
 * readable columns (the amount at stake in yuan for zh-CN), the evidence JSON last for machines.
 */
export async function findingsCsv(d: D, ctx: RequestContext, q: FindingFilter): Promise<string> {
  const rows = await tenantDb(d.prisma, ctx.tenantId).auditFinding.findMany({ where: where(q), orderBy: [{ localDate: 'asc' }, { key: 'asc' }] });
  const l = await labels(d, ctx, rows);
  const zh = ctx.locale !== 'en';
  type V = ReturnType<typeof view>;
  const h = (m: (typeof H)[keyof typeof H]) => t(ctx.locale, m);
  const amountOf = (v: V) => {
    const e = v.evidence;
    const n = [e.difference, e.excessSubsidy, e.subsidy].find((x) => typeof x === 'number');
    return typeof n === 'number' ? n : null;
  };
  const columns: Column<V>[] = [
    { key: 'id', label: h(H.id), value: (v) => v.id },
    { key: 'kind', label: h(H.kind), value: (v) => (zh ? kindLabel(ctx.locale, v.kind) : v.kind) },
    { key: 'severity', label: h(H.severity), value: (v) => (zh ? severityLabel(ctx.locale, v.severity) : v.severity) },
    { key: 'status', label: h(H.status), value: (v) => v.status },
    { key: 'local_date', label: h(H.localDate), value: (v) => v.localDate },
    { key: 'person_id', label: h(H.personId), value: (v) => v.person?.id },
    { key: 'person', label: h(H.person), value: (v) => v.person?.name },
    { key: 'id_number', label: h(H.idNumber), value: (v) => v.person?.idNumber },
    { key: 'canteen_id', label: h(H.canteenId), value: (v) => v.canteenId },
    { key: 'canteen', label: h(H.canteen), value: (v) => v.canteenName },
    ...(zh ? [
      { key: 'evidence_text', label: h(H.evidenceText), value: (v: V) => evidenceText(ctx.locale, ctx.timeZone, v.kind, v.evidence) },
      { key: 'amount_fen', label: h(H.amount), value: (v: V) => amountOf(v), fen: true },
      { key: 'meal_count', label: h(H.mealCount), value: (v: V) => v.mealIds.length },
    ] : []),
    { key: 'meal_ids', label: h(H.mealIds), value: (v) => v.mealIds.join(' ') },
    { key: zh ? 'evidence_json' : 'evidence', label: h(H.evidenceJson), value: (v) => JSON.stringify(v.evidence) },
    { key: 'ack_at', label: h(H.ackAt), value: (v) => v.ackAt?.toISOString() },
    { key: 'ack_note', label: h(H.ackNote), value: (v) => v.ackNote },
  ];
  return localisedCsv(ctx.locale, columns, rows.map((f) => view(f, l)));
}
