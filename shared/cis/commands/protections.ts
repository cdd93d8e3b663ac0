import { z } from 'zod';
import { bankruptcyChapter, documentRef, INT4_MAX, isoDay, sb998Condition } from '../entities';
import { accountNumber, bookedOrder, recordId } from './fields';

/**
 * A bankruptcy case the customer filed, as the court's notice gives it: the automatic stay sets
 * the open amount from before the filing apart (11 U.S.C. §362(a)(6)).
 */
export const recordBankruptcy = z
  .object({
    type: z.literal('recordBankruptcy'),
    accountNumber,
    chapter: bankruptcyChapter,
    caseNumber: z.string().trim().min(1).max(40),
    court: z.string().trim().min(1).max(120),
    /** The order for relief: the filing itself in a voluntary case (§301). */
    filedOn: isoDay,
    documentRef: documentRef.optional(),
  })
  .strict();
export const recordBankruptcyResult = z
  .object({
    prePetitionCents: z.number().int().min(0).max(INT4_MAX),
    assuranceDueBy: isoDay,
  })
  .strict();

/**
 * What became of the case: adequate assurance received, a deposit requested as assurance, the
 * case dismissed (the old debt collectible again) or discharged (the old debt written off; a
 * lead's decision).
 */
export const recordBankruptcyOutcome = z
  .object({
    type: z.literal('recordBankruptcyOutcome'),
    accountNumber,
    outcome: z.enum(['assurance-received', 'deposit-requested', 'dismissed', 'discharged']),
    on: isoDay,
    documentRef: documentRef.optional(),
  })
  .strict();
export const recordBankruptcyOutcomeResult = z
  .object({ writtenOffCents: z.number().int().min(0).max(INT4_MAX) })
  .strict();

/** A medical certificate, or its renewal: who certified it, when, and its document. */
export const recordMedicalCertificate = z
  .object({
    type: z.literal('recordMedicalCertificate'),
    accountNumber,
    certifiedBy: z.string().trim().min(1).max(120),
    certifiedOn: isoDay,
    documentRef,
    /** A certification given orally: its written confirmation is awaited. */
    oral: z.boolean().optional(),
  })
  .strict();
export const recordMedicalCertificateResult = z
  .object({
    expiresOn: isoDay.nullable(),
    renewals: z.number().int().min(0),
    taskId: recordId.nullable(),
  })
  .strict();

/** Life-support equipment in the household, from its document, until a date or with no end. */
export const recordLifeSupport = z
  .object({
    type: z.literal('recordLifeSupport'),
    accountNumber,
    documentRef,
    expiresOn: isoDay.nullable(),
  })
  .strict();
export const recordLifeSupportResult = z.object({ taskId: recordId.nullable() }).strict();

/** One of California SB 998's conditions shown to the utility (the certification is a medical certificate). */
export const recordSb998Condition = z
  .object({
    type: z.literal('recordSb998Condition'),
    accountNumber,
    condition: sb998Condition,
    documentRef,
    expiresOn: isoDay.nullable(),
  })
  .strict();
export const recordSb998ConditionResult = z.object({ taskId: recordId.nullable() }).strict();

/** Unauthorized use or tampering: a field investigation, the account's pending actions held. */
export const referUnauthorizedUse = z
  .object({
    type: z.literal('referUnauthorizedUse'),
    accountNumber,
    reason: z.enum(['unauthorized-use', 'tampering']),
    notes: z.string().trim().max(2000),
  })
  .strict();
export const referUnauthorizedUseResult = bookedOrder;

/** The field's finding on an unauthorized-use investigation: the hold on the account ends. */
export const recordInvestigationFinding = z
  .object({
    type: z.literal('recordInvestigationFinding'),
    accountNumber,
    finding: z.enum(['confirmed', 'not-found']),
    notes: z.string().trim().max(2000),
  })
  .strict();
export const recordInvestigationFindingResult = z.object({ serviceOrderId: recordId }).strict();
