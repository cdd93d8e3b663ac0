import { randomUUID } from 'node:crypto';
import { lateFeeOnBill } from '../../../shared/cis';
import { adjustmentOf, totalsWindowDays } from '../../../shared/collections';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { applyVersion, declineVersion } from '../../bills/versions';
import { ageAccounts } from '../../cis/aging';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  firstFailure,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
  rulesForAudit,
} from '../context';
import { movedBy, movedOn } from '../money-moves';
import { Rejection } from '../rejection';

/**
 * Posts an amount to the balance and ages the past due again from the ledger: a credit pays the
 * oldest amounts first, so the buckets and the age follow.
 */
export async function postToBalance(
  ctx: Applying,
  account: AccountRow,
  amountCents: number,
): Promise<void> {
  await ctx.tx.query('update accounts set balance_cents = balance_cents + $2 where number = $1', [
    account.number,
    amountCents,
  ]);
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
}

/**
 * The adjustment the policy gives, computed here from the account's own bill and record (never
 * from an amount the desktop sends) with the function the desk's panel computes it with: a leak
 * credit, the reversal of the late fee a bill carries (once per bill), or a percentage of a
 * bill. It posts within the asker's limit and waits for a lead or a manager above it; the basis
 * it was computed from is kept and audited.
 */
export const postAdjustment: Handler<'postAdjustment'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const policy = policyOf(account);
  const record = await recordOf(ctx, account.number);
  const bill = record.bills.find((b) => b.id === command.billId);
  if (!bill) throw new Rejection('cis:rejected.noSuchBill', { billId: command.billId });
  if (command.kind === 'late-fee-reversal') {
    if (lateFeeOnBill(bill.lines) <= 0)
      throw new Rejection('cis:rejected.noLateFee', { billId: command.billId });
    const { rows: reversed } = await ctx.tx.query(
      "select 1 from adjustments where account_number = $1 and kind = 'late-fee-reversal' and status in ('posted', 'pending') and basis ->> 'billId' = $2",
      [account.number, command.billId],
    );
    if (reversed.length)
      throw new Rejection('cis:rejected.lateFeeReversed', { billId: command.billId });
  }
  const ask =
    command.kind === 'leak'
      ? { kind: command.kind, proofOfRepair: command.proofOfRepair === true }
      : command.kind === 'percentage'
        ? { kind: command.kind, percent: command.percent ?? '0' }
        : { kind: command.kind };
  const days = totalsWindowDays(policy);
  const { decision, basis } = adjustmentOf(
    policy,
    record,
    bill,
    ask,
    ctx.principal.role,
    ctx.today,
    // What the asker moved on their own authority on every account (credits, payment moves,
    // refunds, write-offs), and what was moved off this account other than by credits.
    await movedBy(ctx, days),
    await movedOn(ctx, account.number, days),
  );
  const refused = (reasonKey: string, details: Record<string, unknown>) =>
    new Rejection(reasonKey, details, {
      action: 'adjustmentRefused',
      details: {
        kind: command.kind,
        basis,
        computedCents: decision.amountCents,
        askedCents: command.amountCents,
        rules: rulesForAudit(decision.rules),
      },
    });
  if (!decision.allowed) {
    const failed = firstFailure(decision.rules);
    throw refused(
      failed ? `collections:${failed.messageKey}` : 'cis:rejected.adjustmentNotAllowed',
      { ruleId: failed?.id, params: failed?.params, citation: failed?.citation },
    );
  }
  if (decision.amountCents !== command.amountCents) {
    throw refused('cis:rejected.adjustmentMismatch', {
      amount: Math.abs(decision.amountCents),
      computedCents: decision.amountCents,
      askedCents: command.amountCents,
    });
  }
  const within = decision.withinRole;
  const id = randomUUID();
  await ctx.tx.query(
    'insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver, requested_by, created_at, basis) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [
      id,
      account.number,
      command.kind,
      decision.amountCents,
      within ? 'posted' : 'pending',
      command.reason,
      decision.approver,
      ctx.principal.userId,
      ctx.now,
      JSON.stringify({ ...basis, rules: rulesForAudit(decision.rules) }),
    ],
  );
  if (within) await postToBalance(ctx, account, decision.amountCents);
  await audit(ctx, within ? 'adjustmentPosted' : 'adjustmentRequested', account.number, {
    adjustmentId: id,
    kind: command.kind,
    amountCents: decision.amountCents,
    approver: decision.approver,
    basis,
    rules: rulesForAudit(decision.rules),
    limits: policy.adjustments.approvalLimits,
  });
  await changed(ctx, account.number, 'adjustment', within);
  return {
    adjustmentId: id,
    status: within ? ('posted' as const) : ('pending' as const),
    approver: decision.approver,
  };
};

/** A lead's (or, above a lead's limit, an admin's) decision on an adjustment waiting for it. */
export const decideAdjustment: Handler<'decideAdjustment'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{
    status: string;
    approver: 'agent' | 'lead' | 'manager';
    amount_cents: number;
    requested_by: string;
    basis: { rebillOf?: string; version?: number } | null;
  }>(
    'select status, approver, amount_cents, requested_by, basis from adjustments where id = $1 and account_number = $2 for update',
    [command.adjustmentId, account.number],
  );
  const adj = rows[0];
  if (!adj) throw new Rejection('cis:rejected.noSuchAdjustment');
  if (adj.status !== 'pending')
    throw new Rejection('cis:rejected.adjustmentDecided', { status: adj.status });
  const role = ctx.principal.role;
  if (!roleAtLeast(role, adj.approver) || role === 'agent')
    throw new Rejection('cis:rejected.notYourApproval', { approver: adj.approver });
  const approve = command.decision === 'approve';
  await ctx.tx.query(
    'update adjustments set status = $2, decided_by = $3, decision_reason = $4, decided_at = $5 where id = $1',
    [
      command.adjustmentId,
      approve ? 'posted' : 'declined',
      ctx.principal.userId,
      command.reason,
      ctx.now,
    ],
  );
  if (approve) await postToBalance(ctx, account, Number(adj.amount_cents));
  // A rebill above the asker's limit: its new version becomes the bill once approved.
  const rebill = adj.basis?.rebillOf && adj.basis.version ? adj.basis : null;
  if (rebill?.rebillOf && rebill.version) {
    if (approve) await applyVersion(ctx.tx, rebill.rebillOf, rebill.version);
    else await declineVersion(ctx.tx, rebill.rebillOf, rebill.version);
  }
  await audit(ctx, approve ? 'adjustmentApproved' : 'adjustmentDeclined', account.number, {
    adjustmentId: command.adjustmentId,
    reason: command.reason,
    requestedBy: adj.requested_by,
  });
  await changed(ctx, account.number, 'adjustment', approve);
  return {
    adjustmentId: command.adjustmentId,
    status: approve ? ('posted' as const) : ('declined' as const),
  };
};
