import { z } from 'zod';
import {
  caseKind,
  caseResolution,
  contactChannel,
  documentReference,
  INT4_MAX,
  isoDay,
  language,
} from '../entities';
import { accountNumber, billId, recordId } from './fields';

const caseId = z.string().regex(/^[A-Za-z0-9-]{1,60}$/, 'a case id');

/**
 * A complaint, dispute, claim or request opened on an account. A dispute names the bill and the
 * amount disputed (at most the bill's total); that amount is held from collection while the case
 * is open. The due date comes from the utility's setting for the kind, never from the desk.
 */
export const openCase = z
  .object({
    type: z.literal('openCase'),
    accountNumber,
    kind: caseKind,
    description: z.string().trim().min(1).max(4000),
    billId: billId.nullable(),
    disputedCents: z.number().int().nonnegative().max(INT4_MAX),
    preferredContact: contactChannel,
    language,
    documents: z.array(documentReference).max(10),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'dispute' && (c.billId === null || c.disputedCents <= 0))
      ctx.addIssue({
        code: 'custom',
        path: ['disputedCents'],
        message: 'a dispute names its bill and an amount',
      });
    if (c.kind !== 'dispute' && c.disputedCents !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['disputedCents'],
        message: 'only a dispute holds an amount',
      });
  });
export const openCaseResult = z
  .object({ caseId: recordId, dueOn: isoDay, ownerId: z.string(), heldCents: z.number().int() })
  .strict();

export const addCaseNote = z
  .object({
    type: z.literal('addCaseNote'),
    accountNumber,
    caseId,
    text: z.string().trim().min(1).max(4000),
    documents: z.array(documentReference).max(10),
  })
  .strict();
export const addCaseNoteResult = z.object({ noteId: recordId }).strict();

/**
 * A lead closes a case with its resolution and the letter sent to answer it (none where the
 * customer was answered as they asked, by phone). The disputed amount is due again once closed.
 */
export const closeCase = z
  .object({
    type: z.literal('closeCase'),
    accountNumber,
    caseId,
    resolution: caseResolution,
    resolutionText: z.string().trim().min(1).max(4000),
    letterId: recordId.max(60).nullable(),
  })
  .strict();
export const closeCaseResult = z
  .object({ caseId: recordId, closedOn: isoDay, releasedCents: z.number().int() })
  .strict();
