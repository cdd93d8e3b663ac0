import type { DepositFacts } from '../cis/commands';
import { type AccountDetail, type Bill, lateFeeOnBill } from '../cis/entities';
import { compareDates, type PlainDate, parsePlainDate } from '../dates';
import { disputedHeldCents } from '../follow-up/cases';
import { getFollowUpSettings } from '../follow-up/registry';
import { type Role, roleAtLeast } from '../ipc/roles';
import type { Cents } from '../money';
import {
  type AllocationLine,
  allocatePayment,
  cashOnlyUntilOf,
  type OpenItem,
  openItemsOf,
  type PaymentSettings,
} from '../payments';
import { marginalRate } from '../rates/calculator';
import {
  type AdjustmentDecision,
  type Approver,
  approverFor,
  lateFeeReversal,
  leakAdjustment,
  percentageAdjustment,
} from './adjustments';
import {
  type ArrangementPlan,
  type ArrangementRequest,
  type ArrangementStanding,
  arrangementStanding,
} from './arrangement';
import { computeDeposit, type DepositDecision } from './deposit';
import type { DisconnectionAccount } from './disconnection';
import {
  averageMonthlyBillCents,
  type BillFrequency,
  billCycleOf,
  disconnectionFacts,
  type Household,
  householdOnFile,
  lastYearBilledCents,
  lateFeeWaiverDates,
  onTimePaymentMonths,
  priorArrangements,
} from './history';
import { lifeSupportInForce, sb998InForce, stayOf } from './holds';
import { DEFAULT_TOTALS_WINDOW_DAYS } from './money-limits';
import type { CollectionPolicy } from './policy';
import { type PromiseToPay, promisePendingUntil } from './promise';
import { check } from './rules';
import type { WorklistFacts } from './worklist';

/**
 * One account's facts, built once for the desk and the central system alike. The desk passes the
 * detail it caches; the server passes the same shape read in the command's transaction
 * (server/cis/reads.ts `accountRecord`). Whatever a panel shows and a command decides about
 * disconnection, a late charge, a deposit, an adjustment or an arrangement comes from here.
 */
export type AccountRecord = Pick<
  AccountDetail,
  | 'header'
  | 'customer'
  | 'bills'
  | 'premiseBills'
  | 'payments'
  | 'adjustments'
  | 'arrangements'
  | 'notices'
  | 'enrollments'
  | 'cases'
> & {
  /** Its promises to pay, newest first; a record written before promises reads as none. */
  promises?: PromiseToPay[];
};

type StoredArrangement = AccountRecord['arrangements'][number];

/**
 * An arrangement's standing today: an installment unpaid once the policy's grace after its due
 * date has passed breaks it, whatever status was stored; payments posted since the day it was
 * made count toward it (a returned one does not).
 */
export function standingOf(
  policy: CollectionPolicy,
  arrangement: StoredArrangement,
  payments: Pick<AccountRecord['payments'][number], 'status' | 'paidOn' | 'amountCents'>[],
  today: PlainDate,
): ArrangementStanding {
  const plan: ArrangementPlan = {
    kind: arrangement.kind as ArrangementPlan['kind'],
    downPaymentCents: arrangement.downPaymentCents,
    amountArrangedCents: arrangement.totalCents - arrangement.downPaymentCents,
    installments: arrangement.installments,
    totalCents: arrangement.totalCents,
    currentBillsMustBePaid: false,
    writtenConfirmationBy: null,
    notes: [],
  };
  const since = payments.filter((p) => p.status === 'posted' && p.paidOn >= arrangement.createdOn);
  return arrangementStanding(
    policy,
    plan,
    since.map((p) => ({ date: p.paidOn, amountCents: p.amountCents })),
    today,
  );
}

/**
 * Each arrangement's status as of today: an active one as its standing says (broken past a
 * missed installment's grace, completed once paid), any other as stored.
 */
export function arrangementsToday(
  policy: CollectionPolicy,
  record: Pick<AccountRecord, 'arrangements' | 'payments'>,
  today: PlainDate,
): { status: string; createdOn: string }[] {
  return record.arrangements.map((a) => {
    if (a.status !== 'active') return { status: a.status, createdOn: a.createdOn };
    const standing = standingOf(policy, a, record.payments, today);
    return {
      status: standing.status === 'good' ? 'active' : standing.status,
      createdOn: a.createdOn,
    };
  });
}

