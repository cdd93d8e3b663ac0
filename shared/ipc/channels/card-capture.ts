import { z } from 'zod';
import { MAX_PAYMENT_CENTS } from '../../cis/commands/payments';
import { channel } from '../define';

/** The pieces of a card the caller keys, one at a time (Twilio's Payments `Capture` values). */
export const CARD_CAPTURE_ITEMS = [
  'payment-card-number',
  'expiration-date',
  'security-code',
  'postal-code',
] as const;
export type CardCaptureItem = (typeof CARD_CAPTURE_ITEMS)[number];

/** The caller's entry errors the desk names; any other error Twilio reports is `other`. */
export const CARD_CAPTURE_ERRORS = [
  'invalid-card-number',
  'invalid-date',
  'invalid-security-code',
  'invalid-postal-code',
  'card-declined',
] as const;

/** The key of the words for an error the capture reported. */
export function captureErrorKey(error: string): (typeof CARD_CAPTURE_ERRORS)[number] | 'other' {
  return (CARD_CAPTURE_ERRORS as readonly string[]).includes(error)
    ? (error as (typeof CARD_CAPTURE_ERRORS)[number])
    : 'other';
}

/**
 * What the desk may know of a card capture: the central system's `captureView` (Twilio's status
 * callbacks) or the training processor's, in the same shape. Never a card number: the masked one
 * shows at most its last four digits.
 */
export const cardCaptureView = z
  .object({
    id: z.string().min(1).max(80),
    paymentSid: z.string().max(80),
    accountNumber: z.string(),
    amountCents: z.number().int(),
    capturing: z.enum(CARD_CAPTURE_ITEMS).nullable(),
    required: z.array(z.enum(CARD_CAPTURE_ITEMS)),
    maskedCard: z
      .string()
      .max(32)
      .refine((s) => s.replace(/\D/g, '').length <= 4, 'more than four digits of a card')
      .nullable(),
    error: z.string().max(60).nullable(),
    status: z.enum(['capturing', 'processing', 'approved', 'declined', 'cancelled']),
    result: z.string().max(60).nullable(),
    confirmation: z.string().max(80).nullable(),
    receiptNumber: z.string().max(40).nullable(),
    postError: z.string().max(120).nullable(),
  })
  .strict();
export type CardCaptureView = z.infer<typeof cardCaptureView>;

const captureId = z.string().regex(/^[A-Za-z0-9-]{8,80}$/);

/**
 * Card capture during a call: the caller keys the card on their phone's keypad; the agent only
 * asks for each item and sees what `cardCaptureView` allows. Live calls go to the central
 * system's Twilio Payments routes; the training simulator's calls to the training processor.
 */
export const cardCaptureChannels = {
  'cardCapture.start': channel(
    z
      .object({
        callId: z.string().min(1).max(80),
        accountNumber: z.string().regex(/^[A-Z0-9-]{4,20}$/),
        amountCents: z.number().int().positive().max(MAX_PAYMENT_CENTS),
      })
      .strict(),
    cardCaptureView,
    ['agent'],
  ),
  'cardCapture.step': channel(
    z
      .object({ id: captureId, capture: z.enum(CARD_CAPTURE_ITEMS) })
      .strict()
      .or(z.object({ id: captureId, status: z.enum(['complete', 'cancel']) }).strict()),
    cardCaptureView,
    ['agent'],
  ),
  'cardCapture.get': channel(z.object({ id: captureId }).strict(), cardCaptureView, ['agent']),
} as const;
