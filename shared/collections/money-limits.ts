import { type Role, roleAtLeast } from '../ipc/roles';
import type { Cents } from '../money';
import { type Approver, approverFor } from './adjustments';
import type { CollectionPolicy } from './policy';
import { check, type RuleCheck } from './rules';

/**
 * Every way money leaves an account on someone's authority, weighed against the same approval
 * limits: a credit (an adjustment), a payment moved to another account or reversed, a refund
 * and a write-off.
 */
export const moneyMoveKinds = ['credit', 'transfer', 'reversal', 'refund', 'write-off'] as const;
export type MoneyMoveKind = (typeof moneyMoveKinds)[number];

/** The days over which money moves add up against the approval limits, by default. */
export const DEFAULT_TOTALS_WINDOW_DAYS = 30;

/** The days of the policy's window: what one user, and one account, moved within them adds up. */
export function totalsWindowDays(policy: CollectionPolicy): number {
  return policy.adjustments.approvalLimits.totalsWindowDays ?? DEFAULT_TOTALS_WINDOW_DAYS;
}

const order: Approver[] = ['agent', 'lead', 'manager'];

/** The higher of two approvers. */
export function higherApprover(a: Approver, b: Approver): Approver {
  return order.indexOf(a) > order.indexOf(b) ? a : b;
}

export interface MoveDecision {
  approver: Approver;
  /** Whether the asker's role reaches that approver: they may make it on their own authority. */
  withinRole: boolean;
  rules: RuleCheck[];
}

/**
 * Who must approve a move of `amountCents` (positive), weighed with what the asker moved on
 * their own authority within the window on every account (`movedByCents`) and what was moved on
 * the account within it by anyone (`movedOnAccountCents`): several small moves weigh as their
 * total, so no sequence gets more past a limit than one command could.
 */
export function moveApprover(
  policy: CollectionPolicy,
  amountCents: Cents,
  movedByCents: Cents,
  movedOnAccountCents: Cents,
  role: Role,
): MoveDecision {
  const limits = policy.adjustments.approvalLimits;
  const days = totalsWindowDays(policy);
  const byActor = movedByCents + amountCents;
  const onAccount = movedOnAccountCents + amountCents;
  const approver = higherApprover(
    approverFor(policy, amountCents),
    higherApprover(approverFor(policy, byActor), approverFor(policy, onAccount)),
  );
  const params = { days, agentLimit: limits.agentUpToCents, leadLimit: limits.leadUpToCents };
  const rules: RuleCheck[] = [
    check(
      'approval',
      'pass',
      limits.source,
      { amount: amountCents, ...params, approver: approverFor(policy, amountCents) },
      `rules.approval.${approverFor(policy, amountCents)}`,
    ),
    check(
      'approval-actor-total',
      'pass',
      limits.source,
      { total: byActor, ...params },
      `rules.approval-actor-total.${approverFor(policy, byActor)}`,
    ),
    check(
      'approval-total',
      'pass',
      limits.source,
      { total: onAccount, ...params },
      `rules.approval-total.${approverFor(policy, onAccount)}`,
    ),
  ];
  return { approver, withinRole: roleAtLeast(role, approver), rules };
}
