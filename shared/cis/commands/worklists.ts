import { z } from 'zod';
import { callOutcomes } from '../../collections/outbound';
import { agingBuckets } from '../../collections/worklist';
import { isoDay } from '../entities';
import { accountNumber, ruleResult } from './fields';
import { MAX_PAYMENT_CENTS } from './payments';

const amountCents = z.number().int().positive().max(MAX_PAYMENT_CENTS);
const worklistId = z.string().regex(/^wl-[0-9a-f-]{36}$/, 'a worklist id');
const userId = z.string().min(1).max(80);

/** The customer promises to pay an amount by a day: limited by the utility's settings. */
export const recordPromise = z
  .object({
    type: z.literal('recordPromise'),
    accountNumber,
    promisedOn: isoDay,
    amountCents,
  })
  .strict();
export const recordPromiseResult = z
  .object({
    promiseId: z.string(),
    promisedOn: isoDay,
    amountCents,
    /** A disconnection is held until the day after the promised day. */
    holdsDisconnectionUntil: isoDay,
    rules: z.array(ruleResult),
  })
  .strict();

export const worklistCriteria = z
  .object({
    utilityId: z.string().min(1).max(60),
    buckets: z.array(z.enum(agingBuckets)).min(1).max(agingBuckets.length),
    minPastDueCents: z.number().int().nonnegative().max(MAX_PAYMENT_CENTS).optional(),
    maxPastDueCents: z.number().int().nonnegative().max(MAX_PAYMENT_CENTS).optional(),
    language: z.enum(['en', 'es']).optional(),
  })
  .strict()
  .refine(
    (c) =>
      c.minPastDueCents === undefined ||
      c.maxPastDueCents === undefined ||
      c.minPastDueCents <= c.maxPastDueCents,
    { message: 'minPastDueCents is above maxPastDueCents', path: ['minPastDueCents'] },
  );
export type WorklistCriteria = z.infer<typeof worklistCriteria>;

/** A lead builds a collections worklist: the accounts that match, protections left out with why. */
export const buildWorklist = z
  .object({
    type: z.literal('buildWorklist'),
    name: z.string().trim().min(1).max(80),
    criteria: worklistCriteria,
  })
  .strict();
export const buildWorklistResult = z
  .object({
    worklistId,
    entries: z.number().int().nonnegative(),
    offered: z.number().int().nonnegative(),
    /** How many left the list, by reason. */
    excluded: z.record(z.string(), z.number().int().nonnegative()),
  })
  .strict();

/** A lead hands a worklist to named agents (its entries shared out) or to the queue (anyone). */
export const assignWorklist = z
  .object({
    type: z.literal('assignWorklist'),
    worklistId,
    to: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('queue') }).strict(),
      z.object({ kind: z.literal('agents'), agents: z.array(userId).min(1).max(200) }).strict(),
    ]),
  })
  .strict();
export const assignWorklistResult = z
  .object({
    worklistId,
    assigned: z.number().int().nonnegative(),
    byAgent: z.record(z.string(), z.number().int().nonnegative()),
  })
  .strict();

/**
 * What came of an outbound call: the account leaves the list or returns on a day by the outcome.
 * A promise carries its day and amount (recorded as `recordPromise` would).
 */
export const recordCallOutcome = z
  .object({
    type: z.literal('recordCallOutcome'),
    worklistId,
    accountNumber,
    outcome: z.enum(callOutcomes),
    promise: z.object({ promisedOn: isoDay, amountCents }).strict().optional(),
  })
  .strict()
  .refine((c) => (c.outcome === 'promise') === (c.promise !== undefined), {
    message: 'a promise outcome carries the promise, and only it',
    path: ['promise'],
  });
export const recordCallOutcomeResult = z
  .object({
    accountNumber,
    outcome: z.enum(callOutcomes),
    /** The day it is offered again, or null: it left the list. */
    offerAgainOn: isoDay.nullable(),
    promiseId: z.string().optional(),
  })
  .strict();
