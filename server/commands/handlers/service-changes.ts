import { paymentHistoryMonths } from '../../../shared/collections';
import { getUtilityProfile } from '../../../shared/rates';
import { audit, changed, type Handler, lockAccount, recordOf, refusePastDate } from '../context';
import { fileOrder } from '../field-orders';
import { depositAudit, depositFor, depositResult, newCustomer, openAccount } from '../new-accounts';
import { Rejection } from '../rejection';

/** Accounts at a premise with service on (or about to be): a new start there is refused. */
const SERVED =
  "select number from accounts where premise_id = $1 and status in ('active', 'pending-start')";

/**
 * Someone else takes over the account at its premise: a new account for the new holder, with the
 * deposit the premise's bills ask, and the old one pending its stop (a final read if asked).
 */
export const changeAccountHolder: Handler<'changeAccountHolder'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  if (account.status !== 'active')
    throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
  refusePastDate(ctx, command.effectiveOn);
  const { rows: old } = await ctx.tx.query<{ mailing_address: unknown }>(
    'select mailing_address from customers where id = $1',
    [account.customer_id],
  );
  const customerId = await newCustomer(
    ctx,
    {
      name: command.newHolderName,
      preferredLanguage: command.preferredLanguage,
      phone: command.phone,
    },
    old[0].mailing_address,
  );
  const deposit = depositFor(ctx, account, await recordOf(ctx, account.number), {
    class: account.class,
    facts: command.deposit ?? {},
  });
  const newNumber = await openAccount(ctx, account, {
    customerId,
    premiseId: account.premise_id,
    class: account.class,
    openedOn: command.effectiveOn,
    depositCents: 0,
    depositDueCents: deposit.amountCents,
    phone: command.phone,
  });
  await ctx.tx.query("update accounts set status = 'pending-stop' where number = $1", [
    account.number,
  ]);
  const finalRead = command.finalRead
    ? await fileOrder(ctx, account, 'final-read', '', command.effectiveOn)
    : null;
  await audit(ctx, 'accountHolderChanged', account.number, {
    newAccount: newNumber,
    effectiveOn: command.effectiveOn,
    deposit: depositAudit(deposit),
    finalReadOrderId: finalRead?.serviceOrderId ?? null,
  });
  await changed(ctx, account.number, 'account', true);
  return { newAccountNumber: newNumber, deposit: depositResult(deposit), finalRead };
};

/** Service starts at the premise of an account no one holds now: a new holder, a turn-on. */
export const startService: Handler<'startService'> = async (ctx, command) => {
  const previous = await lockAccount(ctx.tx, command.accountNumber);
  refusePastDate(ctx, command.startOn);
  const { rows: served } = await ctx.tx.query<{ number: string }>(SERVED, [previous.premise_id]);
  if (served.length)
    throw new Rejection('cis:rejected.premiseServed', { accountNumber: served[0].number });
  const { rows: premise } = await ctx.tx.query<{ address: unknown }>(
    'select address from premises where id = $1',
    [previous.premise_id],
  );
  const customerId = await newCustomer(ctx, command.holder, premise[0].address);
  const deposit = depositFor(ctx, previous, await recordOf(ctx, previous.number), {
    class: command.class,
    facts: command.deposit,
  });
  const newNumber = await openAccount(ctx, previous, {
    customerId,
    premiseId: previous.premise_id,
    class: command.class,
    openedOn: command.startOn,
    depositCents: 0,
    depositDueCents: deposit.amountCents,
    phone: command.holder.phone,
  });
  const started = await lockAccount(ctx.tx, newNumber);
  const turnOn = await fileOrder(ctx, started, 'turn-on', '', command.startOn);
  await audit(ctx, 'serviceStarted', newNumber, {
    premiseOf: previous.number,
    startOn: command.startOn,
    deposit: depositAudit(deposit),
    turnOnOrderId: turnOn.serviceOrderId,
  });
  await changed(ctx, previous.number, 'account', false);
  return { newAccountNumber: newNumber, deposit: depositResult(deposit), turnOn };
};

