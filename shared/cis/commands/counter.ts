import { z } from 'zod';
import { drawerCount, MAX_FLOAT_CENTS } from '../../payments/drawer';
import { isoDay } from '../entities';
import { accountNumber } from './fields';

/** A drawer's id as the server numbers it: the receipt prefix, the day and its sequence. */
export const drawerId = z.string().regex(/^[A-Z]{1,4}-\d{8}-\d{2,4}$/, 'a drawer id');
const utilityId = z.string().regex(/^[a-z0-9-]{2,40}$/, 'a utility id');
const reason = z.string().trim().min(3).max(500);

/** A cashier opens their drawer for the day with its float (cash, in cents). */
export const openDrawer = z
  .object({
    type: z.literal('openDrawer'),
    utilityId,
    floatCents: z.number().int().nonnegative().max(MAX_FLOAT_CENTS),
  })
  .strict();
export const openDrawerResult = z
  .object({ drawerId, businessDay: isoDay, floatCents: z.number().int() })
  .strict();

/** A counter payment taken back the same day, before its drawer closes: a lead's decision. */
export const voidPayment = z
  .object({
    type: z.literal('voidPayment'),
    accountNumber,
    receiptNumber: z.string().regex(/^[A-Z]{1,4}-\d{8}$/, 'a receipt number'),
    reason,
  })
  .strict();
export const voidPaymentResult = z
  .object({
    paymentId: z.string(),
    drawerId,
    amountCents: z.number().int(),
    balanceCents: z.number().int(),
  })
  .strict();

const tenderBalance = z
  .object({
    tender: z.enum(['cash', 'check', 'money-order', 'card']),
    expectedCents: z.number().int(),
    countedCents: z.number().int(),
    overShortCents: z.number().int(),
  })
  .strict();

/**
 * The drawer counted and closed: cash by denomination, each check and money order. A difference
 * needs a reason; above the utility's threshold (any, where it is not gathered) only a lead may
 * close it, and signs it off by doing so.
 */
export const closeDrawer = z
  .object({
    type: z.literal('closeDrawer'),
    drawerId,
    count: drawerCount,
    reason: reason.optional(),
  })
  .strict();
export const closeDrawerResult = z
  .object({
    drawerId,
    tenders: z.array(tenderBalance),
    overShortCents: z.number().int(),
    signedOffBy: z.string().nullable(),
  })
  .strict();

/** A lead reopens a closed drawer of a day not yet closed, saying why. */
export const reopenDrawer = z
  .object({ type: z.literal('reopenDrawer'), drawerId, reason })
  .strict();
export const reopenDrawerResult = z.object({ drawerId, status: z.literal('open') }).strict();

/** A lead closes the counter's day once every drawer is closed: the deposit and the report. */
export const closeCounterDay = z
  .object({ type: z.literal('closeCounterDay'), utilityId, businessDay: isoDay })
  .strict();
export const closeCounterDayResult = z
  .object({
    utilityId: z.string(),
    businessDay: isoDay,
    drawers: z.number().int(),
    overShortCents: z.number().int(),
    totalDepositCents: z.number().int(),
  })
  .strict();
