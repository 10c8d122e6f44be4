/**
 * The JSON rule set of one canteen-subsidy policy version (SPEC §2) and its zod 4 schema.
 *
 * Every object is strict: an unknown key is a typo in a money rule, and a typo must fail loudly
 * instead of silently granting (or withholding) subsidies. Cross-field rules (tiers that overlap,
 * funding that does not add up) are reported with the path of the field at fault so an admin UI can
 * point at it. The format is described with an example in `./README.md`.
 */
import { z } from 'zod';

/** Person statuses of SPEC §0, in the SPEC's order (also the tie-break order of the engine). */
export const STATUS_CODES = [
  'extreme_poverty',
  'minimum_living',
  'low_income_edge',
  'severe_disability',
  'disabled_elderly',
  'semi_disabled_elderly',
  'special_family',
  'veteran_family',
  'empty_nest',
] as const;
/** One of {@link STATUS_CODES}. */
export type StatusCode = (typeof STATUS_CODES)[number];

/** Meal slots a canteen sells, in serving order (the order decides "earlier" within a day). */
export const MEAL_SLOTS = ['breakfast', 'lunch', 'dinner'] as const;
/** One of {@link MEAL_SLOTS}. */
export type MealSlot = (typeof MEAL_SLOTS)[number];

/**
 * Issues of the rule-set schema carry a stable code as their message (`subsidy.rules.<name>`, with
 * params): the solver stays free of I/O and catalogues, and the canteen's message catalogue words
 * each code in the reader's locale (src/canteen/messages.ts declares one sentence per code).
 */
export const RULE_ISSUES = {
  exactlyOneAmountOrFree: 'subsidy.rules.exactlyOneAmountOrFree',
  maxBelowMin: 'subsidy.rules.maxBelowMin',
  unknownStatus: 'subsidy.rules.unknownStatus',
  unknownSlot: 'subsidy.rules.unknownSlot',
  exactlyOnePercentOrAmount: 'subsidy.rules.exactlyOnePercentOrAmount',
  tierOverlap: 'subsidy.rules.tierOverlap',
  duplicateFund: 'subsidy.rules.duplicateFund',
  fundTotal: 'subsidy.rules.fundTotal',
} as const;
/** The name of one rule-set issue code. */
export type RuleIssue = keyof typeof RULE_ISSUES;

/** Integer fen, never negative. */
const fen = z.number().int().nonnegative();

/** A benefit is either a fixed amount in fen or `free: true` (subsidy = the meal's price). */
function requireExactlyOne(v: { amount?: number; free?: true }, ctx: z.RefinementCtx): void {
  if ((v.free === true) === (v.amount !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: RULE_ISSUES.exactlyOneAmountOrFree });
  }
}

const benefitSchema = z
  .strictObject({ amount: fen.optional(), free: z.literal(true).optional() })
  .superRefine(requireExactlyOne);

const ageTierSchema = z
  .strictObject({
    minAge: z.number().int().min(0).max(150),
    /** Inclusive; omitted = no upper bound ("90+"). */
    maxAge: z.number().int().min(0).max(150).optional(),
    amount: fen.optional(),
    free: z.literal(true).optional(),
  })
  .superRefine((tier, ctx) => {
    requireExactlyOne(tier, ctx);
    if (tier.maxAge !== undefined && tier.maxAge < tier.minAge) {
      ctx.addIssue({ code: 'custom', path: ['maxAge'], message: RULE_ISSUES.maxBelowMin });
    }
  });

// A record keyed by a refined string (not z.enum) so that an unknown status is reported at
// ['statuses', '<the key>'] instead of as one "unrecognized_keys" issue on the whole object.
const statusKey = z
  .string()
  .refine((k): k is StatusCode => (STATUS_CODES as readonly string[]).includes(k), {
    message: RULE_ISSUES.unknownStatus,
    params: { expected: STATUS_CODES.join(', ') },
  });
const slotKey = z
  .string()
  .refine((k): k is MealSlot => (MEAL_SLOTS as readonly string[]).includes(k), {
    message: RULE_ISSUES.unknownSlot,
    params: { expected: MEAL_SLOTS.join(', ') },
  });

/**
 * Per-slot adjustment of every FIXED amount (tiers and statuses) for meals in that slot:
 * `percent` scales it (rounded down to the fen), `amount` replaces it with a flat sum.
 * Free benefits stay free in every slot: being free is about the person, not the meal.
 */
