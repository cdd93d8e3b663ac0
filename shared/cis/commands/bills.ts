import { z } from 'zod';
import { isRegister } from '../../usage/validate-read';
import { isoDay } from '../entities';
import { accountNumber, billId, recordId } from './fields';

const reason = z.string().trim().min(3).max(500);
const meterId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a meter id');
const register = z
  .number()
  .nonnegative()
  .max(9_999_999_999)
  .refine(isRegister, { message: 'at most three decimals' });
/** A percentage as a decimal text: a tested meter's accuracy, 0 to 200 with two decimals at most. */
const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage')
  .refine((p) => Number(p) > 0 && Number(p) <= 200, { message: 'above 0 and at most 200' });
/** A photo taken in the field, by its reference in the utility's attachment store. */
const attachmentRef = z.string().regex(/^[A-Za-z0-9._:/-]{1,200}$/, 'an attachment reference');

/** A lead's decision on a bill waiting in the review queue before it goes out. */
export const reviewBill = z
  .object({
    type: z.literal('reviewBill'),
    accountNumber,
    draftId: recordId.max(40),
    decision: z.enum(['release', 'hold', 'reread']),
    reason,
  })
  .strict();
export const reviewBillResult = z
  .object({
    status: z.enum(['released', 'held', 'reread']),
    billId: recordId.nullable(),
    serviceOrderId: recordId.nullable(),
  })
  .strict();

/** A version of a bill made from corrected reads, and the customer's explanation of it. */
export const rebillOutcome = z
  .object({
    billId: recordId,
    version: z.number().int().positive(),
    /** Posted at once within the asker's limit; above it, waiting in the approvals queue. */
    status: z.enum(['posted', 'pending', 'unchanged']),
    oldTotalCents: z.number().int(),
    newTotalCents: z.number().int(),
    differenceCents: z.number().int(),
    approver: z.enum(['agent', 'lead', 'manager']),
    adjustmentId: recordId.nullable(),
  })
  .strict();

/**
 * Cancels a bill found wrong and bills its period again with the rate engine, from the reads
 * posted now (a corrected read, a read that replaced a misread).
 */
export const cancelRebill = z
  .object({ type: z.literal('cancelRebill'), accountNumber, billId, reason })
  .strict();
export const cancelRebillResult = rebillOutcome;

/** What a field order found, by its kind. */
export const fieldOrderResult = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('reread'),
      meterId,
      date: isoDay,
      value: register,
      reader: z.string().trim().min(1).max(60),
      /** The misread this reread checks, when the order was not filed for one. */
      replacesReadId: recordId.max(40).nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('meter-test'),
      meterId,
      testedOn: isoDay,
      /** What the meter registered of a known volume, in percent (100 is exact). */
      accuracyPercent: percent,
    })
    .strict(),
  z
    .object({
      kind: z.literal('meter-change'),
      meterId,
      date: isoDay,
      finalRead: register,
      newMeterId: meterId,
      newDials: z.number().int().min(3).max(10),
      newSize: z.string().trim().min(1).max(12),
      firstRead: register,
    })
    .strict(),
  z
    .object({
      kind: z.literal('leak-investigation'),
      leakFound: z.boolean(),
      side: z.enum(['customer', 'utility', 'none']),
      note: z.string().trim().max(500),
    })
    .strict(),
]);
export type FieldOrderResult = z.infer<typeof fieldOrderResult>;

/** A field order come back with what the field found, and what that implies for the bills. */
export const completeFieldOrder = z
  .object({
    type: z.literal('completeFieldOrder'),
    accountNumber,
    serviceOrderId: recordId.max(40),
    result: fieldOrderResult,
    photos: z.array(attachmentRef).max(10),
  })
  .strict();
export const completeFieldOrderResult = z
  .object({
    serviceOrderId: recordId,
    readId: recordId.nullable(),
    verdict: z.enum(['accurate', 'fast', 'slow', 'not-gathered']).nullable(),
    rebills: z.array(rebillOutcome),
  })
  .strict();
