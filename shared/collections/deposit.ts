import { guidelineInForce, percentOfPoverty } from '../assistance/poverty';
import type { PlainDate } from '../dates';
import { type Cents, Dec } from '../money';
import type { CollectionPolicy } from './policy';
import { check, type RuleCheck } from './rules';

export interface DepositRequest {
  class: 'residential' | 'commercial';
  /** The premise's average monthly bill over the last 12 months. */
  averageMonthlyBillCents: Cents;
  /** Months of on-time payment history with the utility (here or at a previous premise). */
  onTimePaymentMonths?: number;
  /** Disconnected for nonpayment within the last 12 months: proof of credit risk (Maine). */
  disconnectedLast12Months?: boolean;
  protectionFromAbuseOrder?: boolean;
  household?: { annualIncomeCents: Cents; size: number };
}

export interface DepositDecision {
  amountCents: Cents;
  waived: boolean;
  rules: RuleCheck[];
  /** Refunded after this many consecutive on-time payments. */
  refundAfterOnTimePayments: number;
  annualInterestPercent: string | null;
}

/** The deposit a new service owes under the policy, or its waiver and why. */
export function computeDeposit(
  policy: CollectionPolicy,
  request: DepositRequest,
  today: PlainDate,
): DepositDecision {
  const p = policy.deposit;
  const rules: RuleCheck[] = [];
  const base = new Dec(request.averageMonthlyBillCents)
    .times(p.multipleOfAverageMonthly)
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
    .toNumber();
  const amount = Math.max(base, p.minimumCents);
  let waived = false;
  const waive = (
    id: string,
    source: { citation: string; utilitySetting?: boolean },
    params: Record<string, string | number> = {},
  ) => {
    rules.push(check(id, 'pass', source, params, `rules.deposit.${id}`));
    waived = true;
  };
  if (
    request.class === 'residential' &&
    p.residentialOnlyIfCreditRisk &&
    !request.disconnectedLast12Months
  ) {
    waive('noCreditRisk', p.residentialOnlyIfCreditRisk.source);
  }
  if (p.waivers.protectionFromAbuseOrder && request.protectionFromAbuseOrder)
    waive('protectionFromAbuse', p.source);
  if (
    p.waivers.goodPaymentMonths !== null &&
    (request.onTimePaymentMonths ?? 0) >= p.waivers.goodPaymentMonths
  ) {
    waive('goodHistory', p.source, {
      months: request.onTimePaymentMonths ?? 0,
      required: p.waivers.goodPaymentMonths,
    });
  }
  if (p.waivers.lowIncomeBelowPercentOfPoverty !== null && request.household) {
    const pct = percentOfPoverty(
      request.household.annualIncomeCents,
      request.household.size,
      guidelineInForce(today),
    );
    if (pct.lt(p.waivers.lowIncomeBelowPercentOfPoverty)) {
      waive('lowIncome', p.source, {
        percentOfPoverty: pct.toDecimalPlaces(1).toNumber(),
        limit: p.waivers.lowIncomeBelowPercentOfPoverty,
      });
    }
  }
  if (!waived) {
    rules.push(
      check(
        'amount',
        'pass',
        p.source,
        { multiple: p.multipleOfAverageMonthly, average: request.averageMonthlyBillCents, amount },
        'rules.deposit.amount',
      ),
    );
  }
  return {
    amountCents: waived ? 0 : amount,
    waived,
    rules,
    refundAfterOnTimePayments: p.refundAfterOnTimePayments,
    annualInterestPercent: p.annualInterestPercent,
  };
}

/** Simple interest on a deposit held for `days`, where the state requires it (else 0). */
export function depositInterest(policy: CollectionPolicy, amountCents: Cents, days: number): Cents {
  const rate = policy.deposit.annualInterestPercent;
  if (rate === null) return 0;
  return new Dec(amountCents)
    .times(rate)
    .dividedBy(100)
    .times(days)
    .dividedBy(365)
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
    .toNumber();
}

/** The deposit is refunded once the customer has paid on time the policy's number of times in a row. */
export function depositRefundDue(
  policy: CollectionPolicy,
  consecutiveOnTimePayments: number,
): boolean {
  return consecutiveOnTimePayments >= policy.deposit.refundAfterOnTimePayments;
}
