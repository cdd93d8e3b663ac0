import type { AccountAfterPayment } from '../../../shared/cis';
import {
  type AccountRecord,
  type CollectionPolicy,
  disconnectionAccountOf,
  evaluateDisconnection,
  type PaymentFacts,
  paymentFactsOf,
  standingOf,
} from '../../../shared/collections';
import type { PlainDate } from '../../../shared/dates';
import {
  type AllocationLine,
  allocatePayment,
  type PaymentSettings,
  returnedPaymentDecision,
  tenderDetail,
} from '../../../shared/payments';
import { getUtility } from '../../../shared/utilities';
import { ageAccounts } from '../../cis/aging';
import type { Db } from '../../db/database';
import {
  type AccountRow,
  type Applying,
  audit,
  changed,
  type Handler,
  lockAccount,
  policyOf,
  recordOf,
  rulesForAudit,
} from '../context';
import { OPEN_ORDER } from '../field-orders';
import { Rejection } from '../rejection';
import { drawerForPayment } from './counter';

export function settingsOf(account: AccountRow): PaymentSettings {
  const settings = getUtility(account.utility_id)?.payments;
  if (!settings) throw new Rejection('cis:rejected.noPolicy', { utilityId: account.utility_id });
  return settings;
}

/**
 * The utility's next receipt number, drawn under its counter row's lock: numbers follow one
 * another per utility without a gap a rolled-back payment would not also give back.
 */
async function nextReceiptNumber(tx: Db, settings: PaymentSettings): Promise<string> {
  const { rows } = await tx.query<{ last_number: number }>(
    `insert into receipt_numbers (utility_id, last_number) values ($1, 1)
     on conflict (utility_id) do update set last_number = receipt_numbers.last_number + 1
     returning last_number`,
    [settings.utilityId],
  );
  return `${settings.receiptPrefix}-${String(Number(rows[0].last_number)).padStart(8, '0')}`;
}

function disconnectionToday(policy: CollectionPolicy, record: AccountRecord, today: PlainDate) {
  return evaluateDisconnection(
    policy,
    disconnectionAccountOf(policy, record, today),
    today,
    record.customer.preferredLanguage,
  );
}

/** Where the account stands after a payment or a return, as the desk shows it. */
export function standingAfter(
  policy: CollectionPolicy,
  settings: PaymentSettings,
  record: AccountRecord,
  today: PlainDate,
): AccountAfterPayment {
  const facts = paymentFactsOf(policy, settings, record, today);
  const latest = record.arrangements[0];
  const arrangement = !latest
    ? 'none'
    : latest.status === 'active'
      ? standingOf(policy, latest, record.payments, today).status
      : latest.status === 'broken' || latest.status === 'completed'
        ? latest.status
        : 'none';
  return {
    balanceCents: record.header.balanceCents,
    pastDueCents: record.header.pastDueCents,
    pastDueDays: record.header.pastDueDays,
    creditCents: facts.creditCents,
    arrangement,
    disconnectionAllowed: disconnectionToday(policy, record, today).allowed,
    cashOnlyUntil: facts.cashOnlyUntil,
  };
}

/** What a payment is recorded with, whatever brought it (a tender taken, a payment moved). */
export interface PaymentInput {
  amountCents: number;
  tender: string;
  detail: Record<string, string>;
  channel: string | null;
  drawerId: string | null;
}

/**
 * Writes a posted payment on a locked account: applied in the utility's order against what the
 * account owes today, numbered with the utility's next receipt, the balance lowered by it.
 */