/** The medical certificate on file, unless it expired before today (its last day protects). */
export function certificateInForce(
  protections: AccountRecord['customer']['protections'],
  today: PlainDate,
): AccountRecord['customer']['protections']['medicalCertificate'] {
  const certificate = protections.medicalCertificate ?? null;
  if (!certificate?.expiresOn) return certificate;
  return compareDates(parsePlainDate(certificate.expiresOn)!, today) < 0 ? null : certificate;
}

/**
 * The amount the account's open dispute cases hold from collection, as the utility's follow-up
 * setting says (held unless the utility turned the hold off).
 */
export function disputedHeldOf(record: Pick<AccountRecord, 'header' | 'cases'>): number {
  return disputedHeldCents(getFollowUpSettings(record.header.utilityId) ?? null, record.cases);
}

/**
 * What a disconnection decision weighs, from the record: the past due less what open disputes
 * hold (not past due while the case is open), the latest open disconnection notice, the standing
 * of the latest arrangement today, a medical certificate still in force, and life support on file
 * (a record written without it, an import, says neither yes nor no).
 */
export function disconnectionAccountOf(
  policy: CollectionPolicy,
  record: AccountRecord,
  today: PlainDate,
): DisconnectionAccount {
  const protections = record.customer.protections;
  const lifeSupport: unknown = protections.lifeSupport;
  const held = Math.min(disputedHeldOf(record), Math.max(record.header.pastDueCents, 0));
  const stay = stayOf(protections, today);
  const owing = Math.max(record.header.pastDueCents - held, 0);
  // The stay sets the debt from before the filing apart: what is left arose after it, so it is
  // no older than the filing, and a notice served before the filing no longer counts.
  const stayHeld = stay ? Math.min(stay.prePetitionCents, owing) : 0;
  const filedOn = stay ? parsePlainDate(stay.filedOn)! : null;
  const daysSinceFiling = filedOn ? filedOn.until(today).days : Infinity;
  const facts = disconnectionFacts({
    class: record.header.class,
    pastDueCents: record.header.pastDueCents - held - stayHeld,
    disputedHeldCents: held,
    daysPastDue: Math.min(record.header.pastDueDays, daysSinceFiling),
    notices: stay ? record.notices.filter((n) => n.issuedOn > stay.filedOn) : record.notices,
    arrangements: arrangementsToday(policy, record, today),
    medicalCertificate: certificateInForce(protections, today),
    ...(typeof lifeSupport === 'boolean'
      ? { lifeSupport: lifeSupport && lifeSupportInForce(protections, today) }
      : {}),
    promisePendingUntil: promisePendingUntil(record.promises ?? [], record.payments, today),
  });
  const conditions = new Set(sb998InForce(protections, today).map((r) => r.condition));
  const investigation = protections.investigation ?? null;
  return {
    ...facts,
    ...(conditions.has('financial-inability') ? { publicAssistance: true } : {}),
    ...(conditions.has('willing-to-enter-plan') ? { willingToEnterPlan: true } : {}),
    ...(stay
      ? {
          bankruptcy: {
            chapter: stay.chapter,
            filedOn: filedOn!,
            assuranceGiven: stay.assurance !== 'none',
            outcome: null,
            heldCents: stayHeld,
          },
        }
      : {}),
    ...(investigation && investigation.accountNumber === record.header.number
      ? { investigation: { openedOn: investigation.openedOn, reason: investigation.reason } }
      : {}),
  };
}

/**
 * What a collections worklist weighs about the account today (shared/collections worklist): the
 * latest arrangement's standing, what open disputes hold, a promise pending, a medical
 * certificate in force and life support on file.
 */
export function worklistFactsOf(
  policy: CollectionPolicy,
  record: AccountRecord,
  today: PlainDate,
): WorklistFacts {
  const latest = [...arrangementsToday(policy, record, today)]
    .sort((x, y) => x.createdOn.localeCompare(y.createdOn))
    .at(-1);
  const lifeSupport: unknown = record.customer.protections.lifeSupport;
  const certificate = certificateInForce(record.customer.protections, today);
  return {
    arrangement:
      latest?.status === 'active'
        ? 'good'
        : latest?.status === 'broken'
          ? 'broken'
          : latest?.status === 'completed'
            ? 'completed'
            : 'none',
    disputedHeldCents: disputedHeldOf(record),
    promisePendingUntil: promisePendingUntil(record.promises ?? [], record.payments, today),
    medicalCertificate: certificate ? { expiresOn: certificate.expiresOn ?? null } : null,
    ...(typeof lifeSupport === 'boolean' ? { lifeSupport } : {}),
  };
}

