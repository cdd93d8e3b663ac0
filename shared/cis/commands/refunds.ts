import { z } from 'zod';
import { address, isoDay } from '../entities';
import { accountNumber, recordId, ruleResult } from './fields';
import { MAX_PAYMENT_CENTS } from './payments';

/**
 * Why money goes back to a customer: the credit balance left on a closed (final-billed) account,
 * an overpayment the customer asks back, or a deposit due back (with interest where the
 * utility's policy pays it).
 */
export const refundReason = z.enum(['closed-account-credit', 'overpayment', 'deposit']);
export type RefundReason = z.infer<typeof refundReason>;

export const refundStatus = z.enum(['requested', 'approved', 'declined', 'issued']);
export type RefundStatus = z.infer<typeof refundStatus>;

/** A check number as accounts payable writes it. */
export const checkNumber = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'a check number');

/** A refund asked for a customer: who the check is made out to and where it goes. */
export const requestRefund = z
  .object({
    type: z.literal('requestRefund'),
    accountNumber,
    reason: refundReason,
    amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
    payee: z.string().trim().min(2).max(120),
    address,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const requestRefundResult = z
  .object({
    refundId: recordId,
    status: z.enum(['requested', 'approved']),
    approver: z.enum(['agent', 'lead', 'manager']),
    rules: z.array(ruleResult),
  })
  .strict();

/** A lead's (above a lead's total, an admin's) decision on a refund waiting for it. */
export const decideRefund = z
  .object({
    type: z.literal('decideRefund'),
    accountNumber,
    refundId: recordId,
    decision: z.enum(['approve', 'decline']),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();
export const decideRefundResult = z
  .object({ refundId: recordId, status: z.enum(['approved', 'declined']) })
  .strict();

/** Accounts payable paid an approved refund: its check number and the day it was issued. */
export const issueRefund = z
  .object({
    type: z.literal('issueRefund'),
    accountNumber,
    refundId: recordId,
    checkNumber,
    issuedOn: isoDay,
    /** What the check was written for: it must be the refund's amount. */
    amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
  })
  .strict();
export const issueRefundResult = z
  .object({ refundId: recordId, status: z.literal('issued'), checkNumber })
  .strict();

/**
 * The unpaid balance of a final-billed account written off as uncollectible, once the utility's
 * days past the final bill have passed: the whole balance, approved by amount as a credit is.
 */
export const writeOffBalance = z
  .object({
    type: z.literal('writeOffBalance'),
    accountNumber,
    /** The balance written off: it must be the account's whole balance. */
    amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();
export const writeOffBalanceResult = z
  .object({
    accountNumber,
    writtenOffCents: z.number().int().positive(),
    approver: z.enum(['agent', 'lead', 'manager']),
    finalBillDueOn: isoDay,
    rules: z.array(ruleResult),
  })
  .strict();
