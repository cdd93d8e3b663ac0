import { guidelineInForce, percentOfPoverty } from '../assistance/poverty';
import { percentOfIncomeMonthly } from '../assistance/screening';
import { compareDates, type PlainDate, parsePlainDate, Temporal } from '../dates';
import { allocateEvenly, type Cents, Dec } from '../money';
import { addBusinessDays, addMonthsClamped, stateCalendar } from './calendar';
import type { CollectionPolicy } from './policy';
import { check, type RuleCheck } from './rules';

export type ArrangementKind = 'equal' | 'installment-plus-current' | 'percent-of-income' | 'budget';

export interface ArrangementRequest {
  class: 'residential' | 'commercial';
  kind?: ArrangementKind;
  pastDueCents: Cents;
  /**
   * Billed but not yet due: never arranged; where the policy says current bills must be paid,
   * the plan carries it as `currentBalanceCents`, due on its own due date.
   */
  currentCents: Cents;
  /** The expected bill of one cycle, for plans that add it to each installment. */
  currentMonthlyCents?: Cents;
  /** The customer's offer: any of a down payment, a monthly amount, or a number of months. */
  offer: { downPaymentCents?: Cents; monthlyCents?: Cents; months?: number };
  household?: { annualIncomeCents: Cents; size: number };
  /**
   * The next bill's due date and how many months apart bills fall due (a divisor of 12). On a
   * two-month cycle each installment covers two months of the term.
   */
  billCycle?: { nextDueDate: string; intervalMonths?: number };
  prior?: { count: number; brokenOn: string[] };
  /** The last 12 months' bills, for levelized budget billing. */
  annualBilledCents?: Cents;
  /**
   * The days an existing budget amount was adjusted (levelled again); the first levelling is not
   * an adjustment. The policy caps adjustments in any 12 months.
   */
  budgetAdjustedOn?: string[];
}

export interface Installment {
  number: number;
  due: string;
  amountCents: Cents;
  /** The current bill due with it (installment-plus-current plans). */
  currentBillCents?: Cents;
}

export interface ArrangementPlan {
  kind: ArrangementKind;
  downPaymentCents: Cents;
  amountArrangedCents: Cents;
  installments: Installment[];
  /** Down payment plus every installment: for equal plans, the past-due amount exactly. */
  totalCents: Cents;
  currentBillsMustBePaid: boolean;
  /** The balance billed but not yet due, to be paid on its own due date beside the plan. */
  currentBalanceCents?: Cents;
  /** The date the utility must confirm the plan in writing by (Maine Ch. 660 §9). */
  writtenConfirmationBy: string | null;
  /** i18n keys of what the agent must tell the customer about this plan. */
  notes: string[];
}

export type ArrangementDecision =
  | { accepted: true; plan: ArrangementPlan; rules: RuleCheck[] }
  | { accepted: false; refusal: RuleCheck; rules: RuleCheck[]; nearest: ArrangementPlan | null };

export class ArrangementRequestError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ArrangementRequestError';
  }
}

function assertCents(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new ArrangementRequestError(field, 'must be whole cents, not negative');
  }
}

/** Months between installments: the bill cycle's, or one on a fixed day of the month. */
function cycleMonths(policy: CollectionPolicy, request: ArrangementRequest): number {
  return policy.arrangement.dueOn === 'bill-cycle' ? (request.billCycle?.intervalMonths ?? 1) : 1;
}

function dueDates(
  policy: CollectionPolicy,
  request: ArrangementRequest,
  today: PlainDate,
  count: number,
): string[] {
  let first: PlainDate;
  const step = cycleMonths(policy, request);
  if (policy.arrangement.dueOn === 'bill-cycle' && request.billCycle) {
    first = parsePlainDate(request.billCycle.nextDueDate) ?? today.add({ months: step });
    while (compareDates(first, today) <= 0) first = first.add({ months: step });
  } else if (policy.arrangement.dueOn !== 'bill-cycle') {
    const day = policy.arrangement.dueOn.dayOfMonth;
    first = Temporal.PlainDate.from({ year: today.year, month: today.month, day });
    if (compareDates(first, today) <= 0) first = addMonthsClamped(first, 1, day);
  } else {
    first = today.add({ months: 1 });
  }
  return Array.from({ length: count }, (_, i) => first.add({ months: i * step }).toString());
}

