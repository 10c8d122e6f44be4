/** Matrix providers: crow-flies (pure) and OSRM table (HTTP). */
export type { LatLon, MatrixResult } from './types.js';
export { haversineMatrix, haversineMetres } from './haversine.js';
export type { HaversineOptions } from './haversine.js';
export { osrmTableMatrix } from './osrm.js';
export type { OsrmOptions } from './osrm.js';