const slotAdjustmentSchema = z
  .strictObject({ percent: z.number().int().min(0).max(500).optional(), amount: fen.optional() })
  .superRefine((v, ctx) => {
    if ((v.percent === undefined) === (v.amount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: RULE_ISSUES.exactlyOnePercentOrAmount });
    }
  });

const fundShareSchema = z.strictObject({
  fund: z.string().trim().min(1),
  /** Integer percent (not a 0–1 share) so the total is checked exactly, without float error. */
  percent: z.number().int().min(0).max(100),
});

/** zod 4 schema of one policy version's rule set; see `./README.md` for the format. */
export const subsidyPolicyRulesSchema = z
  .strictObject({
    ageTiers: z.array(ageTierSchema),
    statuses: z.partialRecord(statusKey, benefitSchema),
    combine: z.enum(['best', 'sum']),
    slotAmounts: z.partialRecord(slotKey, slotAdjustmentSchema).default({}),
    caps: z.strictObject({
      perSlotPerDay: z.number().int().min(1),
      perMonth: z.number().int().min(1),
    }),
    residencyRequired: z.boolean(),
    funding: z.array(fundShareSchema).min(1),
  })
  .superRefine((rules, ctx) => {
    // Overlap: with tiers sorted by minAge, each must start after the previous one ends.
    const order = rules.ageTiers.map((t, i) => ({ t, i })).sort((a, b) => a.t.minAge - b.t.minAge);
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1].t;
      const cur = order[k];
      if (prev.maxAge === undefined || cur.t.minAge <= prev.maxAge) {
        ctx.addIssue({
          code: 'custom',
          path: ['ageTiers', cur.i, 'minAge'],
          message: RULE_ISSUES.tierOverlap,
          params: { tier: `${cur.t.minAge}–${cur.t.maxAge ?? '∞'}`, other: `${prev.minAge}–${prev.maxAge ?? '∞'}` },
        });
      }
    }
    const seen = new Set<string>();
    rules.funding.forEach((f, i) => {
      if (seen.has(f.fund)) ctx.addIssue({ code: 'custom', path: ['funding', i, 'fund'], message: RULE_ISSUES.duplicateFund, params: { fund: f.fund } });
      seen.add(f.fund);
    });
    const total = rules.funding.reduce((s, f) => s + f.percent, 0);
    if (total !== 100) {
      ctx.addIssue({ code: 'custom', path: ['funding'], message: RULE_ISSUES.fundTotal, params: { total } });
    }
  });

/** A validated rule set (output of {@link subsidyPolicyRulesSchema}). */
export type SubsidyPolicyRules = z.output<typeof subsidyPolicyRulesSchema>;
/** A rule set as written in JSON (`slotAmounts` may be omitted). */
export type SubsidyPolicyRulesInput = z.input<typeof subsidyPolicyRulesSchema>;
/** One age tier of a rule set. */
export type AgeTier = SubsidyPolicyRules['ageTiers'][number];
/** A status benefit: `{amount}` or `{free: true}`. */
export type Benefit = z.output<typeof benefitSchema>;
/** A per-slot adjustment: `{percent}` or `{amount}`. */
export type SlotAdjustment = z.output<typeof slotAdjustmentSchema>;
/** One fund's share of every subsidy. */
export type FundShare = SubsidyPolicyRules['funding'][number];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The defaults a new tenant gets (SPEC §2). Deep-frozen because it is shared by every caller:
 * copy it (`structuredClone`) before editing.
 */
export const DEFAULT_POLICY_RULES: SubsidyPolicyRules = deepFreeze({
  ageTiers: [
    { minAge: 60, maxAge: 69, amount: 100 },
    { minAge: 70, maxAge: 79, amount: 200 },
    { minAge: 80, maxAge: 89, amount: 300 },
    { minAge: 90, free: true },
  ],
  statuses: {
    extreme_poverty: { free: true },
    severe_disability: { free: true },
    minimum_living: { amount: 300 },
    special_family: { amount: 300 },
  },
  combine: 'best',
  // A flat 1 yuan off breakfast for every eligible diner (what cities do, and what the README says).
  slotAmounts: { breakfast: { amount: 100 } },
  caps: { perSlotPerDay: 1, perMonth: 62 },
  residencyRequired: true,
  funding: [
    { fund: 'district', percent: 50 },
    { fund: 'city', percent: 50 },
  ],
});