function ceilPercent(cents: Cents, percent: string): Cents {
  return new Dec(cents).times(percent).dividedBy(100).toDecimalPlaces(0, Dec.ROUND_UP).toNumber();
}

/**
 * Plans a payment arrangement under a policy: the plan (down payment, installments in cents that
 * sum exactly to the amount arranged, due dates, whether current bills must be paid), or a
 * refusal naming the rule with the nearest plan the policy would accept. Every rule checked is
 * listed with its outcome and citation.
 */
export function planArrangement(
  policy: CollectionPolicy,
  request: ArrangementRequest,
  today: PlainDate,
): ArrangementDecision {
  assertCents(request.pastDueCents, 'pastDueCents');
  assertCents(request.currentCents, 'currentCents');
  assertCents(request.currentMonthlyCents, 'currentMonthlyCents');
  assertCents(request.offer.downPaymentCents, 'offer.downPaymentCents');
  assertCents(request.offer.monthlyCents, 'offer.monthlyCents');
  assertCents(request.annualBilledCents, 'annualBilledCents');
  if (
    request.offer.months !== undefined &&
    (!Number.isInteger(request.offer.months) || request.offer.months < 1)
  ) {
    throw new ArrangementRequestError('offer.months', 'must be a whole number of at least 1');
  }
  const interval = request.billCycle?.intervalMonths;
  if (
    interval !== undefined &&
    (!Number.isInteger(interval) || interval < 1 || interval > 12 || 12 % interval !== 0)
  ) {
    throw new ArrangementRequestError(
      'billCycle.intervalMonths',
      'must divide a year: 1, 2, 3, 4, 6 or 12',
    );
  }
  const a = policy.arrangement;
  const kind = request.kind ?? 'equal';
  const rules: RuleCheck[] = [];
  const refuse = (
    refusal: RuleCheck,
    nearest: ArrangementPlan | null = null,
  ): ArrangementDecision => ({
    accepted: false,
    refusal,
    rules: [...rules, refusal],
    nearest,
  });
  const setting = { citation: `${policy.utilityName} arrangement kinds`, utilitySetting: true };

  if (!a.kinds.includes(kind)) {
    return refuse(check('kind-offered', 'fail', setting, { kind, offered: a.kinds.join(', ') }));
  }
  rules.push(check('kind-offered', 'pass', setting, { kind }));

  if (a.maxArrangements) {
    const count = request.prior?.count ?? 0;
    if (count >= a.maxArrangements.count) {
      return refuse(
        check('max-arrangements', 'fail', a.maxArrangements.source, {
          count,
          max: a.maxArrangements.count,
        }),
      );
    }
    rules.push(
      check('max-arrangements', 'pass', a.maxArrangements.source, {
        count,
        max: a.maxArrangements.count,
      }),
    );
  }
  if (a.brokenLookbackMonths) {
    const since = today.subtract({ months: a.brokenLookbackMonths.months });
    const recent = (request.prior?.brokenOn ?? [])
      .map((d) => parsePlainDate(d))
      .filter(
        (d): d is PlainDate =>
          d !== null && compareDates(d, since) > 0 && compareDates(d, today) <= 0,
      );
    if (recent.length) {
      return refuse(
        check('broken-lookback', 'fail', a.brokenLookbackMonths.source, {
          months: a.brokenLookbackMonths.months,
          brokenOn: recent[0].toString(),
        }),
      );
    }
    rules.push(
      check('broken-lookback', 'pass', a.brokenLookbackMonths.source, {
        months: a.brokenLookbackMonths.months,
      }),
    );
  }

  const mustPayCurrent = a.currentBillsMustBePaid.value;
  const currentBalance = mustPayCurrent && request.currentCents > 0 ? request.currentCents : 0;
  rules.push(
    check(
      'current-bills',
      mustPayCurrent ? 'pass' : 'not-applicable',
      a.currentBillsMustBePaid.source,
      currentBalance ? { current: currentBalance } : {},
      currentBalance ? 'rules.current-bills.passWithBalance' : undefined,
    ),
  );
  const withCurrent = (plan: ArrangementPlan): ArrangementPlan =>
    currentBalance ? { ...plan, currentBalanceCents: currentBalance } : plan;

  if (kind === 'percent-of-income' || kind === 'budget') {
    const decision = (kind === 'budget' ? planBudget : planPercentOfIncome)(
      policy,
      request,
      today,
      rules,
      refuse,
      mustPayCurrent,
    );
    return decision.accepted ? { ...decision, plan: withCurrent(decision.plan) } : decision;
  }

  const terms = a[request.class];
  if (request.pastDueCents === 0) {
    return refuse(check('past-due', 'fail', terms.source, {}));
  }
  const minDown = ceilPercent(request.pastDueCents, terms.minDownPercent);
  const down = request.offer.downPaymentCents ?? minDown;
  if (down >= request.pastDueCents) {
    return refuse(
      check('nothing-to-arrange', 'fail', terms.source, { down, pastDue: request.pastDueCents }),
    );
  }
  const arranged = request.pastDueCents - down;

  // Installments fall one bill cycle apart: the term in months is their count times the cycle.
  const step = cycleMonths(policy, request);
  const fewest = Math.ceil(terms.minMonths / step);
  const most = Math.floor(terms.maxMonths / step);
  // The plan most customers can afford within the terms, when they name no length or amount.
  const affordable = Math.max(
    fewest,
    Math.min(most, Math.floor(arranged / Math.max(1, terms.minInstallmentCents))),
  );
  const count =
    request.offer.months !== undefined
      ? Math.ceil(request.offer.months / step)
      : request.offer.monthlyCents !== undefined && request.offer.monthlyCents > 0
        ? Math.ceil(arranged / (request.offer.monthlyCents * step))
        : affordable;
  const months = count * step;

  if (kind === 'installment-plus-current' && request.currentMonthlyCents === undefined) {
    throw new ArrangementRequestError(
      'currentMonthlyCents',
      'an installment-plus-current plan needs the expected monthly bill',
    );
  }

  const build = (downCents: Cents, n: number): ArrangementPlan => {
    const amount = request.pastDueCents - downCents;
    const parts = allocateEvenly(amount, n, a.leftoverCent);
    const dates = dueDates(policy, request, today, n);
    const installments = parts.map((amountCents, i) => ({
      number: i + 1,
      due: dates[i],
      amountCents,
      ...(kind === 'installment-plus-current'
        ? { currentBillCents: request.currentMonthlyCents }
        : {}),
    }));
    const payments = (downCents > 0 ? 1 : 0) + n;
    return withCurrent({
      kind,
      downPaymentCents: downCents,
      amountArrangedCents: amount,
      installments,
      totalCents: downCents + parts.reduce((x, y) => x + y, 0),
      currentBillsMustBePaid: mustPayCurrent,
      writtenConfirmationBy:
        a.writtenConfirmation && payments >= a.writtenConfirmation.minimumPayments
          ? addBusinessDays(
              stateCalendar(policy.state),
              today,
              a.writtenConfirmation.businessDays,
            ).toString()
          : null,
      notes: [],
    });
  };
  const acceptable = (downCents: Cents, n: number): ArrangementPlan | null => {
    if (downCents < minDown || downCents >= request.pastDueCents) return null;
    if (n < fewest || n > most) return null;
    const plan = build(downCents, n);
    const smallest = Math.min(...plan.installments.map((i) => i.amountCents));
    return smallest >= terms.minInstallmentCents ? plan : null;
  };
  /** The nearest plan the policy accepts: the customer's down payment if it is enough, and the term closest to theirs. */
  const nearest = (): ArrangementPlan | null => {
    const d = Math.max(down, minDown) >= request.pastDueCents ? minDown : Math.max(down, minDown);
    const wanted = Math.min(most, Math.max(fewest, count));
    for (let delta = 0; delta <= most; delta++) {
      for (const n of [wanted - delta, wanted + delta]) {
        const plan = acceptable(d, n);
        if (plan) return plan;
      }
    }
    return null;
  };

  const downParams = { down, minimum: minDown, percent: terms.minDownPercent };
  if (down < minDown)
    return refuse(check('down-payment', 'fail', terms.source, downParams), nearest());
  rules.push(check('down-payment', 'pass', terms.source, downParams));

  if (months > terms.maxMonths) {
    return refuse(
      check('term-maximum', 'fail', terms.source, { months, max: terms.maxMonths }),
      nearest(),
    );
  }
  rules.push(check('term-maximum', 'pass', terms.source, { months, max: terms.maxMonths }));
  if (months < terms.minMonths) {
    return refuse(
      check('term-minimum', 'fail', terms.source, { months, min: terms.minMonths }),
      nearest(),
    );
  }
  rules.push(check('term-minimum', 'pass', terms.source, { months, min: terms.minMonths }));

  const plan = build(down, count);
  const smallest = Math.min(...plan.installments.map((i) => i.amountCents));
  const installmentParams = { installment: smallest, minimum: terms.minInstallmentCents };
  if (smallest < terms.minInstallmentCents) {
    return refuse(check('installment-minimum', 'fail', terms.source, installmentParams), nearest());
  }
  rules.push(check('installment-minimum', 'pass', terms.source, installmentParams));
  if (plan.writtenConfirmationBy && a.writtenConfirmation) {
    rules.push(
      check('written-confirmation', 'pass', a.writtenConfirmation.source, {
        by: plan.writtenConfirmationBy,
        payments: a.writtenConfirmation.minimumPayments,
      }),
    );
  }
  return { accepted: true, plan, rules };
}

