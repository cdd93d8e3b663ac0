import { paymentFactsOf } from '../../../shared/collections';
import { ageAccounts } from '../../cis/aging';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
} from '../context';
import { recordMove, requireMoveReach } from '../money-moves';
import { Rejection } from '../rejection';
import { recordPayment, settingsOf, standingAfter } from './payments';

interface PostedPayment {
  id: number;
  amount_cents: number;
  tender: string;
  channel: string | null;
  drawer_id: string | null;
  tender_detail: Record<string, string>;
}

/** The posted payment of that receipt on the account, locked. */
async function postedPayment(ctx: Applying, account: string, receiptNumber: string) {
  const { rows } = await ctx.tx.query<PostedPayment & { status: string }>(
    `select id, amount_cents, tender, channel, drawer_id, tender_detail, status from payments
      where account_number = $1 and receipt_number = $2 for update`,
    [account, receiptNumber],
  );
  const payment = rows[0];
  if (!payment) throw new Rejection('cis:rejected.noSuchPayment', { receiptNumber });
  if (payment.status !== 'posted')
    throw new Rejection('cis:rejected.paymentNotPosted', { status: payment.status });
  return { ...payment, amount_cents: Number(payment.amount_cents) };
}

async function reverseOn(ctx: Applying, account: AccountRow, payment: PostedPayment) {
  await ctx.tx.query("update payments set status = 'reversed' where id = $1", [payment.id]);
  await ctx.tx.query('update accounts set balance_cents = balance_cents + $2 where number = $1', [
    account.number,
    payment.amount_cents,
  ]);
}

/** Moves a payment from the account it was posted to onto the one it was meant for. */
export const transferPayment: Handler<'transferPayment'> = async (ctx, command) => {
  if (command.toAccountNumber === command.accountNumber)
    throw new Rejection('cis:rejected.sameAccount');
  // Both accounts locked in one order, so two moves between the same pair never wait on each other.
  const [first, second] = [command.accountNumber, command.toAccountNumber].sort();
  const locked = new Map<string, AccountRow>();
  for (const n of [first, second]) locked.set(n, await lockAccount(ctx.tx, n));
  const from = locked.get(command.accountNumber)!;
  const to = locked.get(command.toAccountNumber)!;
  if (from.utility_id !== to.utility_id)
    throw new Rejection('cis:rejected.otherUtility', { accountNumber: to.number });
  const payment = await postedPayment(ctx, from.number, command.receiptNumber);
  // Weighed with what the asker and the account moved in the policy's window: several small
  // transfers add up to one.
  const { approver } = await requireMoveReach(
    ctx,
    from,
    payment.amount_cents,
    'paymentTransferRefused',
    { receiptNumber: command.receiptNumber, toAccount: to.number },
  );
  await recordMove(ctx, {
    kind: 'transfer',
    account: from.number,
    cents: payment.amount_cents,
    reference: command.receiptNumber,
  });
  await reverseOn(ctx, from, payment);
  const policy = policyOf(to);
  const settings = settingsOf(to);
  const toFacts = paymentFactsOf(policy, settings, await recordOf(ctx, to.number), ctx.today);
  const moved = await recordPayment(ctx, to, settings, toFacts, {
    amountCents: payment.amount_cents,
    tender: payment.tender,
    detail: payment.tender_detail ?? {},
    channel: payment.channel,
    drawerId: payment.drawer_id,
  });
  await ageAccounts(ctx.tx, ctx.today, [from.number, to.number]);
  const details = {
    paymentId: String(payment.id),
    receiptNumber: command.receiptNumber,
    amountCents: payment.amount_cents,
    fromAccount: from.number,
    toAccount: to.number,
    newPaymentId: moved.paymentId,
    newReceiptNumber: moved.receiptNumber,
    allocations: moved.allocations,
    reason: command.reason,
    approver,
  };
  await audit(ctx, 'paymentTransferredOut', from.number, details);
  await audit(ctx, 'paymentTransferredIn', to.number, details);
  await changed(ctx, from.number, 'payment', true);
  await changed(ctx, to.number, 'payment', true);
  return {
    paymentId: String(payment.id),
    newPaymentId: moved.paymentId,
    newReceiptNumber: moved.receiptNumber,
    allocations: moved.allocations,
    from: standingAfter(
      policyOf(from),
      settingsOf(from),
      await recordOf(ctx, from.number),
      ctx.today,
    ),
    to: standingAfter(policy, settings, await recordOf(ctx, to.number), ctx.today),
  };
};

/** Reverses a payment taken twice or posted by a processor's error: what it paid opens again. */
export const reversePayment: Handler<'reversePayment'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const payment = await postedPayment(ctx, account.number, command.receiptNumber);
  const { approver } = await requireMoveReach(
    ctx,
    account,
    payment.amount_cents,
    'paymentReversalRefused',
    { receiptNumber: command.receiptNumber },
  );
  await recordMove(ctx, {
    kind: 'reversal',
    account: account.number,
    cents: payment.amount_cents,
    reference: command.receiptNumber,
  });
  await reverseOn(ctx, account, payment);
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
  await audit(ctx, 'paymentReversed', account.number, {
    paymentId: String(payment.id),
    receiptNumber: command.receiptNumber,
    amountCents: payment.amount_cents,
    reason: command.reason,
    note: command.note,
    approver,
  });
  await changed(ctx, account.number, 'payment', true);
  return {
    paymentId: String(payment.id),
    account: standingAfter(
      policyOf(account),
      settingsOf(account),
      await recordOf(ctx, account.number),
      ctx.today,
    ),
  };
};
