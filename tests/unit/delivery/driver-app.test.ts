import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser ES modules without types
import { navigationUrl, telUrl } from '../../../src/delivery/web/assets/driver-nav.js';
// @ts-expect-error plain browser ES modules without types
import { allowed, effective } from '../../../src/delivery/web/assets/driver-state.js';
import { checkOutcomeTime, isPlausible, leftKitchenAt } from '../../../src/delivery/drivers/outcome-service.js';
import { navigationUrl as navServer } from '../../../src/delivery/drivers/navigation.js';
import { wgs84ToBd09 } from '../../../src/geocoding/coords.js';

const stop = { id: 's1', outcome: 'pending', orderStatus: 'active' };
const item = (status: string | null, state = 'pending') => ({ key: Math.random().toString(), state, meta: { stopId: 's1', kind: status ? 'outcome' : 'undo', status } });

describe('driver app: navigation and call links', () => {
  // WGS-84 (what we store) with its published GCJ-02 (eviltransform's Beijing reference point).
  const at = { lat: 39.911954, lng: 116.377817, name: '王 奶奶' };
  const gcj = { lat: 39.91334545536069, lng: 116.38404722455657 };
  const near = (a: string, b: number) => expect(Math.abs(Number(a) - b)).toBeLessThan(0.00001); // ~1 m
  it('when the tenant picks 高德 or 腾讯, then the link carries the GCJ-02 coordinates and says they are already offset', () => {
    const amap = new URL(navServer('amap', at)!);
    expect(amap.protocol).toBe('amapuri:');
    near(amap.searchParams.get('dlat')!, gcj.lat);
    near(amap.searchParams.get('dlon')!, gcj.lng);
    expect(amap.searchParams.get('dev')).toBe('0');
    expect(amap.searchParams.get('dname')).toBe('王 奶奶');
    const qq = navServer('qq', at)!;
    const [lat, lng] = /tocoord=([^&]+)/.exec(qq)![1].split(',');
    near(lat, gcj.lat);
    near(lng, gcj.lng);
    expect(qq).toMatch(/^qqmap:\/\/map\/routeplan\?type=drive&fromcoord=CurrentLocation&/);
  });
  it('when the tenant picks 百度, then the link carries BD-09 and coord_type=bd09ll', () => {
    const url = new URL(navServer('baidu', at)!);
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
    const [lat, lng] = /^latlng:([^,]+),([^|]+)\|name:王 奶奶$/.exec(url.searchParams.get('destination')!)!.slice(1);
    const bd = wgs84ToBd09(at.lat, at.lng);
    near(lat, bd.lat);
    near(lng, bd.lng);
    expect(Math.abs(Number(lat) - gcj.lat)).toBeGreaterThan(0.005); // BD-09 is not GCJ-02
  });
  it('when the app is geo:, or the door is outside China, then the coordinates are the stored WGS-84 ones', () => {
    expect(navServer('geo', { lat: 27.63, lng: 114.03, name: '王 奶奶' })).toBe('geo:27.63,114.03?q=27.63,114.03(%E7%8E%8B%20%E5%A5%B6%E5%A5%B6)');
    expect(navServer('amap', { lat: 51.5074, lng: -0.1278, name: 'x' })).toContain('dlat=51.5074&dlon=-0.1278&');
    expect(navServer('geo', { lat: null, lng: null, name: 'x' })).toBeNull();
  });
  it('when the phone renders a stop, then it uses the link the server built, and none without one', () => {
    expect(navigationUrl({ navigationUrl: 'geo:1,2' })).toBe('geo:1,2');
    expect(navigationUrl({ navigationUrl: null })).toBeNull();
    expect(navigationUrl({})).toBeNull(); // routes kept on the phone from before the link existed
  });
  it('when a number is masked, then there is no tel: link', () => {
    expect(telUrl('138 0000 1234')).toBe('tel:13800001234');
    expect(telUrl('138****1234')).toBeNull();
    expect(telUrl(null)).toBeNull();
  });
});

describe('driver app: the state a stop shows', () => {
  it('when taps wait in the outbox, then they apply in order and a double tap offers nothing new', () => {
    expect(effective(stop, [item('not_home')]).outcome).toBe('not_home');
    expect(allowed('not_home')).toEqual(['delivered', 'refused']);
    expect(effective(stop, [item('not_home'), item('delivered')]).outcome).toBe('delivered');
    expect(allowed('delivered')).toEqual([]);
    expect(effective(stop, [item('refused'), item(null)]).outcome).toBe('pending');
    expect(effective(stop, [item('refused', 'failed')])).toMatchObject({ outcome: 'pending', failed: [expect.anything()] });
  });
});

describe('outcome time rule', () => {
  const depart = new Date('2026-12-02T02:40:00Z');
  const ready = new Date('2026-12-02T02:15:00Z');
  it('when the van leaves a little early, then up to 15 min before the plan counts, never before the food was ready', () => {
    expect(leftKitchenAt({ departAt: depart }, ready).toISOString()).toBe('2026-12-02T02:25:00.000Z');
    expect(leftKitchenAt({ departAt: new Date('2026-12-02T02:20:00Z') }, ready).toISOString()).toBe(ready.toISOString());
  });
  it('when a time is in the future or before departure, then body.at is named; plausible times pass', () => {
    const now = new Date('2026-12-02T03:00:00Z');
    expect(() => checkOutcomeTime(new Date('2026-12-02T03:06:00Z'), ready, 'Asia/Shanghai', now)).toThrow(/invalid fields/);
    expect(() => checkOutcomeTime(new Date('2026-12-02T02:00:00Z'), ready, 'Asia/Shanghai', now)).toThrow();
    expect(() => checkOutcomeTime(new Date('2026-12-02T03:04:00Z'), ready, 'Asia/Shanghai', now)).not.toThrow();
    expect(isPlausible(new Date('2026-12-02T02:50:00Z'), ready, now)).toBe(true);
    expect(isPlausible(null, ready, now)).toBe(false);
  });
});
