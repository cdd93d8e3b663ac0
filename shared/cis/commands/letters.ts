import { z } from 'zod';
import { language } from '../entities';
import { accountNumber, recordId } from './fields';

export const letterTemplateId = z.enum([
  'arrangement-confirmation',
  'deposit-required',
  'disconnection-notice',
  'case-answer',
  'welcome',
  'final-bill',
]);

/**
 * A letter from a template, filled with the account's facts by the server, rendered to PDF with
 * the utility's letterhead and kept on the account; queued for the print vendor's mail batch, or
 * sent at once by e-mail to the customer's address on file where they consented. A case answer
 * names its case and carries the answer's text.
 */
export const sendLetter = z
  .object({
    type: z.literal('sendLetter'),
    accountNumber,
    template: letterTemplateId,
    language,
    caseId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,60}$/)
      .nullable(),
    answer: z.string().trim().min(1).max(4000).nullable(),
    delivery: z.enum(['mail', 'email']),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.template === 'case-answer' && (c.caseId === null || c.answer === null))
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: 'a case answer names its case and its answer',
      });
  });
export const sendLetterResult = z
  .object({
    letterId: recordId,
    pages: z.number().int().positive(),
    status: z.enum(['queued', 'sent']),
  })
  .strict();

/** A customer's consent to e-mail at an address, given or withdrawn (an opt-out), as they said it. */
export const recordEmailConsent = z
  .object({
    type: z.literal('recordEmailConsent'),
    accountNumber,
    email: z.string().trim().toLowerCase().email().max(254),
    consent: z.enum(['given', 'withdrawn']),
  })
  .strict();
export const recordEmailConsentResult = z.object({ consentId: recordId }).strict();
