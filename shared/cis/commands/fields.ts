import { z } from 'zod';
import { INT4_MAX, instant } from '../entities';

/** The pieces several commands' requests and results share. */

export const accountNumber = z.string().regex(/^[A-Z0-9-]{4,20}$/, 'an account number');
export const phoneNumber = z
  .string()
  .regex(/^\+?[0-9]{10,15}$/, 'a phone number of 10 to 15 digits');
export const household = z
  .object({
    annualIncomeCents: z.number().int().nonnegative(),
    size: z.number().int().positive().max(30),
  })
  .strict();

/** A duration the CIS keeps in a 4-byte integer column. */
export const seconds = z.number().int().nonnegative().max(INT4_MAX);

/** A bill's id as the account's detail gives it. */
export const billId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a bill id');

/** An id the central system gave a record it made (a note, an order, an adjustment, ...). */
export const recordId = z.string().min(1);

/** A rule the central system weighed, as a result carries it for the desk to show. */
export const ruleResult = z
  .object({
    id: z.string(),
    messageKey: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    citation: z.string(),
  })
  .strict();

/** A service order booked on the utility's calendar: its window, and who an emergency went to. */
export const bookedOrder = z
  .object({
    serviceOrderId: recordId,
    priority: z.enum(['routine', 'high', 'emergency']),
    windowStart: instant,
    windowEnd: instant,
    escalateTo: z.array(z.string()),
  })
  .strict();
export type BookedOrder = z.infer<typeof bookedOrder>;
