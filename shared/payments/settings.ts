import { z } from 'zod';
import { ruleSource } from '../collections/policy';

/** Where a payment's dollars go, in order, until it is spent; what is left is a credit balance. */
export const allocationBucket = z.enum(['installment', 'pastDue', 'current', 'fees']);
export type AllocationBucket = z.infer<typeof allocationBucket>;

/** The order the utility applies payments in when it states none (the stated default). */
export const DEFAULT_ALLOCATION_ORDER: AllocationBucket[] = [
  'installment',
  'pastDue',
  'current',
  'fees',
];

const centsOrNotGathered = z.number().int().nonnegative().nullable();

/**
 * What one utility sets about taking payments: the order a payment is applied in, its
 * returned-item fee and the state's cap on it, and the cash-only period after returned items.
 * A number the reference does not give is null ("not gathered"), never a guess.
 */
export const paymentSettings = z
  .object({
    utilityId: z.string().min(1),
    utilityName: z.string().min(1),
    /** Receipt numbers are this prefix and the utility's own sequence (R-SM-00000042). */
    receiptPrefix: z.string().regex(/^[A-Z]{1,4}$/),
    allocation: z
      .object({
        order: z
          .array(allocationBucket)
          .length(4)
          .refine((o) => new Set(o).size === 4, 'each bucket once'),
        source: ruleSource,
      })
      .strict(),
    returnedItemFee: z
      .object({
        /** The utility's own fee on the first returned item, and on each later one. */
        firstCents: centsOrNotGathered,
        laterCents: centsOrNotGathered,
        source: ruleSource,
      })
      .strict(),
    /** The most the state's law lets a payee charge (null where the amount was not gathered). */
    returnedItemFeeCap: z
      .object({
        firstCents: centsOrNotGathered,
        laterCents: centsOrNotGathered,
        source: ruleSource,
      })
      .strict(),
    /** Cash only (cash, money order, card) for a period after a number of returned items. */
    cashOnly: z
      .object({
        afterReturns: z.number().int().positive(),
        withinMonths: z.number().int().positive(),
        forMonths: z.number().int().positive(),
        source: ruleSource,
      })
      .strict()
      .nullable(),
    /** The walk-in counter: whether the utility runs one, and when an over/short needs a lead. */
    counter: z
      .object({
        /** Cashiers take payments at a walk-in counter, each into a drawer of their own. */
        walkIn: z.boolean(),
        /**
         * A drawer over or short by more than this (the tenders' differences added without sign)
         * needs a reason and a lead's sign-off. Null: not gathered, so any difference needs both.
         */
        signOffAboveCents: centsOrNotGathered,
        source: ruleSource,
      })
      .strict()
      .default({
        walkIn: false,
        signOffAboveCents: null,
        source: { citation: 'no walk-in counter', utilitySetting: true },
      }),
    /** The least refund the utility issues: null where not gathered (no minimum is applied). */
    refunds: z.object({ minimumCents: centsOrNotGathered, source: ruleSource }).strict(),
    /**
     * The days past a final bill's due date before its unpaid balance may be written off: null
     * where not gathered (no write-off until the utility sets it).
     */
    writeOff: z
      .object({
        daysAfterFinalBill: z.number().int().positive().max(3650).nullable(),
        source: ruleSource,
      })
      .strict(),
  })
  .strict();
export type PaymentSettings = z.infer<typeof paymentSettings>;
export type PaymentSettingsInput = z.input<typeof paymentSettings>;

/** California Civil Code §1719(a)(1): at most $25 for the first check, $35 for each later one. */
export const CALIFORNIA_1719_CAP: PaymentSettingsInput['returnedItemFeeCap'] = {
  firstCents: 2_500,
  laterCents: 3_500,
  source: { citation: 'California Civil Code §1719(a)(1)' },
};

/**
 * A utility's payment settings: the stated default order, its returned-item fee as its collection
 * policy sets it (one number, first and later items alike), the state's cap, and no cash-only
 * period, minimum refund or write-off days (not gathered for any of the launch utilities).
 */
export function defaultPaymentSettings(
  collections: {
    utilityId: string;
    utilityName: string;
    fees: {
      returnedPaymentCents: {
        cents: number;
        source: PaymentSettingsInput['returnedItemFee']['source'];
      };
    };
  },
  receiptPrefix: string,
  cap: PaymentSettingsInput['returnedItemFeeCap'],
): PaymentSettingsInput {
  const fee = collections.fees.returnedPaymentCents;
  return {
    utilityId: collections.utilityId,
    utilityName: collections.utilityName,
    receiptPrefix,
    allocation: {
      order: DEFAULT_ALLOCATION_ORDER,
      source: {
        citation: `${collections.utilityName}: payment order not gathered; the stated default applies (installment due, oldest past due, current charges, fees)`,
        utilitySetting: true,
      },
    },
    returnedItemFee: { firstCents: fee.cents, laterCents: fee.cents, source: fee.source },
    returnedItemFeeCap: cap,
    cashOnly: null,
    refunds: {
      minimumCents: null,
      source: {
        citation: `${collections.utilityName}: minimum refund amount not gathered`,
        utilitySetting: true,
      },
    },
    writeOff: {
      daysAfterFinalBill: null,
      source: {
        citation: `${collections.utilityName}: days past the final bill before a write-off not gathered`,
        utilitySetting: true,
      },
    },
  };
}

/** Where the state's cap on a returned-item fee is not in the reference. */
export function capNotGathered(citation: string): PaymentSettingsInput['returnedItemFeeCap'] {
  return {
    firstCents: null,
    laterCents: null,
    source: { citation, utilitySetting: true },
  };
}

/**
 * A walk-in counter whose over/short threshold the reference does not give: any difference
 * needs a reason and a lead's sign-off until the utility sets its number.
 */
export function walkInCounter(utilityName: string): NonNullable<PaymentSettingsInput['counter']> {
  return {
    walkIn: true,
    signOffAboveCents: null,
    source: {
      citation: `${utilityName}: walk-in counter; over/short sign-off threshold not gathered (any difference needs a lead)`,
      utilitySetting: true,
    },
  };
}