function planPercentOfIncome(
  policy: CollectionPolicy,
  request: ArrangementRequest,
  today: PlainDate,
  rules: RuleCheck[],
  refuse: (r: RuleCheck, n?: ArrangementPlan | null) => ArrangementDecision,
  mustPayCurrent: boolean,
): ArrangementDecision {
  const poi = policy.arrangement.percentOfIncome!;
  if (!request.household) {
    throw new ArrangementRequestError(
      'household',
      'a percent-of-income plan needs the household income and size',
    );
  }
  assertCents(request.household.annualIncomeCents, 'household.annualIncomeCents');
  const guideline = guidelineInForce(today);
  const pct = percentOfPoverty(
    request.household.annualIncomeCents,
    request.household.size,
    guideline,
  );
  const params = {
    percentOfPoverty: pct.toDecimalPlaces(1).toNumber(),
    limit: poi.eligibleUpToPercentOfPoverty,
    guideline: guideline.year,
  };
  if (pct.gt(poi.eligibleUpToPercentOfPoverty))
    return refuse(check('income-eligibility', 'fail', poi.source, params));
  rules.push(check('income-eligibility', 'pass', poi.source, params));
  const { monthlyCents: monthly, percentOfIncome } = percentOfIncomeMonthly(
    policy,
    request.household.annualIncomeCents,
    pct,
  )!;
  rules.push(
    check('income-tier', 'pass', poi.source, {
      percentOfIncome,
      monthly,
      minimum: poi.minimumMonthlyCents,
    }),
  );
  // A year of bills: on a two-month cycle, six bills of two months' amount each.
  const step = cycleMonths(policy, request);
  const perBill = monthly * step;
  const dates = dueDates(policy, request, today, 12 / step);
  const installments = dates.map((due, i) => ({ number: i + 1, due, amountCents: perBill }));
  return {
    accepted: true,
    rules,
    plan: {
      kind: 'percent-of-income',
      downPaymentCents: 0,
      amountArrangedCents: monthly * 12,
      installments,
      totalCents: monthly * 12,
      currentBillsMustBePaid: mustPayCurrent,
      writtenConfirmationBy: null,
      notes: ['notes.percentOfIncomeReplacesBill', 'notes.arrearsNotGathered'],
    },
  };
}

