import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../shared/cis';
import {
  auditOf,
  backends,
  fixtureAccount,
  monthEnds,
  newAgentToken,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

/**
 * Payments and returns at Santa Margarita on 2026-11-17: three $65.00 months (due 2026-09-26,
 * 2026-10-26 and 2026-11-26), the first two past due; the returned-item fee its policy sets
 * ($25.00, within California Civil Code §1719's cap on a first return).
 */
describe.each(await backends())('payments and returned payments on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const detail = async (number: string) =>
    (
      await s.app.inject({
        method: 'GET',
        url: `/accounts/${number}`,
        headers: { authorization: `Bearer ${s.tokens.agent}` },
      })
    ).json() as AccountDetail;
  const threeMonths = (number: string) =>
    fixtureAccount(s.db, {
      number,
      bills: monthEnds('2026-11-01', 3).map((to) => waterBill(to, 10)),
      pastDue: { cents: 13_000, days: 52, over30: 6_500, over60: 0, over90: 0 },
    });
  const pay = (number: string, amountCents: number, tender: Record<string, unknown>) =>
    postCommand(s, {
      type: 'postPayment',
      accountNumber: number,
      amountCents,
      tender,
      channel: 'phone',
    });
  const returnOf = (cmd: Record<string, unknown>, token = s.tokens.lead) =>
    postCommand(
      s,
      {
        type: 'returnPayment',
        reason: 'insufficient-funds',
        returnCode: 'R01',
        returnedOn: '2026-11-17',
        ...cmd,
      },
      token,
    );

  it('applies a partial payment to the oldest past due, moves balance and past due at once, numbers the receipt and audits who took it', async () => {
    const number = 'SM-8600001';
    const [sep, oct] = await threeMonths(number);
    const r = await pay(number, 10_000, { kind: 'cash' });
    expect(r.body.status, JSON.stringify(r.body)).toBe('applied');
    expect(r.body.result).toMatchObject({
      receiptNumber: 'SM-00000001',
      paidOn: '2026-11-17',
      allocations: [
        { bucket: 'pastDue', billId: sep, cents: 6_500 },
        { bucket: 'pastDue', billId: oct, cents: 3_500 },
      ],
      account: { balanceCents: 9_500, pastDueCents: 3_000, pastDueDays: 22, creditCents: 0 },
    });
    const after = await detail(number);
    expect(after.header).toMatchObject({ balanceCents: 9_500, pastDueCents: 3_000 });
    expect(after.payments[0]).toMatchObject({
      receiptNumber: 'SM-00000001',
      tender: 'cash',
      channel: 'phone',
      takenBy: 'u-agent',
      allocations: [
        { bucket: 'pastDue', cents: 6_500 },
        { bucket: 'pastDue', cents: 3_500 },
      ],
    });
    const audit = (await auditOf(s, number)).at(-1)!;
    expect(audit.action).toBe('paymentPosted');
    expect(audit.details).toMatchObject({
      amountCents: 10_000,
      tender: 'cash',
      receiptNumber: 'SM-00000001',
    });
  });

  it('leaves an overpayment as a credit balance, with the next receipt number of the utility', async () => {
    const number = 'SM-8600002';
    await threeMonths(number);
    const r = await pay(number, 30_000, {
      kind: 'money-order',
      serialNumber: '55501234',
      issuer: 'USPS',
    });
    expect(r.body.result).toMatchObject({
      receiptNumber: 'SM-00000002',
      account: { balanceCents: -10_500, pastDueCents: 0, creditCents: 10_500 },
    });
    expect(r.body.result.allocations.at(-1)).toEqual({
      bucket: 'credit',
      itemId: null,
      billId: null,
      cents: 10_500,
    });
  });

  it('refuses a routing number whose check digit fails, a full bank account number, and a card number', async () => {
    const number = 'SM-8600003';
    await threeMonths(number);
    const bad = await pay(number, 1_000, {
      kind: 'ach',
      routingNumber: '121000359',
      accountLast4: '6789',
      accountType: 'checking',
    });
    expect(bad.code).toBe(400);
    expect(bad.body).toMatchObject({ field: 'command.tender.routingNumber' });
    const full = await pay(number, 1_000, {
      kind: 'ach',
      routingNumber: '121000358',
      accountLast4: '4111111111111111',
      accountType: 'checking',
    });
    expect(full.code).toBe(400);
    const card = await pay(number, 1_000, {
      kind: 'check',
      checkNumber: '1042',
      bank: '4111 1111 1111 1111',
    });
    expect(card.body).toMatchObject({ status: 'rejected', reasonKey: 'cis:rejected.cardNumber' });
    expect((await detail(number)).payments).toEqual([]);
    const stored = await s.db.query("select 1 from audit where details::text like '%4111%1111%'");
    expect(stored.rows).toEqual([]);
  });

  it('reverses a returned check with every effect, charges the capped fee, and refuses what a bank cannot return', async () => {
    const number = 'SM-8600004';
    await threeMonths(number);
    const check = await pay(number, 10_000, {
      kind: 'check',
      checkNumber: '1042',
      bank: 'Pacific Coast Bank',
    });
    const cash = await pay(number, 1_000, { kind: 'cash' });
    const receipt = check.body.result.receiptNumber as string;
    const byAgent = await returnOf(
      { accountNumber: number, receiptNumber: receipt, amountCents: 10_000 },
      s.tokens.agent,
    );
    expect(byAgent.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.roleNotAllowed',
    });
    const wrongAmount = await returnOf({
      accountNumber: number,
      receiptNumber: receipt,
      amountCents: 9_999,
    });
    expect(wrongAmount.body).toMatchObject({ reasonKey: 'cis:rejected.returnAmountMismatch' });
    const cashBack = await returnOf({
      accountNumber: number,
      receiptNumber: cash.body.result.receiptNumber,
      amountCents: 1_000,
    });
    expect(cashBack.body).toMatchObject({ reasonKey: 'cis:rejected.paymentNotReturnable' });
    const r = await returnOf({
      accountNumber: number,
      receiptNumber: receipt,
      amountCents: 10_000,
    });
    expect(r.body.status, JSON.stringify(r.body)).toBe('applied');
    expect(r.body.result).toMatchObject({
      feeCents: 2_500,
      reopenedCents: 10_000,
      disconnection: null,
      // The fee is due today, not past due: the $10.00 cash still pays September.
      account: { balanceCents: 19_500 - 1_000 + 2_500, pastDueCents: 13_000 - 1_000 },
    });
    const ids = (r.body.result.rules as { id: string }[]).map((x) => x.id);
    expect(ids).toEqual([
      'returned-item-fee',
      'returned-item-fee-cap',
      'cash-only-period',
      'disconnection-reconsidered',
    ]);
    const after = await detail(number);
    const returned = after.payments.find((p) => p.receiptNumber === receipt)!;
    expect(returned).toMatchObject({
      status: 'returned',
      returnReason: 'insufficient-funds',
      returnCode: 'R01',
    });
    expect(after.adjustments[0]).toMatchObject({
      kind: 'other',
      amountCents: 2_500,
      status: 'posted',
    });
    const again = await returnOf({
      accountNumber: number,
      receiptNumber: receipt,
      amountCents: 10_000,
    });
    expect(again.body).toMatchObject({ reasonKey: 'cis:rejected.paymentNotPosted' });
    const audit = (await auditOf(s, number)).find((a) => a.action === 'paymentReturned')!;
    expect(audit.details).toMatchObject({
      feeCents: 2_500,
      reason: 'insufficient-funds',
      returnCode: 'R01',
    });
  });

  it('breaks an arrangement whose installment the returned check had paid, and decides the stopped disconnection again', async () => {
    const number = 'SM-8600005';
    await threeMonths(number);
    await s.db.query(
      `insert into arrangements (id, account_number, kind, status, created_on, down_payment_cents, total_cents, installments)
       values ('arr-8600005', $1, 'equal', 'active', '2026-08-20', 0, 15000, $2)`,
      [
        number,
        JSON.stringify([
          { number: 1, due: '2026-09-10', amountCents: 5_000 },
          { number: 2, due: '2026-10-10', amountCents: 5_000 },
          { number: 3, due: '2026-11-10', amountCents: 5_000 },
        ]),
      ],
    );
    await s.db.query(
      `insert into payments (account_number, paid_on, amount_cents, tender, status, utility_id, receipt_number, channel, stopped_disconnection)
       values ($1, '2026-08-25', 15000, 'check', 'posted', 'santa-margarita-ca', 'SM-09999999', 'mail', true)`,
      [number],
    );
    const before = await returnOf({
      accountNumber: number,
      receiptNumber: 'SM-09999999',
      amountCents: 15_000,
    });
    expect(before.body.status, JSON.stringify(before.body)).toBe('applied');
    expect(before.body.result.account.arrangement).toBe('broken');
    expect(before.body.result.disconnection).not.toBeNull();
    const actions = (await auditOf(s, number)).map((a) => a.action);
    expect(actions.slice(-2)).toEqual(['paymentReturned', 'disconnectionReconsidered']);
  });

  it('cancels an open field disconnection the payment stops, and says it stopped one', async () => {
    const number = 'SM-8600006';
    await threeMonths(number);
    await s.db.query(
      `insert into service_orders (id, account_number, type, priority, status) values ('so-8600006', $1, 'field-disconnect', 'routine', 'scheduled')`,
      [number],
    );
    const r = await pay(number, 19_500, { kind: 'cash' });
    expect(r.body.result).toMatchObject({
      stoppedDisconnection: true,
      account: { pastDueCents: 0 },
    });
    const { rows } = await s.db.query<{ status: string }>(
      "select status from service_orders where id = 'so-8600006'",
    );
    expect(rows[0].status).toBe('cancelled');
    const { rows: stored } = await s.db.query<{ stopped_disconnection: boolean }>(
      'select stopped_disconnection from payments where account_number = $1',
      [number],
    );
    expect(stored[0].stopped_disconnection).toBe(true);
  });

  it('moves a payment posted to the wrong account onto the right one in one command, both balances and audits', async () => {
    await threeMonths('SM-8600007');
    await threeMonths('SM-8600008');
    const wrong = await pay('SM-8600007', 10_000, { kind: 'cash' });
    const receipt = wrong.body.result.receiptNumber as string;
    const r = await postCommand(s, {
      type: 'transferPayment',
      accountNumber: 'SM-8600007',
      receiptNumber: receipt,
      toAccountNumber: 'SM-8600008',
      reason: 'keyed to the wrong account',
    });
    expect(r.body.status, JSON.stringify(r.body)).toBe('applied');
    expect(r.body.result).toMatchObject({
      from: { balanceCents: 19_500, pastDueCents: 13_000 },
      to: { balanceCents: 9_500, pastDueCents: 3_000 },
    });
    expect(r.body.result.allocations.map((a: { cents: number }) => a.cents)).toEqual([
      6_500, 3_500,
    ]);
    expect((await detail('SM-8600007')).payments[0]).toMatchObject({
      receiptNumber: receipt,
      status: 'reversed',
    });
    expect((await detail('SM-8600008')).payments[0]).toMatchObject({
      receiptNumber: r.body.result.newReceiptNumber,
      status: 'posted',
      tender: 'cash',
    });
    expect((await auditOf(s, 'SM-8600007')).at(-1)?.action).toBe('paymentTransferredOut');
    expect((await auditOf(s, 'SM-8600008')).at(-1)).toMatchObject({
      action: 'paymentTransferredIn',
      details: {
        fromAccount: 'SM-8600007',
        receiptNumber: receipt,
        reason: 'keyed to the wrong account',
      },
    });
  });

  it('asks a lead to move or reverse more than the agent’s limit ($100.00), and lets an agent reverse a duplicate within it', async () => {
    await threeMonths('SM-8600009');
    await threeMonths('SM-8600010');
    const big = await pay('SM-8600009', 10_001, { kind: 'cash' });
    const move = (token: string) =>
      postCommand(
        s,
        {
          type: 'transferPayment',
          accountNumber: 'SM-8600009',
          receiptNumber: big.body.result.receiptNumber,
          toAccountNumber: 'SM-8600010',
          reason: 'keyed to the wrong account',
        },
        token,
      );
    const byAgent = await move(s.tokens.agent);
    expect(byAgent.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.notYourApproval',
      details: { approver: 'lead' },
    });
    expect((await auditOf(s, 'SM-8600009')).at(-1)).toMatchObject({
      action: 'paymentTransferRefused',
      details: { amountCents: 10_001, approver: 'lead' },
    });
    expect((await move(s.tokens.lead)).body.status).toBe('applied');
    const same = await postCommand(s, {
      type: 'transferPayment',
      accountNumber: 'SM-8600010',
      receiptNumber: 'SM-00000001',
      toAccountNumber: 'SM-8600010',
      reason: 'same account',
    });
    expect(same.body).toMatchObject({ reasonKey: 'cis:rejected.sameAccount' });
    const twice = await pay('SM-8600010', 2_000, { kind: 'cash' });
    // An agent who moved nothing yet in the policy's window (this file's agent moved $100.00
    // above, and moves add up against the limit: payment-moves-count-in-the-approval-totals).
    const reversed = await postCommand(
      s,
      {
        type: 'reversePayment',
        accountNumber: 'SM-8600010',
        receiptNumber: twice.body.result.receiptNumber,
        reason: 'duplicate',
        note: 'taken twice on the same call',
      },
      await newAgentToken(s, 'reverses.duplicate'),
    );
    expect(reversed.body.result.account.balanceCents).toBe(19_500 - 10_001);
  });
});
