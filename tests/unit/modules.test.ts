import { describe, expect, it } from 'vitest';
import { composeModules } from '../../src/kernel/modules.js';
import type { DomainModule } from '../../src/kernel/modules.js';
import { modules } from '../../src/modules.js';
import { QUEUE_NAMES } from '../../src/queues/definitions.js';

const noop = async () => undefined;

describe('the composition root (src/modules.ts)', () => {
  it('when the modules are put together, then every queue has its processor and the kernel gets every importer, schedule and recovery step', () => {
    expect(Object.keys(modules.processors).sort()).toEqual([...QUEUE_NAMES].sort());
    expect(Object.keys(modules.importers)).toEqual(['residents', 'recipients']);
    expect(modules.schedules).toHaveLength(3); // delivery's orders, canteen's audit + settlement, voice's tickets
    expect(modules.recovery.map((s) => s.what ?? 'notification outbox')).toEqual([
      'welfare checks',
      'welfare ladder steps',
      'notification outbox',
    ]);
    expect(modules.afterImport).toHaveLength(1);
    // Routes in the order of the OpenAPI document; screens in the order of the navigation bar.
    expect(modules.list.filter((m) => m.routes).map((m) => m.name)).toEqual([
      'tenancy',
      'people',
      'imports',
      'delivery',
      'canteen',
      'nursing',
      'voice',
      'notify',
      'jobs-view',
    ]);
    expect(modules.pageOrder.map((m) => m.name)).toEqual([
      'tenancy',
      'delivery',
      'nursing',
      'canteen',
      'voice',
      'notify',
    ]);
  });
});

describe('composeModules', () => {
  const page = () => undefined;

  it('when two modules process the same queue, then it refuses at start', () => {
    const list: DomainModule[] = [
      { name: 'a', processors: { 'audit.scan': noop } },
      { name: 'b', processors: { 'audit.scan': noop } },
    ];
    expect(() => composeModules(list, { pageOrder: [] })).toThrow(/queue 'audit.scan' has two processors \(b\)/);
  });

  it('when two modules declare the same import kind, then it refuses at start', () => {
    const importer = {
      kind: 'residents',
      description: '',
      columns: [],
      run: async () => ({ created: 0, updated: 0, unchanged: 0, rejections: [] }),
    };
    expect(() =>
      composeModules(
        [
          { name: 'a', importers: [importer] },
          { name: 'b', importers: [importer] },
        ],
        { pageOrder: [] },
      ),
    ).toThrow(/import kind 'residents'/);
  });

  it('when a module with screens is missing from pageOrder, or pageOrder names a module without screens, then it refuses at start', () => {
    const list: DomainModule[] = [{ name: 'a', pages: [page] }, { name: 'b', pages: [page] }, { name: 'c' }];
    expect(() => composeModules(list, { pageOrder: ['a'] })).toThrow(
      /pageOrder must list each module with pages once: a, b/,
    );
    expect(() => composeModules(list, { pageOrder: ['a', 'b', 'c'] })).toThrow(/pageOrder/);
    expect(() => composeModules(list, { pageOrder: ['a', 'b', 'x'] })).toThrow(/'x', which is no module/);
    expect(composeModules(list, { pageOrder: ['b', 'a'] }).pageOrder.map((m) => m.name)).toEqual(['b', 'a']);
  });

  it('when a tenant changes, then syncTenantSchedules runs every module schedule in list order', async () => {
    const calls: string[] = [];
    const sync = (name: string) => async () => void calls.push(name);
    const m = composeModules(
      [
        { name: 'a', schedules: [sync('a1'), sync('a2')] },
        { name: 'b', schedules: [sync('b1')] },
      ],
      { pageOrder: [] },
    );
    await m.syncTenantSchedules({} as never, { id: 't', timeZone: 'Asia/Shanghai', orderCutoff: '15:00' });
    expect(calls).toEqual(['a1', 'a2', 'b1']);
  });
});
