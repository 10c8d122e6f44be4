/** A WGS84 point. */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Matrices between the given points, flat row-major `Float64Array`s of `size * size`
 * (entry `[from * size + to]`): ready to pass as `Problem.durations` / `Problem.distances`.
 */
export interface MatrixResult {
  size: number;
  /** Seconds. `Infinity` where no route exists. */
  durations: Float64Array;
  /** Metres. `Infinity` where no route exists. */
  distances: Float64Array;
}
