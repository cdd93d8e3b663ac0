import { randomUUID } from 'node:crypto';
import type { RefundReason } from '../../../shared/cis';
import { compareDates, plainDate } from '../../../shared/dates';
import { roleAtLeast } from '../../../shared/ipc/roles';
import { refundDecision } from '../../../shared/payments';
import { ageAccounts } from '../../cis/aging';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
  policyOf,
  rulesForAudit,
} from '../context';
import { moveDecision, recordMove, requireMoveReach } from '../money-moves';
import { Rejection } from '../rejection';
import { settingsOf } from './payments';

const isDeposit = (reason: string) => reason === 'deposit';

/** What a refund weighs about the account: its row, and what refunds wait already. */
async function refundFacts(ctx: Applying, account: AccountRow, except: string | null = null) {
  const { rows } = await ctx.tx.query<{ reason: string; cents: string | number }>(
    `select reason, coalesce(sum(amount_cents), 0) as cents from refunds
      where account_number = $1 and status = 'requested' and id <> coalesce($2, '')
      group by reason`,
    [account.number, except],
  );
  const { rows: own } = await ctx.tx.query<{ deposit_cents: string | number; opened_on: string }>(
    "select deposit_cents, to_char(opened_on, 'YYYY-MM-DD') as opened_on from accounts where number = $1",
    [account.number],
  );
  const waiting = { credit: 0, deposit: 0 };
  for (const r of rows) waiting[isDeposit(r.reason) ? 'deposit' : 'credit'] += Number(r.cents);
  return {
    status: account.status,
    balanceCents: Number(account.balance_cents),
    depositCents: Number(own[0].deposit_cents),
    depositSince: own[0].opened_on,
    waitingCents: waiting,
  };
}

/** Checks a refund against the account as it stands now, or refuses it with its reason. */
async function weigh(
  ctx: Applying,
  account: AccountRow,
  reason: RefundReason,
  amountCents: number,
  except: string | null = null,
) {
  const decision = refundDecision(
    policyOf(account),
    settingsOf(account),
    await refundFacts(ctx, account, except),
    reason,
    amountCents,
    ctx.today,
  );
  if (decision.refusal)
    throw new Rejection(decision.refusal.reasonKey, decision.refusal.details, {
      action: 'refundRefused',
      details: { reason, amountCents, rules: rulesForAudit(decision.rules) },
    });
  return decision;
}

/**
 * Takes an approved refund off the account: a credit balance moves toward zero (the money is
 * owed to the customer by accounts payable now), a deposit is released; counted in the
 * approver's and the account's totals.
 */
async function takeOff(
  ctx: Applying,
  account: AccountRow,
  refund: { id: string; reason: string; amountCents: number },
) {
  if (isDeposit(refund.reason)) {
    await ctx.tx.query(
      'update accounts set deposit_cents = greatest(deposit_cents - $2, 0) where number = $1',
      [account.number, refund.amountCents],
    );
  } else {
    await ctx.tx.query('update accounts set balance_cents = balance_cents + $2 where number = $1', [
      account.number,
      refund.amountCents,
    ]);
    await ageAccounts(ctx.tx, ctx.today, [account.number]);
  }
  await recordMove(ctx, {
    kind: 'refund',
    account: account.number,
    cents: refund.amountCents,
    reference: refund.id,
  });
}

/**
 * A refund asked for a customer. Within the asker's reach (the approval limits, weighed with
 * what they and the account moved in the window) it is approved at once; above it, it waits for
 * a lead or a manager.
 */
export const requestRefund: Handler<'requestRefund'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const decision = await weigh(ctx, account, command.reason, command.amountCents);
  const limits = await moveDecision(ctx, account, command.amountCents);
  const within = limits.withinRole;
  const id = randomUUID();
  const rules = [...decision.rules, ...limits.rules];
  await ctx.tx.query(
    `insert into refunds (id, account_number, utility_id, reason, amount_cents, payee, address, note,
       status, approver, requested_by, requested_at, decided_by, decided_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, null, $13)`,
    [
      id,
      account.number,
      account.utility_id,
      command.reason,
      command.amountCents,
      command.payee,
      JSON.stringify(command.address),
      command.note ?? null,
      within ? 'approved' : 'requested',
      limits.approver,
      ctx.principal.userId,
      ctx.now,
      within ? ctx.now : null,
    ],
  );
  if (within)
    await takeOff(ctx, account, { id, reason: command.reason, amountCents: command.amountCents });
  await audit(ctx, within ? 'refundApproved' : 'refundRequested', account.number, {
    refundId: id,
    reason: command.reason,
    amountCents: command.amountCents,
    interestCents: decision.interestCents,
    payee: command.payee,
    approver: limits.approver,
    movedByCents: limits.movedByCents,
    movedOnAccountCents: limits.movedOnAccountCents,
    rules: rulesForAudit(rules),
  });
  await changed(ctx, account.number, 'refund', within);
  return {
    refundId: id,
    status: within ? ('approved' as const) : ('requested' as const),
    approver: limits.approver,
    rules: rules.map((r) => ({
      id: r.id,
      messageKey: r.messageKey,
      params: r.params,
      citation: r.citation,
    })),
  };
};

