import { z } from 'zod';
import { accountDetail, isoDay } from './entities';

/** A worklist as its lead and its agents see it: counts by state, and why entries left. */
export const worklistSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    utilityId: z.string(),
    builtOn: isoDay,
    builtBy: z.string(),
    assignment: z.enum(['draft', 'queue', 'agents']),
    agents: z.array(z.string()),
    open: z.number().int().nonnegative(),
    excluded: z.number().int().nonnegative(),
    done: z.number().int().nonnegative(),
    reasons: z.record(z.string(), z.number().int().nonnegative()),
  })
  .strict();
export type WorklistSummary = z.infer<typeof worklistSummary>;

export const worklistEntry = z
  .object({
    accountNumber: z.string(),
    state: z.enum(['open', 'excluded', 'done']),
    reason: z.string().nullable(),
    pastDueCents: z.number().int(),
    pastDueDays: z.number().int(),
    assignedTo: z.string().nullable(),
    nextOn: isoDay,
    lastOutcome: z.string().nullable(),
    attempts: z.number().int().nonnegative(),
  })
  .strict();

/** What `next` answers an agent: an account with its facts, or why there is none now. */
export const worklistOffer = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('account'),
      worklistId: z.string(),
      accountNumber: z.string(),
      attempts: z.number().int().nonnegative(),
      lastOutcome: z.string().nullable(),
      detail: accountDetail,
      remaining: z.number().int().nonnegative(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('closed'),
      worklistId: z.string(),
      /** The customer's local time now, HH:MM, and when calling hours next open (an instant). */
      local: z.string(),
      opensAt: z.string(),
      timeZone: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('empty'),
      worklistId: z.string(),
      passedOver: z.record(z.string(), z.number().int().nonnegative()),
    })
    .strict(),
]);
export type WorklistOffer = z.infer<typeof worklistOffer>;
