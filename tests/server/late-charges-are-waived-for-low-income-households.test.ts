import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { lateChargesOn, seedSyntheticUtility } from '../../server/seed/synthetic';
import { guidelineInForce, percentOfPoverty, povertyLineCents } from '../../shared/assistance';
import { getCollectionPolicy } from '../../shared/collections';
import { Temporal } from '../../shared/dates';
import {
  auditOf,
  backends,
  fixtureAccount,
  freshDb,
  monthEnds,
  postCommand,
  type StoredLine,
  seededServer,
  type TestDb,
  type TestServer,
  TODAY,
  waterBill,
} from './support';

const smwd = getCollectionPolicy('santa-margarita-ca')!;
const portland = getCollectionPolicy('portland-water-me')!;
const day = (iso: string) => Temporal.PlainDate.from(iso);
// A household of four: the 2026 guideline is $33,000, so 200% is $66,000.
const four = (annualIncomeCents: number) => ({ size: 4, annualIncomeCents });
const enrolled = (annualIncomeCents: number, since = '2026-03-17') => ({
  household: four(annualIncomeCents),
  since: day(since),
});
/** A $65.00 bill due 2026-06-26 and a $70.00 one due 2026-07-26, both unpaid. */
const owed = () => [
  { due: day('2026-06-26'), cents: 6_500, feeCharged: false },
  { due: day('2026-07-26'), cents: 7_000, feeCharged: false },
];

describe('the billing run’s late charges under SB 998 (Santa Margarita: 10%, at least $3, at most $30, after 30 days)', () => {
  it('waives the first charge of a household below 200% and charges the next within 12 months, to the cent', () => {
    const unpaid = owed();
    const waivers: string[] = [];
    // 2026-08-01: the first bill is 36 days late, $6.50 assessed and waived; the second, 6 days.
    const first = lateChargesOn(smwd, unpaid, day('2026-08-01'), enrolled(6_599_999), waivers);
    expect([first.assessedCents, first.waivedCents]).toEqual([650, 650]);
    expect(first.waived[0].rules?.map((r) => `${r.id}:${r.outcome}`)).toEqual([
      'late-fee:pass',
      'late-fee-waiver:pass',
    ]);
    expect(waivers).toEqual(['2026-08-01']);
    // 2026-09-01: the second is 37 days late: $7.00, charged, a waiver having been given.
    const second = lateChargesOn(smwd, unpaid, day('2026-09-01'), enrolled(6_599_999), waivers);
    expect([second.assessedCents, second.waivedCents]).toEqual([700, 0]);
    // Each bill is charged once.
    const third = lateChargesOn(smwd, unpaid, day('2026-10-01'), enrolled(6_599_999), waivers);
    expect(third.assessedCents).toBe(0);
  });

  it('charges a household at exactly 200%, one not yet known to be low income, and a utility with no waiver', () => {
    const at = lateChargesOn(smwd, owed(), day('2026-08-01'), enrolled(6_600_000), []);
    expect([at.assessedCents, at.waivedCents]).toEqual([650, 0]);
    const later = lateChargesOn(
      smwd,
      owed(),
      day('2026-08-01'),
      enrolled(3_000_000, '2026-08-02'),
      [],
    );
    expect([later.assessedCents, later.waivedCents]).toEqual([650, 0]);
    const unknown = lateChargesOn(smwd, owed(), day('2026-08-01'), null, []);
    expect([unknown.assessedCents, unknown.waivedCents]).toEqual([650, 0]);
    // Portland charges interest (the District's setting); Maine has no such waiver.
    const maine = lateChargesOn(portland, owed(), day('2026-08-01'), enrolled(1_000_000), []);
    expect(maine.waivedCents).toBe(0);
    expect(maine.assessedCents).toBeGreaterThan(0);
  });

  it('waives again once 12 months have passed since the last waiver, not a day before', () => {
    const bill = (due: string) => [{ due: day(due), cents: 50_000, feeCharged: false }];
    // $500.00 unpaid: 10% is $50.00, capped at $30.00.
    const dayBefore = lateChargesOn(
      smwd,
      bill('2027-06-30'),
      day('2027-07-31'),
      enrolled(3_000_000),
      ['2026-08-01'],
    );
    expect([dayBefore.assessedCents, dayBefore.waivedCents]).toEqual([3_000, 0]);
    const yearOn = lateChargesOn(smwd, bill('2027-06-30'), day('2027-08-01'), enrolled(3_000_000), [
      '2026-08-01',
    ]);
    expect([yearOn.assessedCents, yearOn.waivedCents]).toEqual([3_000, 3_000]);
  });
});

