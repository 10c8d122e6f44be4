/**
 * A realistic month (March 2025) of canteen data for the audit scan: 30 people, 3 canteens, a policy
 * version switch on 16 March, statuses that start and end mid-month, a death, hospital stays, home
 * deliveries, a non-resident, voided meals, and February's counts as volume history. Every clean meal
 * is priced by the engine with running usage, exactly as checkout would. With `plant: true`, exactly
 * one anomaly of each finding kind is planted; `plantedKeys` lists the keys the scan must return.
 */
import { computeSubsidy, type MealUsage, type PersonStatus, type SubsidyPolicy } from '../../../src/subsidy/engine.js';
import { DEFAULT_POLICY_RULES, MEAL_SLOTS, type MealSlot } from '../../../src/subsidy/policy-schema.js';
import type { AuditInput, AuditMeal, AuditPerson, CanteenDayCount, HomeDelivery, HospitalStay } from '../../../src/subsidy/audit-types.js';
import { toSubsidyPerson } from '../../../src/subsidy/audit-context.js';

export const PRICES: Record<MealSlot, number> = { breakfast: 800, lunch: 1000, dinner: 800 };
const CANTEENS = ['c1', 'c2', 'c3'];
const day = (d: number, month = '03'): string => `2025-${month}-${String(d).padStart(2, '0')}`;
const pid = (i: number): string => `p${String(i).padStart(2, '0')}`;

export const POLICIES: SubsidyPolicy[] = [
  { id: 'v1', effectiveFrom: '2024-01-01', effectiveTo: '2025-03-15', rules: structuredClone(DEFAULT_POLICY_RULES) },
  {
    id: 'v2',
    effectiveFrom: '2025-03-16',
    rules: {
      ...structuredClone(DEFAULT_POLICY_RULES),
      ageTiers: [
        { minAge: 60, maxAge: 69, amount: 100 },
        { minAge: 70, maxAge: 79, amount: 200 },
        { minAge: 80, maxAge: 89, amount: 350 },
        { minAge: 90, free: true },
      ],
      statuses: { ...DEFAULT_POLICY_RULES.statuses, minimum_living: { amount: 400 } },
    },
  },
];

function people(): AuditPerson[] {
  const out: AuditPerson[] = [];
  for (let i = 1; i <= 30; i++) {
    const statuses: PersonStatus[] = [];
    if (i % 5 === 0) statuses.push({ code: 'minimum_living', validFrom: '2023-01-01' });
    if (i % 7 === 0) statuses.push({ code: 'empty_nest', validFrom: '2022-05-01' }); // no benefit in the policy
    const birthYear = 1932 + ((i * 11) % 33);
    out.push({ id: pid(i), birthDate: `${birthYear}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 3) % 28) + 1).padStart(2, '0')}`, statuses, resident: true });
  }
  const set = (i: number, p: Partial<AuditPerson>): void => void Object.assign(out[i - 1], p);
  set(1, { birthDate: '1935-03-12' }); // turns 90 mid-month
  set(2, { birthDate: '1936-02-29' });
  set(3, { birthDate: '1960-04-02', statuses: [{ code: 'minimum_living', validFrom: '2024-01-01', validTo: '2025-03-15' }] });
  set(4, { birthDate: '1941-08-08', statuses: [], deathDate: '2025-03-20' });
  set(5, { birthDate: '1944-01-20', resident: false });
  set(6, { birthDate: '1975-06-01', statuses: [] });
  set(7, { birthDate: '1933-11-11', statuses: [] });
  set(12, { birthDate: '1950-05-05' });
  set(14, { birthDate: '1958-09-09', statuses: [{ code: 'severe_disability', validFrom: '2025-03-10' }] });
  set(16, { statuses: [{ code: 'extreme_poverty', validFrom: '2019-01-01' }] });
  set(17, { statuses: [{ code: 'special_family', validFrom: '2020-01-01', validTo: '2025-03-31' }] });
  return out;
}

const STAYS: HospitalStay[] = [
  { personId: 'p08', from: day(5), to: day(9) },
  { personId: 'p09', from: day(20), to: day(26) },
  { personId: 'p21', from: day(28) }, // still in hospital
];

interface Order {
  personId: string;
  localDate: string;
  slot: MealSlot;
  canteenId: string;
}

