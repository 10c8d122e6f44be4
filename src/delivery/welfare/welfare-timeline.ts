import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RequestContext } from '../../http/context.js';
import { NotFoundError } from '../../http/errors.js';
import { notify } from '../../notify/index.js';
import { DN, WM } from '../messages.js';
import { say, type Text } from '../../i18n/index.js';
import { outcomeWord } from '../plans/plan-words.js';

/** The ladder stores short English phrases (codes to the tests and the audit); a person reads them in words. */
const PHRASES: Record<string, Text> = {
  'no phone number': say(WM.noPhone), 'opted out': say(WM.optedOut), 'no channel configured': say(WM.noChannel),
  'a newer not-home has its own ladder': say(WM.newerNotHome), 'alert resolved': say(WM.alertResolved), 'grid worker': say(WM.gridWorker),
};
function phrase(text: string): Text {
  const stopIs = /^stop is (\w+)$/.exec(text);
  return stopIs ? say(WM.stopIs, { outcome: outcomeWord(stopIs[1]) }) : (PHRASES[text] ?? text);
}

export interface TimelineEntry {
  at: Date;
  kind: 'not_home' | 'alert_opened' | 'ladder_step' | 'ladder_stopped' | 'urgent' | 'acknowledged' | 'resolved';
  step?: number;
  reason?: Text | null;
  told?: { audience: string; label: Text | null; channel: string | null; recipient: string | null; status: string | null; sentAt: Date | null; skipped?: Text }[];
}

/**
 * Everything that happened to a welfare alert, in time order: the not-home, each ladder step and
 * who was told on which channel (recipients masked, each message's current status from the
 * outbox), the steps that did not run and why, acknowledgement and resolution.
 */
export async function alertTimeline(d: Pick<Deps, 'prisma'>, ctx: RequestContext, alertId: string): Promise<{ alertId: string; entries: TimelineEntry[] }> {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const alert = await db.welfareAlert.findFirst({ where: { id: alertId }, include: { stop: { select: { outcomeAt: true } } } });
  if (!alert) throw new NotFoundError(DN.alert);
  const steps = await db.welfareLadderStep.findMany({ where: { routeStopId: alert.routeStopId }, orderBy: [{ notHomeAt: 'asc' }, { step: 'asc' }] });
  const messages = new Map((await notify.messagesAbout(d, ctx.tenantId, 'welfare_stop', alert.routeStopId)).map((m) => [m.id, m]));
  const entries: TimelineEntry[] = [];
  if (alert.stop.outcomeAt) entries.push({ at: alert.stop.outcomeAt, kind: 'not_home' });
  entries.push({ at: alert.openedAt, kind: 'alert_opened' });
  for (const s of steps) {
    if (s.status === 'stopped') {
      entries.push({ at: s.at, kind: 'ladder_stopped', step: s.step, reason: s.reason ? phrase(s.reason) : s.reason });
      continue;
    }
    const told = (Array.isArray(s.told) ? s.told : []) as { audience: string; label: string | null; messageId: string | null; skipped?: string }[];
    entries.push({
      at: s.at, kind: 'ladder_step', step: s.step,
      told: told.map((x) => {
        const m = x.messageId ? messages.get(x.messageId) : undefined;
        return { audience: x.audience, label: x.label ? phrase(x.label) : x.label, channel: m?.channel ?? null, recipient: m?.recipient ?? null, status: m?.status ?? null, sentAt: m?.sentAt ?? null, ...(x.skipped ? { skipped: phrase(x.skipped) } : {}) };
      }),
    });
  }
  if (alert.urgentAt) entries.push({ at: alert.urgentAt, kind: 'urgent' });
  if (alert.acknowledgedAt) entries.push({ at: alert.acknowledgedAt, kind: 'acknowledged' });
  if (alert.resolvedAt) entries.push({ at: alert.resolvedAt, kind: 'resolved', reason: alert.resolutionNote });
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { alertId, entries };
}
