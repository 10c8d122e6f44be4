import type { z } from 'zod';
import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import type { RosterRun } from '../../generated/prisma/client.js';
import { resolveLocale, t } from '../../i18n/index.js';
import { notify } from '../../notify/index.js';
import { rosterNoticeMessages as N } from '../messages.js';
import { describeMoves, rosterChanges } from './roster-changes.js';
import type { AideChanges, ChangeItem, Move } from './roster-changes.js';
import { logger } from '../../logger.js';
import type { rosterResultSchema } from './schemas-roster.js';

type D = Pick<Deps, 'prisma' | 'queues'>;
type RunResult = z.infer<typeof rosterResultSchema>;
type Times = Map<string, { startTime: string; endTime: string }>;

/** An SMS is read on a small screen and billed per 70 characters: the first shifts, then "and n more". */
const MAX_LINES = 4;

/**
 * The shifts gained or lost, one line per (date, shift, ward) with its beds, in the reader's
 * language: "12月8日白班（08:00–20:00）骨科病区03床、05床". Patient names stay out: the message may
 * travel through an SMS provider; the aide's page shows the patients.
 */
export function changeSummary(locale: string, items: ChangeItem[], times: Times): string {
  if (!items.length) return t(locale, N.none);
  const groups = new Map<string, { first: ChangeItem; beds: string[] }>();
  for (const c of items) {
    const key = [c.date, c.shiftCode, c.wardName].join('|');
    const g = groups.get(key) ?? groups.set(key, { first: c, beds: [] }).get(key)!;
    const bed = c.bed ? t(locale, N.bed, { bed: c.bed }) : t(locale, N.noBed);
    if (!g.beds.includes(bed)) g.beds.push(bed);
  }
  const lines = [...groups.values()].map(({ first: c, beds }) =>
    t(locale, N.line, {
      date: t(locale, N.date, { month: Number(c.date.slice(5, 7)), day: Number(c.date.slice(8)) }),
      shift: c.shiftName,
      start: times.get(c.shiftCode)?.startTime ?? '',
      end: times.get(c.shiftCode)?.endTime ?? '',
      ward: c.wardName,
      beds: beds.join(t(locale, N.bedSeparator)),
    }),
  );
  const shown = lines.slice(0, MAX_LINES).join(t(locale, N.lineSeparator));
  return lines.length > MAX_LINES
    ? `${shown}${t(locale, N.more, { count: lines.length, more: lines.length - MAX_LINES })}`
    : shown;
}

/**
 * Tells every aide whose shifts a finished roster run changed (gained or lost, including shifts
 * taken off them by sick leave before the re-roster) one message. Called inside the run's commit, so
 * the messages exist if and only if the new roster does; keyed by run and aide, so a job that runs
 * again sends nothing twice, and a second identical run changes nothing and tells nobody.
 */
export async function tellAidesOfChanges(d: D, tenantId: string, run: RosterRun, result: RunResult) {
  const changes = await rosterChanges(d, { tenantId }, run, result);
  return tellAides(d, tenantId, changes, {
    key: (aideId) => `roster-changes.${run.id}.${aideId}`,
    ref: { type: 'roster_run', id: run.id },
  });
}

/** A shift moved by hand (an assignment set or removed, leave taking an aide off shifts). */
export type HandMove = Omit<Move, 'removedBy'> & { shiftStart: Date; removedBy?: Move['removedBy'] };

/**
 * Tells the aides a change made by hand touched, in the same words as a roster run, inside the
 * caller's transaction (in a savepoint: a notice that cannot be written is logged and never undoes
 * the change). Only shifts not yet started count. `key` is one business key per change and aide,
 * so nothing is sent twice for one change.
 */
export async function tellAidesOfHandChanges(d: D, tenantId: string, moves: HandMove[], notice: Notice) {
  const now = new Date();
  const ahead = moves
    .filter((m) => m.shiftStart > now && m.from !== m.to)
    .map((m) => ({ ...m, removedBy: m.removedBy ?? null }));
  if (!ahead.length) return { told: 0, unreachable: 0 };
  return tenantDb(d.prisma, tenantId)
    .$transaction(async () => tellAides(d, tenantId, await describeMoves(d, { tenantId }, ahead), notice))
    .catch((err) => {
      logger.warn(
        { ref: notice.ref, err: (err as Error).message },
        'roster: the aides could not be told of a change by hand',
      );
      return { told: 0, unreachable: 0 };
    });
}

interface Notice {
  key: (aideId: string) => string;
  ref: { type: string; id: string };
}

/**
 * The one way an aide hears of changed shifts: one message per aide, in-app plus SMS when they have
 * a phone and the hospital has SMS set up (notify.toUser), in the aide's language. An aide without
 * a linked (enabled) user cannot be reached and is counted as such.
 */
async function tellAides(d: D, tenantId: string, changes: AideChanges[], notice: Notice) {
  if (!changes.length) return { told: 0, unreachable: 0 };
  const db = tenantDb(d.prisma, tenantId);
  const aides = await db.aide.findMany({
    where: { id: { in: changes.map((c) => c.aideId) } },
    select: { id: true, userId: true },
  });
  const userIds = aides.flatMap((a) => (a.userId ? [a.userId] : []));
  const users = new Map(
    (
      await db.user.findMany({
        where: { id: { in: userIds }, disabledAt: null },
        select: { id: true, phone: true, locale: true },
      })
    ).map((u) => [u.id, u]),
  );
  const userOf = new Map(aides.map((a) => [a.id, a.userId ? users.get(a.userId) : undefined]));
  const tenant = await d.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { locale: true } });
  const times: Times = new Map((await db.shiftTemplate.findMany()).map((s) => [s.code, s]));
  let told = 0;
  let unreachable = 0;
  for (const c of changes) {
    const user = userOf.get(c.aideId);
    if (!user) {
      unreachable++;
      continue;
    }
    const locale = resolveLocale(user.locale, tenant.locale);
    await notify.toUser(
      d,
      tenantId,
      { id: user.id, phone: user.phone, locale, label: c.aideName },
      {
        businessKey: notice.key(c.aideId),
        template: 'rosterChanged',
        ref: notice.ref,
        payload: {
          name: c.aideName,
          gained: changeSummary(locale, c.gained, times),
          lost: changeSummary(locale, c.lost, times),
        },
      },
    );
    told++;
  }
  return { told, unreachable };
}
