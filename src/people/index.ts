/**
 * The writes other domains legitimately make to the People registry (everything else goes through
 * src/people/routes.ts and service.ts). Geocoding records what it found for an address; delivery
 * places a door by hand on the map. Each takes the caller's tenant-scoped client or transaction.
 */
import type { TenantDb, TenantTx } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';

type Db = TenantDb | TenantTx;

/** The geocoding fields of a person: coordinates and how they came about. */
export type GeocodeFields = Pick<
  Prisma.PersonUpdateManyMutationInput,
  'lat' | 'lng' | 'geocodeStatus' | 'geocodeConfidence' | 'geocodeLevel'
>;

/**
 * Records a geocoding result for `address`, only if it is still the person's address (an edit
 * meanwhile makes the result stale, and the new address is queued on its own). Returns whether it wrote.
 */
export async function recordGeocode(
  db: Db,
  personId: string,
  address: string,
  fields: GeocodeFields,
): Promise<boolean> {
  const res = await db.person.updateMany({
    where: { id: personId, address },
    data: { ...fields, geocodedAddress: address },
  });
  return res.count > 0;
}

/** A manager places a person's door by hand: kept (status `manual`) until the address changes. */
export async function placePersonByHand(
  tx: Db,
  personId: string,
  address: string | null,
  at: { lat: number; lng: number },
) {
  return tx.person.update({
    where: { id: personId },
    data: {
      lat: at.lat,
      lng: at.lng,
      geocodeStatus: 'manual',
      geocodedAddress: address,
      geocodeConfidence: null,
      geocodeLevel: null,
    },
    select: { id: true, address: true, lat: true, lng: true, geocodeStatus: true },
  });
}