describe('the seed of Santa Margarita bills the waiver and audits it', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb('pglite');
    await migrate(t.db);
    await seedSyntheticUtility(t.db, {
      utilityId: 'santa-margarita-ca',
      accounts: 400,
      seed: 7,
      today: TODAY,
    });
  }, 240_000);
  afterAll(async () => t?.drop());

  it('credits each waived charge beside it on the bill, from an enrolment screened below 200%, once in 12 months, with an audit row', async () => {
    const { rows: bills } = await t.db.query<{
      account_number: string;
      period_to: string;
      total_cents: string;
      lines: StoredLine[];
    }>(
      `select account_number, period_to::text, total_cents, lines from bills
        where lines @> '[["late-fee-waived"]]'::jsonb order by account_number, period_to`,
    );
    expect(bills.length).toBeGreaterThanOrEqual(2);
    const { rows: audits } = await t.db.query<{
      at: Date;
      user_id: string;
      account_number: string;
      details: { billPeriodTo: string; feeCents: number; percentOfPoverty: number; rules: unknown };
    }>("select at, user_id, account_number, details from audit where action = 'lateFeeWaived'");
    expect(audits).toHaveLength(bills.length);
    const byAccount = new Map<string, string[]>();
    for (const b of bills) {
      const code = (c: string) => b.lines.filter((l) => l[0] === c).map((l) => l[5]);
      const [waived] = code('late-fee-waived');
      const [assessed] = code('late-fee');
      // The credit is the waived charge, no more than was assessed; the bill still sums.
      expect(waived).toBeLessThan(0);
      expect(assessed).toBeGreaterThanOrEqual(-waived);
      expect(b.lines.reduce((sum, l) => sum + l[5], 0)).toBe(Number(b.total_cents));
      const audit = audits.find(
        (a) => a.account_number === b.account_number && a.details.billPeriodTo === b.period_to,
      )!;
      expect(audit.user_id).toBe('billing');
      expect(audit.details.feeCents).toBe(-waived);
      expect(audit.details.rules).toEqual([
        { id: 'late-fee', outcome: 'pass', citation: smwd.fees.lateFee.source.citation },
        {
          id: 'late-fee-waiver',
          outcome: 'pass',
          citation: smwd.fees.lateFeeLowIncomeWaiver!.source.citation,
        },
      ]);
      // The charge is 10% of an earlier bill left unpaid past 30 days, at least $3, at most $30.
      const { rows: earlier } = await t.db.query<{ total_cents: string; due_on: string }>(
        'select total_cents, due_on::text from bills where account_number = $1 and due_on < $2',
        [b.account_number, b.period_to],
      );
      const charges = earlier
        .filter((e) => day(e.due_on).until(day(b.period_to)).days > 30)
        .map((e) => Math.min(3_000, Math.max(300, Math.round(Number(e.total_cents) / 10))));
      expect(charges).toContain(-waived);
      byAccount.set(b.account_number, [...(byAccount.get(b.account_number) ?? []), b.period_to]);
    }
    for (const [account, dates] of byAccount) {
      for (let i = 1; i < dates.length; i++)
        expect(
          day(dates[i - 1])
            .add({ months: 12 })
            .toString() <= dates[i],
        ).toBe(true);
      const { rows } = await t.db.query<{
        program: string;
        enrolled_on: string;
        household_size: number;
        annual_income_cents: string;
        percent_of_poverty: string;
      }>(
        "select program, enrolled_on::text, household_size, annual_income_cents, percent_of_poverty from enrollments where account_number = $1 and status = 'active'",
        [account],
      );
      expect(rows).toHaveLength(1);
      const e = rows[0];
      expect(e.program).toBe('sb998-low-income');
      expect(e.enrolled_on <= dates[0]).toBe(true);
      const pct = percentOfPoverty(
        Number(e.annual_income_cents),
        e.household_size,
        guidelineInForce(day(e.enrolled_on)),
      );
      expect(pct.lt(200)).toBe(true);
      expect(Number(e.percent_of_poverty)).toBe(pct.toDecimalPlaces(1).toNumber());
    }
  });

  it('charges the later late fees of a household whose charge was waived within the year', async () => {
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from bills b
        where b.lines @> '[["late-fee"]]'::jsonb and not b.lines @> '[["late-fee-waived"]]'::jsonb
          and exists (select 1 from bills w where w.account_number = b.account_number
                        and w.lines @> '[["late-fee-waived"]]'::jsonb and w.period_to < b.period_to)`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('enrols low-income households in the utility’s own program with the household screened', async () => {
    const { rows } = await t.db.query<{ program: string; screened: number; n: number }>(
      `select program, count(household_size)::int as screened, count(*)::int as n from enrollments group by program`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].program).toBe('sb998-low-income');
    expect(rows[0].screened).toBe(rows[0].n);
    // The 2026 guideline for four is $33,000: a seed's incomes are real amounts of it.
    expect(povertyLineCents(guidelineInForce(day('2026-03-17')), 4)).toBe(3_300_000);
  });
});

/**
 * A late-fee reversal asked of the server on 2026-11-17: the household on file is the one its
 * SB 998 enrolment was screened on; the server decides the waiver again from the account's
 * records, posts the credit, and keeps which rule gave it.
 */
describe.each(await backends())('late-fee reversals on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await seededServer(kind, 0);
  });
  afterAll(async () => s?.close());

  const command = async (cmd: Record<string, unknown>) => (await postCommand(s, cmd)).body;
  const lastAudit = async (number: string) =>
    (
      await auditOf<{ basis: Record<string, unknown>; rules: { id: string; outcome: string }[] }>(
        s,
        number,
      )
    ).at(-1)!;

  /** Twelve monthly bills through 2026-11-01; the last carries `late` lines. */
  const account = async (
    number: string,
    late: StoredLine[],
    o: { income?: number; waivedOn?: string } = {},
  ) => {
    const bills = monthEnds('2026-11-01', 12).map((to) => {
      const bill = waterBill(to, 10);
      if (to === o.waivedOn)
        bill.lines.push(
          ['late-fee', 'lines.lateFee', '1', 'bill', '3.00', 300, 0, {}],
          ['late-fee-waived', 'lines.lateFeeWaived', '1', 'bill', '-3.00', -300, 0, {}],
        );
      if (to === '2026-11-01') bill.lines.push(...late);
      return bill;
    });
    const ids = await fixtureAccount(s.db, { number, bills, paidBills: 11 });
    if (o.income !== undefined)
      await s.db.query(
        `insert into enrollments (id, account_number, program, enrolled_on, status, household_size, annual_income_cents, percent_of_poverty)
         values ($1, $2, 'sb998-low-income', '2026-03-17', 'active', 4, $3, 0)`,
        [`e-${number}`, number, o.income],
      );
    return ids[11];
  };
  const fee = (cents: number): StoredLine => [
    'late-fee',
    'lines.lateFee',
    '1',
    'bill',
    (cents / 100).toFixed(2),
    cents,
    0,
    {},
  ];
  const reverse = (accountNumber: string, billId: string, amountCents: number) =>
    command({
      type: 'postAdjustment',
      accountNumber,
      kind: 'late-fee-reversal',
      billId,
      amountCents,
      reason: 'customer on the SB 998 program',
    });

  it('reverses a charge as the SB 998 waiver for a household screened just below 200%, and audits it so', async () => {
    const billId = await account('SM-8600001', [fee(650)], { income: 6_599_999 });
    const r = await reverse('SM-8600001', billId, -650);
    expect(r).toMatchObject({ status: 'applied', result: { status: 'posted' } });
    const audit = await lastAudit('SM-8600001');
    expect(audit.action).toBe('adjustmentPosted');
    expect(audit.details.basis).toMatchObject({ lateFeeCents: 650, lowIncomeWaiver: true });
    expect(audit.details.rules.map((x) => `${x.id}:${x.outcome}`)).toEqual([
      'late-fee-waiver:pass',
      'approval:pass',
    ]);
  });

  it('at exactly 200%, or with a charge waived on a bill within the year, it is the courtesy reversal', async () => {
    const atLimit = await account('SM-8600002', [fee(650)], { income: 6_600_000 });
    expect(await reverse('SM-8600002', atLimit, -650)).toMatchObject({ status: 'applied' });
    const limitAudit = await lastAudit('SM-8600002');
    expect(limitAudit.details.basis).toMatchObject({ lowIncomeWaiver: false });
    // The agent reversed a charge on another account just before: weighed with this one.
    expect(limitAudit.details.rules.map((x) => `${x.id}:${x.outcome}`)).toEqual([
      'late-fee-waiver:not-applicable',
      'late-fee-frequency:pass',
      'approval:pass',
      'approval-actor-total:pass',
    ]);

    const waivedBefore = await account('SM-8600003', [fee(700)], {
      income: 3_000_000,
      waivedOn: '2026-06-01',
    });
    expect(await reverse('SM-8600003', waivedBefore, -700)).toMatchObject({ status: 'applied' });
    expect(
      (await lastAudit('SM-8600003')).details.rules.map((x) => `${x.id}:${x.outcome}`),
    ).toEqual([
      'late-fee-waiver:fail',
      'late-fee-frequency:pass',
      'approval:pass',
      'approval-actor-total:pass',
    ]);
  });

  it('a charge waived on its own bill leaves nothing to reverse', async () => {
    const billId = await account(
      'SM-8600004',
      [fee(650), ['late-fee-waived', 'lines.lateFeeWaived', '1', 'bill', '-6.50', -650, 0, {}]],
      { income: 3_000_000 },
    );
    expect(await reverse('SM-8600004', billId, -650)).toMatchObject({
      status: 'rejected',
      reasonKey: 'cis:rejected.noLateFee',
    });
  });
});
