import { z } from 'zod';
import { address, instant, isoDay, language, serviceOrderType } from './entities';

const accountNumber = z.string().regex(/^[A-Z0-9-]{4,20}$/, 'an account number');

/**
 * Writes to the CIS are commands, never row edits. The server validates each against the
 * account's current state and accepts it or rejects it with a reason.
 */
export const command = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('addNote'), accountNumber, text: z.string().trim().min(1).max(4000) })
    .strict(),
  z
    .object({
      type: z.literal('recordInteraction'),
      accountNumber: accountNumber.nullable(),
      channel: z.enum(['phone', 'email', 'walk-in', 'chat']),
      reason: z.string().min(1).max(60),
      wrapUpCode: z.string().min(1).max(60),
      startedAt: instant,
      answeredAt: instant.nullable(),
      endedAt: instant,
      talkSeconds: z.number().int().nonnegative(),
      holdSeconds: z.number().int().nonnegative(),
      wrapUpSeconds: z.number().int().nonnegative(),
      language,
      notes: z.string().max(8000),
    })
    .strict(),
  z
    .object({
      type: z.literal('createArrangement'),
      accountNumber,
      kind: z.enum(['equal', 'installment-plus-current', 'percent-of-income', 'budget']),
      offer: z
        .object({
          downPaymentCents: z.number().int().nonnegative().optional(),
          monthlyCents: z.number().int().nonnegative().optional(),
          months: z.number().int().positive().max(60).optional(),
        })
        .strict(),
      household: z
        .object({
          annualIncomeCents: z.number().int().nonnegative(),
          size: z.number().int().positive().max(30),
        })
        .strict()
        .optional(),
      currentMonthlyCents: z.number().int().nonnegative().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('requestServiceOrder'),
      accountNumber,
      orderType: serviceOrderType,
      notes: z.string().max(2000),
      preferredDate: isoDay.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('postAdjustment'),
      accountNumber,
      kind: z.enum(['leak', 'late-fee-reversal', 'percentage', 'other']),
      /** Negative: a credit to the customer. */
      amountCents: z
        .number()
        .int()
        .refine((n) => n !== 0, 'an adjustment cannot be zero'),
      reason: z.string().trim().min(3).max(500),
    })
    .strict(),
  z
    .object({
      type: z.literal('decideAdjustment'),
      accountNumber,
      adjustmentId: z.string(),
      decision: z.enum(['approve', 'decline']),
      reason: z.string().trim().min(3).max(500),
    })
    .strict(),
  z
    .object({
      type: z.literal('issueNotice'),
      accountNumber,
      kind: z.enum(['disconnection', 'reminder']),
    })
    .strict(),
  z
    .object({
      type: z.literal('updateContactInfo'),
      accountNumber,
      phones: z
        .array(
          z
            .object({
              number: z.string().regex(/^\+?[0-9]{10,15}$/),
              kind: z.enum(['mobile', 'home', 'work']),
            })
            .strict(),
        )
        .max(5)
        .optional(),
      emails: z.array(z.string().email()).max(5).optional(),
      mailingAddress: address.optional(),
      preferredLanguage: language.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('changeAccountHolder'),
      accountNumber,
      newHolderName: z.string().trim().min(2).max(120),
      preferredLanguage: language,
      phone: z.string().regex(/^\+?[0-9]{10,15}$/),
      effectiveOn: isoDay,
    })
    .strict(),
]);
export type Command = z.infer<typeof command>;
export type CommandType = Command['type'];

/** A command as the outbox sends it: exactly once and in order per client. */
export const commandEnvelope = z
  .object({
    clientId: z.string().uuid(),
    seq: z.number().int().positive(),
    issuedAt: instant,
    command,
  })
  .strict();
export type CommandEnvelope = z.infer<typeof commandEnvelope>;

export const commandOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied'), result: z.record(z.string(), z.unknown()) }).strict(),
  /** Refused by the account's state or a rule: the reason is an i18n key of the `cis` namespace. */
  z
    .object({
      status: z.literal('rejected'),
      reasonKey: z.string(),
      details: z.record(z.string(), z.unknown()),
    })
    .strict(),
]);
export type CommandOutcome = z.infer<typeof commandOutcome>;

export const pushRequest = z
  .object({
    clientId: z.string().uuid(),
    commands: z
      .array(
        z
          .object({ seq: z.number().int().positive(), issuedAt: instant, command: z.unknown() })
          .strict(),
      )
      .max(500),
  })
  .strict();
export const pushResult = z
  .object({
    seq: z.number().int(),
    outcome: commandOutcome,
    /** True when the server had already applied this seq and answers its stored outcome. */
    duplicate: z.boolean(),
  })
  .strict();
export const pushResponse = z
  .object({
    results: z.array(pushResult),
    /** The last seq the server has applied for this client. */
    lastApplied: z.number().int().nonnegative(),
    /** Set when a seq arrived before an earlier one: nothing after it was applied. */
    gapAt: z.number().int().nullable(),
  })
  .strict();
export type PushResponse = z.infer<typeof pushResponse>;