/**
 * What a late charge's low-income waiver weighs: the household the latest active assistance
 * enrolment was screened on, and the days a charge was waived on a bill or reversed since.
 */
export function lateFeeWaiverOf(
  record: Pick<AccountRecord, 'enrollments' | 'bills' | 'adjustments'>,
): { household?: Household; previousWaivers: string[] } {
  const household = householdOnFile(record.enrollments);
  return {
    ...(household ? { household } : {}),
    previousWaivers: lateFeeWaiverDates(record.bills, record.adjustments),
  };
}

/** The days adjustments of a kind were asked and not declined (posted or waiting). */
export function adjustmentDays(
  record: Pick<AccountRecord, 'adjustments'>,
  kind: AccountRecord['adjustments'][number]['kind'],
): string[] {
  return record.adjustments
    .filter((a) => a.kind === kind && a.status !== 'declined')
    .map((a) => a.createdAt.slice(0, 10));
}

/** The usage of the bills before `bill`, oldest first: the account's normal, for a leak credit. */
export function usageBefore(bills: Bill[], bill: Bill, months: number): string[] {
  return bills
    .filter((b) => b.periodTo < bill.periodTo)
    .sort((x, y) => y.periodTo.localeCompare(x.periodTo))
    .slice(0, months)
    .map((b) => b.usage)
    .reverse();
}

export type AdjustmentAsk =
  | { kind: 'leak'; proofOfRepair: boolean }
  | { kind: 'late-fee-reversal' }
  | { kind: 'percentage'; percent: string };

/**
 * The adjustment the policy gives on one of the account's bills, and what it was computed from
 * (kept with it and audited): a leak credit on the bill's use above the months before it at the
 * bill's own top rate, the reversal of the late charge the bill leaves owing, or a percentage of
 * the bill.
 */
export function adjustmentOf(
  policy: CollectionPolicy,
  record: AccountRecord,
  bill: Bill,
  ask: AdjustmentAsk,
  role: Role,
  today: PlainDate,
  actorCreditedCents = 0,
  accountMovedCents = 0,
): { decision: AdjustmentDecision; basis: Record<string, unknown> } {
  const one = oneAdjustmentOf(policy, record, bill, ask, role, today);
  return {
    ...one,
    decision: withTotals(
      policy,
      record,
      bill,
      one.decision,
      role,
      today,
      actorCreditedCents,
      accountMovedCents,
    ),
  };
}

/**
 * An adjustment weighed with those before it: a bill is never credited more than it billed, and
 * who must approve is decided by the total credited on the bill, and on the account within the
 * policy's window, with this one — four credits of 85% of one bill, or two hundred of 1%, weigh
 * as what they add up to, not as one each. `actorCreditedCents` is what the asker posted on their
 * own authority, on every account, within the window (the server counts it from its adjustments):
 * an agent's many small credits across many accounts add up to one agent's limit too; it holds
 * their payment moves, refunds and write-offs as well (money-limits.ts). `accountMovedCents` is
 * what was moved off the account within the window other than by credits (payments transferred
 * or reversed, refunds, write-offs): it adds to the account's total.
 */
