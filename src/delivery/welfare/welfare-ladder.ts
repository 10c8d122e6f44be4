import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { TenantTx } from '../../db/prisma.js';
import { stageJob } from '../../queues/outbox.js';
import { writeAudit } from '../../audit/audit-log.js';
import { logger } from '../../logger.js';
import { notify } from '../../notify/index.js';
import type { Enqueued, TemplateKey } from '../../notify/index.js';
import { jobId } from '../../queues/definitions.js';
import { localTimeOf } from '../../time/index.js';
import { contactsOf } from '../views.js';
import { DS } from '../messages.js';

export const AUDIENCES = ['office', 'grid_worker', 'contact1', 'contact2', 'community_office', 'family'] as const;
type Audience = (typeof AUDIENCES)[number];

export const ladderSchema = z.strictObject({
  steps: z.array(z.strictObject({
    afterSeconds: z.number().int().min(0).max(48 * 3600).describe('Seconds after the not-home tap'),
    audience: z.array(z.enum(AUDIENCES)).min(1).max(AUDIENCES.length),
    urgent: z.boolean().default(false).describe('Urgent: ignores quiet hours and opt-outs, marks the alert urgent, says call 110/120'),
  })).min(1).max(10),
}).refine((l) => l.steps.every((s, i) => i === 0 || s.afterSeconds > l.steps[i - 1].afterSeconds), { path: ['steps'], message: DS.stepsLater.key });
export type Ladder = z.infer<typeof ladderSchema>;

/** The programme's usual ladder: office at once; +15 min first contact and grid worker; +30 second contact and community office; +60 urgent. */
export const DEFAULT_LADDER: Ladder = {
  steps: [
    { afterSeconds: 0, audience: ['office'], urgent: false },
    { afterSeconds: 15 * 60, audience: ['contact1', 'grid_worker', 'family'], urgent: false },
    { afterSeconds: 30 * 60, audience: ['contact2', 'community_office'], urgent: false },
    { afterSeconds: 60 * 60, audience: ['office', 'contact1', 'grid_worker', 'community_office'], urgent: true },
  ],
};

type D = Pick<Deps, 'prisma' | 'queues' | 'config'>;

export async function ladderOf(d: Pick<Deps, 'prisma'>, tenantId: string): Promise<Ladder> {
  const row = await tenantDb(d.prisma, tenantId).deliverySettings.findFirst({ select: { welfareLadder: true } });
  const parsed = row?.welfareLadder ? ladderSchema.safeParse(row.welfareLadder) : null;
  return parsed?.success ? parsed.data : DEFAULT_LADDER;
}

export async function updateLadder(d: Pick<Deps, 'prisma'>, ctx: { tenantId: string; userId: string | null }, ladder: Ladder): Promise<Ladder> {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const before = await ladderOf(d, ctx.tenantId);
  await db.$transaction(async (tx) => {
    const row = await tx.deliverySettings.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, welfareLadder: ladder }, update: { welfareLadder: ladder } });
    await writeAudit(tx, ctx, { action: 'welfare-ladder.update', entity: 'DeliverySettings', entityId: row.id, before, after: ladder });
  });
  return ladderOf(d, ctx.tenantId);
}

const ladderJobId = (stopId: string, notHomeAt: Date, step: number) => jobId('ladder', stopId, notHomeAt.getTime(), step);

/**
 * Schedules every step of a not-home's ladder as a delayed job with a deterministic id (stop, the
 * not-home's time, step): a repeated tap schedules nothing new, a later not-home of the same stop
 * gets a ladder of its own. Each step re-checks the stop when it fires, so nothing is cancelled here.
 */
export async function startWelfareLadder(tx: TenantTx, d: Pick<Deps, 'prisma'>, tenantId: string, routeStopId: string, notHomeAt: Date): Promise<void> {
  const ladder = await ladderOf(d, tenantId);
  for (const [step, s] of ladder.steps.entries()) {
    await stageJob(tx, 'welfare.ladder', 'welfare.ladder', { tenantId, routeStopId, notHomeAt: notHomeAt.toISOString(), step },
      { jobId: ladderJobId(routeStopId, notHomeAt, step), runAt: new Date(notHomeAt.getTime() + s.afterSeconds * 1000) });
  }
}

const TEMPLATE: Record<Audience, TemplateKey> = {
  office: 'welfareOffice', grid_worker: 'welfareGrid', contact1: 'welfareContact', contact2: 'welfareContact', community_office: 'welfareCommunity', family: 'familyNotReached',
};

interface Told { audience: Audience; label: string | null; messageId: string | null; skipped?: string }

/**
 * One step of the ladder. It runs only while the stop is still this not-home and its alert is not
 * resolved; otherwise it records that the ladder stopped and why. Each message has a business key
 * (stop, not-home, step, audience), so a step that runs again — a retry, a duplicate job, a worker
 * killed half-way — enqueues nothing twice; the step row is written last and is unique too.
 */