/** Service stops on a day: a turn-off and final read, the final bill where the customer says. */
export const stopService: Handler<'stopService'> = async (ctx, command) => {
  const account = await lockAccount(ctx.tx, command.accountNumber);
  if (account.status !== 'active')
    throw new Rejection('cis:rejected.accountNotActive', { status: account.status });
  refusePastDate(ctx, command.stopOn);
  const turnOff = await fileOrder(ctx, account, 'turn-off', command.notes, command.stopOn);
  await ctx.tx.query(
    "update accounts set status = 'pending-stop', final_bill_address = $2 where number = $1",
    [account.number, command.forwardingAddress ? JSON.stringify(command.forwardingAddress) : null],
  );
  await audit(ctx, 'serviceStopped', account.number, {
    stopOn: command.stopOn,
    turnOffOrderId: turnOff.serviceOrderId,
    forwardingAddress: command.forwardingAddress ?? null,
  });
  await changed(ctx, account.number, 'account', true);
  return { turnOff };
};

/**
 * The customer moves to another premise: service stops here and starts there on one day, the
 * deposit held moves with them, and the new premise's deposit weighs their own payment record.
 */
export const transferService: Handler<'transferService'> = async (ctx, command) => {
  const from = await lockAccount(ctx.tx, command.accountNumber);
  if (from.status !== 'active')
    throw new Rejection('cis:rejected.accountNotActive', { status: from.status });
  refusePastDate(ctx, command.moveOn);
  const destination = await lockAccount(ctx.tx, command.destinationAccountNumber);
  if (destination.premise_id === from.premise_id) throw new Rejection('cis:rejected.samePremise');
  const { rows: served } = await ctx.tx.query<{ number: string }>(SERVED, [destination.premise_id]);
  if (served.length)
    throw new Rejection('cis:rejected.premiseServed', { accountNumber: served[0].number });
  // The record decides the payment history, not what is said on the call.
  const history = paymentHistoryMonths(
    await recordOf(ctx, from.number),
    getUtilityProfile(from.utility_id)?.billFrequency,
    ctx.today,
  );
  const { rows: held } = await ctx.tx.query<{ deposit_cents: number }>(
    'select deposit_cents from accounts where number = $1',
    [from.number],
  );
  const carried = Number(held[0].deposit_cents);
  const deposit = depositFor(ctx, from, await recordOf(ctx, destination.number), {
    class: from.class,
    facts: command.deposit ?? {},
    onTimePaymentMonths: history,
  });
  const depositDueCents = Math.max(0, deposit.amountCents - carried);
  const newNumber = await openAccount(ctx, from, {
    customerId: from.customer_id,
    premiseId: destination.premise_id,
    class: from.class,
    openedOn: command.moveOn,
    depositCents: carried,
    depositDueCents,
    phone: null,
  });
  await ctx.tx.query(
    "update accounts set status = 'pending-stop', deposit_cents = 0 where number = $1",
    [from.number],
  );
  const turnOff = await fileOrder(ctx, from, 'turn-off', '', command.moveOn);
  const turnOn = await fileOrder(
    ctx,
    await lockAccount(ctx.tx, newNumber),
    'turn-on',
    '',
    command.moveOn,
  );
  await audit(ctx, 'serviceTransferred', from.number, {
    newAccount: newNumber,
    moveOn: command.moveOn,
    depositCarriedCents: carried,
    deposit: depositAudit(deposit),
    onTimePaymentMonths: history,
  });
  await changed(ctx, from.number, 'account', true);
  await changed(ctx, destination.number, 'account', false);
  return {
    newAccountNumber: newNumber,
    deposit: depositResult(deposit),
    depositCarriedCents: carried,
    depositDueCents,
    turnOff,
    turnOn,
  };
};