export function withTotals(
  policy: CollectionPolicy,
  record: Pick<AccountRecord, 'adjustments'>,
  bill: Bill,
  decision: AdjustmentDecision,
  role: Role,
  today: PlainDate,
  actorCreditedCents = 0,
  accountMovedCents = 0,
): AdjustmentDecision {
  const credit = -decision.amountCents;
  if (credit <= 0) return decision;
  const limits = policy.adjustments.approvalLimits;
  const days = limits.totalsWindowDays ?? DEFAULT_TOTALS_WINDOW_DAYS;
  const since = today.subtract({ days }).toString();
  const credits = record.adjustments.filter((a) => a.status !== 'declined' && a.amountCents < 0);
  const sum = (list: typeof credits) => list.reduce((total, a) => total - a.amountCents, 0);
  const onBill = sum(credits.filter((a) => a.billId === bill.id));
  const onAccount =
    sum(credits.filter((a) => a.createdAt.slice(0, 10) > since)) + accountMovedCents;
  const rules = [...decision.rules];
  let allowed = decision.allowed;
  if (onBill + credit > bill.totalCents) {
    allowed = false;
    rules.push(
      check('bill-credit-cap', 'fail', limits.source, {
        amount: credit,
        credited: onBill,
        billTotal: bill.totalCents,
      }),
    );
  }
  const total = Math.max(onBill, onAccount) + credit;
  const byActor = actorCreditedCents + credit;
  const order: Approver[] = ['agent', 'lead', 'manager'];
  const higher = (a: Approver, b: Approver) => (order.indexOf(a) > order.indexOf(b) ? a : b);
  const approver = higher(
    higher(approverFor(policy, -total), approverFor(policy, -byActor)),
    decision.approver,
  );
  if (actorCreditedCents > 0) {
    rules.push(
      check(
        'approval-actor-total',
        'pass',
        limits.source,
        {
          total: byActor,
          days,
          agentLimit: limits.agentUpToCents,
          leadLimit: limits.leadUpToCents,
        },
        `rules.approval-actor-total.${approverFor(policy, -byActor)}`,
      ),
    );
  }
  if (total > credit) {
    rules.push(
      check(
        'approval-total',
        'pass',
        limits.source,
        { total, days, agentLimit: limits.agentUpToCents, leadLimit: limits.leadUpToCents },
        `rules.approval-total.${approver}`,
      ),
    );
  }
  return { ...decision, allowed, approver, withinRole: roleAtLeast(role, approver), rules };
}

function oneAdjustmentOf(
  policy: CollectionPolicy,
  record: AccountRecord,
  bill: Bill,
  ask: AdjustmentAsk,
  role: Role,
  today: PlainDate,
): { decision: AdjustmentDecision; basis: Record<string, unknown> } {
  switch (ask.kind) {
    case 'leak': {
      const request = {
        leakUsage: bill.usage,
        history: usageBefore(record.bills, bill, policy.adjustments.leak.averageMonths),
        unit: bill.unit,
        ratePerUnit: marginalRate(bill.lines, bill.unit),
        proofOfRepair: ask.proofOfRepair,
        previousLeakAdjustments: adjustmentDays(record, 'leak'),
      };
      return {
        decision: leakAdjustment(policy, request, role, today),
        basis: {
          billId: bill.id,
          leakUsage: request.leakUsage,
          history: request.history,
          ratePerUnit: request.ratePerUnit,
          proofOfRepair: request.proofOfRepair,
        },
      };
    }
    case 'late-fee-reversal': {
      const lateFeeCents = lateFeeOnBill(bill.lines);
      const decision = lateFeeReversal(
        policy,
        {
          lateFeeCents,
          previousReversals: adjustmentDays(record, 'late-fee-reversal'),
          waiver: lateFeeWaiverOf(record),
        },
        role,
        today,
      );
      return {
        decision,
        basis: {
          billId: bill.id,
          lateFeeCents,
          lowIncomeWaiver: decision.rules.some(
            (r) => r.id === 'late-fee-waiver' && r.outcome === 'pass',
          ),
        },
      };
    }
    case 'percentage':
      return {
        decision: percentageAdjustment(
          policy,
          { baseCents: bill.totalCents, percent: ask.percent },
          role,
        ),
        basis: { billId: bill.id, baseCents: bill.totalCents, percent: ask.percent },
      };
  }
}

/** Months of on-time payment on the account's own record (bills paid in full by their due date). */
export function paymentHistoryMonths(
  record: Pick<AccountRecord, 'bills' | 'payments'>,
  frequency: BillFrequency | undefined,
  today: PlainDate,
): number {
  return onTimePaymentMonths(record.bills, record.payments, frequency ?? 'monthly', today);
}

/** The premise's average monthly bill over the last year: this account's bills and its others'. */
export function premiseAverageMonthlyBillCents(
  record: Pick<AccountRecord, 'bills' | 'premiseBills'>,
  today: PlainDate,
): Cents {
  return averageMonthlyBillCents([...record.bills, ...record.premiseBills], today);
}

/**
 * The deposit the policy asks of a service at the record's premise: what the applicant told the
 * agent, and the months of on-time payment a customer's own record shows where there is one (a
 * move), which decide over what was said.
 */