export async function runLadderStep(d: D, tenantId: string, routeStopId: string, notHomeAt: Date, step: number) {
  const db = tenantDb(d.prisma, tenantId);
  const ladder = await ladderOf(d, tenantId);
  const s = ladder.steps[step];
  if (!s) return { skipped: 'no such step' };
  const stop = await db.routeStop.findFirst({ where: { id: routeStopId }, include: { alert: true, order: { include: { recipient: { include: { person: true } } } } } });
  if (!stop) return { skipped: 'stop gone' };
  const stopReason = stop.outcome !== 'not_home' ? `stop is ${stop.outcome}`
    : stop.outcomeAt?.getTime() !== notHomeAt.getTime() ? 'a newer not-home has its own ladder'
      : stop.alert?.status === 'resolved' ? 'alert resolved' : null;
  if (stopReason) {
    await db.welfareLadderStep.createMany({ data: [{ tenantId, routeStopId, notHomeAt, step, status: 'stopped', reason: stopReason }], skipDuplicates: true });
    return { stopped: stopReason };
  }
  const r = stop.order.recipient;
  const tz = (await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } })).timeZone;
  const payload = { name: r.person.name, address: r.person.address ?? '', time: localTimeOf(notHomeAt, tz) };
  const base = `welfare.${routeStopId}.${notHomeAt.getTime()}.${step}`;
  const common = { payload, urgent: s.urgent, ref: { type: 'welfare_stop', id: routeStopId } };
  const template = (a: Audience): TemplateKey => (s.urgent ? 'welfareUrgent' : TEMPLATE[a]);
  const contacts = contactsOf(r.emergencyContacts);
  const told: Told[] = [];
  const sms = async (a: Audience, key: string, phone: string | null | undefined, label: string | null, locale?: string | null) => {
    if (!phone) return told.push({ audience: a, label, messageId: null, skipped: 'no phone number' });
    const m: Enqueued = await notify.enqueue(d, tenantId, { ...common, businessKey: `${base}.${key}`, channel: 'sms', recipient: phone, recipientLabel: label, template: template(a), locale });
    told.push({ audience: a, label, messageId: m.id, ...(m.status === 'suppressed' ? { skipped: 'opted out' } : {}) });
  };
  for (const a of s.audience) {
    if (a === 'office' || a === 'community_office') {
      const m = await notify.toGroup(d, tenantId, a, { ...common, businessKey: `${base}.${a}`, recipientLabel: a, template: template(a) });
      told.push({ audience: a, label: a, messageId: m?.id ?? null, ...(m ? {} : { skipped: 'no channel configured' }) });
    } else if (a === 'grid_worker') {
      await sms(a, a, r.gridWorkerPhone, r.gridWorkerName ?? 'grid worker');
    } else if (a === 'contact1' || a === 'contact2') {
      const c = contacts[a === 'contact1' ? 0 : 1];
      await sms(a, a, c?.phone, c ? `${c.name}${c.relation ? ` (${c.relation})` : ''}` : null);
    } else {
      for (const f of await notify.subscribers(d, tenantId, r.personId, 'not_reached')) await sms(a, `family.${f.phone}`, f.phone, f.name, f.locale);
    }
  }
  await db.$transaction(async (tx) => {
    const created = await tx.welfareLadderStep.createMany({ data: [{ tenantId, routeStopId, notHomeAt, step, status: 'fired', urgent: s.urgent, told: told as object[] }], skipDuplicates: true });
    if (created.count && s.urgent && stop.alert && !stop.alert.urgentAt) {
      const after = await tx.welfareAlert.update({ where: { id: stop.alert.id }, data: { urgentAt: new Date() } });
      await writeAudit(tx, { tenantId, userId: null }, { action: 'welfare-alert.urgent', entity: 'WelfareAlert', entityId: after.id, before: stop.alert, after });
    }
  });
  logger.info({ routeStopId, step, told: told.length }, 'welfare ladder step fired');
  return { fired: step, told: told.length };
}

/** A not-home older than this was surely followed up by people (as for the welfare checks). */
const RECOVERY_WINDOW_MS = 48 * 3_600_000;

/**
 * Re-queues ladder steps Redis lost: for every not-home of the last 48 h whose alert is not
 * resolved, each step that has not run and has no job gets its job again (same id, due at its
 * time or at once). Steps are idempotent, so running this often is harmless. Returns how many.
 */
export async function requeueLostLadderSteps(d: D, now = new Date()): Promise<number> {
  const stops = await d.prisma.routeStop.findMany({
    where: { outcome: 'not_home', outcomeAt: { gte: new Date(now.getTime() - RECOVERY_WINDOW_MS) }, OR: [{ alert: { is: null } }, { alert: { status: { not: 'resolved' } } }] },
    select: { id: true, tenantId: true, outcomeAt: true }, orderBy: { outcomeAt: 'asc' }, take: 10_000,
  });
  const queue = d.queues.get('welfare.ladder');
  let requeued = 0;
  for (const s of stops) {
    const notHomeAt = s.outcomeAt!;
    const ladder = await ladderOf(d, s.tenantId);
    const done = new Set((await d.prisma.welfareLadderStep.findMany({ where: { routeStopId: s.id, notHomeAt }, select: { step: true } })).map((x) => x.step));
    for (const [step, st] of ladder.steps.entries()) {
      const id = ladderJobId(s.id, notHomeAt, step);
      if (done.has(step) || (await queue.getJob(id))) continue;
      const due = notHomeAt.getTime() + st.afterSeconds * 1000;
      await d.queues.add('welfare.ladder', { tenantId: s.tenantId, routeStopId: s.id, notHomeAt: notHomeAt.toISOString(), step }, { jobId: id, delay: Math.max(0, due - now.getTime()) });
      requeued++;
    }
  }
  return requeued;
}
