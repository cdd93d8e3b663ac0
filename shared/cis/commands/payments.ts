import { z } from 'zod';
import { paymentChannel, tender } from '../../payments/tender';
import { isoDay, paymentAllocation } from '../entities';
import { accountNumber, recordId, ruleResult } from './fields';

/** The most one payment may be: $1,000,000.00, beyond any bill of a utility's customer. */
export const MAX_PAYMENT_CENTS = 100_000_000;

/**
 * A payment taken by an agent, a cashier, the mail room or the web: its amount, its tender and
 * where it was taken. The server applies it in the utility's order and numbers its receipt.
 */
export const postPayment = z
  .object({
    type: z.literal('postPayment'),
    accountNumber,
    amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
    tender,
    channel: paymentChannel,
    /** The cashier's drawer a counter payment lands in. */
    drawerId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,40}$/)
      .optional(),
  })
  .strict();

/** What the account stands at once the payment (or its return) is applied. */
const accountAfter = z
  .object({
    balanceCents: z.number().int(),
    pastDueCents: z.number().int(),
    pastDueDays: z.number().int(),
    creditCents: z.number().int(),
    arrangement: z.enum(['none', 'good', 'broken', 'completed']),
    /** The disconnection the policy allows now (false: none may happen). */
    disconnectionAllowed: z.boolean(),
    cashOnlyUntil: isoDay.nullable(),
  })
  .strict();
export type AccountAfterPayment = z.infer<typeof accountAfter>;

export const postPaymentResult = z
  .object({
    paymentId: recordId,
    receiptNumber: z.string(),
    paidOn: isoDay,
    allocations: z.array(paymentAllocation),
    /** The payment took the account out of a disconnection the policy allowed before it. */
    stoppedDisconnection: z.boolean(),
    account: accountAfter,
  })
  .strict();

export const returnReason = z.enum([
  'insufficient-funds',
  'closed-account',
  'no-account',
  'stopped',
  'other',
]);

/** A check or bank payment the bank sent back unpaid, entered by hand or from its returns file. */
export const returnPayment = z
  .object({
    type: z.literal('returnPayment'),
    accountNumber,
    receiptNumber: z.string().regex(/^[A-Z]{1,4}-\d{8}$/, 'a receipt number'),
    /** The amount the bank returned: it must be the payment's. */
    amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
    reason: returnReason,
    /** The bank's return code (an ACH R01, a check's own code), where given. */
    returnCode: z
      .string()
      .regex(/^[A-Z0-9]{1,8}$/)
      .optional(),
    returnedOn: isoDay,
  })
  .strict();
export const returnPaymentResult = z
  .object({
    paymentId: recordId,
    feeCents: z.number().int().nonnegative(),
    feeAdjustmentId: recordId.nullable(),
    reopenedCents: z.number().int().nonnegative(),
    /** The disconnection decision taken again, where the payment had stopped one. */
    disconnection: z.object({ allowed: z.boolean(), earliest: isoDay.nullable() }).nullable(),
    rules: z.array(ruleResult),
    account: accountAfter,
  })
  .strict();

/**
 * A payment posted to the wrong account, moved to the right one in one command: reversed on the
 * first, posted on the second in its utility's order with a new receipt. Above the agent's limit
 * (the policy's approval limits) only a lead (above a lead's, an admin) may move it.
 */
export const transferPayment = z
  .object({
    type: z.literal('transferPayment'),
    accountNumber,
    receiptNumber: z.string().regex(/^[A-Z]{1,4}-\d{8}$/, 'a receipt number'),
    toAccountNumber: accountNumber,
    reason: z.string().trim().min(3).max(500),
  })
  .strict();
export const transferPaymentResult = z
  .object({
    paymentId: recordId,
    newPaymentId: recordId,
    newReceiptNumber: z.string(),
    allocations: z.array(paymentAllocation),
    from: accountAfter,
    to: accountAfter,
  })
  .strict();

/** A payment taken twice, or posted by a processor's error, reversed (the same limits apply). */
export const reversePayment = z
  .object({
    type: z.literal('reversePayment'),
    accountNumber,
    receiptNumber: z.string().regex(/^[A-Z]{1,4}-\d{8}$/, 'a receipt number'),
    reason: z.enum(['duplicate', 'processor-error']),
    note: z.string().trim().min(3).max(500),
  })
  .strict();
export const reversePaymentResult = z
  .object({ paymentId: recordId, account: accountAfter })
  .strict();
