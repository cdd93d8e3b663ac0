import { z } from 'zod';
import { isRegister } from '../../usage/validate-read';
import { isoDay } from '../entities';
import { accountNumber, recordId } from './fields';

/** Why a reader could not read, or what they saw (one of a short list, so reports can count). */
export const readTroubleCodes = [
  'no-access',
  'dog',
  'meter-buried',
  'dial-unreadable',
  'meter-damaged',
  'leak-observed',
  'tamper-suspected',
] as const;
export const readTroubleCode = z.enum(readTroubleCodes);
export type ReadTroubleCode = z.infer<typeof readTroubleCode>;

/** Where a read came from: typed at the desk, a reader's handheld, an AMR drive-by, the field. */
export const readSource = z.enum(['desk', 'handheld', 'amr', 'field', 'estimate']);
export type ReadSource = z.infer<typeof readSource>;

const meterId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a meter id');
/** A register as read: at most ten dials, and at most three decimals where the dials read tenths. */
const register = z
  .number()
  .nonnegative()
  .max(9_999_999_999)
  .refine(isRegister, { message: 'at most three decimals' });
const reason = z.string().trim().min(3).max(500);

export const enterRead = z
  .object({
    type: z.literal('enterRead'),
    accountNumber,
    meterId,
    date: isoDay,
    value: register,
    kind: z.enum(['actual', 'customer']),
    source: readSource.exclude(['estimate']),
    reader: z.string().trim().min(1).max(60).nullable(),
    troubleCode: readTroubleCode.nullable(),
    /** Why a read outside the window is right: without it, such a read waits for review. */
    reason: reason.nullable(),
  })
  .strict();

/** What the check of a read found, as the desk shows it (shared/usage validateRead). */
export const readFinding = z
  .object({ code: z.string(), severity: z.enum(['refused', 'reason', 'info']) })
  .catchall(z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const enterReadResult = z
  .object({
    readId: recordId,
    /** Posted and billable, or waiting in the exception queue for a reviewer. */
    status: z.enum(['posted', 'exception']),
    usage: z.string().nullable(),
    findings: z.array(readFinding),
  })
  .strict();

/** An estimated read for a day, by the method the usage analysis names. */
export const postEstimatedRead = z
  .object({ type: z.literal('postEstimatedRead'), accountNumber, meterId, date: isoDay })
  .strict();
export const postEstimatedReadResult = z
  .object({
    readId: recordId,
    value: z.number().nonnegative(),
    usage: z.string(),
    method: z.enum(['same-period-last-year', 'recent-average']),
  })
  .strict();

/** A reviewer's decision on a read in the exception queue: post it, or send a reader back. */
export const resolveReadException = z
  .object({
    type: z.literal('resolveReadException'),
    accountNumber,
    readId: recordId.max(40),
    decision: z.enum(['post', 'reread']),
    reason,
  })
  .strict();
export const resolveReadExceptionResult = z
  .object({
    status: z.enum(['posted', 'rejected']),
    serviceOrderId: recordId.nullable(),
  })
  .strict();
