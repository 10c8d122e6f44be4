import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser ES modules without types
import { navigationUrl, telUrl } from '../../../src/delivery/web/assets/driver-nav.js';
// @ts-expect-error plain browser ES modules without types
import { allowed, effective } from '../../../src/delivery/web/assets/driver-state.js';
import { checkOutcomeTime, isPlausible, leftKitchenAt } from '../../../src/delivery/outcome-service.js';

const stop = { id: 's1', outcome: 'pending', orderStatus: 'active' };
const item = (status: string | null, state = 'pending') => ({ key: Math.random().toString(), state, meta: { stopId: 's1', kind: status ? 'outcome' : 'undo', status } });

describe('driver app: navigation and call links', () => {
  const at = { lat: 27.63, lng: 114.03, name: '王 奶奶' };
  it('when the tenant picks a map app, then the link opens it at the coordinates', () => {
    expect(navigationUrl('geo', at)).toBe('geo:27.63,114.03?q=27.63,114.03(%E7%8E%8B%20%E5%A5%B6%E5%A5%B6)');
    expect(navigationUrl('amap', at)).toMatch(/^amapuri:\/\/route\/plan\/\?dlat=27\.63&dlon=114\.03&dname=.+&dev=1/);
    expect(navigationUrl('baidu', at)).toMatch(/^baidumap:\/\/map\/direction\?destination=latlng%3A27\.63%2C114\.03.*coord_type=wgs84/);
    expect(navigationUrl('qq', at)).toMatch(/^qqmap:\/\/map\/routeplan\?type=drive&tocoord=27\.63,114\.03/);
    expect(navigationUrl('geo', { name: 'x' })).toBeNull();
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
