/**
 * Subsidy policy versions (SPEC §2). A meal is priced by the version in force on its local date,
 * and versions are append-only in time: a new version may only start after the last day on which a
 * meal is recorded, so it can never change (or make the audit re-judge) a meal already served.
 */
import type { Deps } from '../deps.js';
import { tenantDb, type TenantDb, type TenantTx } from '../db/prisma.js';
import { writeAudit, type Actor } from '../audit/audit-log.js';
import type { RequestContext } from '../http/context.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { addDays } from '../time/index.js';
import type { SubsidyPolicy as Policy } from '../generated/prisma/client.js';
import {
  assertPolicyVersions, DEFAULT_POLICY_RULES, subsidyPolicyRulesSchema, type SubsidyPolicy, type SubsidyPolicyRules,
} from '../subsidy/index.js';
import { lockPolicies } from './month-lock.js';
import type { PolicyCreate } from './schemas.js';
import { resolveLocale, say, t } from '../i18n/index.js';
import { CM, CN } from './messages.js';

type D = Pick<Deps, 'prisma'>;

/** The day the default policy starts: early enough to cover any backdated meal. */
export const DEFAULT_POLICY_FROM = '2000-01-01';

// Rules of a stored version never change (only effectiveTo can), so parsed rules are cached by id.
const parsedRules = new Map<string, SubsidyPolicyRules>();

function rulesOf(p: Pick<Policy, 'id' | 'rules'>): SubsidyPolicyRules {
  let rules = parsedRules.get(p.id);
  if (!rules) {
    rules = subsidyPolicyRulesSchema.parse(p.rules);
    if (parsedRules.size > 5000) parsedRules.clear();
    parsedRules.set(p.id, rules);
  }
  return rules;
}

/** A stored version as the engine wants it (with its version number for display). */
export type EnginePolicy = SubsidyPolicy & { version: number };

/** Every version of the tenant, parsed, oldest first. */
export async function loadPolicies(db: TenantDb | TenantTx): Promise<EnginePolicy[]> {
  const rows = await db.subsidyPolicy.findMany({ orderBy: { effectiveFrom: 'asc' } });
  return rows.map((p) => ({ id: p.id, version: p.version, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo, rules: rulesOf(p) }));
}

export function policyView(p: Policy) {
  return {
    id: p.id,
    name: p.name,
    version: p.version,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
    rules: p.rules as Record<string, unknown>,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  };
}

/**
 * Gives a tenant without any policy the SPEC defaults as version 1 (inside the caller's transaction),
 * named in the creator's (the tenant's) language: the name is stored and read by everyone there.
 */
export async function ensureDefaultPolicy(tx: TenantTx, actor: Actor & { locale?: string }): Promise<void> {
  await lockPolicies(tx, actor.tenantId);
  if ((await tx.subsidyPolicy.count()) > 0) return;
  const created = await tx.subsidyPolicy.create({
    data: {
      tenantId: actor.tenantId,
      name: t(resolveLocale(actor.locale), CM.defaultPolicyName),
      version: 1,
      effectiveFrom: DEFAULT_POLICY_FROM,
      rules: structuredClone(DEFAULT_POLICY_RULES) as object,
      createdBy: actor.userId,
    },
  });
  await writeAudit(tx, actor, { action: 'subsidy-policy.create', entity: 'SubsidyPolicy', entityId: created.id, after: created });
}

/**
 * Publishes a new version. The version open at `effectiveFrom` is closed the day before; a version
 * starting on or after `effectiveFrom`, or any meal recorded on or after it, is a 409 naming the field.
 */
export async function createPolicy(d: D, ctx: RequestContext, input: PolicyCreate) {
  const db = tenantDb(d.prisma, ctx.tenantId);
  const rules = input.rules ?? structuredClone(DEFAULT_POLICY_RULES);
  const created = await db.$transaction(async (tx) => {
    await lockPolicies(tx, ctx.tenantId);
    const versions = await tx.subsidyPolicy.findMany({ orderBy: { effectiveFrom: 'asc' } });
    const later = versions.filter((v) => v.effectiveFrom >= input.effectiveFrom);
    if (later.length > 0) {
      throw new ConflictError(say(CM.versionStartsLater, { version: later[0].version, date: later[0].effectiveFrom }), {
        errors: [{ path: 'body.effectiveFrom', message: say(CM.mustBeAfter, { date: later[later.length - 1].effectiveFrom }) }],
      });
    }
    const lastMeal = await tx.canteenMeal.findFirst({ where: { localDate: { gte: input.effectiveFrom } }, orderBy: { localDate: 'desc' }, select: { localDate: true } });
    if (lastMeal) {
      throw new ConflictError(say(CM.mealsRecordedUpTo, { date: lastMeal.localDate }), {
        errors: [{ path: 'body.effectiveFrom', message: say(CM.mustBeOnOrAfter, { date: addDays(lastMeal.localDate, 1) }) }],
      });
    }
    const dayBefore = addDays(input.effectiveFrom, -1);
    for (const open of versions.filter((v) => v.effectiveTo === null || v.effectiveTo >= input.effectiveFrom)) {
      const closed = await tx.subsidyPolicy.update({ where: { id: open.id }, data: { effectiveTo: dayBefore } });
      await writeAudit(tx, ctx, { action: 'subsidy-policy.close', entity: 'SubsidyPolicy', entityId: open.id, before: open, after: closed });
    }
    const row = await tx.subsidyPolicy.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name,
        version: Math.max(0, ...versions.map((v) => v.version)) + 1,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        rules: rules as object,
        createdBy: ctx.userId,
      },
    });
    assertPolicyVersions((await loadPolicies(tx)));
    await writeAudit(tx, ctx, { action: 'subsidy-policy.create', entity: 'SubsidyPolicy', entityId: row.id, after: row });
    return row;
  });
  return policyView(created);
}

export async function listPolicies(d: D, ctx: RequestContext) {
  const rows = await tenantDb(d.prisma, ctx.tenantId).subsidyPolicy.findMany({ orderBy: { version: 'asc' } });
  return rows.map(policyView);
}

export async function getPolicy(d: D, ctx: RequestContext, id: string) {
  const row = await tenantDb(d.prisma, ctx.tenantId).subsidyPolicy.findFirst({ where: { id } });
  if (!row) throw new NotFoundError(CN.policy);
  return policyView(row);
}
