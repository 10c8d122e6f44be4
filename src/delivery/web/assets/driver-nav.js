// Links a driver taps at the door. The navigation link itself is built on the server
// (src/delivery/drivers/navigation.ts: each map app gets the datum it expects, GCJ-02 or BD-09) and comes
// with the stop, so it is kept on the phone with the routes and works offline.

/** The stop's navigation link, or null (no coordinates, or routes kept from before the link existed). */
export function navigationUrl(stop) {
  return typeof stop.navigationUrl === 'string' && stop.navigationUrl ? stop.navigationUrl : null;
}

/** A tel: link only for a full number: a masked one (138****5678) would call nobody. */
export function telUrl(phone) {
  if (!phone || phone.includes('*')) return null;
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
