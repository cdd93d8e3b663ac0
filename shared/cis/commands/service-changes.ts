import { z } from 'zod';
import { accountClass, address, cents, isoDay, language } from '../entities';
import { accountNumber, bookedOrder, household, phoneNumber, ruleResult } from './fields';

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

const newHolder = z
  .object({
    name: z.string().trim().min(2).max(120),
    preferredLanguage: language,
    phone: phoneNumber,
    email: z.string().email().optional(),
  })
  .strict();

/** The deposit the policy asks of the new service, or its waiver, with the rules that decided. */
export const depositResult = z
  .object({ amountCents: cents, waived: z.boolean(), rules: z.array(ruleResult) })
  .strict();

export const changeAccountHolder = z
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
  .strict();
export const changeAccountHolderResult = z
  .object({
    newAccountNumber: accountNumber,
    deposit: depositResult,
    finalRead: bookedOrder.nullable(),
  })
  .strict();

export const startService = z
  .object({
    type: z.literal('startService'),
    /** An account at the premise (its previous holder's): service starts there. */
    accountNumber,
    holder: newHolder,
    class: accountClass,
    startOn: isoDay,
    deposit: depositFacts,
  })
  .strict();
export const startServiceResult = z
  .object({ newAccountNumber: accountNumber, deposit: depositResult, turnOn: bookedOrder })
  .strict();

export const stopService = z
  .object({
    type: z.literal('stopService'),
    accountNumber,
    stopOn: isoDay,
    /** Where the final bill goes, when not to the service address. */
    forwardingAddress: address.optional(),
    notes: z.string().max(500),
  })
  .strict();
export const stopServiceResult = z.object({ turnOff: bookedOrder }).strict();

export const transferService = z
  .object({
    type: z.literal('transferService'),
    /** The account the customer leaves ... */
    accountNumber,
    /** ... and an account at the premise they move to (its previous holder's). */
    destinationAccountNumber: accountNumber,
    moveOn: isoDay,
    deposit: depositFacts.optional(),
  })
  .strict();
/** The deposit held moves with the customer; what the new premise asks beyond it is due. */
export const transferServiceResult = z
  .object({
    newAccountNumber: accountNumber,
    deposit: depositResult,
    depositCarriedCents: cents,
    depositDueCents: cents,
    turnOff: bookedOrder,
    turnOn: bookedOrder,
  })
  .strict();
