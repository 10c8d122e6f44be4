/**
 * Checkout at the counter (SPEC §2): identify the diner, price the meal with the policy in force on
 * its local date, record it. The lunch-rush path: few queries, one short transaction.
 *
 * "Two checkouts of the same diner and slot can never both be subsidised" is enforced by the
 * database: a subsidised, active meal carries `subsidyKey = person|date|slot|ordinal` (unique,
 * ordinal below the per-slot cap). Two racing checkouts compute the same key; the second insert
 * fails with P2002, and the retry sees the first meal and prices the second at full price.
 */
import type { Deps } from '../deps.js';
import { tenantDb, type TenantDb, type TenantTx } from '../db/prisma.js';
import { writeAudit } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../http/errors.js';
import { say } from '../i18n/index.js';
import { ageOn, localDateOf } from '../time/index.js';
import { computeSubsidy, policyInForce, type MealSlot, type StatusCode, type SubsidyResult } from '../subsidy/index.js';
import { noSubsidySentence, type Explanation } from '../subsidy/explain.js';
import { canteenForCaller } from './canteen-service.js';
import { SLOTS } from './labels.js';
import { CM, CN } from './messages.js';
import { lockForCheckout } from './month-lock.js';
import { mealView } from './meal-view.js';
import { loadPolicies } from './policy-service.js';
import type { CheckoutInput } from './schemas.js';
import { freeSubsidyKey, monthBounds, monthOfDate } from './slots.js';
import { counterCheck, servingHoursOf, type CounterCheck } from './serving-hours.js';
import { getCanteenSettings } from './settings-service.js';
import { subsidyFactsBy, type SubsidyFacts } from '../people/read.js';

type D = Pick<Deps, 'prisma'>;

/** A cashier's clock may run a little fast; anything later than this is a typo. */
const MAX_FUTURE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

interface Diner {
  person: SubsidyFacts | null;
  identifiedBy: 'person_id' | 'id_number' | 'card';
  /** Birth date of an unregistered diner, read from their ID number. */
  birthDate: string | null;
}

async function resolveDiner(db: TenantDb, input: CheckoutInput): Promise<Diner> {
  if (input.personId) {
    const person = await subsidyFactsBy(db, { id: input.personId });
    if (!person) throw new NotFoundError(CN.person);
    return { person, identifiedBy: 'person_id', birthDate: person.birthDate };
  }
  if (input.cardNumber) {
    const person = await subsidyFactsBy(db, { cardNumber: input.cardNumber });
    if (!person) {
      throw new UnprocessableError(say(CM.unknownCardDetail), { errors: [{ path: 'body.cardNumber', message: say(CM.unknownCard) }] });
    }
    return { person, identifiedBy: 'card', birthDate: person.birthDate };
  }
  const idNumber = input.idNumber!;
  const person = await subsidyFactsBy(db, { idNumber });
  const encoded = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return { person, identifiedBy: 'id_number', birthDate: person?.birthDate ?? encoded };
}

function fullPrice(price: number, rule: string, explanation: Explanation, policyId: string | null, age: number | null) {
  return { policyId, price, subsidy: 0, payable: price, rule, explanation, fundSplit: [], ageOnMealDate: age, basis: [] as string[] };
}

type Priced = Pick<SubsidyResult, 'price' | 'subsidy' | 'payable' | 'rule' | 'explanation' | 'fundSplit' | 'basis'> & {
  policyId: string | null;
  ageOnMealDate: number | null;
};

function isSubsidyKeyClash(err: unknown): boolean {
  const e = err as { code?: string; meta?: unknown };
  return e?.code === 'P2002' && JSON.stringify(e.meta ?? {}).includes('subsidyKey');
}

/**
 * A checkout outside the serving hours or recorded too late needs a manager's override with a
 * reason: refused (422 naming the field) without one, and only an admin (the canteen's manager)
 * may give one (403). Returns what the override allowed, or null when none was needed.
 */
function acceptOverride(ctx: RequestContext, check: CounterCheck, override: CheckoutInput['override']) {
  if (check.needs.length === 0) return null;
  if (!override) {
    const [first, second] = check.needs;
    throw new UnprocessableError(second ? say(CM.bothNeeds, { first: first.message, second: second.message }) : first.message, {
      reason: 'override_required',
      needs: check.needs.map((n) => n.kind),
      errors: check.needs.map((n) => ({ path: n.path, message: n.message })),
    });
  }
  if (!ctx.roles.includes('admin')) {
    throw new ForbiddenError(say(CM.overrideOnlyManager), {
      errors: [{ path: 'body.override', message: say(CM.overrideByManager) }],
    });
  }
  return { kinds: check.needs.map((n) => n.kind), reason: override.reason };
}

