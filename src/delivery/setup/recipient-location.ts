import type { Deps } from '../../deps.js';
import { tenantDb } from '../../db/prisma.js';
import { writeAudit } from '../../audit/audit-log.js';
import type { RequestContext } from '../../http/context.js';
import { NotFoundError } from '../../http/errors.js';
import { cursorArgs, toPage } from '../../http/common-schemas.js';
import { placePersonByHand } from '../../people/index.js';
import { DN } from '../messages.js';

type D = Pick<Deps, 'prisma'>;

/** Why a recipient has no trustworthy location (what the manager's list shows). */
function reasonOf(p: { address: string | null; lat: number | null; lng: number | null; geocodeStatus: string | null }) {
  if (p.geocodeStatus === 'low_confidence' || p.geocodeStatus === 'not_found' || p.geocodeStatus === 'failed') return p.geocodeStatus;
  if (p.lat === null || p.lng === null) return p.address ? 'not_geocoded' : 'no_address';
  return 'not_geocoded'; // address changed since its coordinates were set
}

/**
 * Recipients whose door the routes cannot trust: no coordinates, a geocode that failed or found
 * nothing, one below the confidence threshold, or an address not geocoded yet.
 */
export async function listUnlocated(d: D, ctx: RequestContext, q: { limit: number; cursor?: string }) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).recipient.findMany({
    where: {
      person: {
        OR: [
          { lat: null }, { lng: null },
          { geocodeStatus: { in: ['low_confidence', 'not_found', 'failed'] } },
          { geocodeStatus: null, address: { not: null } },
        ],
      },
    },
    include: { person: { select: { id: true, name: true, address: true, lat: true, lng: true, geocodeStatus: true, geocodeConfidence: true, geocodeLevel: true } } },
    ...cursorArgs(q),
  });
  return toPage(rows, q.limit, (r) => ({
    recipientId: r.id, personId: r.person.id, name: r.person.name, address: r.person.address, kitchenId: r.kitchenId,
    lat: r.person.lat, lng: r.person.lng, geocodeStatus: r.person.geocodeStatus, geocodeConfidence: r.person.geocodeConfidence,
    geocodeLevel: r.person.geocodeLevel, reason: reasonOf(r.person),
  }));
}

/** A manager places the door by hand (e.g. on the map): kept until the address changes. */
export async function placeRecipient(d: D, ctx: RequestContext, recipientId: string, at: { lat: number; lng: number }) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const recipient = await db.recipient.findFirst({ where: { id: recipientId }, include: { person: true } });
  if (!recipient) throw new NotFoundError(DN.recipient);
  const before = recipient.person;
  return db.$transaction(async (tx) => {
    const after = await placePersonByHand(tx, before.id, before.address, at);
    await writeAudit(tx, ctx, {
      action: 'recipient.place', entity: 'Person', entityId: before.id,
      before: { lat: before.lat, lng: before.lng, geocodeStatus: before.geocodeStatus }, after: { lat: after.lat, lng: after.lng, geocodeStatus: after.geocodeStatus },
    });
    return { recipientId, personId: after.id, address: after.address, lat: after.lat!, lng: after.lng!, geocodeStatus: 'manual' as const };
  });
}