/** Who eats what: a fixed pattern, so the month is the same on every run. */
function cleanOrders(persons: AuditPerson[]): Order[] {
  const orders: Order[] = [];
  persons.forEach((p, idx) => {
    const i = idx + 1;
    for (let d = 1; d <= 31; d++) {
      const date = day(d);
      if (p.deathDate && date >= p.deathDate) continue;
      if (STAYS.some((s) => s.personId === p.id && date > s.from && (s.to == null || date < s.to))) continue;
      const canteenId = CANTEENS[(i + (d % 6 === 0 ? 1 : 0)) % 3];
      const slots: MealSlot[] = [];
      if (i === 12) {
        if (d <= 22) slots.push('breakfast', 'lunch', 'dinner'); // eats every meal: 66 in the month
      } else {
        if (i % 4 === 1 && d % 3 === 0) slots.push('breakfast');
        if ((i * 3 + d) % 7 !== 0 && (i + d) % 5 !== 0) slots.push('lunch');
        if ((i + 2 * d) % 4 === 0 && i !== 10) slots.push('dinner'); // p10 gets dinner delivered at home
      }
      for (const slot of slots) orders.push({ personId: p.id, localDate: date, slot, canteenId });
    }
  });
  // Boundary days of a hospital stay: breakfast before admission, dinner after discharge.
  orders.push({ personId: 'p08', localDate: day(5), slot: 'breakfast', canteenId: 'c2' });
  orders.push({ personId: 'p08', localDate: day(9), slot: 'dinner', canteenId: 'c2' });
  return orders;
}

const slotOrder = (a: Order, b: Order): number =>
  a.localDate.localeCompare(b.localDate) || MEAL_SLOTS.indexOf(a.slot) - MEAL_SLOTS.indexOf(b.slot) || a.canteenId.localeCompare(b.canteenId) || a.personId.localeCompare(b.personId);

/** Prices orders in serving order with running usage, as checkout would. */
function checkout(orders: Order[], persons: AuditPerson[]): AuditMeal[] {
  const byId = new Map(persons.map((p) => [p.id, p]));
  const usage = new Map<string, number>();
  const sorted = [...orders].sort(slotOrder);
  return sorted.map((o, n) => {
    const slotKey = `${o.personId}|${o.localDate}|${o.slot}`;
    const monthKey = `${o.personId}|${o.localDate.slice(0, 7)}`;
    const used: MealUsage = { subsidisedInSlotToday: usage.get(slotKey) ?? 0, subsidisedThisMonth: usage.get(monthKey) ?? 0 };
    const policy = POLICIES.find((p) => o.localDate >= p.effectiveFrom && (p.effectiveTo == null || o.localDate <= p.effectiveTo))!;
    const r = computeSubsidy(policy, toSubsidyPerson(byId.get(o.personId)!), { localDate: o.localDate, slot: o.slot, price: PRICES[o.slot] }, used);
    if (r.subsidy > 0) for (const k of [slotKey, monthKey]) usage.set(k, (usage.get(k) ?? 0) + 1);
    return {
      id: `m${String(n + 1).padStart(4, '0')}`,
      ...o,
      price: r.price,
      subsidy: r.subsidy,
      payable: r.payable,
      policyId: r.policyId,
      status: 'active' as const,
      rule: r.rule,
      basis: r.basis,
    };
  });
}

function find(meals: AuditMeal[], personId: string, localDate: string, slot: MealSlot): AuditMeal {
  const m = meals.find((x) => x.personId === personId && x.localDate === localDate && x.slot === slot);
  if (!m) throw new Error(`scenario: no meal ${personId} ${localDate} ${slot}`);
  return m;
}

/** Daily counts: February as history, March from the meals plus walk-in diners. */
function counts(meals: AuditMeal[], spike: boolean): CanteenDayCount[] {
  const out: CanteenDayCount[] = [];
  const feb = { c1: 40, c2: 55, c3: 32 } as Record<string, number>;
  const walkIns = { c1: 30, c2: 45, c3: 25 } as Record<string, number>;
  for (const c of CANTEENS) {
    for (let d = 1; d <= 28; d++) out.push({ canteenId: c, localDate: day(d, '02'), count: feb[c] + ((d * 3) % 6) });
    for (let d = 1; d <= 31; d++) {
      const served = meals.filter((m) => m.status === 'active' && m.canteenId === c && m.localDate === day(d)).length;
      const extra = spike && c === 'c3' && d === 25 ? 150 : 0; // planted: padded headcount
      out.push({ canteenId: c, localDate: day(d), count: served + walkIns[c] + ((d * 5) % 7) + extra });
    }
  }
  return out;
}

