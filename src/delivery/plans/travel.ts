import type { Config } from '../../config.js';
import { haversineMatrix, osrmTableMatrix } from '../../routing/index.js';
import type { LatLon, MatrixResult } from '../../routing/index.js';

export interface TravelMatrix extends MatrixResult {
  source: 'osrm' | 'haversine';
  /** Why OSRM failed, when it was configured and the plan fell back to crow-flies (the plan's view words it). */
  failure?: string;
}

/** Default travel model (SPEC §1): great-circle × 1.3 road factor at 30 km/h. */
export const ROAD_FACTOR = 1.3;
export const SPEED_KMH = 30;

/**
 * Travel times (s) and distances (m) between points: the OSRM `table` service when OSRM_URL is
 * configured, otherwise haversine × road factor. A failing OSRM does not leave the kitchen
 * without routes: the plan falls back to crow-flies and says so.
 */
export async function travelMatrix(points: LatLon[], config: Pick<Config, 'OSRM_URL'>): Promise<TravelMatrix> {
  if (config.OSRM_URL) {
    try {
      return { ...(await osrmTableMatrix(points, { baseUrl: config.OSRM_URL })), source: 'osrm' };
    } catch (err) {
      return { ...haversineMatrix(points, { roadFactor: ROAD_FACTOR, speedKmh: SPEED_KMH }), source: 'haversine', failure: (err as Error).message };
    }
  }
  return { ...haversineMatrix(points, { roadFactor: ROAD_FACTOR, speedKmh: SPEED_KMH }), source: 'haversine' };
}
