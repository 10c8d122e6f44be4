/**
 * What other domains may use of geocoding: the pure datum conversions (delivery builds the
 * drivers' navigation links in the datum each map app expects) and the geocoding bookkeeping of
 * a person write (people's API and import).
 */
export { bd09ToWgs84, gcj02ToBd09, gcj02ToWgs84, outOfChina, wgs84ToBd09, wgs84ToGcj02 } from './coords.js';
export type { LatLng } from './coords.js';
export { locationFields } from './person-location.js';
