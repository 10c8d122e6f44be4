/**
 * Crow-flies matrix provider: great-circle distance × a road factor, at a constant speed.
 * Good enough to plan when no road router is available; pure and synchronous.
 */
import type { LatLon, MatrixResult } from './types.js';

export interface HaversineOptions {
  /** Road distance / straight-line distance. Default 1.3. */
  roadFactor?: number;
  /** Average driving speed. Default 30 km/h (town traffic). */
  speedKmh?: number;
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres between two points. */
export function haversineMetres(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Builds duration (seconds) and distance (metres) matrices from coordinates.
 * distance = great-circle × roadFactor; duration = distance / speed.
 */
export function haversineMatrix(points: readonly LatLon[], options: HaversineOptions = {}): MatrixResult {
  const roadFactor = options.roadFactor ?? 1.3;
  const speedMs = (options.speedKmh ?? 30) / 3.6;
  if (!(roadFactor > 0) || !(speedMs > 0)) throw new Error('haversineMatrix: roadFactor and speedKmh must be > 0');
  const n = points.length;
  const durations = new Float64Array(n * n);
  const distances = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = haversineMetres(points[i], points[j]) * roadFactor;
      distances[i * n + j] = distances[j * n + i] = d;
      durations[i * n + j] = durations[j * n + i] = d / speedMs;
    }
  }
  return { size: n, durations, distances };
}
