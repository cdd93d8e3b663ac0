import { z } from 'zod';
import { adjustment } from '../entities';
import { accountNumber, billId, recordId } from './fields';

/** A percent of a bill, above 0 and at most 100, with at most two decimals. */
const percent = z
  .string()
  .regex(/^(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?)$/, 'a percent from 0.01 to 100')
  .refine((p) => Number(p) > 0, 'a percent from 0.01 to 100');

export const postAdjustment = z
  .object({
    type: z.literal('postAdjustment'),
    accountNumber,
    kind: z.enum(['leak', 'late-fee-reversal', 'percentage']),
    /** The bill it is computed on: the leak's period, the one carrying the late fee, the base. */
    billId,
    /** A leak credit: the customer showed that the leak was repaired. */
    proofOfRepair: z.boolean().optional(),
    /** A percentage adjustment: the percent of the bill credited. */
    percent: percent.optional(),
    /**
     * The amount the agent saw and told the customer (negative: a credit). The server computes
     * it again from the policy and the bill, and refuses a different one.
     */
    amountCents: z
      .number()
      .int()
      .refine((n) => n !== 0, 'an adjustment cannot be zero'),
    reason: z.string().trim().min(3).max(500),
  })
  .strict()
  .refine((c) => c.kind !== 'percentage' || c.percent !== undefined, {
    message: 'a percentage adjustment needs its percent',
    path: ['percent'],
  });
/** Posted within the asker's limit, or waiting for the approver the policy names. */
export const postAdjustmentResult = z
  .object({
    adjustmentId: recordId,
    status: z.enum(['posted', 'pending']),
    approver: adjustment.shape.approver,
  })
  .strict();

export const decideAdjustment = z
  .object({
    type: z.literal('decideAdjustment'),
    accountNumber,
    adjustmentId: z.string(),
    decision: z.enum(['approve', 'decline']),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();
export const decideAdjustmentResult = z
  .object({ adjustmentId: recordId, status: z.enum(['posted', 'declined']) })
  .strict();
