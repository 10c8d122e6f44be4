import { wgs84ToBd09, wgs84ToGcj02 } from '../../geocoding/read.js';
import type { LatLng } from '../../geocoding/read.js';
import type { MAP_APPS } from '../setup/settings-service.js';

export type MapApp = (typeof MAP_APPS)[number];

const enc = encodeURIComponent;
/** 6 decimals ≈ 0.1 m: the datum shift (hundreds of metres) matters, digits beyond do not. */
const short = (v: number) => String(Number(v.toFixed(6)));
const fix = (p: LatLng) => ({ lat: short(p.lat), lng: short(p.lng) });

/**
 * The link that opens the tenant's map app with a route to a stop. Our coordinates are WGS-84
 * (GPS, 天地图; AMap geocodes are converted on the way in, src/geocoding/adapters.ts). Each app
 * is given the datum it works in and told which one it got, so the pin lands on the door and
 * not a few hundred metres off:
 * - 高德 `amapuri://route/plan/`: GCJ-02, `dev=0` (coordinates already offset, do not shift again);
 * - 百度 `baidumap://map/direction`: BD-09, `coord_type=bd09ll`;
 * - 腾讯 `qqmap://map/routeplan`: `tocoord` in GCJ-02 (Tencent's own datum; the app scheme has no
 *   coord_type, only the web URI API does, where 2 = Tencent is the default); `fromcoord` is required:
 *   `CurrentLocation` starts from where the phone is;
 * - `geo:` (RFC 5870): WGS-84, any Android map app.
 * Outside mainland China no app offsets, and neither do the conversions.
 */
export function navigationUrl(
  app: MapApp,
  stop: { lat: number | null; lng: number | null; name?: string | null },
): string | null {
  const { lat, lng } = stop;
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  const label = stop.name ?? '';
  switch (app) {
    case 'amap': {
      const g = fix(wgs84ToGcj02(lat, lng));
      return `amapuri://route/plan/?dlat=${g.lat}&dlon=${g.lng}&dname=${enc(label)}&dev=0&t=0&sourceApplication=eldercare`;
    }
    case 'baidu': {
      const b = fix(wgs84ToBd09(lat, lng));
      return `baidumap://map/direction?destination=${enc(`latlng:${b.lat},${b.lng}|name:${label}`)}&coord_type=bd09ll&mode=driving&src=eldercare`;
    }
    case 'qq': {
      const g = fix(wgs84ToGcj02(lat, lng));
      return `qqmap://map/routeplan?type=drive&fromcoord=CurrentLocation&tocoord=${g.lat},${g.lng}&to=${enc(label)}&referer=eldercare`;
    }
    default: {
      const w = fix({ lat, lng });
      return `geo:${w.lat},${w.lng}?q=${w.lat},${w.lng}(${enc(label)})`;
    }
  }
}
