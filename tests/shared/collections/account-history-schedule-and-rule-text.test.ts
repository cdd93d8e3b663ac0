import { describe, expect, it } from 'vitest';
import {
  arrangementSchedule,
  averageMonthlyBillCents,
  billCycleOf,
  disconnectionFacts,
  getCollectionPolicy,
  onTimePaymentMonths,
  planArrangement,
  priorArrangements,
  ruleText,
} from '../../../shared/collections';
import { Temporal } from '../../../shared/dates';

const today = Temporal.PlainDate.from('2026-11-17');
const maine = getCollectionPolicy('portland-water-me')!;
const phila = getCollectionPolicy('philadelphia-water-pa')!;

/** Twelve 30-day bills of `cents`, the last read on 2026-11-01, each due 25 days after. */
const bills = (cents: number, count = 12) =>
  Array.from({ length: count }, (_, i) => {
    const to = Temporal.PlainDate.from('2026-11-01').subtract({ days: 30 * i });
    return {
      periodFrom: to.subtract({ days: 30 }).toString(),
      periodTo: to.toString(),
      totalCents: cents,
      dueOn: to.add({ days: 25 }).toString(),
    };
  });

describe('what the rules need from an account’s history', () => {
  it('averages the last year of bills per month of 365 / 12 days, to the cent', () => {
    // $600.00 over 360 days: $600 × 365 / 12 / 360 = $50.694… → $50.69.
    expect(averageMonthlyBillCents(bills(5_000), today)).toBe(5_069);
    // A bill read more than a year ago does not count.
    const old = [
      ...bills(5_000),
      { periodFrom: '2025-09-01', periodTo: '2025-10-01', totalCents: 99_999 },
    ];
    expect(averageMonthlyBillCents(old, today)).toBe(5_069);
    expect(averageMonthlyBillCents([], today)).toBe(0);
  });

  it('counts months paid on time back from the latest bill due, up to the first one paid late', () => {
    const history = bills(5_000, 6);
    const onTime = history.map((b) => ({
      paidOn: Temporal.PlainDate.from(b.dueOn).subtract({ days: 3 }).toString(),
      amountCents: 5_000,
      status: 'posted',
    }));
    expect(onTimePaymentMonths(history, onTime, 'monthly', today)).toBe(6);
    // The third most recent bill paid a day late breaks the run after two.
    const late = onTime.map((p, i) =>
      i === 2
        ? { ...p, paidOn: Temporal.PlainDate.from(history[2].dueOn).add({ days: 1 }).toString() }
        : p,
    );
    expect(onTimePaymentMonths(history, late, 'monthly', today)).toBe(2);
    // A returned payment is not a payment (the latest bill already due is 2026-10-27's); a
    // bimonthly bill counts two months.
    const returned = onTime.map((p, i) => (i === 1 ? { ...p, status: 'returned' } : p));
    expect(onTimePaymentMonths(history, returned, 'monthly', today)).toBe(1);
    expect(onTimePaymentMonths(history, onTime, 'bimonthly', today)).toBe(12);
  });

  it('neither counts nor breaks the run with a bill not yet due', () => {
    const history = bills(5_000, 3);
    const paid = history
      .slice(1)
      .map((b) => ({ paidOn: b.dueOn, amountCents: 5_000, status: 'posted' }));
    // The latest bill is due 2026-11-26, after today, and unpaid.
    expect(onTimePaymentMonths(history, paid, 'monthly', today)).toBe(2);
  });

  it('follows the bill cycle, and counts earlier and broken arrangements', () => {
    expect(billCycleOf(bills(1, 3), 'bimonthly')).toEqual({
      nextDueDate: '2026-11-26',
      intervalMonths: 2,
    });
    expect(billCycleOf([], 'monthly')).toBeUndefined();
    expect(
      priorArrangements([
        { status: 'completed', createdOn: '2024-01-10' },
        { status: 'broken', createdOn: '2026-03-02' },
      ]),
    ).toEqual({ count: 2, brokenOn: ['2026-03-02'] });
  });

  it('gives a disconnection the latest open notice, the latest arrangement’s standing and a certificate', () => {
    const facts = disconnectionFacts({
      class: 'residential',
      pastDueCents: 12_000,
      daysPastDue: 70,
      notices: [
        { kind: 'disconnection', status: 'open', issuedOn: '2026-10-20' },
        { kind: 'disconnection', status: 'open', issuedOn: '2026-11-02' },
        { kind: 'disconnection', status: 'closed', issuedOn: '2026-11-10' },
        { kind: 'reminder', status: 'open', issuedOn: '2026-11-12' },
      ],
      arrangements: [
        { status: 'active', createdOn: '2025-01-01' },
        { status: 'broken', createdOn: '2026-06-01' },
      ],
      medicalCertificate: { certifiedOn: '2026-11-01' },
    });
    expect(facts).toMatchObject({
      noticeServed: '2026-11-02',
      arrangement: 'broken',
      medical: { reportedOn: '2026-11-01', certified: true },
    });
  });
});

