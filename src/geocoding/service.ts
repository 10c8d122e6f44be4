import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import { tenantDb } from '../db/prisma.js';
import type { TenantDb } from '../db/prisma.js';
import { logger } from '../logger.js';
import { jobId } from '../queues/definitions.js';
import { geocoderFromConfig } from './adapters.js';
import { normaliseAddress } from './geocoder.js';
import type { Geocoder, GeocodeResult } from './geocoder.js';
import { addressOf, peopleToGeocode } from '../people/read.js';
import { recordGeocode } from '../people/index.js';

type D = Pick<Deps, 'prisma' | 'config'>;

/** The query sent for an address: the configured region first when the address lacks it. */
export function geocodeQuery(address: string, region: string | undefined): string {
  const a = normaliseAddress(address);
  const r = region ? normaliseAddress(region) : '';
  return r && !a.startsWith(r) ? r + a : a;
}

/**
 * Queues geocoding of a person's address. Never fails the caller: a write to the registry
 * must not depend on Redis or on the geocoder (the person is then listed as unlocated).
 */
export async function enqueueGeocode(deps: Pick<Deps, 'queues' | 'config'>, tenantId: string, personId: string, address: string | null | undefined) {
  if (!address || !deps.config.GEOCODER_URL) return;
  const version = createHash('sha256').update(address).digest('hex').slice(0, 12);
  try {
    await deps.queues.add('geocode.address', { tenantId, personId }, { jobId: jobId('geocode', personId, version) });
  } catch (err) {
    logger.warn({ tenantId, personId, err: (err as Error).message }, 'geocode not queued');
  }
}

/** Queues every person of the tenant whose current address was never geocoded (after an import). */
export async function enqueuePendingGeocodes(deps: Pick<Deps, 'prisma' | 'queues' | 'config'>, tenantId: string) {
  if (!deps.config.GEOCODER_URL) return 0;
  const pending = await peopleToGeocode(tenantDb(deps.prisma, tenantId));
  for (const p of pending) await enqueueGeocode(deps, tenantId, p.id, p.address);
  return pending.length;
}

async function cachedGeocode(db: TenantDb, tenantId: string, geocoder: Geocoder, query: string): Promise<GeocodeResult> {
  const key = { tenantId_provider_query: { tenantId, provider: geocoder.provider, query } };
  const hit = await db.geocodeCache.findUnique({ where: key });
  if (hit) return hit.found ? { found: true, lat: hit.lat!, lng: hit.lng!, confidence: hit.confidence!, level: hit.level } : { found: false };
  const r = await geocoder.geocode(query);
  const data = r.found ? { found: true, lat: r.lat, lng: r.lng, confidence: r.confidence, level: r.level } : { found: false };
  await db.geocodeCache.upsert({ where: key, create: { tenantId, provider: geocoder.provider, query, ...data }, update: data });
  return r;
}

/**
 * Geocodes a person's current address (the geocode.address job). Skips an address already
 * resolved or placed by hand; writes only if the address did not change meanwhile. Timeouts
 * and errors throw (the job retries); `lastAttempt` records the failure instead.
 */
export async function geocodePerson(deps: D, tenantId: string, personId: string, opts: { geocoder?: Geocoder; lastAttempt?: boolean } = {}) {
  const geocoder = opts.geocoder ?? geocoderFromConfig(deps.config);
  if (!geocoder) return;
  const db = tenantDb(deps.prisma, tenantId);
  const person = await addressOf(db, personId);
  if (!person?.address) return;
  if (person.geocodeStatus && person.geocodedAddress === person.address && person.geocodeStatus !== 'failed') return;
  const address = person.address;
  let r: GeocodeResult;
  try {
    r = await cachedGeocode(db, tenantId, geocoder, geocodeQuery(address, deps.config.GEOCODER_REGION));
  } catch (err) {
    if (!opts.lastAttempt) throw err;
    await recordGeocode(db, personId, address, { geocodeStatus: 'failed', geocodeConfidence: null, geocodeLevel: null });
    return;
  }
  const data = r.found
    ? { lat: r.lat, lng: r.lng, geocodeConfidence: r.confidence, geocodeLevel: r.level, geocodeStatus: r.confidence >= deps.config.GEOCODER_MIN_CONFIDENCE ? 'ok' as const : 'low_confidence' as const }
    : { lat: null, lng: null, geocodeConfidence: null, geocodeLevel: null, geocodeStatus: 'not_found' as const };
  // A low-confidence point is kept (a village centre still routes better than nothing) but listed for a manager.
  await recordGeocode(db, personId, address, data);
}
