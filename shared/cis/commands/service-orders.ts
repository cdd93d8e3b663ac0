import { z } from 'zod';
import { isoDay, serviceOrderType } from '../entities';
import { accountNumber, bookedOrder, household } from './fields';

/**
 * What the agent screened on the call before a field disconnection, as the panel weighed it:
 * California's medical protection needs the household's income (or public assistance) and
 * whether the customer will enter a payment plan (Health & Safety Code §116910).
 */
export const disconnectionScreening = z
  .object({
    household: household.optional(),
    publicAssistance: z.boolean(),
    willingToEnterPlan: z.boolean(),
  })
  .strict();
export type DisconnectionScreening = z.infer<typeof disconnectionScreening>;

export const requestServiceOrder = z
  .object({
    type: z.literal('requestServiceOrder'),
    accountNumber,
    orderType: serviceOrderType,
    notes: z.string().max(2000),
    preferredDate: isoDay.optional(),
    /** A field disconnection: what the agent screened on the call (see disconnectionScreening). */
    screening: disconnectionScreening.optional(),
  })
  .strict()
  .refine((c) => !c.screening || c.orderType === 'field-disconnect', {
    message: 'a screening goes with a field disconnection only',
    path: ['screening'],
  });
export const requestServiceOrderResult = bookedOrder;
