import { z } from 'zod';
import type { Role } from '../ipc/roles';
import {
  accountClass,
  address,
  INT4_MAX,
  instant,
  isoDay,
  language,
  serviceOrderType,
} from './entities';
import { UNSTORABLE_MESSAGE, unstorablePath } from './text';

const accountNumber = z.string().regex(/^[A-Z0-9-]{4,20}$/, 'an account number');
const phoneNumber = z.string().regex(/^\+?[0-9]{10,15}$/, 'a phone number of 10 to 15 digits');
const household = z
  .object({
    annualIncomeCents: z.number().int().nonnegative(),
    size: z.number().int().positive().max(30),
  })
  .strict();

/**
 * What the applicant tells the agent that the deposit rule weighs: payment history with the
 * utility (a letter of credit, a previous account), a disconnection in the last year, a
 * Protection from Abuse order, and the household's income. The server computes the deposit.
 */
export const depositFacts = z
  .object({
    onTimePaymentMonths: z.number().int().nonnegative().max(600).optional(),
    disconnectedLast12Months: z.boolean().optional(),
    protectionFromAbuseOrder: z.boolean().optional(),
    household: household.optional(),
  })
  .strict();
export type DepositFacts = z.infer<typeof depositFacts>;

/** A duration the CIS keeps in a 4-byte integer column. */
const seconds = z.number().int().nonnegative().max(INT4_MAX);

/** A bill's id as the account's detail gives it. */
const billId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a bill id');

/** A percent of a bill, above 0 and at most 100, with at most two decimals. */
const percent = z
  .string()
  .regex(/^(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?)$/, 'a percent from 0.01 to 100')
  .refine((p) => Number(p) > 0, 'a percent from 0.01 to 100');

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

const newHolder = z
  .object({
    name: z.string().trim().min(2).max(120),
    preferredLanguage: language,
    phone: phoneNumber,
    email: z.string().email().optional(),
  })
  .strict();

/**
 * Writes to the CIS are commands, never row edits. The server validates each against the
 * account's current state and accepts it or rejects it with a reason.
 */
export const command = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('addNote'),
        accountNumber,
        text: z.string().trim().min(1).max(4000),
      })
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
        talkSeconds: seconds,
        holdSeconds: seconds,
        wrapUpSeconds: seconds,
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
        household: household.optional(),
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
        /** A field disconnection: what the agent screened on the call (see disconnectionScreening). */
        screening: disconnectionScreening.optional(),
      })
      .strict()
      .refine((c) => !c.screening || c.orderType === 'field-disconnect', {
        message: 'a screening goes with a field disconnection only',
        path: ['screening'],
      }),
    z
      .object({
        type: z.literal('postAdjustment'),
        accountNumber,
        kind: z.enum(['leak', 'late-fee-reversal', 'percentage']),
        /** The bill it is computed on: the leak's period, the one carrying the late fee, the base. */
        billId,
        /** A leak credit: the customer showed that the leak was repaired. */
        proofOfRepair: z.boolean().optional(),
        /** A percentage adjustment: the percent of the bill credited. */
        percent: percent.optional(),
        /**
         * The amount the agent saw and told the customer (negative: a credit). The server computes
         * it again from the policy and the bill, and refuses a different one.
         */
        amountCents: z
          .number()
          .int()
          .refine((n) => n !== 0, 'an adjustment cannot be zero'),
        reason: z.string().trim().min(3).max(500),
      })
      .strict()
      .refine((c) => c.kind !== 'percentage' || c.percent !== undefined, {
        message: 'a percentage adjustment needs its percent',
        path: ['percent'],
      }),
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
        phone: phoneNumber,
        effectiveOn: isoDay,
        deposit: depositFacts.optional(),
        /** Read the meter on the effective date, so the outgoing holder's last bill is exact. */
        finalRead: z.boolean().optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('startService'),
        /** An account at the premise (its previous holder's): service starts there. */
        accountNumber,
        holder: newHolder,
        class: accountClass,
        startOn: isoDay,
        deposit: depositFacts,
      })
      .strict(),
    z
      .object({
        type: z.literal('stopService'),
        accountNumber,
        stopOn: isoDay,
        /** Where the final bill goes, when not to the service address. */
        forwardingAddress: address.optional(),
        notes: z.string().max(500),
      })
      .strict(),
    z
      .object({
        type: z.literal('transferService'),
        /** The account the customer leaves ... */
        accountNumber,
        /** ... and an account at the premise they move to (its previous holder's). */
        destinationAccountNumber: accountNumber,
        moveOn: isoDay,
        deposit: depositFacts.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('enrollAssistance'),
        accountNumber,
        program: z.string().regex(/^[a-z0-9-]{1,40}$/),
        household,
        senior: z.boolean().optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('recordRightsInformed'),
        accountNumber,
        /** The language the rights were read or sent in. */
        language,
        channel: z.enum(['read', 'mailed', 'emailed']),
      })
      .strict(),
  ])
  .superRefine((c, ctx) => {
    const path = unstorablePath(c);
    if (path) ctx.addIssue({ code: 'custom', message: UNSTORABLE_MESSAGE, path });
  });
export type Command = z.infer<typeof command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/**
 * The least role that may issue each command. The server refuses a command above the caller's
 * role; the desktop's IPC channels carry the same split. An adjustment above an agent's money
 * limit is not refused: it waits for a lead (the policy's approval limits decide).
 */
export const commandRoles: Record<CommandType, Role> = {
  addNote: 'agent',
  recordInteraction: 'agent',
  createArrangement: 'agent',
  requestServiceOrder: 'agent',
  postAdjustment: 'agent',
  decideAdjustment: 'lead',
  issueNotice: 'agent',
  updateContactInfo: 'agent',
  changeAccountHolder: 'agent',
  startService: 'agent',
  stopService: 'agent',
  transferService: 'agent',
  enrollAssistance: 'agent',
  recordRightsInformed: 'agent',
};

/** A command as the outbox sends it: exactly once and in order per client. */
export const commandEnvelope = z
  .object({
    clientId: z.string().uuid(),
    seq: z.number().int().positive().max(INT4_MAX),
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
          .object({
            seq: z.number().int().positive().max(INT4_MAX),
            issuedAt: instant,
            command: z.unknown(),
          })
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
