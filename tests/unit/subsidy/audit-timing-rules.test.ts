// The audit's timing checks (issue 16): back-dated meals (recorded long after they were served)
// and slot hopping (one diner in several slots within minutes). Planted ones are found; a clean
// month — every meal recorded a minute after it was served — yields nothing, with every check on.
import { describe, expect, it } from 'vitest';
import { scanFindings, type AuditInput, type AuditMeal } from '../../../src/subsidy/index.js';
import { computeSubsidy } from '../../../src/subsidy/engine.js';
import { toSubsidyPerson } from '../../../src/subsidy/audit-context.js';
import { backDatedCheck, slotHoppingCheck } from '../../../src/subsidy/audit-timing-rules.js';
import { buildScenario, POLICIES, PRICES } from './audit-scenario.js';

const TIMES = { breakfast: '07:30', lunch: '11:30', dinner: '17:30' } as const;
const at = (localDate: string, hhmm: string, plusMinutes = 0) => new Date(Date.parse(`${localDate}T${hhmm}:00+08:00`) + plusMinutes * 60_000);

/** The clean scenario with instants: served at the slot's time, recorded a minute later. */
function timedMonth(): AuditInput {
  const { input } = buildScenario({ plant: false });
  const meals = input.meals.map((m, i) => {
    const servedAt = at(m.localDate, TIMES[m.slot], i % 7); // diners queue: a few minutes apart
    return { ...m, servedAt, recordedAt: new Date(servedAt.getTime() + 60_000) };
  });
  return { ...input, meals };
}

/** A subsidised lunch whose diner ate nothing else that day, had no home meal and was not in hospital. */
function loneLunch(input: AuditInput, skip = 0): AuditMeal {
  const others = (m: AuditMeal) => input.meals.filter((x) => x.personId === m.personId && x.localDate === m.localDate).length;
  const elsewhere = new Set([...input.homeDeliveries, ...input.hospitalStays].map((x) => x.personId));
  return input.meals.filter((m) => m.status === 'active' && m.slot === 'lunch' && m.subsidy > 0 && others(m) === 1 && !elsewhere.has(m.personId))[skip];
}

describe('timing checks', () => {
  it('when every meal was recorded a minute after it was served, then no check reports anything', () => {
    expect(scanFindings(timedMonth())).toEqual([]);
  });

  it('when one meal is recorded 12 days late without an override, another 5 h late with one, and one diner hops slots, then exactly those are found', () => {
    const input = timedMonth();
    const meals = [...input.meals] as AuditMeal[];
    const late = loneLunch(input, 0);
    const overridden = loneLunch(input, 3);
    const hopper = loneLunch(input, 6);
    const replace = (m: AuditMeal, patch: Partial<AuditMeal>) => { meals[meals.indexOf(m)] = { ...m, ...patch }; };
    replace(late, { recordedAt: new Date(late.servedAt!.getTime() + 12 * 86_400_000) });
    replace(overridden, { recordedAt: new Date(overridden.servedAt!.getTime() + 5 * 3_600_000), overrideReason: '停电后补录' });
    // A "breakfast" and a "dinner" one and two minutes after the lunch, priced as checkout would.
    const person = input.persons.find((p) => p.id === hopper.personId)!;
    const policy = POLICIES.find((p) => hopper.localDate >= p.effectiveFrom && (!p.effectiveTo || hopper.localDate <= p.effectiveTo))!;
    for (const [n, slot] of (['breakfast', 'dinner'] as const).entries()) {
      const r = computeSubsidy(policy, toSubsidyPerson(person), { localDate: hopper.localDate, slot, price: PRICES[slot] }, { subsidisedInSlotToday: 0, subsidisedThisMonth: 0 });
      meals.push({
        ...hopper, id: `hop-${slot}`, slot, price: r.price, subsidy: r.subsidy, payable: r.payable, rule: r.rule, basis: r.basis, policyId: policy.id,
        servedAt: new Date(hopper.servedAt!.getTime() + (n + 1) * 60_000), recordedAt: new Date(hopper.servedAt!.getTime() + (n + 2) * 60_000),
      });
    }
    const findings = scanFindings({ ...input, meals });
    expect(findings.map((f) => f.key).sort()).toEqual([
      `back_dated|${late.personId}|${late.localDate}|lunch`,
      `back_dated|${overridden.personId}|${overridden.localDate}|lunch`,
      `slot_hopping|${hopper.personId}|${hopper.localDate}|${hopper.id}`, // keyed by the run's first meal
    ].sort());
    const byKind = (k: string, personId: string) => findings.find((f) => f.kind === k && f.personId === personId)!;
    expect(byKind('back_dated', late.personId)).toMatchObject({ severity: 'high', mealIds: [late.id], evidence: { minutesLate: 12 * 1440, overrideReason: null } });
    expect(byKind('back_dated', overridden.personId)).toMatchObject({ severity: 'medium', evidence: { minutesLate: 300, overrideReason: '停电后补录', toleranceMinutes: 120 } });
    expect(byKind('slot_hopping', hopper.personId)).toMatchObject({
      severity: 'high', mealIds: [hopper.id, 'hop-breakfast', 'hop-dinner'].sort(), evidence: { slots: ['lunch', 'breakfast', 'dinner'], minutesApart: 2 },
    });
  });

  it('when the tenant allows 6 h, then a meal 5 h late is not back-dated; meals without instants are skipped', () => {
    const input = timedMonth();
    const m = loneLunch(input, 1);
    const meals = input.meals.map((x) => (x === m ? { ...x, recordedAt: new Date(x.servedAt!.getTime() + 5 * 3_600_000) } : x));
    expect(backDatedCheck.run({ ...input, meals, lateRecordToleranceMinutes: 360 })).toEqual([]);
    expect(backDatedCheck.run({ ...input, meals })).toHaveLength(1);
    const untimed = meals.map(({ servedAt: _s, recordedAt: _r, ...rest }) => rest);
    expect(backDatedCheck.run({ ...input, meals: untimed })).toEqual([]);
    expect(slotHoppingCheck.run({ ...input, meals: untimed })).toEqual([]);
  });

  it('when a diner buys full-price meals in two slots within minutes, or eats lunch and dinner hours apart, then it is not slot hopping', () => {
    const input = timedMonth();
    const m = loneLunch(input, 2);
    const fullPrice = (slot: 'breakfast' | 'dinner', minutes: number, subsidy = 0): AuditMeal => ({
      ...m, id: `x-${slot}`, slot, price: 800, subsidy, payable: 800 - subsidy, servedAt: new Date(m.servedAt!.getTime() + minutes * 60_000),
    });
    const unsubsidisedPair = [...input.meals.filter((x) => x !== m), { ...m, subsidy: 0, payable: m.price, rule: 'cap_month' }, fullPrice('dinner', 3)];
    expect(slotHoppingCheck.run({ ...input, meals: unsubsidisedPair })).toEqual([]);
    const hoursApart = [...input.meals, fullPrice('dinner', 6 * 60)];
    expect(slotHoppingCheck.run({ ...input, meals: hoursApart })).toEqual([]);
  });
});
