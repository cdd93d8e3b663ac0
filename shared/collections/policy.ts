import { z } from 'zod';
import { citation, decimalString, isoDate } from '../rates/schema';

/** A rule as data: what it says, and where it is written. */
export const ruleSource = z
  .object({
    /** Citation of the published rule; `utility setting` when no rule was gathered. */
    citation: z.string().min(1),
    /** True when the number is the utility's own setting, not a published rule. */
    utilitySetting: z.boolean().default(false),
    note: z.string().optional(),
  })
  .strict();
export type RuleSource = z.infer<typeof ruleSource>;

const cents = z.number().int().nonnegative();
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD');

const arrangementTerms = z
  .object({
    /** Down payment as a percent of the amount owed. */
    minDownPercent: decimalString,
    minMonths: z.number().int().positive(),
    maxMonths: z.number().int().positive(),
    minInstallmentCents: cents,
    source: ruleSource,
  })
  .strict()
  .refine((t) => t.minMonths <= t.maxMonths, {
    message: 'minMonths is above maxMonths',
    path: ['minMonths'],
  });

export const incomeTier = z
  .object({
    /** Up to and including this percent of the poverty guideline. */
    upToPercentOfPoverty: z.number().positive(),
    percentOfIncome: decimalString,
  })
  .strict();