export async function recordPayment(
  ctx: Applying,
  account: AccountRow,
  settings: PaymentSettings,
  facts: PaymentFacts,
  input: PaymentInput,
): Promise<{ paymentId: string; receiptNumber: string; allocations: AllocationLine[] }> {
  const allocations = allocatePayment(
    settings.allocation.order,
    facts.items,
    facts.installmentDueCents,
    input.amountCents,
    ctx.today.toString(),
  );
  const receiptNumber = await nextReceiptNumber(ctx.tx, settings);
  const { rows } = await ctx.tx.query<{ id: number }>(
    `insert into payments (account_number, paid_on, amount_cents, tender, status, utility_id,
       receipt_number, channel, drawer_id, tender_detail, taken_by, taken_at)
     values ($1, $2, $3, $4, 'posted', $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      account.number,
      ctx.today.toString(),
      input.amountCents,
      input.tender,
      account.utility_id,
      receiptNumber,
      input.channel,
      input.drawerId,
      JSON.stringify(input.detail),
      ctx.principal.userId,
      ctx.now,
    ],
  );
  const paymentId = String(rows[0].id);
  await ctx.tx.query(
    `insert into payment_allocations (payment_id, line, bucket, item_id, bill_id, cents)
     select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[])`,
    [
      paymentId,
      allocations.map((_, i) => i + 1),
      allocations.map((a) => a.bucket),
      allocations.map((a) => a.itemId),
      allocations.map((a) => a.billId),
      allocations.map((a) => a.cents),
    ],
  );
  await ctx.tx.query(
    `with a as (update accounts set balance_cents = balance_cents - $2 where number = $1
                returning balance_cents)
     update payments set balance_after_cents = (select balance_cents from a) where id = $3`,
    [account.number, input.amountCents, paymentId],
  );
  return { paymentId, receiptNumber, allocations };
}

/**
 * A payment by any tender, applied in the utility's order (shared/payments allocation) against
 * what the account owes today, with the next receipt number of the utility. Refused by check or
 * bank account during a cash-only period. Where it takes the account out of a disconnection the
 * policy allowed (or an open field disconnection order), that is kept with it: a return later
 * takes the decision again.
 */
export const postPayment: Handler<'postPayment'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const policy = policyOf(account);
  const settings = settingsOf(account);
  const kind = command.tender.kind;
  if (command.drawerId)
    await drawerForPayment(ctx, command.drawerId, account.utility_id, command.channel, kind);
  const record = await recordOf(ctx, account.number);
  const facts = paymentFactsOf(policy, settings, record, ctx.today);
  if (facts.cashOnlyUntil && (kind === 'check' || kind === 'ach'))
    throw new Rejection(
      'cis:rejected.cashOnly',
      { until: facts.cashOnlyUntil },
      {
        action: 'paymentRefused',
        details: { tender: kind, amountCents: command.amountCents, until: facts.cashOnlyUntil },
      },
    );
  const before = disconnectionToday(policy, record, ctx.today);
  const detail = tenderDetail(command.tender);
  const { paymentId, receiptNumber, allocations } = await recordPayment(
    ctx,
    account,
    settings,
    facts,
    {
      amountCents: command.amountCents,
      tender: kind,
      detail,
      channel: command.channel,
      drawerId: command.drawerId ?? null,
    },
  );
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
  const after = await recordOf(ctx, account.number);
  const standing = standingAfter(policy, settings, after, ctx.today);
  let cancelledOrders: string[] = [];
  if (!standing.disconnectionAllowed) {
    const { rows: cancelled } = await ctx.tx.query<{ id: string }>(
      `update service_orders set status = 'cancelled'
        where account_number = $1 and type = 'field-disconnect' and ${OPEN_ORDER} returning id`,
      [account.number],
    );
    cancelledOrders = cancelled.map((r) => r.id);
  }
  const stoppedDisconnection =
    (before.allowed && !standing.disconnectionAllowed) || cancelledOrders.length > 0;
  if (stoppedDisconnection)
    await ctx.tx.query('update payments set stopped_disconnection = true where id = $1', [
      paymentId,
    ]);
  await audit(ctx, 'paymentPosted', account.number, {
    paymentId,
    receiptNumber,
    amountCents: command.amountCents,
    tender: kind,
    tenderDetail: detail,
    channel: command.channel,
    drawerId: command.drawerId ?? null,
    allocations,
    order: settings.allocation.order,
    orderSource: settings.allocation.source.citation,
    stoppedDisconnection,
    cancelledOrders,
  });
  await changed(ctx, account.number, 'payment', true);
  return {
    paymentId,
    receiptNumber,
    paidOn: ctx.today.toString(),
    allocations,
    stoppedDisconnection,
    account: standing,
  };
};

/**
 * A check or bank payment the bank returned: the payment no longer pays anything (the charges
 * it paid open again, an arrangement's installment is unpaid and its standing decided again),
 * the returned-item fee of the utility held to the state's cap is charged, a cash-only period
 * starts where the utility sets one, and a disconnection it had stopped is decided again.
 */
export const returnPayment: Handler<'returnPayment'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const policy = policyOf(account);
  const settings = settingsOf(account);
  const { rows } = await ctx.tx.query<{
    id: number;
    amount_cents: number;
    tender: string;
    status: string;
    stopped_disconnection: boolean;
  }>(
    `select id, amount_cents, tender, status, stopped_disconnection from payments
      where account_number = $1 and receipt_number = $2 for update`,
    [account.number, command.receiptNumber],
  );
  const payment = rows[0];
  if (!payment)
    throw new Rejection('cis:rejected.noSuchPayment', { receiptNumber: command.receiptNumber });
  if (payment.status !== 'posted')
    throw new Rejection('cis:rejected.paymentNotPosted', { status: payment.status });
  if (payment.tender !== 'check' && payment.tender !== 'ach')
    throw new Rejection('cis:rejected.paymentNotReturnable', { tender: payment.tender });
  const amount = Number(payment.amount_cents);
  if (amount !== command.amountCents)
    throw new Rejection('cis:rejected.returnAmountMismatch', {
      amount: command.amountCents,
      total: amount,
    });
  const record = await recordOf(ctx, account.number);
  const facts = paymentFactsOf(policy, settings, record, ctx.today);
  const decision = returnedPaymentDecision(
    settings,
    {
      priorReturns: facts.returnDays.length,
      priorReturnDays: facts.returnDays,
      method: payment.tender,
      stoppedDisconnection: payment.stopped_disconnection,
    },
    ctx.today,
  );
  const paymentId = String(payment.id);
  await ctx.tx.query(
    `update payments set status = 'returned', returned_on = $2, return_reason = $3, return_code = $4
      where id = $1`,
    [paymentId, command.returnedOn, command.reason, command.returnCode ?? null],
  );
  let feeAdjustmentId: string | null = null;
  if (decision.feeCents > 0) {
    feeAdjustmentId = `rif-${paymentId}`;
    await ctx.tx.query(
      `insert into adjustments (id, account_number, kind, amount_cents, status, reason, approver,
         requested_by, created_at, basis)
       values ($1, $2, 'other', $3, 'posted', $4, 'agent', $5, $6, $7)`,
      [
        feeAdjustmentId,
        account.number,
        decision.feeCents,
        `Returned-item fee, receipt ${command.receiptNumber}`,
        ctx.principal.userId,
        ctx.now,
        JSON.stringify({
          returnedItemFee: true,
          receiptNumber: command.receiptNumber,
          rules: rulesForAudit(decision.rules),
        }),
      ],
    );
  }
  await ctx.tx.query('update accounts set balance_cents = balance_cents + $2 where number = $1', [
    account.number,
    amount + decision.feeCents,
  ]);
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
  const after = await recordOf(ctx, account.number);
  const standing = standingAfter(policy, settings, after, ctx.today);
  const reopened = paymentFactsOf(policy, settings, after, ctx.today);
  const reopenedCents =
    reopened.items.reduce((s, i) => s + i.openCents, 0) -
    facts.items.reduce((s, i) => s + i.openCents, 0) -
    decision.feeCents;
  const disconnection = decision.reconsiderDisconnection
    ? disconnectionToday(policy, after, ctx.today)
    : null;
  await audit(ctx, 'paymentReturned', account.number, {
    paymentId,
    receiptNumber: command.receiptNumber,
    amountCents: amount,
    reason: command.reason,
    returnCode: command.returnCode ?? null,
    returnedOn: command.returnedOn,
    feeCents: decision.feeCents,
    cashOnlyUntil: standing.cashOnlyUntil,
    arrangement: standing.arrangement,
    rules: rulesForAudit(decision.rules),
  });
  if (disconnection)
    await audit(ctx, 'disconnectionReconsidered', account.number, {
      paymentId,
      allowed: disconnection.allowed,
      earliest: disconnection.earliest,
      rules: rulesForAudit(disconnection.rules),
    });
  await changed(ctx, account.number, 'payment', true);
  return {
    paymentId,
    feeCents: decision.feeCents,
    feeAdjustmentId,
    reopenedCents: Math.max(0, reopenedCents),
    disconnection: disconnection
      ? { allowed: disconnection.allowed, earliest: disconnection.earliest }
      : null,
    rules: decision.rules.map((r) => ({
      id: r.id,
      messageKey: r.messageKey,
      params: r.params,
      citation: r.citation,
    })),
    account: standing,
  };
};
