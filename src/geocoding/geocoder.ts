/**
 * One geocoder interface, with adapters for the HTTP geocoders Chinese local governments use
 * (天地图 Tianditu, 高德 AMap). Lives beside routing/ as a foundation module: the person
 * registry owns addresses and coordinates, and delivery (routes, maps) reads them.
 */
export type GeocodeResult =
  | { found: true; lat: number; lng: number; /** 0..1 */ confidence: number; level: string | null }
  | { found: false };

export interface Geocoder {
  /** Provider name, part of the cache key. */
  readonly provider: string;
  /** Resolves an address; throws GeocoderUnavailableError on timeouts and bad answers (retried). */
  geocode(address: string): Promise<GeocodeResult>;
}

export class GeocoderUnavailableError extends Error {}

/**
 * Match level → confidence, for providers that return no score. Only a door-level match is
 * good enough for a driver; a village or a road centroid is a guess to be checked by hand.
 */
const LEVEL_CONFIDENCE: [RegExp, number][] = [
  [/门牌|门址|单元|楼栋|楼层|房间|地名地址|住宅区|兴趣点|poi/i, 0.9],
  [/交叉路口|公交|地铁/, 0.6],
  [/村庄|村|社区/, 0.5],
  [/道路|街道|小巷/, 0.4],
  [/乡镇|开发区|热点商圈/, 0.3],
  [/区县/, 0.2],
  [/市|省|国家/, 0.1],
];

export function confidenceOfLevel(level: string | null | undefined): number {
  if (!level) return 0.4;
  return LEVEL_CONFIDENCE.find(([re]) => re.test(level))?.[1] ?? 0.4;
}

/** The cache key: NFKC, no whitespace or punctuation, so '宣风镇 竹垅村3组' = '宣风镇竹垅村３组。'. */
export function normaliseAddress(address: string): string {
  return address.normalize('NFKC').replace(/[\s,，.。;；:：、'"“”‘’()（）#＃-]+/g, '').trim();
}

/** GET with a deadline; any network error, timeout or non-2xx answer is "unavailable". */
export async function getJson(url: URL, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (err) {
    throw new GeocoderUnavailableError(`geocoder did not answer: ${(err as Error).name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : (err as Error).message}`);
  }
  if (!res.ok) throw new GeocoderUnavailableError(`geocoder answered HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new GeocoderUnavailableError('geocoder answered something that is not JSON');
  }
}
