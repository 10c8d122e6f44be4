import { z } from 'zod';
import { gcj02ToWgs84 } from './coords.js';
import { confidenceOfLevel, getJson, GeocoderUnavailableError } from './geocoder.js';
import type { Geocoder, GeocodeResult } from './geocoder.js';

export interface HttpGeocoderOptions {
  url: string;
  key: string;
  timeoutMs: number;
}

const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** 天地图 geocoder: GET {url}?ds={"keyWord":"…"}&tk=KEY → {status:"0", location:{lon, lat, score?, level?}}. */
const tiandituAnswer = z.object({
  status: z.string(),
  msg: z.string().optional(),
  location: z.object({ lon: num, lat: num, score: num.optional(), level: z.string().optional() }).optional(),
});

export function tiandituGeocoder(o: HttpGeocoderOptions): Geocoder {
  return {
    provider: 'tianditu',
    async geocode(address): Promise<GeocodeResult> {
      const url = new URL(o.url);
      url.searchParams.set('ds', JSON.stringify({ keyWord: address }));
      url.searchParams.set('tk', o.key);
      const parsed = tiandituAnswer.safeParse(await getJson(url, o.timeoutMs));
      if (!parsed.success) throw new GeocoderUnavailableError('unexpected answer from the Tianditu geocoder');
      const a = parsed.data;
      // 101: empty result; 404: error (documented status values).
      if (a.status === '101' || (a.status === '0' && !a.location)) return { found: false };
      if (a.status !== '0' || !a.location) throw new GeocoderUnavailableError(`Tianditu geocoder status ${a.status}: ${a.msg ?? ''}`);
      const { lon, lat, score, level } = a.location;
      const confidence = score !== undefined ? Math.min(1, Math.max(0, score / 100)) : confidenceOfLevel(level);
      // Tianditu answers in CGCS2000, which equals WGS-84 to well under a metre.
      return { found: true, lat, lng: lon, confidence, level: level ?? null };
    },
  };
}

/** 高德 web service: GET {url}?address=…&key=KEY → {status:"1", count, geocodes:[{location:"lng,lat", level}]} (GCJ-02). */
const amapAnswer = z.object({
  status: z.string(),
  info: z.string().optional(),
  count: z.string().optional(),
  geocodes: z.array(z.object({ location: z.string().regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/), level: z.string().optional() })).optional(),
});

export function amapGeocoder(o: HttpGeocoderOptions): Geocoder {
  return {
    provider: 'amap',
    async geocode(address): Promise<GeocodeResult> {
      const url = new URL(o.url);
      url.searchParams.set('address', address);
      url.searchParams.set('key', o.key);
      url.searchParams.set('output', 'JSON');
      const parsed = amapAnswer.safeParse(await getJson(url, o.timeoutMs));
      if (!parsed.success) throw new GeocoderUnavailableError('unexpected answer from the AMap geocoder');
      const a = parsed.data;
      if (a.status !== '1') throw new GeocoderUnavailableError(`AMap geocoder status ${a.status}: ${a.info ?? ''}`);
      const first = a.geocodes?.[0];
      if (!first) return { found: false };
      const [gLng, gLat] = first.location.split(',').map(Number);
      const { lat, lng } = gcj02ToWgs84(gLat, gLng);
      // Several candidates mean the address was ambiguous: trust the first one less.
      const ambiguity = (a.geocodes?.length ?? 1) > 1 ? 0.8 : 1;
      return { found: true, lat, lng, confidence: confidenceOfLevel(first.level) * ambiguity, level: first.level ?? null };
    },
  };
}

/** The configured geocoder, or undefined when GEOCODER_URL is not set (coordinates then come from files or by hand). */
export function geocoderFromConfig(c: { GEOCODER_URL?: string; GEOCODER_KEY?: string; GEOCODER_KIND: 'tianditu' | 'amap'; GEOCODER_TIMEOUT_MS: number }): Geocoder | undefined {
  if (!c.GEOCODER_URL) return undefined;
  const o = { url: c.GEOCODER_URL, key: c.GEOCODER_KEY ?? '', timeoutMs: c.GEOCODER_TIMEOUT_MS };
  return c.GEOCODER_KIND === 'amap' ? amapGeocoder(o) : tiandituGeocoder(o);
}
