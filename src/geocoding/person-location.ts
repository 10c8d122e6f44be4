/**
 * The geocoding bookkeeping of a person write (API or import): coordinates given with the
 * write are taken as placed by hand; a changed address without them makes the old result
 * stale (status null: to be geocoded, listed as unlocated until then).
 */
export function locationFields(
  before: { address: string | null; lat: number | null; lng: number | null } | null,
  input: { address?: string | null; lat?: number | null; lng?: number | null },
) {
  const address = input.address === undefined ? (before?.address ?? null) : input.address;
  const coordsGiven = input.lat !== undefined && input.lng !== undefined && input.lat !== null && input.lng !== null;
  if (coordsGiven && (input.lat !== before?.lat || input.lng !== before?.lng || address !== before?.address)) {
    return { data: { geocodeStatus: 'manual' as const, geocodedAddress: address, geocodeConfidence: null, geocodeLevel: null }, geocode: false };
  }
  if (address !== (before?.address ?? null) && !coordsGiven) {
    return { data: { geocodeStatus: null, geocodedAddress: null, geocodeConfidence: null, geocodeLevel: null }, geocode: !!address };
  }
  return { data: {}, geocode: false };
}