interface StoredRefund {
  id: string;
  reason: RefundReason;
  amount_cents: string | number;
  status: string;
  approver: 'agent' | 'lead' | 'manager';
  requested_by: string;
}

async function refundOn(ctx: Applying, account: string, id: string) {
  const { rows } = await ctx.tx.query<StoredRefund>(
    'select id, reason, amount_cents, status, approver, requested_by from refunds where id = $1 and account_number = $2 for update',
    [id, account],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchRefund', { refundId: id });
  return { ...rows[0], amountCents: Number(rows[0].amount_cents) };
}

/**
 * A lead's (or an admin's) decision on a waiting refund. An approval is weighed with what the
 * approver and the account moved in the window, and with the account as it stands now.
 */
export const decideRefund: Handler<'decideRefund'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const refund = await refundOn(ctx, account.number, command.refundId);
  if (refund.status !== 'requested')
    throw new Rejection('cis:rejected.refundDecided', { status: refund.status });
  if (!roleAtLeast(ctx.principal.role, refund.approver))
    throw new Rejection('cis:rejected.notYourApproval', { approver: refund.approver });
  const approve = command.decision === 'approve';
  if (approve) {
    await weigh(ctx, account, refund.reason, refund.amountCents, refund.id);
    await requireMoveReach(ctx, account, refund.amountCents, 'refundApprovalRefused', {
      refundId: refund.id,
    });
  }
  await ctx.tx.query(
    'update refunds set status = $2, decided_by = $3, decided_at = $4, decision_reason = $5 where id = $1',
    [refund.id, approve ? 'approved' : 'declined', ctx.principal.userId, ctx.now, command.reason],
  );
  if (approve) await takeOff(ctx, account, refund);
  await audit(ctx, approve ? 'refundApproved' : 'refundDeclined', account.number, {
    refundId: refund.id,
    amountCents: refund.amountCents,
    reason: command.reason,
    requestedBy: refund.requested_by,
  });
  await changed(ctx, account.number, 'refund', approve);
  return { refundId: refund.id, status: approve ? ('approved' as const) : ('declined' as const) };
};

/** Accounts payable issued an approved refund: its check, for the refund's amount, on a past day. */
export const issueRefund: Handler<'issueRefund'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const refund = await refundOn(ctx, account.number, command.refundId);
  if (refund.status !== 'approved')
    throw new Rejection('cis:rejected.refundNotApproved', { status: refund.status });
  if (command.amountCents !== refund.amountCents)
    throw new Rejection('cis:rejected.refundAmountMismatch', {
      amount: command.amountCents,
      refund: refund.amountCents,
    });
  if (compareDates(plainDate(command.issuedOn), ctx.today) > 0)
    throw new Rejection('cis:rejected.dateInFuture', { date: command.issuedOn });
  const { rows: used } = await ctx.tx.query(
    "select 1 from refunds where utility_id = $1 and check_number = $2 and status = 'issued'",
    [account.utility_id, command.checkNumber],
  );
  if (used.length)
    throw new Rejection('cis:rejected.checkNumberUsed', { checkNumber: command.checkNumber });
  await ctx.tx.query(
    "update refunds set status = 'issued', check_number = $2, issued_on = $3 where id = $1",
    [refund.id, command.checkNumber, command.issuedOn],
  );
  await audit(ctx, 'refundIssued', account.number, {
    refundId: refund.id,
    amountCents: refund.amountCents,
    checkNumber: command.checkNumber,
    issuedOn: command.issuedOn,
  });
  await changed(ctx, account.number, 'refund', false);
  return { refundId: refund.id, status: 'issued' as const, checkNumber: command.checkNumber };
};