function planBudget(
  policy: CollectionPolicy,
  request: ArrangementRequest,
  today: PlainDate,
  rules: RuleCheck[],
  refuse: (r: RuleCheck, n?: ArrangementPlan | null) => ArrangementDecision,
  mustPayCurrent: boolean,
): ArrangementDecision {
  const budget = policy.arrangement.budget!;
  const since = today.subtract({ years: 1 });
  const adjusted = (request.budgetAdjustedOn ?? [])
    .map((d) => parsePlainDate(d))
    .filter(
      (d): d is PlainDate =>
        d !== null && compareDates(d, since) > 0 && compareDates(d, today) <= 0,
    ).length;
  const adjustmentParams = { count: adjusted, max: budget.maxAdjustmentsPerYear };
  if (adjusted >= budget.maxAdjustmentsPerYear) {
    return refuse(check('budget-adjustments', 'fail', budget.source, adjustmentParams));
  }
  rules.push(check('budget-adjustments', 'pass', budget.source, adjustmentParams));
  if (request.annualBilledCents === undefined || request.annualBilledCents === 0) {
    return refuse(check('budget-history', 'fail', budget.source, {}));
  }
  rules.push(
    check('budget-history', 'pass', budget.source, { adjustments: budget.maxAdjustmentsPerYear }),
  );
  const step = cycleMonths(policy, request);
  const parts = allocateEvenly(
    request.annualBilledCents,
    12 / step,
    policy.arrangement.leftoverCent,
  );
  const dates = dueDates(policy, request, today, 12 / step);
  return {
    accepted: true,
    rules,
    plan: {
      kind: 'budget',
      downPaymentCents: 0,
      amountArrangedCents: request.annualBilledCents,
      installments: parts.map((amountCents, i) => ({ number: i + 1, due: dates[i], amountCents })),
      totalCents: request.annualBilledCents,
      currentBillsMustBePaid: mustPayCurrent,
      writtenConfirmationBy: null,
      notes:
        request.pastDueCents > 0
          ? ['notes.budgetPastDueSeparate', 'notes.budgetTrueUp']
          : ['notes.budgetTrueUp'],
    },
  };
}

