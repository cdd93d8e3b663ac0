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
 * The server computes every adjustment from Santa Margarita's policy (a leak credit of 50% of
 * the use above the 12-month average, once a year, with proof; one late-fee reversal a year;
 * agents post up to $100.00, leads up to $500.00) and the account's own bills, on 2026-11-17.
 */
describe.each(await backends())('adjustments computed by the server on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const post = (cmd: Record<string, unknown>, token = s.tokens.agent) =>
    postCommand(s, { type: 'postAdjustment', reason: 'asked on the call', ...cmd }, token);
  const detail = async (number: string) =>
    (
      await s.app.inject({
        method: 'GET',
        url: `/accounts/${number}`,
        headers: { authorization: `Bearer ${s.tokens.agent}` },
      })
    ).json() as AccountDetail;
  const auditRows = (number: string) => auditOf(s, number);

  /** Twelve months of 10 CCF paid, then the leak's month at `leak` CCF, owed. */
  const leakAccount = async (number: string, leak: number) => {
    const bills = await fixtureAccount(s.db, {
      number,
      bills: monthEnds('2026-11-01', 13).map((to, i) => waterBill(to, i === 12 ? leak : 10)),
      paidBills: 12,
    });
    return bills[12];
  };

  it('credits half the use above the twelve-month average at the bill’s rate, and audits the basis and the rules', async () => {
    const number = 'SM-8300001';
    const bill = await leakAccount(number, 40);
    // (40 − 10) CCF × 50% × $4.00 = $60.00.
    const r = await post({
      accountNumber: number,
      kind: 'leak',
      billId: bill,
      proofOfRepair: true,
      amountCents: -6_000,
    });
    expect(r.body).toMatchObject({ status: 'applied', result: { status: 'posted' } });
    const after = await detail(number);
    expect(after.header.balanceCents).toBe(18_500 - 6_000);
    expect(after.adjustments[0]).toMatchObject({ kind: 'leak', amountCents: -6_000 });
    const posted = (await auditRows(number)).at(-1)!;
    expect(posted.action).toBe('adjustmentPosted');
    expect(posted.details).toMatchObject({
      amountCents: -6_000,
      basis: {
        billId: bill,
        leakUsage: '40',
        history: Array(12).fill('10'),
        ratePerUnit: '4',
        proofOfRepair: true,
      },
    });
    expect((posted.details.rules as { id: string; outcome: string }[]).map((x) => x.id)).toEqual([
      'leak-frequency',
      'leak-proof',
      'leak-amount',
      'approval',
    ]);
    const again = await post({
      accountNumber: number,
      kind: 'leak',
      billId: bill,
      proofOfRepair: true,
      amountCents: -6_000,
    });
    expect(again.body).toMatchObject({
      reasonKey: 'collections:rules.leak-frequency.fail',
      details: { params: { months: 12, last: '2026-11-17' } },
    });
  });

  it('refuses a leak credit without proof of repair, and an amount the policy does not give', async () => {
    const number = 'SM-8300002';
    const bill = await leakAccount(number, 40);
    const noProof = await post({
      accountNumber: number,
      kind: 'leak',
      billId: bill,
      proofOfRepair: false,
      amountCents: -6_000,
    });
    expect([noProof.code, noProof.body.reasonKey]).toEqual([
      409,
      'collections:rules.leak-proof.fail',
    ]);
    const wrong = await post({
      accountNumber: number,
      kind: 'leak',
      billId: bill,
      proofOfRepair: true,
      amountCents: -25_000,
    });
    expect(wrong.body).toMatchObject({
      reasonKey: 'cis:rejected.adjustmentMismatch',
      details: { amount: 6_000, computedCents: -6_000, askedCents: -25_000 },
    });
    expect((await detail(number)).adjustments).toEqual([]);
    expect((await detail(number)).header.balanceCents).toBe(18_500);
    const audit = await auditRows(number);
    expect(audit.map((a) => a.action)).toEqual(['adjustmentRefused', 'adjustmentRefused']);
    expect(audit[1].details).toMatchObject({ computedCents: -6_000, askedCents: -25_000 });
  });

  it('lets an agent post $100.00 and sends $101.00 to a lead', async () => {
    // (60 − 10) × 50% × $4.00 = $100.00, the agent's limit; 60.5 CCF gives $101.00.
    const atLimit = await post(
      {
        accountNumber: 'SM-8300003',
        kind: 'leak',
        billId: await leakAccount('SM-8300003', 60),
        proofOfRepair: true,
        amountCents: -10_000,
      },
      await newAgentToken(s, 'limit.one'),
    );
    expect(atLimit.body.result).toMatchObject({ status: 'posted', approver: 'agent' });
    const above = await post(
      {
        accountNumber: 'SM-8300004',
        kind: 'leak',
        billId: await leakAccount('SM-8300004', 60.5),
        proofOfRepair: true,
        amountCents: -10_100,
      },
      await newAgentToken(s, 'limit.two'),
    );
    expect(above.body.result).toMatchObject({ status: 'pending', approver: 'lead' });
    expect((await detail('SM-8300004')).header.balanceCents).toBe(2_500 + 24_200);
  });

  it('reverses the late fee a bill carries, once per bill and once a year, and ages the past due again', async () => {
    const number = 'SM-8300005';
    const fee = (to: string, cents: number) => {
      const b = waterBill(to, 10);
      b.lines.push([
        'late-fee',
        'lines.lateFee',
        '1',
        'bill',
        (cents / 100).toFixed(2),
        cents,
        0,
        {},
      ]);
      return b;
    };
    // Ten bills paid; then A ($65.00, due 2026-09-26) and B ($65.00 + a $6.50 fee, due
    // 2026-10-26) past due, and C ($65.00 + a $7.15 fee, due 2026-11-26) not yet due.
    const ends = monthEnds('2026-11-01', 13);
    const bills = await fixtureAccount(s.db, {
      number,
      bills: [
        ...ends.slice(0, 10).map((to) => waterBill(to, 10)),
        waterBill(ends[10], 10),
        fee(ends[11], 650),
        fee(ends[12], 715),
      ],
      paidBills: 10,
      pastDue: { cents: 13_650, days: 52, over30: 6_500, over60: 0, over90: 0 },
    });
    const [a, b, c] = bills.slice(10);
    const noFee = await post({
      accountNumber: number,
      kind: 'late-fee-reversal',
      billId: a,
      amountCents: -650,
    });
    expect(noFee.body.reasonKey).toBe('cis:rejected.noLateFee');
    const ok = await post({
      accountNumber: number,
      kind: 'late-fee-reversal',
      billId: b,
      amountCents: -650,
    });
    expect(ok.body.result).toMatchObject({ status: 'posted' });
    const after = await detail(number);
    expect(after.header.balanceCents).toBe(6_500 + 7_150 + 7_215 - 650);
    // The credit pays the oldest amount first: A is owed $58.50, still 52 days past due.
    expect(after.pastDue).toEqual({
      totalCents: 13_000,
      days: 52,
      over30Cents: 5_850,
      over60Cents: 0,
      over90Cents: 0,
    });
    const twice = await post({
      accountNumber: number,
      kind: 'late-fee-reversal',
      billId: b,
      amountCents: -650,
    });
    expect(twice.body).toMatchObject({
      reasonKey: 'cis:rejected.lateFeeReversed',
      details: { billId: b },
    });
    const yearly = await post({
      accountNumber: number,
      kind: 'late-fee-reversal',
      billId: c,
      amountCents: -715,
    });
    expect(yearly.body.reasonKey).toBe('collections:rules.late-fee-frequency.fail');
  });

  it('credits a percentage of the bill rounded half up, and refuses a bill of another account', async () => {
    const number = 'SM-8300006';
    const bill = await leakAccount(number, 40);
    // 12.5% of $185.00 is $23.125: $23.13.
    const r = await post({
      accountNumber: number,
      kind: 'percentage',
      billId: bill,
      percent: '12.5',
      amountCents: -2_313,
    });
    expect(r.body.result).toMatchObject({ status: 'posted' });
    expect((await detail(number)).header.balanceCents).toBe(18_500 - 2_313);
    const other = await leakAccount('SM-8300007', 10);
    const foreign = await post({
      accountNumber: number,
      kind: 'percentage',
      billId: other,
      percent: '10',
      amountCents: -100,
    });
    expect(foreign.body.reasonKey).toBe('cis:rejected.noSuchBill');
  });

  it('weighs credits on one bill as their total: no bill credited past what it billed, no limit split in small steps', async () => {
    const number = 'SM-8300018';
    // A $185.00 bill (40 CCF): a lead credits it in full first.
    const bill = await leakAccount(number, 40);
    const full = await post(
      {
        accountNumber: number,
        kind: 'percentage',
        billId: bill,
        percent: '100',
        amountCents: -18_500,
      },
      s.tokens.lead,
    );
    expect(full.body.result).toMatchObject({ status: 'posted' });
    // The agent's 85% credits, each under the agent's limit as a share, add nothing more.
    const again = await post({
      accountNumber: number,
      kind: 'percentage',
      billId: bill,
      percent: '50',
      amountCents: -9_250,
    });
    expect(again.code).toBe(409);
    expect(again.body.reasonKey).toBe('collections:rules.bill-credit-cap.fail');
    expect((await detail(number)).header.balanceCents).toBe(0);
    // On another bill, 1% credits post alone only while their total is within $100.00.
    const small = 'SM-8300019';
    const other = await leakAccount(small, 40);
    const statuses: string[] = [];
    const agent = await newAgentToken(s, 'small.steps');
    for (let n = 0; n < 60; n++) {
      const r = await post(
        {
          accountNumber: small,
          kind: 'percentage',
          billId: other,
          percent: '1',
          amountCents: -185,
        },
        agent,
      );
      statuses.push(r.body.result?.status ?? r.body.reasonKey);
    }
    // 54 × $1.85 = $99.90 posted; the 55th would make $101.75: a lead's.
    expect(statuses.filter((x) => x === 'posted')).toHaveLength(54);
    expect(statuses.slice(54)).toEqual(Array(6).fill('pending'));
    const audit = await auditRows(small);
    expect(audit.at(-1)).toMatchObject({ action: 'adjustmentRequested' });
  });

  it('adds what one agent posted on every account: $60.00 on one and $60.00 on another send the second to a lead', async () => {
    const agent = await newAgentToken(s, 'many.accounts');
    // (40 − 10) × 50% × $4.00 = $60.00 a leak credit, on two accounts.
    const first = await post(
      {
        accountNumber: 'SM-8300031',
        kind: 'leak',
        billId: await leakAccount('SM-8300031', 40),
        proofOfRepair: true,
        amountCents: -6_000,
      },
      agent,
    );
    expect(first.body.result).toMatchObject({ status: 'posted', approver: 'agent' });
    const second = await post(
      {
        accountNumber: 'SM-8300032',
        kind: 'leak',
        billId: await leakAccount('SM-8300032', 40),
        proofOfRepair: true,
        amountCents: -6_000,
      },
      agent,
    );
    expect(second.body.result).toMatchObject({ status: 'pending', approver: 'lead' });
    expect((await detail('SM-8300032')).header.balanceCents).toBe(18_500);
    const asked = (await auditRows('SM-8300032')).at(-1)?.details as { rules: { id: string }[] };
    expect(asked.rules.map((r) => r.id)).toContain('approval-actor-total');
    // Another agent's credit on that account is weighed by what that agent posted: none yet.
    const other = await post(
      {
        accountNumber: 'SM-8300033',
        kind: 'leak',
        billId: await leakAccount('SM-8300033', 40),
        proofOfRepair: true,
        amountCents: -6_000,
      },
      await newAgentToken(s, 'other.agent'),
    );
    expect(other.body.result).toMatchObject({ status: 'posted', approver: 'agent' });
  });

  it('answers 400 naming the field for a percentage without its percent and for a kind with no rule', async () => {
    const bill = await leakAccount('SM-8300008', 40);
    const noPercent = await post({
      accountNumber: 'SM-8300008',
      kind: 'percentage',
      billId: bill,
      amountCents: -100,
    });
    expect([noPercent.code, noPercent.body.field]).toEqual([400, 'command.percent']);
    const other = await post({
      accountNumber: 'SM-8300008',
      kind: 'other',
      billId: bill,
      amountCents: -2_500,
    });
    expect([other.code, other.body.field]).toEqual([400, 'command.kind']);
  });
});
