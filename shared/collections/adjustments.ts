import type { PlainDate } from '../dates';
import { type Role, roleAtLeast } from '../ipc/roles';
import { type Cents, Dec, dollarsToCents } from '../money';
import { type LateFeeWaiverRequest, lateFeeWaiver } from './fees';
import type { CollectionPolicy } from './policy';
import { check, type RuleCheck, withinMonths } from './rules';

export type Approver = 'agent' | 'lead' | 'manager';

export interface AdjustmentDecision {
  allowed: boolean;
  amountCents: Cents;
  /** Who must approve it: the agent may post it, or it goes to a lead or a manager. */
  approver: Approver;
  /** True when the role asking may post it without anyone else. */
  withinRole: boolean;
  rules: RuleCheck[];
}

export function approverFor(policy: CollectionPolicy, amountCents: Cents): Approver {
  const l = policy.adjustments.approvalLimits;
  const size = Math.abs(amountCents);
  if (size <= l.agentUpToCents) return 'agent';
  if (size <= l.leadUpToCents) return 'lead';
  return 'manager';
}

function decide(
  policy: CollectionPolicy,
  amountCents: Cents,
  role: Role,
  rules: RuleCheck[],
  allowed: boolean,
): AdjustmentDecision {
  const approver = approverFor(policy, amountCents);
  const l = policy.adjustments.approvalLimits;
  rules.push(
    check(
      'approval',
      'pass',
      l.source,
      {
        amount: Math.abs(amountCents),
        agentLimit: l.agentUpToCents,
        leadLimit: l.leadUpToCents,
        approver,
      },
      `rules.approval.${approver}`,
    ),
  );
  return { allowed, amountCents, approver, withinRole: roleAtLeast(role, approver), rules };
}

export interface LeakRequest {
  /** Usage of the leak period, and the account's monthly usage history before it. */
  leakUsage: string;
  history: string[];
  /** The bill's unit of consumption (mcf, ccf): the use is read in it. */
  unit: string;
  /** What one unit costs on the bill (water and sewer together where both are billed on it). */
  ratePerUnit: string;
  proofOfRepair: boolean;
  previousLeakAdjustments: string[];
}

/** Leak credit: a share of the use above the account's normal, at most once per period, proof required. */
export function leakAdjustment(
  policy: CollectionPolicy,
  request: LeakRequest,
  role: Role,
  today: PlainDate,
): AdjustmentDecision {
  const p = policy.adjustments.leak;
  const rules: RuleCheck[] = [];
  let allowed = true;
  const recent = withinMonths(request.previousLeakAdjustments, p.oncePerMonths, today);
  rules.push(
    check('leak-frequency', recent ? 'fail' : 'pass', p.source, {
      months: p.oncePerMonths,
      last: recent ?? '',
    }),
  );
  if (recent) allowed = false;
  if (p.proofRequired) {
    rules.push(check('leak-proof', request.proofOfRepair ? 'pass' : 'fail', p.source));
    if (!request.proofOfRepair) allowed = false;
  }
  const history = request.history.slice(-p.averageMonths);
  if (history.length === 0) {
    rules.push(check('leak-history', 'fail', p.source, { months: p.averageMonths }));
    return decide(policy, 0, role, rules, false);
  }
  const average = history.reduce((a, u) => a.plus(u), new Dec(0)).dividedBy(history.length);
  const excess = Dec.max(new Dec(request.leakUsage).minus(average), 0);
  const credit = dollarsToCents(
    excess.times(p.creditPercent).dividedBy(100).times(request.ratePerUnit),
  );
  rules.push(
    check('leak-amount', excess.isZero() ? 'fail' : 'pass', p.source, {
      average: average.toDecimalPlaces(2).toString(),
      excess: excess.toDecimalPlaces(2).toString(),
      unit: request.unit,
      percent: p.creditPercent,
      credit,
    }),
  );
  if (excess.isZero()) allowed = false;
  return decide(policy, -credit, role, rules, allowed);
}

/**
 * Reverses a late fee. Where the policy waives late charges for low-income households (SB 998
 * §116914) and the household on file qualifies with no waiver in the period, the reversal is that
 * waiver; otherwise it is the utility's courtesy reversal, once per the policy's period.
 */
export function lateFeeReversal(
  policy: CollectionPolicy,
  request: {
    lateFeeCents: Cents;
    previousReversals: string[];
    /** The household on file and the days a late charge was waived or reversed before. */
    waiver?: Omit<LateFeeWaiverRequest, 'today'>;
  },
  role: Role,
  today: PlainDate,
): AdjustmentDecision {
  const waived = request.waiver
    ? lateFeeWaiver(policy, request.lateFeeCents, { ...request.waiver, today })
    : null;
  if (waived?.outcome === 'pass')
    return decide(policy, -request.lateFeeCents, role, [waived], true);
  const p = policy.adjustments.lateFeeReversal;
  const recent = withinMonths(request.previousReversals, p.oncePerMonths, today);
  const rules = [
    ...(waived ? [waived] : []),
    check('late-fee-frequency', recent ? 'fail' : 'pass', p.source, {
      months: p.oncePerMonths,
      last: recent ?? '',
    }),
  ];
  return decide(policy, -request.lateFeeCents, role, rules, !recent);
}

/** A percentage of a billed amount, credited (or charged, with a negative percent). */
export function percentageAdjustment(
  policy: CollectionPolicy,
  request: { baseCents: Cents; percent: string },
  role: Role,
): AdjustmentDecision {
  const amount = dollarsToCents(
    new Dec(request.baseCents).times(request.percent).dividedBy(100).dividedBy(100),
  );
  const rules = [
    check('percentage', 'pass', policy.adjustments.approvalLimits.source, {
      percent: request.percent,
      base: request.baseCents,
      amount,
    }),
  ];
  return decide(policy, -amount, role, rules, true);
}
