import { roleAtLeast } from '../../../shared/ipc/roles';
import {
  balanceDrawer,
  countedByTender,
  dailyReport,
  expectedByTender,
  needsSignOff,
  type PaymentSettings,
} from '../../../shared/payments';
import { getUtility } from '../../../shared/utilities';
import { ageAccounts } from '../../cis/aging';
import {
  closedDrawersOf,
  counterDayClosed,
  DRAWER_COLUMNS,
  type DrawerRow,
  dayCardAndBank,
  drawerEntries,
} from '../../counter/drawers';
import type { Db } from '../../db/database';
import { type Applying, audit, changed, type Handler, lockAccount } from '../context';
import { Rejection } from '../rejection';

function counterSettings(utilityId: string): PaymentSettings {
  const settings = getUtility(utilityId)?.payments;
  if (!settings) throw new Rejection('cis:rejected.noPolicy', { utilityId });
  if (!settings.counter.walkIn) throw new Rejection('cis:rejected.noCounter', { utilityId });
  return settings;
}

/** The drawer's row, locked for the command's transaction. */
export async function lockDrawer(tx: Db, drawerId: string): Promise<DrawerRow> {
  const { rows } = await tx.query<DrawerRow>(
    `select ${DRAWER_COLUMNS} from drawers where id = $1 for update`,
    [drawerId],
  );
  if (!rows[0]) throw new Rejection('cis:rejected.noSuchDrawer', { drawerId });
  return { ...rows[0], float_cents: Number(rows[0].float_cents) };
}

async function refuseClosedDay(tx: Db, utilityId: string, day: string) {
  if (await counterDayClosed(tx, utilityId, day))
    throw new Rejection('cis:rejected.counterDayClosed', { businessDay: day });
}

async function refuseSecondOpen(tx: Db, cashier: string) {
  const { rows } = await tx.query<{ id: string }>(
    "select id from drawers where cashier = $1 and status = 'open'",
    [cashier],
  );
  if (rows[0]) throw new Rejection('cis:rejected.drawerAlreadyOpen', { drawerId: rows[0].id });
}

/**
 * A counter payment's drawer, checked as it is paid into: open, today's, the caller's own, of the
 * account's utility, and taken at the counter in a tender a drawer holds. Locked until the
 * payment commits, so a drawer never closes between its count and a payment into it.
 */
export async function drawerForPayment(
  ctx: Applying,
  drawerId: string,
  accountUtility: string,
  channel: string,
  tender: string,
): Promise<void> {
  const drawer = await lockDrawer(ctx.tx, drawerId);
  if (channel !== 'counter') throw new Rejection('cis:rejected.drawerCounterOnly');
  if (tender === 'ach') throw new Rejection('cis:rejected.tenderNotAtCounter', { tender });
  if (drawer.status !== 'open' || drawer.business_day !== ctx.today.toString())
    throw new Rejection('cis:rejected.drawerClosed', { drawerId });
  if (drawer.cashier !== ctx.principal.userId)
    throw new Rejection('cis:rejected.notYourDrawer', { drawerId });
  if (drawer.utility_id !== accountUtility)
    throw new Rejection('cis:rejected.drawerOtherUtility', { drawerId });
}

/** A cashier opens their drawer for the day with its float. */
export const openDrawer: Handler<'openDrawer'> = async (ctx, command) => {
  const settings = counterSettings(command.utilityId);
  const day = ctx.today.toString();
  await refuseClosedDay(ctx.tx, command.utilityId, day);
  await refuseSecondOpen(ctx.tx, ctx.principal.userId);
  // Drawers are numbered per utility and day; the table's lock keeps two openings from one number.
  await ctx.tx.query('lock table drawers in share row exclusive mode');
  const { rows } = await ctx.tx.query<{ seq: number }>(
    'select coalesce(max(seq), 0) + 1 as seq from drawers where utility_id = $1 and business_day = $2',
    [command.utilityId, day],
  );
  const seq = Number(rows[0].seq);
  const drawerId = `${settings.receiptPrefix}-${day.replaceAll('-', '')}-${String(seq).padStart(2, '0')}`;
  await ctx.tx.query(
    `insert into drawers (id, utility_id, business_day, seq, cashier, float_cents, status, opened_at)
     values ($1, $2, $3, $4, $5, $6, 'open', $7)`,
    [drawerId, command.utilityId, day, seq, ctx.principal.userId, command.floatCents, ctx.now],
  );
  await audit(ctx, 'drawerOpened', null, {
    drawerId,
    utilityId: command.utilityId,
    businessDay: day,
    floatCents: command.floatCents,
  });
  return { drawerId, businessDay: day, floatCents: command.floatCents };
};

