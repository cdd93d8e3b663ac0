import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUtility } from '../../shared/utilities';
import {
  auditOf,
  backends,
  fixtureAccount,
  newAgentToken,
  postCommand,
  seededServer,
  type TestServer,
  waterBill,
} from './support';

const address = { line1: '9 Elm St', city: 'Rancho Santa Margarita', state: 'CA', zip: '92688' };

/**
 * Refunds and write-offs at Santa Margarita on 2026-11-17: approved by amount with the agent's
 * $100.00 and the lead's $500.00 limits, counted in the same 30-day totals as credits and
 * payment moves.
 */
describe.each(await backends())('refunds and write-offs on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const settings = () => getUtility('santa-margarita-ca')!.payments;
  /** An account owing `balanceCents` (negative: a credit), closed or active. */
  const account = async (number: string, balanceCents: number, status = 'active') => {
    await fixtureAccount(s.db, { number, status, bills: [waterBill('2026-01-01', 10)] });
    await s.db.query('update accounts set balance_cents = $2 where number = $1', [
      number,
      balanceCents,
    ]);
  };
  const refund = (
    number: string,
    amountCents: number,
    token: string,
    reason = 'closed-account-credit',
  ) =>
    postCommand(
      s,
      {
        type: 'requestRefund',
        accountNumber: number,
        reason,
        amountCents,
        payee: 'Fixture Holder',
        address,
      },
      token,
    );
  const balance = async (number: string) =>
    Number(
      (await s.db.query('select balance_cents from accounts where number = $1', [number])).rows[0]
        .balance_cents,
    );

  it('approves a closed account’s credit refund within the agent’s total at once, and counts it: the next $60.00 goes to a lead', async () => {
    const agent = await newAgentToken(s, 'refunds.first');
    await account('SM-8800001', -5_000, 'closed');
    const r = await refund('SM-8800001', 5_000, agent);
    expect(r.body.result, JSON.stringify(r.body)).toMatchObject({
      status: 'approved',
      approver: 'agent',
    });
    expect(await balance('SM-8800001')).toBe(0);
    await account('SM-8800002', -6_000, 'closed');
    const next = await refund('SM-8800002', 6_000, agent);
    expect(next.body.result).toMatchObject({ status: 'requested', approver: 'lead' });
    // Waiting, the credit stays on the account until a lead approves it.
    expect(await balance('SM-8800002')).toBe(-6_000);
    expect((await auditOf(s, 'SM-8800002')).at(-1)).toMatchObject({
      action: 'refundRequested',
      details: { amountCents: 6_000, movedByCents: 5_000, approver: 'lead' },
    });
    // $50.00 refunded by this agent: a $60.00 write-off by them weighs $110.00 too.
    await account('SM-8800003', 6_000, 'closed');
    settings().writeOff.daysAfterFinalBill = 90;
    try {
      const w = await postCommand(
        s,
        {
          type: 'writeOffBalance',
          accountNumber: 'SM-8800003',
          amountCents: 6_000,
          reason: 'gone',
        },
        agent,
      );
      expect(w.body).toMatchObject({ status: 'rejected', details: { approver: 'lead' } });
    } finally {
      settings().writeOff.daysAfterFinalBill = null;
    }
  });

  it('refuses a refund of more than the credit, a closed account’s refund on an open one, and one below the utility’s minimum', async () => {
    await account('SM-8800004', -2_000, 'closed');
    await account('SM-8800005', -2_000);
    const over = await refund('SM-8800004', 2_001, s.tokens.lead);
    expect(over.body).toMatchObject({
      reasonKey: 'cis:rejected.refundAboveAvailable',
      details: { available: 2_000 },
    });
    expect((await auditOf(s, 'SM-8800004')).at(-1)?.action).toBe('refundRefused');
    expect((await refund('SM-8800005', 2_000, s.tokens.lead)).body).toMatchObject({
      reasonKey: 'cis:rejected.refundAccountNotClosed',
    });
    // An overpayment on an open account may go back.
    settings().refunds.minimumCents = 500;
    try {
      expect((await refund('SM-8800005', 499, s.tokens.lead, 'overpayment')).body).toMatchObject({
        reasonKey: 'cis:rejected.refundBelowMinimum',
        details: { minimum: 500 },
      });
      expect(
        (await refund('SM-8800005', 500, s.tokens.lead, 'overpayment')).body.result,
      ).toMatchObject({ status: 'approved' });
    } finally {
      settings().refunds.minimumCents = null;
    }
    expect(await balance('SM-8800005')).toBe(-1_500);
  });

  it('takes a deposit back without interest where the policy pays none, and never more than the deposit', async () => {
    await account('SM-8800006', 0);
    await s.db.query("update accounts set deposit_cents = 8000 where number = 'SM-8800006'");
    expect((await refund('SM-8800006', 8_001, s.tokens.lead, 'deposit')).body).toMatchObject({
      reasonKey: 'cis:rejected.refundAboveAvailable',
      details: { available: 8_000 },
    });
    const r = await refund('SM-8800006', 8_000, s.tokens.lead, 'deposit');
    expect(r.body.result.status).toBe('approved');
    const { rows } = await s.db.query(
      "select deposit_cents, balance_cents from accounts where number = 'SM-8800006'",
    );
    expect(rows[0]).toMatchObject({ deposit_cents: 0, balance_cents: 0 });
  });

  it('goes requested → approved → issued with its check number, and declined stays on the account', async () => {
    const agent = await newAgentToken(s, 'refunds.big');
    await account('SM-8800007', -15_000, 'closed');
    const asked = await refund('SM-8800007', 15_000, agent);
    const id = asked.body.result.refundId as string;
    expect(asked.body.result.status).toBe('requested');
    // A second ask for the same credit finds it waiting already.
    expect((await refund('SM-8800007', 1_000, agent)).body).toMatchObject({
      reasonKey: 'cis:rejected.nothingToRefund',
    });
    const decide = (decision: string, token: string, refundId = id) =>
      postCommand(
        s,
        {
          type: 'decideRefund',
          accountNumber: 'SM-8800007',
          refundId,
          decision,
          reason: 'checked the final bill',
        },
        token,
      );
    expect((await decide('approve', agent)).body).toMatchObject({
      reasonKey: 'cis:rejected.roleNotAllowed',
    });
    const issue = (cmd: Record<string, unknown>) =>
      postCommand(
        s,
        {
          type: 'issueRefund',
          accountNumber: 'SM-8800007',
          refundId: id,
          checkNumber: '90001',
          issuedOn: '2026-11-17',
          amountCents: 15_000,
          ...cmd,
        },
        s.tokens.lead,
      );
    expect((await issue({})).body).toMatchObject({ reasonKey: 'cis:rejected.refundNotApproved' });
    expect((await decide('approve', s.tokens.lead)).body.result).toEqual({
      refundId: id,
      status: 'approved',
    });
    expect(await balance('SM-8800007')).toBe(0);
    expect((await issue({ amountCents: 14_999 })).body).toMatchObject({
      reasonKey: 'cis:rejected.refundAmountMismatch',
    });
    expect((await issue({ issuedOn: '2026-11-18' })).body).toMatchObject({
      reasonKey: 'cis:rejected.dateInFuture',
    });
    expect((await issue({})).body.result).toEqual({
      refundId: id,
      status: 'issued',
      checkNumber: '90001',
    });
    expect((await issue({})).body).toMatchObject({ reasonKey: 'cis:rejected.refundNotApproved' });
    await account('SM-8800008', -13_000, 'closed');
    const other = await refund('SM-8800008', 13_000, agent);
    const declined = await postCommand(
      s,
      {
        type: 'decideRefund',
        accountNumber: 'SM-8800008',
        refundId: other.body.result.refundId,
        decision: 'decline',
        reason: 'the customer owes on another account',
      },
      s.tokens.lead,
    );
    expect(declined.body.result.status).toBe('declined');
    expect(await balance('SM-8800008')).toBe(-13_000);
  });

  it('writes off only a closed account’s whole balance, once the utility’s days past the final bill have passed', async () => {
    const agent = await newAgentToken(s, 'writes.off');
    await account('SM-8800009', 6_500, 'closed');
    await account('SM-8800010', 6_500);
    const off = (number: string, amountCents: number, token = agent) =>
      postCommand(
        s,
        { type: 'writeOffBalance', accountNumber: number, amountCents, reason: 'uncollectible' },
        token,
      );
    // Not gathered: no write-off until the utility sets its days.
    expect((await off('SM-8800009', 6_500)).body).toMatchObject({
      reasonKey: 'cis:rejected.writeOffDaysNotGathered',
    });
    // The final bill was due 2026-01-26: 295 days ago on 2026-11-17.
    settings().writeOff.daysAfterFinalBill = 296;
    try {
      expect((await off('SM-8800009', 6_500)).body).toMatchObject({
        reasonKey: 'cis:rejected.writeOffTooEarly',
        details: { earliest: '2026-11-18' },
      });
      settings().writeOff.daysAfterFinalBill = 295;
      expect((await off('SM-8800010', 6_500)).body).toMatchObject({
        reasonKey: 'cis:rejected.notFinalBilled',
      });
      expect((await off('SM-8800009', 6_499)).body).toMatchObject({
        reasonKey: 'cis:rejected.writeOffMismatch',
      });
      const done = await off('SM-8800009', 6_500);
      expect(done.body.result, JSON.stringify(done.body)).toMatchObject({
        writtenOffCents: 6_500,
        approver: 'agent',
        finalBillDueOn: '2026-01-26',
      });
      expect(await balance('SM-8800009')).toBe(0);
      expect((await auditOf(s, 'SM-8800009')).at(-1)?.action).toBe('balanceWrittenOff');
      // $65.00 written off; the next $65.00 makes $130.00: a lead's.
      await account('SM-8800011', 6_500, 'closed');
      expect((await off('SM-8800011', 6_500)).body).toMatchObject({
        details: { approver: 'lead' },
      });
      expect((await off('SM-8800011', 6_500, s.tokens.lead)).body.status).toBe('applied');
    } finally {
      settings().writeOff.daysAfterFinalBill = null;
    }
  });
});
