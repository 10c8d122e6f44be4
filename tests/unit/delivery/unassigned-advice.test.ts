import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/index.js';
import { unassignedAdvice } from '../../../src/delivery/plans/unassigned-advice.js';
import type { AdviceInput } from '../../../src/delivery/plans/unassigned-advice.js';

const window = { start: '10:45', end: '12:00' };
const twoVans = [{ load: 10, capacity: 20, stops: 10, durationS: 100 * 60 }, { load: 10, capacity: 20, stops: 10, durationS: 100 * 60 }];
const doors = (n: number, reason: string, fitsAlone = true) => Array.from({ length: n }, (_, i) => ({ orderId: `o${i}`, reason, fitsAlone, quantity: 1 }));
const input = (over: Partial<AdviceInput>): AdviceInput => ({ unassigned: [], routes: twoVans, vehicleCapacities: [20, 20], window, maxRideMinutes: 90, ...over });
const zh = (x: { message: Parameters<typeof t>[1]; params: Parameters<typeof t>[2] }) => t('zh-CN', x.message, x.params);

describe('unassigned tray advice', () => {
  it('when two vans cannot reach 10 near doors before 12:00, then it says the fleet or window is too small and needs about one more van', () => {
    const a = unassignedAdvice(input({ unassigned: doors(10, 'ride_time') }));
    expect(a.summary).toMatchObject({ kind: 'fleet_time', doors: 10, extraVehicles: 1, extraMinutes: 50 });
    expect(zh(a.summary!.why)).toContain('不是路太远');
    expect(zh(a.summary!.todo)).toBe('需要大约再增加 1 辆车，或把送达时段延长约 50 分钟。');
    expect(zh(a.perOrder.o3.why)).not.toContain('太远');
  });

  it('when 25 doors are left for vans that serve 10 each, then about three more vans are needed', () => {
    const a = unassignedAdvice(input({ unassigned: doors(25, 'time_window') }));
    expect(a.summary!.extraVehicles).toBe(3);
  });

  it('when the vans are full, then it asks for vans by meals (a longer window would not help)', () => {
    const full = [{ load: 20, capacity: 20, stops: 10, durationS: 3600 }, { load: 19, capacity: 20, stops: 9, durationS: 3600 }];
    const a = unassignedAdvice(input({ routes: full, unassigned: [...doors(30, 'capacity')].map((u) => ({ ...u, quantity: 1 })) }));
    expect(a.summary).toMatchObject({ kind: 'fleet_full', meals: 30, extraVehicles: 2, extraMinutes: 0 });
    expect(zh(a.summary!.todo)).toContain('再增加 2 辆车');
  });

  it('when a door is too far even on its own, then it says so and suggests checking its coordinates, with no fleet summary', () => {
    const a = unassignedAdvice(input({ unassigned: doors(1, 'ride_time', false) }));
    expect(a.summary).toBeNull();
    expect(zh(a.perOrder.o0.why)).toBe('路太远：即使直达，热食在路上也会超过 90 分钟。');
    expect(zh(a.perOrder.o0.todo)).toContain('核对地址坐标');
  });

  it('when a recipient has no coordinates or the kitchen no vehicle, then each reason says what to do', () => {
    const a = unassignedAdvice(input({ routes: [], unassigned: [{ orderId: 'x', reason: 'no_location' }, { orderId: 'y', reason: 'no_vehicle' }] }));
    expect(zh(a.perOrder.x.todo)).toContain('补上地址坐标');
    expect(zh(a.perOrder.y.todo)).toContain('添加车辆');
    expect(a.summary).toBeNull();
  });
});

describe('unassigned tray advice per door', () => {
  it('when the vans are full, then each left-out door says so (not "lengthen the window")', () => {
    const full = [{ load: 6, capacity: 6, stops: 6, durationS: 3600 }, { load: 6, capacity: 6, stops: 6, durationS: 3600 }];
    const a = unassignedAdvice(input({ routes: full, vehicleCapacities: [6, 6], unassigned: doors(2, 'time_window') }));
    expect(zh(a.perOrder.o0.why)).toContain('车辆都已装满');
    expect(zh(a.perOrder.o0.todo)).not.toContain('延长送达时段');
  });
});