export const arrangementPolicy = z
  .object({
    kinds: z
      .array(z.enum(['equal', 'installment-plus-current', 'percent-of-income', 'budget']))
      .min(1),
    residential: arrangementTerms,
    commercial: arrangementTerms,
    /** At most this many arrangements (a further request is refused). */
    maxArrangements: z
      .object({ count: z.number().int().positive(), source: ruleSource })
      .strict()
      .nullable(),
    /** An arrangement broken within this many months refuses a new one. */
    brokenLookbackMonths: z
      .object({ months: z.number().int().positive(), source: ruleSource })
      .strict()
      .nullable(),
    currentBillsMustBePaid: z.object({ value: z.boolean(), source: ruleSource }).strict(),
    /** Where the cents left over by an even split go. */
    leftoverCent: z.enum(['first', 'last', 'spread-first', 'spread-last']),
    leftoverSource: ruleSource,
    /** Installments fall due on the bill's due date, or on a fixed day of the month. */
    dueOn: z.union([
      z.literal('bill-cycle'),
      z.object({ dayOfMonth: z.number().int().min(1).max(28) }).strict(),
    ]),
    /** Days after a due date before a missed installment breaks the arrangement. */
    graceDays: z.object({ days: z.number().int().nonnegative(), source: ruleSource }).strict(),
    /** Written confirmation of a plan of `minimumPayments` or more payments, within business days. */
    writtenConfirmation: z
      .object({
        minimumPayments: z.number().int().positive(),
        businessDays: z.number().int().positive(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    percentOfIncome: z
      .object({
        eligibleUpToPercentOfPoverty: z.number().positive(),
        tiers: z.array(incomeTier).min(1),
        minimumMonthlyCents: cents,
        source: ruleSource,
      })
      .strict()
      .nullable(),
    budget: z
      .object({ maxAdjustmentsPerYear: z.number().int().nonnegative(), source: ruleSource })
      .strict()
      .nullable(),
  })
  .strict();
export type ArrangementPolicy = z.infer<typeof arrangementPolicy>;

export const disconnectionPolicy = z
  .object({
    /** false: the rules were not gathered, and no shut-off is ever allowed through Tapline. */
    rulesGathered: z.boolean(),
    minimumPastDue: z
      .object({
        /** Past due must be MORE than this ... */
        moreThanCents: cents,
        /** ... unless it is older than this many days, or the utility bills this rarely. */
        orOlderThanDays: z.number().int().positive().nullable(),
        orBillsPerYearAtMost: z.number().int().positive().nullable(),
        /** Water disconnected for unpaid sewer too: the combined threshold. */
        combinedSewerMoreThanCents: cents.nullable(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    minimumDaysPastDue: z
      .object({ days: z.number().int().positive(), source: ruleSource })
      .strict()
      .nullable(),
    notice: z
      .object({
        residentialDays: z.number().int().positive(),
        nonResidentialDays: z.number().int().positive(),
        businessDays: z.boolean(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    forbiddenDays: z
      .object({
        weekends: z.boolean(),
        holidays: z.boolean(),
        dayBeforeHoliday: z.boolean(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    winter: z
      .object({
        /** MM-DD to MM-DD inclusive; a period that crosses the new year has `from` after `to`. */
        from: monthDay,
        to: monthDay,
        residentialOnly: z.boolean(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    medical: z
      .object({
        /** Protection once the utility is told, in business days (Maine) ... */
        protectionBusinessDays: z.number().int().positive().nullable(),
        /** ... or for as long as all of California's three conditions hold. */
        requiresFinancialInabilityAndPlan: z.boolean(),
        /** Below this percent of poverty (strictly) is financial inability. */
        financialInabilityBelowPercentOfPoverty: z.number().positive().nullable(),
        /** A protected customer who fails the plan this many days may be disconnected. */
        planFailureDays: z.number().int().positive().nullable(),
        /** An oral certification lapses unless confirmed in writing within this many days. */
        writtenConfirmationDays: z.number().int().positive().nullable(),
        /**
         * Days a certificate protects, counted from the day it was given; null where the rule
         * sets no length: the protection lasts while the certificate is on file.
         */
        certificateDays: z.number().int().positive().nullable(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    /**
     * Life-support equipment on file: `holds` stops a disconnection while the record stands;
     * otherwise the record alone does not, and the medical rule decides (a certificate is asked for).
     */
    lifeSupport: z.object({ holds: z.boolean(), source: ruleSource }).strict().nullable(),
    arrangementProtects: z.object({ source: ruleSource }).strict().nullable(),
    /** Maine §9: a broken plan never confirmed in writing needs a new notice first. */
    brokenUnconfirmedNeedsNewNotice: z
      .object({
        residentialDays: z.number().int().positive(),
        nonResidentialDays: z.number().int().positive(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
  })
  .strict();
export type DisconnectionPolicy = z.infer<typeof disconnectionPolicy>;

export const depositPolicy = z
  .object({
    /** Residential deposits only where the customer is a proven credit risk (Maine). */
    residentialOnlyIfCreditRisk: z.object({ source: ruleSource }).strict().nullable(),
    multipleOfAverageMonthly: decimalString,
    minimumCents: cents,
    waivers: z
      .object({
        goodPaymentMonths: z.number().int().positive().nullable(),
        lowIncomeBelowPercentOfPoverty: z.number().positive().nullable(),
        protectionFromAbuseOrder: z.boolean(),
      })
      .strict(),
    refundAfterOnTimePayments: z.number().int().positive(),
    /** Annual simple interest the state requires on deposits, or null. */
    annualInterestPercent: decimalString.nullable(),
    source: ruleSource,
  })
  .strict();
export type DepositPolicy = z.infer<typeof depositPolicy>;

export const adjustmentPolicy = z
  .object({
    leak: z
      .object({
        /** Share of the use above the account's normal that is credited. */
        creditPercent: decimalString,
        /** The normal: the average monthly use over this many months. */
        averageMonths: z.number().int().positive(),
        oncePerMonths: z.number().int().positive(),
        proofRequired: z.boolean(),
        source: ruleSource,
      })
      .strict(),
    lateFeeReversal: z
      .object({ oncePerMonths: z.number().int().positive(), source: ruleSource })
      .strict(),
    /**
     * Who may approve an adjustment of a given size: up to the agent's limit, then a lead's. The
     * size is the total credited on the bill, and on the account within `totalsWindowDays` (a
     * utility setting; 30 days when not set), with this one: many small credits weigh as one.
     */
    approvalLimits: z
      .object({
        agentUpToCents: cents,
        leadUpToCents: cents,
        totalsWindowDays: z.number().int().positive().max(366).optional(),
        source: ruleSource,
      })
      .strict()
      .refine((l) => l.agentUpToCents <= l.leadUpToCents, {
        message: 'agent limit above lead limit',
      }),
  })
  .strict();
export type AdjustmentPolicy = z.infer<typeof adjustmentPolicy>;

export const feePolicy = z
  .object({
    lateFee: z.discriminatedUnion('method', [
      z
        .object({
          method: z.literal('percent'),
          percent: decimalString,
          minimumCents: cents,
          maximumCents: cents.nullable(),
          afterDays: z.number().int().nonnegative(),
          source: ruleSource,
        })
        .strict(),
      z
        .object({
          method: z.literal('annual-interest'),
          /** Annual rate, e.g. the State Treasurer's rate for delinquent taxes. */
          annualPercent: decimalString,
          afterDays: z.number().int().nonnegative(),
          source: ruleSource,
        })
        .strict(),
    ]),
    /** Late charges waived for a low-income household, at most once per period (SB 998 §116914). */
    lateFeeLowIncomeWaiver: z
      .object({
        belowPercentOfPoverty: z.number().positive(),
        oncePerMonths: z.number().int().positive(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    returnedPaymentCents: z.object({ cents, source: ruleSource }).strict(),
    fieldTripCents: z.object({ cents, source: ruleSource }).strict(),
    reconnection: z
      .object({
        businessHoursCents: cents,
        afterHoursCents: cents,
        lowIncomeCap: z
          .object({
            belowPercentOfPoverty: z.number().positive(),
            businessHoursCents: cents,
            afterHoursCents: cents,
            source: ruleSource,
          })
          .strict()
          .nullable(),
        source: ruleSource,
      })
      .strict(),
  })
  .strict();
export type FeePolicy = z.infer<typeof feePolicy>;

export const assistanceProgram = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** i18n keys in the `collections` namespace: name, benefit, referral (read to the caller). */
    nameKey: z.string(),
    benefitKey: z.string(),
    referralKey: z.string(),
    eligibility: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('at-or-below-percent-of-poverty'),
          percent: z.number().positive(),
        })
        .strict(),
      z
        .object({ kind: z.literal('below-percent-of-poverty'), percent: z.number().positive() })
        .strict(),
      z
        .object({ kind: z.literal('senior'), minimumAge: z.number().int().positive().nullable() })
        .strict(),
    ]),
    source: ruleSource,
  })
  .strict();
export type AssistanceProgram = z.infer<typeof assistanceProgram>;

export const collectionPolicy = z
  .object({
    utilityId: z.string(),
    utilityName: z.string(),
    state: z.string().length(2),
    service: z.enum(['water', 'electric']),
    /**
     * The date the policy's rules are in force from, where the reference gives one; null where it
     * gives none (each source's `published` says what the reference says).
     */
    effective: isoDate.nullable(),
    sources: z.array(citation.extend({ published: z.string().min(1) }).strict()).min(1),
    /** Where a customer gets help beyond the utility (i18n key of the text). */
    helpKey: z.string(),
    rightsKey: z.string(),
    notes: z.array(z.string()),
    arrangement: arrangementPolicy,
    disconnection: disconnectionPolicy,
    deposit: depositPolicy,
    adjustments: adjustmentPolicy,
    fees: feePolicy,
    assistance: z.array(assistanceProgram),
  })
  .strict();
export type CollectionPolicy = z.infer<typeof collectionPolicy>;
export type CollectionPolicyInput = z.input<typeof collectionPolicy>;

export class PolicyError extends Error {
  constructor(
    readonly policyId: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `policy ${policyId} refused: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'PolicyError';
  }
}

/** Validates a policy on load; a malformed one is refused with the field and the reason. */
export function loadPolicy(data: unknown): CollectionPolicy {
  const parsed = collectionPolicy.safeParse(data);
  if (!parsed.success) {
    const id =
      typeof data === 'object' && data && 'utilityId' in data
        ? String((data as { utilityId: unknown }).utilityId)
        : '?';
    throw new PolicyError(
      id,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return parsed.data;
}
