import type { RefundReason } from '../cis/commands/refunds';
import { depositInterest } from '../collections/deposit';
import type { CollectionPolicy } from '../collections/policy';
import { check, type RuleCheck } from '../collections/rules';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import type { Cents } from '../money';
import type { PaymentSettings } from './settings';

/** What a refund or a write-off weighs about an account, as the server reads it. */
export interface RefundAccountFacts {
  /** Closed: service ended and the final bill issued (final-billed). */
  status: string;
  balanceCents: Cents;
  depositCents: Cents;
  /** The day the deposit was taken (the account's opening, where no other day is kept). */
  depositSince: string;
  /** Refunds already asked and not declined nor yet taken off the account, by reason. */
  waitingCents: { credit: Cents; deposit: Cents };
}

export interface RefundDecision {
  allowed: boolean;
  /** What may go back for this reason: the credit balance, or the deposit with its interest. */
  availableCents: Cents;
  interestCents: Cents;
  /** The first failed check's key (in cis:rejected), when not allowed. */
  refusal: { reasonKey: string; details: Record<string, string | number> } | null;
  rules: RuleCheck[];
}

/**
 * Whether a refund of `amountCents` may be asked: a closed account's credit balance, an
 * overpayment's credit on any account, or a deposit with the interest the policy pays (none
 * where it pays none), less what waits already; at least the utility's minimum (none applied
 * where it was not gathered).
 */
export function refundDecision(
  policy: CollectionPolicy,
  settings: PaymentSettings,
  facts: RefundAccountFacts,
  reason: RefundReason,
  amountCents: Cents,
  today: PlainDate,
): RefundDecision {
  const rules: RuleCheck[] = [];
  const refuse = (reasonKey: string, details: Record<string, string | number>) => ({
    allowed: false,
    availableCents: 0,
    interestCents: 0,
    refusal: { reasonKey, details },
    rules,
  });
  if (reason === 'closed-account-credit' && facts.status !== 'closed')
    return refuse('cis:rejected.refundAccountNotClosed', { status: facts.status });
  let available: Cents;
  let interest = 0;
  if (reason === 'deposit') {
    const since = parsePlainDate(facts.depositSince);
    const days = since ? Math.max(0, since.until(today, { largestUnit: 'days' }).days) : 0;
    interest = facts.depositCents > 0 ? depositInterest(policy, facts.depositCents, days) : 0;
    available = Math.max(0, facts.depositCents + interest - facts.waitingCents.deposit);
    rules.push(
      check(
        'refund-deposit',
        'pass',
        policy.deposit.source,
        { deposit: facts.depositCents, interest, available },
        policy.deposit.annualInterestPercent === null
          ? 'rules.refund-deposit.no-interest'
          : 'rules.refund-deposit.interest',
      ),
    );
  } else {
    available = Math.max(0, -facts.balanceCents - facts.waitingCents.credit);
  }
  if (available <= 0) return refuse('cis:rejected.nothingToRefund', { reason });
  if (amountCents > available)
    return refuse('cis:rejected.refundAboveAvailable', { amount: amountCents, available });
  const minimum = settings.refunds.minimumCents;
  rules.push(
    minimum === null
      ? check('refund-minimum', 'not-applicable', settings.refunds.source, {})
      : check('refund-minimum', amountCents >= minimum ? 'pass' : 'fail', settings.refunds.source, {
          amount: amountCents,
          minimum,
        }),
  );
  if (minimum !== null && amountCents < minimum)
    return refuse('cis:rejected.refundBelowMinimum', { amount: amountCents, minimum });
  return {
    allowed: true,
    availableCents: available,
    interestCents: interest,
    refusal: null,
    rules,
  };
}

export interface WriteOffDecision {
  allowed: boolean;
  refusal: { reasonKey: string; details: Record<string, string | number> } | null;
  rules: RuleCheck[];
}

/**
 * Whether a final-billed account's unpaid balance may be written off today: the account closed,
 * the whole balance asked, and the utility's days past the final bill's due date passed (no
 * write-off while the utility has not set them: not gathered).
 */
export function writeOffDecision(
  settings: PaymentSettings,
  account: { status: string; balanceCents: Cents; finalBillDueOn: string | null },
  amountCents: Cents,
  today: PlainDate,
): WriteOffDecision {
  const rules: RuleCheck[] = [];
  const refuse = (reasonKey: string, details: Record<string, string | number>) => ({
    allowed: false,
    refusal: { reasonKey, details },
    rules,
  });
  if (account.status !== 'closed' || account.finalBillDueOn === null)
    return refuse('cis:rejected.notFinalBilled', { status: account.status });
  if (account.balanceCents <= 0) return refuse('cis:rejected.nothingToWriteOff', {});
  if (amountCents !== account.balanceCents)
    return refuse('cis:rejected.writeOffMismatch', {
      amount: amountCents,
      balance: account.balanceCents,
    });
  const days = settings.writeOff.daysAfterFinalBill;
  if (days === null) {
    rules.push(check('write-off-days', 'not-applicable', settings.writeOff.source, {}));
    return refuse('cis:rejected.writeOffDaysNotGathered', {});
  }
  const earliest = parsePlainDate(account.finalBillDueOn)!.add({ days });
  const passed = compareDates(today, earliest) >= 0;
  rules.push(
    check('write-off-days', passed ? 'pass' : 'fail', settings.writeOff.source, {
      days,
      dueOn: account.finalBillDueOn,
      earliest: earliest.toString(),
    }),
  );
  if (!passed)
    return refuse('cis:rejected.writeOffTooEarly', { earliest: earliest.toString(), days });
  return { allowed: true, refusal: null, rules };
}