/** Prices and records one meal; see the module comment for the concurrency guarantee. */
export async function checkout(d: D, ctx: RequestContext, canteenId: string, input: CheckoutInput, now = new Date()) {
  const canteen = await canteenForCaller(d, ctx, canteenId, 'write');
  const servedAt = input.servedAt ? new Date(input.servedAt) : now;
  if (servedAt.getTime() > now.getTime() + MAX_FUTURE_MS) {
    throw new UnprocessableError(say(CM.servedInFuture), { errors: [{ path: 'body.servedAt', message: say(CM.laterThanNow) }] });
  }
  const localDate = localDateOf(servedAt, ctx.timeZone);
  const db = tenantDb(d.prisma, ctx.tenantId);
  // The diner is looked up while the counter rules are read (one round trip less at the rush);
  // a refusal by the rules wins, so its rejection is left unobserved on purpose.
  const dinerLookup = resolveDiner(db, input);
  dinerLookup.catch(() => undefined);
  const { lateRecordToleranceMinutes } = await getCanteenSettings(d, ctx);
  const check = counterCheck({
    servedAt, now, zone: ctx.timeZone, hours: servingHoursOf(canteen.servingHours), toleranceMinutes: lateRecordToleranceMinutes,
    requestedSlot: input.slot, servedAtGiven: input.servedAt !== undefined,
  });
  const slot: MealSlot = check.slot;
  const override = acceptOverride(ctx, check, input.override);
  const price = (canteen.prices as Record<string, number>)[slot];
  if (price === undefined) {
    const slotWord = say(SLOTS[slot]);
    throw new UnprocessableError(say(CM.slotNotSold, { canteen: canteen.name, slot: slotWord }), {
      errors: [{ path: 'body.slot', message: say(CM.noSlotPrice, { slot: slotWord }) }],
    });
  }
  const diner = await dinerLookup;
  // The birth date is not echoed: a cashier sees masked ID numbers, and the birth date would rebuild them.
  if (diner.birthDate && localDate < diner.birthDate) {
    throw new UnprocessableError(say(CM.beforeBirthDetail), { errors: [{ path: 'body.servedAt', message: say(CM.beforeBirth) }] });
  }
  const age = diner.birthDate ? ageOn(diner.birthDate, localDate) : null;
  const month = monthOfDate(localDate);

  // Runs inside the transaction, after the locks: the versions read here cannot change before commit.
  const priceMeal = async (tx: TenantTx): Promise<{ priced: Priced; key: string | null }> => {
    const policy = policyInForce(await loadPolicies(tx), localDate);
    const person = diner.person;
    if (!person) return { priced: fullPrice(price, 'non_resident', noSubsidySentence('non_resident', { slot }), policy?.id ?? null, age), key: null };
    if (!policy) {
      return {
        priced: fullPrice(price, 'no_policy', { en: `no subsidy policy in force on ${localDate}: full price`, zh: `${localDate}无有效补贴政策：全价` }, null, age),
        key: null,
      };
    }
    const { from, to } = monthBounds(month);
    const used = await tx.canteenMeal.findMany({
      where: { personId: person.id, status: 'active', subsidy: { gt: 0 }, localDate: { gte: from, lte: to } },
      select: { localDate: true, slotCode: true, subsidyKey: true },
    });
    const sameSlot = used.filter((m) => m.localDate === localDate && m.slotCode === slot);
    const priced = computeSubsidy(
      policy,
      { birthDate: person.birthDate, deathDate: person.deathDate, residentOfTenant: person.localHukou, statuses: person.statuses.map((s) => ({ ...s, code: s.code as StatusCode })) },
      { localDate, slot, price },
      { subsidisedInSlotToday: sameSlot.length, subsidisedThisMonth: used.length },
    );
    if (priced.subsidy === 0) return { priced, key: null };
    const key = freeSubsidyKey(person.id, localDate, slot, policy.rules.caps.perSlotPerDay, sameSlot.map((m) => m.subsidyKey));
    // Fewer meals than the cap but no free ordinal only happens with hand-made rows: pay full price.
    if (!key) {
      const caps = policy.rules.caps;
      return { priced: fullPrice(price, 'cap_slot_day', noSubsidySentence('cap_slot_day', { slot, ...caps }), policy.id, age), key: null };
    }
    return { priced, key };
  };

  for (let attempt = 1; ; attempt++) {
    try {
      const meal = await db.$transaction(
        async (tx) => {
          await lockForCheckout(tx, ctx.tenantId, canteen.id, month, diner.person?.id ?? null);
          const { priced, key } = await priceMeal(tx);
          const row = await tx.canteenMeal.create({
            data: {
              tenantId: ctx.tenantId,
              canteenId: canteen.id,
              personId: diner.person?.id ?? null,
              identifiedBy: diner.identifiedBy,
              localDate,
              slotCode: slot,
              servedAt,
              price: priced.price,
              subsidy: priced.subsidy,
              payable: priced.payable,
              rule: priced.rule,
              basis: priced.basis,
              explanation: priced.explanation as object,
              fundSplit: priced.fundSplit as object[],
              policyId: priced.policyId,
              ageOnDate: priced.ageOnMealDate,
              subsidyKey: key,
              operatorId: ctx.userId,
              recordedAt: now,
              ...(override ? { overrideKinds: override.kinds, overrideReason: override.reason, overrideBy: ctx.userId } : {}),
            },
          });
          await writeAudit(tx, ctx, { action: 'canteen.meal.checkout', entity: 'CanteenMeal', entityId: row.id, after: row });
          if (override) {
            await writeAudit(tx, ctx, { action: 'canteen.meal.override', entity: 'CanteenMeal', entityId: row.id, after: { ...override, servedAt, slot } });
          }
          return row;
        },
        { maxWait: 10_000, timeout: 10_000 },
      );
      const p = diner.person;
      return mealView({ ...meal, person: p ? { id: p.id, name: p.name, idNumber: p.idNumber } : null }, ctx);
    } catch (err) {
      if (!isSubsidyKeyClash(err)) throw err;
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError(say(CM.tooManyCheckouts));
    }
  }
}
