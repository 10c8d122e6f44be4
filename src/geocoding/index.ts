/**
 * What other domains may ask of geocoding: queue a person's address to be geocoded (people's
 * writes call it after a new or changed address; it never fails the caller).
 */
export { enqueueGeocode } from './service.js';
