/** Audit findings for auditors: list and filter, acknowledge with a note, export as CSV. */
import type { Deps } from '../deps.js';
import { inChunks } from '../db/in-chunks.js';
import { tenantDb } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { cursorArgs, toPage } from '../http/common-schemas.js';
import type { AuditFinding } from '../generated/prisma/client.js';
import { maskIdNumber } from '../privacy.js';
import { toCsv } from './csv.js';

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
    inChunks(personIds, (ids) => db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, idNumber: true } })),
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
  if (!row) throw new NotFoundError('finding');
  return view(row, await labels(d, ctx, [row]));
}

export async function acknowledgeFinding(d: D, ctx: RequestContext, id: string, note: string | undefined) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const before = await tx.auditFinding.findFirst({ where: { id } });
    if (!before) throw new NotFoundError('finding');
    if (before.status === 'acknowledged') throw new ConflictError(`Already acknowledged at ${before.ackAt?.toISOString()}.`);
    const after = await tx.auditFinding.update({ where: { id }, data: { status: 'acknowledged', ackBy: ctx.userId, ackAt: new Date(), ackNote: note ?? null } });
    await writeAudit(tx, ctx, { action: 'canteen.finding.acknowledge', entity: 'AuditFinding', entityId: id, before, after });
  });
  return getFinding(d, ctx, id);
}

/** Every finding matching the filter, one line each, evidence as JSON. */
export async function findingsCsv(d: D, ctx: RequestContext, q: FindingFilter): Promise<string> {
  const rows = await tenantDb(d.prisma, ctx.tenantId).auditFinding.findMany({ where: where(q), orderBy: [{ localDate: 'asc' }, { key: 'asc' }] });
  const l = await labels(d, ctx, rows);
  const header = ['id', 'kind', 'severity', 'status', 'local_date', 'person_id', 'person', 'id_number', 'canteen_id', 'canteen', 'meal_ids', 'evidence', 'ack_at', 'ack_note'];
  return toCsv(header, rows.map((f) => {
    const v = view(f, l);
    return [v.id, v.kind, v.severity, v.status, v.localDate, f.personId, v.person?.name, v.person?.idNumber, v.canteenId, v.canteenName,
      v.mealIds.join(' '), JSON.stringify(v.evidence), v.ackAt?.toISOString(), v.ackNote];
  }));
}
