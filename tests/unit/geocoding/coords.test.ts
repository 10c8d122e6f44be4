import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  wgs84ToBd09,
  wgs84ToGcj02,
} from '../../../src/geocoding/coords.js';
import type { LatLng } from '../../../src/geocoding/coords.js';

/** Great-circle distance in metres. */
function metres(a: LatLng, b: LatLng): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

// Published reference values of other implementations of the same public algorithm:
// WGS-84 → GCJ-02 from eviltransform's test suite (Shanghai, Shenzhen, Beijing);
// every direction for one point in Beijing (116.404, 39.915, by 天安门) from wandergis/coordtransform's README.
const WGS_GCJ: [string, LatLng, LatLng][] = [
  ['Shanghai', { lat: 31.1774276, lng: 121.5272106 }, { lat: 31.17530398364597, lng: 121.531541859215 }],
  ['Shenzhen', { lat: 22.543847, lng: 113.912316 }, { lat: 22.540796131694766, lng: 113.9171764808363 }],
  ['Beijing', { lat: 39.911954, lng: 116.377817 }, { lat: 39.91334545536069, lng: 116.38404722455657 }],
];
const P = { lat: 39.915, lng: 116.404 };
const BEIJING = {
  wgs84ToGcj02: { lat: 39.91640428150164, lng: 116.41024449916938 },
  wgs84ToBd09: { lat: 39.922699552216216, lng: 116.41662724378733 },
  gcj02ToBd09: { lat: 39.92133699351021, lng: 116.41036949371029 },
  bd09ToGcj02: { lat: 39.90865673957631, lng: 116.39762729119315 },
  gcj02ToWgs84: { lat: 39.91359571849836, lng: 116.39775550083061 },
};

describe('map datums: WGS-84 → GCJ-02 → BD-09', () => {
  it.each(WGS_GCJ)(
    'when a WGS-84 point in %s is converted, then it lands within 1 m of the published GCJ-02 value',
    (_city, wgs, gcj) => {
      const got = wgs84ToGcj02(wgs.lat, wgs.lng);
      expect(metres(got, gcj)).toBeLessThan(1);
      // The shift itself is hundreds of metres — the reason the apps need the right datum.
      expect(metres(wgs, gcj)).toBeGreaterThan(100);
    },
  );

  it('when the Beijing point is converted in every direction, then each result is within 1 m of the published value', () => {
    const fns = { wgs84ToGcj02, wgs84ToBd09, gcj02ToBd09, bd09ToGcj02, gcj02ToWgs84 };
    for (const [name, expected] of Object.entries(BEIJING)) {
      expect(metres(fns[name as keyof typeof fns](P.lat, P.lng), expected), name).toBeLessThan(1);
    }
  });

  it('when a Beijing WGS-84 point goes to BD-09, then it is the GCJ-02 value offset once more, and it comes back within 2 m', () => {
    const [, wgs, gcj] = WGS_GCJ[2];
    const bd = wgs84ToBd09(wgs.lat, wgs.lng);
    expect(metres(bd, gcj02ToBd09(gcj.lat, gcj.lng))).toBeLessThan(1);
    expect(metres(bd, gcj)).toBeGreaterThan(500); // Baidu's own offset on top
    expect(metres(bd09ToWgs84(bd.lat, bd.lng), wgs)).toBeLessThan(2);
  });

  it('when GCJ-02 from the AMap geocoder is turned back into WGS-84, then it is within 2 m of the original', () => {
    for (const [, wgs, gcj] of WGS_GCJ) expect(metres(gcj02ToWgs84(gcj.lat, gcj.lng), wgs)).toBeLessThan(2);
  });

  it('when a point is outside China, then no datum moves it', () => {
    const london = { lat: 51.5074, lng: -0.1278 };
    for (const f of [wgs84ToGcj02, gcj02ToWgs84, gcj02ToBd09, bd09ToGcj02, wgs84ToBd09, bd09ToWgs84])
      expect(f(london.lat, london.lng)).toEqual(london);
    expect(wgs84ToBd09(35.6895, 139.6917)).toEqual({ lat: 35.6895, lng: 139.6917 }); // Tokyo, east of the box
  });
});
