import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Santa Margarita's limits: an agent up to $100.00, a lead up to $500.00, added up over the
 * policy's 30 days. A transfer or a reversal moves money as a credit does: several small ones
 * weigh as their total, on the asker and on the account, and no sequence gets more past a limit
 * than one command could.
 */
describe.each(await backends())('payment moves counted in the approval totals on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const account = (number: string) =>
    fixtureAccount(s.db, {
      number,
      bills: monthEnds('2026-11-01', 3).map((to) => waterBill(to, 10)),
    });
  /** A cash payment on the account, answering its receipt number. */
  const paid = async (number: string, cents: number) =>
    (
      await postCommand(s, {
        type: 'postPayment',
        accountNumber: number,
        amountCents: cents,
        tender: { kind: 'cash' },
        channel: 'phone',
      })
    ).body.result.receiptNumber as string;
  const reverse = (number: string, receiptNumber: string, token: string) =>
    postCommand(
      s,
      {
        type: 'reversePayment',
        accountNumber: number,
        receiptNumber,
        reason: 'duplicate',
        note: 'taken twice',
      },
      token,
    );
  const transfer = (from: string, to: string, receiptNumber: string, token: string) =>
    postCommand(
      s,
      {
        type: 'transferPayment',
        accountNumber: from,
        receiptNumber,
        toAccountNumber: to,
        reason: 'keyed to the wrong account',
      },
      token,
    );

  it('adds an agent’s reversals: $60.00 and $60.00 on two accounts send the second to a lead', async () => {
    const agent = await newAgentToken(s, 'reverses.twice');
    await account('SM-8700001');
    await account('SM-8700002');
    const one = await reverse('SM-8700001', await paid('SM-8700001', 6_000), agent);
    expect(one.body.status, JSON.stringify(one.body)).toBe('applied');
    const receipt = await paid('SM-8700002', 6_000);
    const two = await reverse('SM-8700002', receipt, agent);
    expect(two.body).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.notYourApproval',
      details: { approver: 'lead' },
    });
    expect((await auditOf(s, 'SM-8700002')).at(-1)).toMatchObject({
      action: 'paymentReversalRefused',
      details: { amountCents: 6_000, approver: 'lead', movedByCents: 6_000 },
    });
    // Refused, the payment stands; a lead reverses it within the lead's own total.
    expect((await reverse('SM-8700002', receipt, s.tokens.lead)).body.status).toBe('applied');
  });

  it('adds an agent’s transfers, and a transfer to a credit posted the same day', async () => {
    const agent = await newAgentToken(s, 'transfers.twice');
    for (const n of ['SM-8700003', 'SM-8700004', 'SM-8700005']) await account(n);
    const first = await transfer(
      'SM-8700003',
      'SM-8700004',
      await paid('SM-8700003', 5_000),
      agent,
    );
    expect(first.body.status, JSON.stringify(first.body)).toBe('applied');
    const second = await transfer(
      'SM-8700004',
      'SM-8700005',
      await paid('SM-8700004', 5_001),
      agent,
    );
    expect(second.body).toMatchObject({ status: 'rejected', details: { approver: 'lead' } });
    // $50.00 moved; a $60.00 leak credit (40 CCF, 10 normal, half at $4.00) now waits for a lead.
    const leakBill = await fixtureAccount(s.db, {
      number: 'SM-8700006',
      bills: monthEnds('2026-11-01', 13).map((to, i) => waterBill(to, i === 12 ? 40 : 10)),
      paidBills: 12,
    });
    const credit = await postCommand(
      s,
      {
        type: 'postAdjustment',
        accountNumber: 'SM-8700006',
        kind: 'leak',
        billId: leakBill.at(-1),
        proofOfRepair: true,
        amountCents: -6_000,
        reason: 'leak repaired',
      },
      agent,
    );
    expect(credit.body.result, JSON.stringify(credit.body)).toMatchObject({
      status: 'pending',
      approver: 'lead',
    });
  });

  it('adds the moves on one account whoever made them: a second agent’s $60.00 after another’s goes to a lead', async () => {
    await account('SM-8700007');
    const a = await newAgentToken(s, 'account.first');
    const b = await newAgentToken(s, 'account.second');
    const first = await reverse('SM-8700007', await paid('SM-8700007', 6_000), a);
    expect(first.body.status).toBe('applied');
    const second = await reverse('SM-8700007', await paid('SM-8700007', 6_000), b);
    expect(second.body).toMatchObject({
      status: 'rejected',
      details: { approver: 'lead' },
    });
    expect((await auditOf(s, 'SM-8700007')).at(-1)).toMatchObject({
      action: 'paymentReversalRefused',
      details: { movedOnAccountCents: 6_000, movedByCents: 0 },
    });
  });

  it('lets a lead move up to the lead’s total and no further: $300.00 and $300.00 send the second to a manager', async () => {
    for (const n of ['SM-8700008', 'SM-8700009']) await account(n);
    const lead = s.tokens.lead;
    // The lead's own moves of this file so far: $60.00 reversed above.
    expect((await reverse('SM-8700008', await paid('SM-8700008', 30_000), lead)).body.status).toBe(
      'applied',
    );
    const receipt = await paid('SM-8700009', 30_000);
    const over = await reverse('SM-8700009', receipt, lead);
    expect(over.body).toMatchObject({ status: 'rejected', details: { approver: 'manager' } });
    // An administrator approves as a manager does.
    expect((await reverse('SM-8700009', receipt, s.tokens.admin)).body.status).toBe('applied');
  });
});