export function depositOf(
  policy: CollectionPolicy,
  premise: Pick<AccountRecord, 'bills' | 'premiseBills'>,
  request: {
    class: 'residential' | 'commercial';
    facts: DepositFacts;
    onTimePaymentMonths?: number;
  },
  today: PlainDate,
): DepositDecision {
  return computeDeposit(
    policy,
    {
      class: request.class,
      averageMonthlyBillCents: premiseAverageMonthlyBillCents(premise, today),
      ...request.facts,
      ...(request.onTimePaymentMonths !== undefined
        ? { onTimePaymentMonths: request.onTimePaymentMonths }
        : {}),
    },
    today,
  );
}

/**
 * What an arrangement request takes from the record: the bill cycle installments follow, the
 * arrangements made before, and the last year's bills budget billing levels.
 */
export function arrangementHistoryOf(
  record: Pick<AccountRecord, 'bills' | 'arrangements'>,
  frequency: BillFrequency | undefined,
  today: PlainDate,
): Pick<ArrangementRequest, 'billCycle' | 'prior' | 'annualBilledCents'> {
  return {
    billCycle: billCycleOf(record.bills, frequency ?? 'monthly'),
    prior: priorArrangements(record.arrangements),
    annualBilledCents: lastYearBilledCents(record.bills, today),
  };
}

/**
 * The installment the account's arrangement has due next, less what was paid toward it: the
 * first bucket of the stated payment order. Zero without an active arrangement in good standing.
 */
export function installmentDueCents(
  policy: CollectionPolicy,
  record: Pick<AccountRecord, 'arrangements' | 'payments'>,
  today: PlainDate,
): Cents {
  const active = record.arrangements.find((a) => a.status === 'active');
  if (!active) return 0;
  const standing = standingOf(policy, active, record.payments, today);
  if (standing.status !== 'good' || !standing.nextDue) return 0;
  let required = active.downPaymentCents;
  for (const i of active.installments) {
    required += i.amountCents;
    if (i.number === standing.nextDue.number) break;
  }
  return Math.max(0, required - standing.paidCents);
}

/** What taking a payment weighs about an account: what is open, what is due first, cash only. */
export interface PaymentFacts {
  items: OpenItem[];
  creditCents: Cents;
  installmentDueCents: Cents;
  /** Returned checks and bank payments on record, oldest first. */
  returnDays: string[];
  cashOnlyUntil: string | null;
}

export function paymentFactsOf(
  policy: CollectionPolicy,
  settings: PaymentSettings,
  record: Pick<AccountRecord, 'bills' | 'payments' | 'adjustments' | 'arrangements'>,
  today: PlainDate,
): PaymentFacts {
  const { items, creditCents } = openItemsOf(record.bills, record.payments, record.adjustments);
  const returnDays = record.payments
    .filter((p) => p.status === 'returned' && (p.tender === 'check' || p.tender === 'ach'))
    .map((p) => p.returnedOn ?? p.paidOn)
    .sort();
  return {
    items,
    creditCents,
    installmentDueCents: installmentDueCents(policy, record, today),
    returnDays,
    cashOnlyUntil: cashOnlyUntilOf(settings, returnDays, today),
  };
}

/** How a payment of `amountCents` would be applied to the account today, in the utility's order. */
export function allocationOf(
  policy: CollectionPolicy,
  settings: PaymentSettings,
  record: Pick<AccountRecord, 'bills' | 'payments' | 'adjustments' | 'arrangements'>,
  amountCents: Cents,
  today: PlainDate,
): AllocationLine[] {
  const facts = paymentFactsOf(policy, settings, record, today);
  return allocatePayment(
    settings.allocation.order,
    facts.items,
    facts.installmentDueCents,
    amountCents,
    today.toString(),
  );
}

/**
 * The account's open amount from before a bankruptcy filing: what is still open on bills whose
 * service period ended on or before `filedOn`, and fees that fell due by then. A bill whose period
 * runs across the filing counts as after it (its split by days was not gathered).
 */
export function prePetitionCentsOf(
  record: Pick<AccountRecord, 'bills' | 'payments' | 'adjustments'>,
  filedOn: string,
): Cents {
  const { items } = openItemsOf(record.bills, record.payments, record.adjustments);
  const periodTo = new Map(record.bills.map((b) => [b.id, b.periodTo]));
  return items
    .filter((i) =>
      i.billId !== null ? (periodTo.get(i.billId) ?? '9999') <= filedOn : i.dueOn <= filedOn,
    )
    .reduce((sum, i) => sum + i.openCents, 0);
}