describe('the schedule of an arrangement, as the customer receives it', () => {
  const decision = planArrangement(
    maine,
    {
      class: 'residential',
      pastDueCents: 30_001,
      currentCents: 0,
      offer: { months: 3 },
      billCycle: { nextDueDate: '2026-12-05' },
    },
    today,
  );
  if (!decision.accepted) throw new Error('expected a plan');
  const input = {
    customerName: 'Ana Peña',
    accountNumber: 'ME-1000007',
    pastDueCents: 30_001,
    today: '2026-11-17',
  };

  it('lists every payment with its date and amount, summing to the amount arranged', () => {
    const s = arrangementSchedule(maine, decision.plan, input, 'en');
    expect(s.rows.map((r) => [r.label, r.due, r.amount])).toEqual([
      ['Payment 1 of 3', 'December 5, 2026', '$100.00'],
      ['Payment 2 of 3', 'January 5, 2027', '$100.00'],
      ['Payment 3 of 3', 'February 5, 2027', '$100.01'],
    ]);
    expect(s.text).toContain('Dear Ana Peña,');
    expect(s.text).toContain('within 5 days of its due date');
    // Maine Ch. 660 §9: confirmed in writing within 3 business days (the 18th, 19th, 20th).
    expect(s.after).toContain(
      'We will confirm this arrangement to you in writing by November 20, 2026.',
    );
    expect(s.subject).toBe(
      'Portland Water District: your payment arrangement for account ME-1000007',
    );
  });

  it('reads in Spanish, formally, with Spanish dates and the same amounts', () => {
    const s = arrangementSchedule(maine, decision.plan, input, 'es');
    expect(s.rows[2]).toEqual({
      label: 'Pago 3 de 3',
      due: '5 de febrero de 2027',
      amount: '$100.01',
    });
    expect(s.before[0]).toBe('Estimado(a) Ana Peña:');
    expect(s.text).toContain('Si tiene alguna pregunta, llame a Portland Water District.');
    expect(s.columns).toEqual({ payment: 'Pago', due: 'Vencimiento', amount: 'Monto' });
  });

  it('shows a down payment due today first', () => {
    const d = planArrangement(
      phila,
      { class: 'residential', pastDueCents: 40_000, currentCents: 0, offer: { months: 6 } },
      today,
    );
    if (!d.accepted) throw new Error('expected a plan');
    const s = arrangementSchedule(phila, d.plan, { ...input, pastDueCents: 40_000 }, 'en');
    expect(s.rows[0]).toEqual({
      label: 'Down payment, due today',
      due: 'November 17, 2026',
      amount: '$100.00',
    });
    expect(s.rows).toHaveLength(7);
  });
});

describe('a rule in words', () => {
  it('writes cents as money and dates with the caller’s formatter, in each language', () => {
    const rule = {
      messageKey: 'rules.down-payment.fail',
      params: { down: 5_000, minimum: 10_000, percent: '25' },
    };
    expect(ruleText(rule, 'en')).toBe(
      'Down payment $50.00 is below the minimum of $100.00 (25% of the amount owed).',
    );
    expect(ruleText(rule, 'es')).toContain('$100.00');
    const broken = {
      messageKey: 'rules.broken-lookback.fail',
      params: { months: 12, brokenOn: '2026-03-02' },
    };
    expect(ruleText(broken, 'en', { date: (d) => `[${d}]` })).toBe(
      'An arrangement was broken on [2026-03-02], within the last 12 months.',
    );
  });
});
