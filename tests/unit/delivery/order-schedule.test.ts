import { getNextMillis } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { orderScheduler } from '../../../src/delivery/orders/order-schedule.js';
import { orderDateFor } from '../../../src/delivery/orders/order-service.js';

const tenant = (timeZone: string, orderCutoff = '15:00') => ({ id: '0190a0a0-0000-7000-8000-000000000001', timeZone, orderCutoff });

/** The scheduler's next runs, computed by BullMQ's own cron evaluation from `from`. */
function runs(t: ReturnType<typeof tenant>, from: string, count: number): string[] {
  const { repeat } = orderScheduler(t);
  const out: string[] = [];
  let millis = Date.parse(from);
  for (let i = 0; i < count; i++) {
    millis = getNextMillis(millis, repeat)!;
    out.push(new Date(millis).toISOString());
  }
  return out;
}

describe('orders.generate scheduler', () => {
  it('when the cut-off is 15:30, then the cron pattern says 30 15 in the tenant zone and the id has no colon', () => {
    const s = orderScheduler(tenant('Asia/Shanghai', '15:30'));
    expect(s.repeat).toEqual({ pattern: '30 15 * * *', tz: 'Asia/Shanghai' });
    expect(s.id).not.toContain(':');
    expect(s.template).toEqual({ name: 'orders.generate', data: { tenantId: tenant('x').id } });
  });

  it('when New York springs forward (14 Mar 2027), then the run stays at 15:00 local: 20:00Z before, 19:00Z after', () => {
    expect(runs(tenant('America/New_York'), '2027-03-12T12:00:00Z', 3)).toEqual([
      '2027-03-12T20:00:00.000Z', '2027-03-13T20:00:00.000Z', '2027-03-14T19:00:00.000Z',
    ]);
  });

  it('when New York falls back (7 Nov 2027), then the run stays at 15:00 local: 19:00Z before, 20:00Z after', () => {
    expect(runs(tenant('America/New_York'), '2027-11-06T12:00:00Z', 2)).toEqual(['2027-11-06T19:00:00.000Z', '2027-11-07T20:00:00.000Z']);
  });

  it('when Shanghai (no DST) runs at 15:00, then it is 07:00Z every day', () => {
    expect(runs(tenant('Asia/Shanghai'), '2027-03-12T00:00:00Z', 3)).toEqual([
      '2027-03-12T07:00:00.000Z', '2027-03-13T07:00:00.000Z', '2027-03-14T07:00:00.000Z',
    ]);
  });
});

describe('the date a run prepares', () => {
  it('when the run fires at 15:00 New York on the day before the DST change, then it prepares the DST day itself', () => {
    expect(orderDateFor(new Date('2027-03-13T20:00:00Z'), 'America/New_York')).toBe('2027-03-14');
    expect(orderDateFor(new Date('2027-03-14T19:00:00Z'), 'America/New_York')).toBe('2027-03-15');
  });

  it('when it is already the next day in UTC but not in New York, then the local date decides', () => {
    // 23:30 on 14 Mar in New York is 03:30Z on 15 Mar: tomorrow is still the 15th.
    expect(orderDateFor(new Date('2027-03-15T03:30:00Z'), 'America/New_York')).toBe('2027-03-15');
  });

  it('when it is 07:00Z in Shanghai (15:00 local), then tomorrow is the next calendar day there', () => {
    expect(orderDateFor(new Date('2026-12-31T07:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(orderDateFor(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-01-02');
  });
});
