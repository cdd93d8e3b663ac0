import { z } from 'zod';
import { cents, isoDay } from '../entities';
import { accountNumber, household, recordId } from './fields';

const arrangementKind = z.enum([
  'equal',
  'installment-plus-current',
  'percent-of-income',
  'budget',
]);

export const createArrangement = z
  .object({
    type: z.literal('createArrangement'),
    accountNumber,
    kind: arrangementKind,
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
  .strict();

/** The plan as the policy made it (shared/collections ArrangementPlan). */
export const arrangementPlan = z
  .object({
    kind: arrangementKind,
    downPaymentCents: cents,
    amountArrangedCents: cents,
    installments: z.array(
      z
        .object({
          number: z.number().int().positive(),
          due: isoDay,
          amountCents: cents,
          currentBillCents: cents.optional(),
        })
        .strict(),
    ),
    totalCents: cents,
    currentBillsMustBePaid: z.boolean(),
    currentBalanceCents: cents.optional(),
    writtenConfirmationBy: isoDay.nullable(),
    notes: z.array(z.string()),
  })
  .strict();

export const createArrangementResult = z
  .object({ arrangementId: recordId, plan: arrangementPlan })
  .strict();