/**
 * A counter payment taken back by a lead the day it was taken, while its drawer is open: it pays
 * nothing (its charges open again, the balance rises) and leaves the drawer's expected total.
 */
export const voidPayment: Handler<'voidPayment'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  const { rows } = await ctx.tx.query<{
    id: number;
    amount_cents: number;
    status: string;
    drawer_id: string | null;
    paid_on: string;
  }>(
    `select id, amount_cents, status, drawer_id, paid_on::text as paid_on from payments
      where account_number = $1 and receipt_number = $2 for update`,
    [account.number, command.receiptNumber],
  );
  const payment = rows[0];
  if (!payment)
    throw new Rejection('cis:rejected.noSuchPayment', { receiptNumber: command.receiptNumber });
  if (payment.status !== 'posted')
    throw new Rejection('cis:rejected.paymentNotPosted', { status: payment.status });
  if (!payment.drawer_id) throw new Rejection('cis:rejected.notACounterPayment');
  if (payment.paid_on !== ctx.today.toString())
    throw new Rejection('cis:rejected.voidSameDayOnly', { paidOn: payment.paid_on });
  const drawer = await lockDrawer(ctx.tx, payment.drawer_id);
  if (drawer.status !== 'open')
    throw new Rejection('cis:rejected.drawerClosed', { drawerId: drawer.id });
  const amount = Number(payment.amount_cents);
  await ctx.tx.query(
    `update payments set status = 'reversed', voided_by = $2, voided_at = $3, void_reason = $4
      where id = $1`,
    [payment.id, ctx.principal.userId, ctx.now, command.reason],
  );
  const { rows: bal } = await ctx.tx.query<{ balance_cents: number }>(
    'update accounts set balance_cents = balance_cents + $2 where number = $1 returning balance_cents',
    [account.number, amount],
  );
  await ageAccounts(ctx.tx, ctx.today, [account.number]);
  await audit(ctx, 'paymentVoided', account.number, {
    paymentId: String(payment.id),
    receiptNumber: command.receiptNumber,
    drawerId: drawer.id,
    cashier: drawer.cashier,
    amountCents: amount,
    reason: command.reason,
  });
  await changed(ctx, account.number, 'payment', true);
  return {
    paymentId: String(payment.id),
    drawerId: drawer.id,
    amountCents: amount,
    balanceCents: Number(bal[0].balance_cents),
  };
};

/**
 * The drawer counted and closed. Expected is the float and the payments taken into it less the
 * voids, by tender; counted is the cash by denomination, each check and money order, and the
 * processor's card total. A difference needs a reason; one the utility's threshold puts above a
 * cashier (any, where it is not gathered) needs a lead, who signs it off by closing it.
 */
export const closeDrawer: Handler<'closeDrawer'> = async (ctx, command) => {
  const drawer = await lockDrawer(ctx.tx, command.drawerId);
  const isLead = roleAtLeast(ctx.principal.role, 'lead');
  if (drawer.cashier !== ctx.principal.userId && !isLead)
    throw new Rejection('cis:rejected.notYourDrawer', { drawerId: drawer.id });
  if (drawer.status !== 'open')
    throw new Rejection('cis:rejected.drawerClosed', { drawerId: drawer.id });
  const settings = counterSettings(drawer.utility_id);
  const entries = await drawerEntries(ctx.tx, drawer.id);
  const expected = expectedByTender(drawer.float_cents, entries);
  const balance = balanceDrawer(expected, countedByTender(command.count, expected.card));
  if (balance.differenceCents !== 0 && !command.reason)
    throw new Rejection('cis:rejected.overShortNeedsReason', {
      overShortCents: balance.overShortCents,
    });
  const signOff = needsSignOff(balance.differenceCents, settings.counter.signOffAboveCents);
  if (signOff && !isLead)
    throw new Rejection(
      'cis:rejected.overShortNeedsLead',
      { overShortCents: balance.overShortCents },
      {
        action: 'drawerCloseRefused',
        details: {
          drawerId: drawer.id,
          balance,
          signOffAboveCents: settings.counter.signOffAboveCents,
          source: settings.counter.source.citation,
        },
      },
    );
  const signedOffBy = signOff ? ctx.principal.userId : null;
  await ctx.tx.query(
    `update drawers set status = 'closed', closed_at = $2, closed_by = $3, count = $4, balance = $5,
       over_short_cents = $6, reason = $7, signed_off_by = $8 where id = $1`,
    [
      drawer.id,
      ctx.now,
      ctx.principal.userId,
      JSON.stringify(command.count),
      JSON.stringify(balance),
      balance.overShortCents,
      command.reason ?? null,
      signedOffBy,
    ],
  );
  await audit(ctx, 'drawerClosed', null, {
    drawerId: drawer.id,
    cashier: drawer.cashier,
    floatCents: drawer.float_cents,
    tenders: balance.tenders,
    overShortCents: balance.overShortCents,
    reason: command.reason ?? null,
    signedOffBy,
    signOffAboveCents: settings.counter.signOffAboveCents,
    source: settings.counter.source.citation,
  });
  return {
    drawerId: drawer.id,
    tenders: balance.tenders,
    overShortCents: balance.overShortCents,
    signedOffBy,
  };
};