/** The month, with or without the planted anomalies. */
export function buildScenario({ plant }: { plant: boolean }): { input: AuditInput; plantedKeys: string[] } {
  const persons = people();
  const orders = cleanOrders(persons).filter(
    // Slots the plants below use are kept free of clean meals, so each plant is the only meal there.
    (o) => !['p03|2025-03-18|lunch', 'p07|2025-03-05|lunch', 'p10|2025-03-12|lunch', 'p11|2025-03-14|lunch'].includes(`${o.personId}|${o.localDate}|${o.slot}`),
  );
  orders.push({ personId: 'p10', localDate: day(12), slot: 'lunch', canteenId: 'c2' });
  orders.push({ personId: 'p11', localDate: day(14), slot: 'lunch', canteenId: 'c3' });
  orders.push({ personId: 'p03', localDate: day(18), slot: 'lunch', canteenId: 'c1' });
  orders.push({ personId: 'p07', localDate: day(5), slot: 'lunch', canteenId: 'c2' });
  if (plant) {
    orders.push({ personId: 'p11', localDate: day(14), slot: 'lunch', canteenId: 'c1' }); // second lunch elsewhere
    orders.push({ personId: 'p09', localDate: day(23), slot: 'lunch', canteenId: 'c1' }); // while inpatient
    orders.push({ personId: 'p04', localDate: day(24), slot: 'lunch', canteenId: 'c2' }); // after death
  }
  const meals = checkout(orders, persons);

  // Voided meals never count: a re-rung lunch, and a card swiped after death then voided.
  const voided = (m: AuditMeal, id: string): AuditMeal => ({ ...m, id, status: 'voided' });
  meals.push(voided(find(meals, 'p13', day(9), 'lunch'), 'v0001'));
  meals.push({ ...voided(find(meals, 'p04', day(19), 'lunch'), 'v0002'), localDate: day(21) });

  const deliveries: HomeDelivery[] = [];
  for (let d = 1; d <= 31; d++) deliveries.push({ personId: 'p10', localDate: day(d), slot: 'dinner', delivered: true });
  deliveries.push({ personId: 'p10', localDate: find(meals, 'p10', day(3), 'lunch').localDate, slot: 'lunch', delivered: false });
  for (let d = 1; d <= 31; d++) {
    if (!meals.some((m) => m.personId === 'p20' && m.localDate === day(d) && m.slot === 'lunch')) {
      deliveries.push({ personId: 'p20', localDate: day(d), slot: 'lunch', delivered: true });
    }
  }

  const plantedKeys: string[] = [];
  if (plant) {
    const subsidise = (m: AuditMeal, subsidy: number, rule: string): void =>
      void Object.assign(m, { subsidy, payable: m.price - subsidy, rule, basis: [rule] });
    // Canteen c1 did not see c3's lunch (the real fraud pattern: canteens do not share state).
    subsidise(meals.find((x) => x.personId === 'p11' && x.rule === 'cap_slot_day')!, 200, 'age_tier_70_79');
    // Someone else used p04's card after p04 died.
    subsidise(find(meals, 'p04', day(24), 'lunch'), 350, 'age_tier_80_89');
    // A lapsed 低保 status still applied at checkout.
    subsidise(find(meals, 'p03', day(18), 'lunch'), 400, 'status_minimum_living');
    // The monthly cap ignored: p12's 63rd–66th meals subsidised anyway.
    for (const m of meals.filter((x) => x.personId === 'p12' && x.rule === 'cap_month')) subsidise(m, 200, 'age_tier_70_79');
    // 漏发: a 91-year-old charged full price.
    Object.assign(find(meals, 'p07', day(5), 'lunch'), { subsidy: 0, payable: 1000, rule: 'no_eligibility', basis: [] });
    deliveries.push({ personId: 'p10', localDate: day(12), slot: 'lunch', delivered: true });
    plantedKeys.push(
      'double_subsidy|p11|2025-03-14|lunch',
      'subsidy_while_inpatient|p09|2025-03-23|lunch',
      'subsidy_with_home_delivery|p10|2025-03-12|lunch',
      'subsidy_after_death|p04|2025-03-24|lunch',
      'status_outside_validity|p03|2025-03-18|lunch',
      'over_monthly_cap|p12|2025-03',
      'volume_spike|c3|2025-03-25',
      'missed_benefit|p07|2025-03-05|lunch',
    );
  }
  return {
    input: { meals, persons, policies: POLICIES, homeDeliveries: deliveries, hospitalStays: STAYS, canteenDailyCounts: counts(meals, plant) },
    plantedKeys: plantedKeys.sort(),
  };
}