export interface Payment {
  date: string;
  amountCents: Cents;
}

export type ArrangementStanding =
  | { status: 'good'; paidCents: Cents; remainingCents: Cents; nextDue: Installment | null }
  | { status: 'completed'; paidCents: Cents; remainingCents: 0; nextDue: null }
  | {
      status: 'broken';
      brokenOn: string;
      missed: Installment;
      paidCents: Cents;
      remainingCents: Cents;
      rule: RuleCheck;
    };

/**
 * An arrangement turns broken when an installment is still unpaid once the policy's grace after
 * its due date has passed. Payments count toward the down payment first, then installments in order.
 */
export function arrangementStanding(
  policy: CollectionPolicy,
  plan: ArrangementPlan,
  payments: Payment[],
  today: PlainDate,
): ArrangementStanding {
  const grace = policy.arrangement.graceDays;
  const paidBy = (date: PlainDate) =>
    payments
      .filter((p) => compareDates(parsePlainDate(p.date)!, date) <= 0)
      .reduce((s, p) => s + p.amountCents, 0);
  const paidCents = paidBy(today);
  let required = plan.downPaymentCents;
  for (const installment of plan.installments) {
    required += installment.amountCents;
    const deadline = parsePlainDate(installment.due)!.add({ days: grace.days });
    if (compareDates(today, deadline) > 0 && paidBy(deadline) < required) {
      return {
        status: 'broken',
        brokenOn: deadline.add({ days: 1 }).toString(),
        missed: installment,
        paidCents,
        remainingCents: Math.max(0, plan.totalCents - paidCents),
        rule: check('arrangement-grace', 'fail', grace.source, {
          number: installment.number,
          due: installment.due,
          grace: grace.days,
        }),
      };
    }
  }
  if (paidCents >= plan.totalCents)
    return { status: 'completed', paidCents, remainingCents: 0, nextDue: null };
  let cumulative = plan.downPaymentCents;
  const nextDue = plan.installments.find((i) => {
    cumulative += i.amountCents;
    return paidCents < cumulative;
  });
  return {
    status: 'good',
    paidCents,
    remainingCents: plan.totalCents - paidCents,
    nextDue: nextDue ?? null,
  };
}
