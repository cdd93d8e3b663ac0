import { guidelineInForce, percentOfPoverty } from '../assistance/poverty';
import type { PlainDate } from '../dates';
import { type Cents, Dec } from '../money';
import type { CollectionPolicy } from './policy';
import { check, type RuleCheck, withinMonths } from './rules';

export interface FeeDecision {
  amountCents: Cents;
  /** The rule that decided the amount. */
  rule: RuleCheck;
  /** Every rule checked, where more than one was (the late fee, then its low-income waiver). */
  rules?: RuleCheck[];
}

/** What a late fee's low-income waiver needs: the household, and the waivers already given. */
export interface LateFeeWaiverRequest {
  household?: { annualIncomeCents: Cents; size: number };
  /** Days a late charge was waived under the rule before. */
  previousWaivers: string[];
  today: PlainDate;
}

/**
 * The late fee on a past-due amount, `daysLate` after the due date. Given the household, a
 * policy's low-income waiver (California SB 998 §116914: once every 12 months below 200% of the
 * poverty guideline) sets it to zero when the household qualifies and no waiver was given within
 * the period.
 */
export function lateFee(
  policy: CollectionPolicy,
  pastDueCents: Cents,
  daysLate: number,
  waiver?: LateFeeWaiverRequest,
): FeeDecision {
  const f = policy.fees.lateFee;
  if (daysLate <= f.afterDays || pastDueCents <= 0) {
    return {
      amountCents: 0,
      rule: check('late-fee', 'not-applicable', f.source, {
        afterDays: f.afterDays,
        days: daysLate,
      }),
    };
  }
  let amount: number;
  if (f.method === 'percent') {
    amount = new Dec(pastDueCents)
      .times(f.percent)
      .dividedBy(100)
      .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
      .toNumber();
    amount = Math.max(amount, f.minimumCents);
    if (f.maximumCents !== null) amount = Math.min(amount, f.maximumCents);
  } else {
    // Interest from the day after the grace period, simple, on a 365-day year.
    amount = new Dec(pastDueCents)
      .times(f.annualPercent)
      .dividedBy(100)
      .times(daysLate - f.afterDays)
      .dividedBy(365)
      .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
      .toNumber();
  }
  const fee = check('late-fee', 'pass', f.source, {
    afterDays: f.afterDays,
    days: daysLate,
    amount,
  });
  const waived = waiver ? lateFeeWaiver(policy, amount, waiver) : null;
  if (!waived) return { amountCents: amount, rule: fee };
  if (waived.outcome !== 'pass') return { amountCents: amount, rule: fee, rules: [fee, waived] };
  return { amountCents: 0, rule: waived, rules: [fee, waived] };
}

/**
 * Whether a late charge of `feeCents` is waived for a low-income household (California SB 998
 * §116914: below 200% of the poverty guideline, once every 12 months): the rule's outcome, or
 * null where the policy has no such waiver or the household is not known.
 */
export function lateFeeWaiver(
  policy: CollectionPolicy,
  feeCents: Cents,
  waiver: LateFeeWaiverRequest,
): RuleCheck | null {
  const w = policy.fees.lateFeeLowIncomeWaiver;
  if (!w || !waiver.household) return null;
  const pct = percentOfPoverty(
    waiver.household.annualIncomeCents,
    waiver.household.size,
    guidelineInForce(waiver.today),
  );
  const params = {
    fee: feeCents,
    percentOfPoverty: pct.toDecimalPlaces(1).toNumber(),
    limit: w.belowPercentOfPoverty,
    months: w.oncePerMonths,
  };
  if (!pct.lt(w.belowPercentOfPoverty))
    return check('late-fee-waiver', 'not-applicable', w.source, params);
  const last = withinMonths(waiver.previousWaivers, w.oncePerMonths, waiver.today);
  if (last) return check('late-fee-waiver', 'fail', w.source, { ...params, last });
  return check('late-fee-waiver', 'pass', w.source, params);
}

export function returnedPaymentFee(policy: CollectionPolicy): FeeDecision {
  const f = policy.fees.returnedPaymentCents;
  return {
    amountCents: f.cents,
    rule: check('returned-payment-fee', 'pass', f.source, { amount: f.cents }),
  };
}

export function fieldTripFee(policy: CollectionPolicy): FeeDecision {
  const f = policy.fees.fieldTripCents;
  return {
    amountCents: f.cents,
    rule: check('field-trip-fee', 'pass', f.source, { amount: f.cents }),
  };
}

/** The reconnection fee, capped for low-income households where the state says so (SB 998 §116914). */
export function reconnectionFee(
  policy: CollectionPolicy,
  request: {
    afterHours: boolean;
    actualCostCents?: Cents;
    household?: { annualIncomeCents: Cents; size: number };
  },
  today: PlainDate,
): FeeDecision {
  const r = policy.fees.reconnection;
  const standard = request.afterHours ? r.afterHoursCents : r.businessHoursCents;
  const cap = r.lowIncomeCap;
  if (cap && request.household) {
    const pct = percentOfPoverty(
      request.household.annualIncomeCents,
      request.household.size,
      guidelineInForce(today),
    );
    if (pct.lt(cap.belowPercentOfPoverty)) {
      const limit = request.afterHours ? cap.afterHoursCents : cap.businessHoursCents;
      const amount = Math.min(standard, limit, request.actualCostCents ?? Number.MAX_SAFE_INTEGER);
      return {
        amountCents: amount,
        rule: check(
          'reconnection-fee',
          'pass',
          cap.source,
          { amount, cap: limit, percentOfPoverty: pct.toDecimalPlaces(1).toNumber() },
          'rules.reconnection-fee.capped',
        ),
      };
    }
  }
  return {
    amountCents: standard,
    rule: check('reconnection-fee', 'pass', r.source, { amount: standard }),
  };
}