/** A lead reopens a closed drawer of a day not yet closed: its count is set aside, kept in the audit. */
export const reopenDrawer: Handler<'reopenDrawer'> = async (ctx, command) => {
  const drawer = await lockDrawer(ctx.tx, command.drawerId);
  if (drawer.status !== 'closed')
    throw new Rejection('cis:rejected.drawerOpen', { drawerId: drawer.id });
  await refuseClosedDay(ctx.tx, drawer.utility_id, drawer.business_day);
  await refuseSecondOpen(ctx.tx, drawer.cashier);
  await ctx.tx.query(
    `update drawers set status = 'open', closed_at = null, closed_by = null, count = null,
       balance = null, over_short_cents = null, reason = null, signed_off_by = null where id = $1`,
    [drawer.id],
  );
  await audit(ctx, 'drawerReopened', null, {
    drawerId: drawer.id,
    cashier: drawer.cashier,
    reason: command.reason,
    previous: {
      count: drawer.count,
      balance: drawer.balance,
      reason: drawer.reason,
      signedOffBy: drawer.signed_off_by,
    },
  });
  return { drawerId: drawer.id, status: 'open' as const };
};

/**
 * The counter's day closed by a lead once every drawer of it is closed: its deposit slip and the
 * office's balancing report, kept as they were that evening.
 */
export const closeCounterDay: Handler<'closeCounterDay'> = async (ctx, command) => {
  counterSettings(command.utilityId);
  const day = command.businessDay;
  if (day > ctx.today.toString()) throw new Rejection('cis:rejected.dateInFuture', { date: day });
  await ctx.tx.query('lock table drawers in share row exclusive mode');
  await refuseClosedDay(ctx.tx, command.utilityId, day);
  const { rows: open } = await ctx.tx.query<{ id: string }>(
    "select id from drawers where utility_id = $1 and business_day = $2 and status = 'open' order by id",
    [command.utilityId, day],
  );
  if (open.length)
    throw new Rejection('cis:rejected.drawersStillOpen', {
      drawers: open.map((r) => r.id).join(', '),
    });
  const drawers = await closedDrawersOf(ctx.tx, command.utilityId, day);
  if (drawers.length === 0)
    throw new Rejection('cis:rejected.noDrawersThatDay', { businessDay: day });
  const { cardCents, bankCents } = await dayCardAndBank(ctx.tx, command.utilityId, day);
  const report = dailyReport(command.utilityId, day, drawers, cardCents, bankCents);
  await ctx.tx.query(
    `insert into counter_days (utility_id, business_day, closed_by, closed_at, report)
     values ($1, $2, $3, $4, $5)`,
    [command.utilityId, day, ctx.principal.userId, ctx.now, JSON.stringify(report)],
  );
  await audit(ctx, 'counterDayClosed', null, {
    utilityId: command.utilityId,
    businessDay: day,
    drawers: drawers.map((d) => d.drawerId),
    overShortCents: report.overShortCents,
    totalDepositCents: report.deposit.totalDepositCents,
  });
  return {
    utilityId: command.utilityId,
    businessDay: day,
    drawers: drawers.length,
    overShortCents: report.overShortCents,
    totalDepositCents: report.deposit.totalDepositCents,
  };
};
