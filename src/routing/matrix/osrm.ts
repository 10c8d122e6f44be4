/**
 * OSRM `table` service matrix provider. This is the ONLY routing file doing I/O (HTTP through
 * `fetch`); the solver itself stays pure. Large inputs are split into blocks of
 * sources × destinations of at most `chunkSize` points each, one request per block, so a
 * server's max-table-size limit is never hit. A few blocks are in flight at once (a 500-stop
 * kitchen is 25 blocks at the default size), and every request has a deadline: a server that
 * stops answering fails the call, and the caller falls back, instead of holding a route plan.
 */
import type { LatLon, MatrixResult } from './types.js';

export interface OsrmOptions {
  /** e.g. `http://localhost:5000` (no trailing `/table`). */
  baseUrl: string;
  /** Max sources (and destinations) per request. Default 100. */
  chunkSize?: number;
  /** Routing profile in the URL. Default `driving`. */
  profile?: string;
  /** Injected fetch (default: global fetch). */
  fetch?: typeof fetch;
  /** Blocks requested at the same time. Default 4. */
  concurrency?: number;
  /** Deadline of one block request in ms. Default 20 000. */
  timeoutMs?: number;
}

type BlockOptions = Required<Pick<OsrmOptions, 'baseUrl' | 'profile' | 'fetch' | 'timeoutMs'>>;

interface TableResponse {
  code?: string;
  message?: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
}

const coord = (p: LatLon): string => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, k) => from + k);

async function requestBlock(o: BlockOptions, coords: LatLon[], sources: number[], dests: number[]): Promise<TableResponse> {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/table/v1/${o.profile}/${coords.map(coord).join(';')}` +
    `?sources=${sources.join(';')}&destinations=${dests.join(';')}&annotations=duration,distance`;
  let res: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(o.timeoutMs);
    res = await o.fetch(url, { signal });
    text = await res.text();
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new Error(`OSRM table request failed: no answer within ${o.timeoutMs} ms`);
    throw new Error(`OSRM table request failed: ${(err as Error).message}`);
  }
  let body: TableResponse;
  try {
    body = JSON.parse(text) as TableResponse;
  } catch {
    throw new Error(`OSRM table request failed: HTTP ${res.status} with a non-JSON body`);
  }
  if (body.code !== 'Ok') {
    throw new Error(`OSRM table request failed: code ${body.code ?? '(none)'}${body.message ? ` — ${body.message}` : ''} (HTTP ${res.status})`);
  }
  const shapeOk = (m: unknown): boolean => Array.isArray(m) && m.length === sources.length &&
    m.every((row) => Array.isArray(row) && row.length === dests.length);
  if (!shapeOk(body.durations) || !shapeOk(body.distances)) {
    throw new Error('OSRM table response lacks a durations/distances block of the requested size (annotations=duration,distance)');
  }
  return body;
}

/**
 * Fetches duration (seconds) and distance (metres) matrices for `points` from an OSRM server.
 * Unroutable pairs (`null` in OSRM's answer) become `Infinity`. Throws on a non-`Ok` code.
 */
export async function osrmTableMatrix(points: readonly LatLon[], options: OsrmOptions): Promise<MatrixResult> {
  const chunk = options.chunkSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error('osrmTableMatrix: chunkSize must be a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('osrmTableMatrix: concurrency must be a positive integer');
  const o: BlockOptions = {
    baseUrl: options.baseUrl, profile: options.profile ?? 'driving', fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 20_000,
  };
  const n = points.length;
  const durations = new Float64Array(n * n);
  const distances = new Float64Array(n * n);
  const blocks: { si: number; sCount: number; di: number; dCount: number }[] = [];
  for (let si = 0; si < n; si += chunk) {
    for (let di = 0; di < n; di += chunk) blocks.push({ si, sCount: Math.min(chunk, n - si), di, dCount: Math.min(chunk, n - di) });
  }
  const fetchBlock = async ({ si, sCount, di, dCount }: (typeof blocks)[number]): Promise<void> => {
    // A diagonal block needs its points only once.
    const same = si === di;
    const coords = same ? points.slice(si, si + sCount) : [...points.slice(si, si + sCount), ...points.slice(di, di + dCount)];
    const body = await requestBlock(o, coords, range(0, sCount), same ? range(0, dCount) : range(sCount, dCount));
    for (let a = 0; a < sCount; a++) {
      for (let b = 0; b < dCount; b++) {
        const k = (si + a) * n + (di + b);
        durations[k] = body.durations![a][b] ?? Infinity;
        distances[k] = body.distances![a][b] ?? Infinity;
      }
    }
  };
  // `concurrency` lanes take the next block until none is left; the first failure rejects the call.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < blocks.length) await fetchBlock(blocks[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, blocks.length) }, lane));
  return { size: n, durations, distances };
}
