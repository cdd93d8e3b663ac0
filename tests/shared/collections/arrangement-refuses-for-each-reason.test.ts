import { describe, expect, it } from 'vitest';
import {
  type ArrangementDecision,
  type ArrangementRequest,
  getCollectionPolicy,
  planArrangement,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

// The refusals for the kind offered, the number of arrangements, a broken plan within the
// look-back, the down payment, the term, the installment minimum and income eligibility are
// tested in arrangements-plan-to-the-cent.test.ts; these are the others.
const maine = getCollectionPolicy('portland-water-me')!;
const marin = getCollectionPolicy('marin-water-ca')!;
const today = plainDate('2026-11-24');

const refusal = (d: ArrangementDecision) => (d.accepted ? null : d.refusal);
const request = (over: Partial<ArrangementRequest>): ArrangementRequest => ({
  class: 'residential',
  pastDueCents: 30_000,
  currentCents: 0,
  offer: {},
  ...over,
});

describe('nothing past due', () => {
  it('refuses a plan for $0.00 past due, and plans one for the smallest amount the terms accept', () => {
    const d = planArrangement(maine, request({ pastDueCents: 0, offer: { months: 1 } }), today);
    expect(refusal(d)).toMatchObject({ id: 'past-due', outcome: 'fail' });
    expect(d.accepted === false && d.nearest).toBeNull();
    // Maine's minimum installment is $20.00: $20.00 over one month is a plan.
    expect(
      planArrangement(maine, request({ pastDueCents: 2_000, offer: { months: 1 } }), today)
        .accepted,
    ).toBe(true);
  });
});

describe('a down payment that covers the whole amount', () => {
  it('refuses when the down payment equals or passes the amount past due', () => {
    const equal = planArrangement(
      marin,
      request({ offer: { downPaymentCents: 30_000, months: 1 } }),
      today,
    );
    expect(refusal(equal)).toMatchObject({
      id: 'nothing-to-arrange',
      params: { down: 30_000, pastDue: 30_000 },
    });
    expect(
      refusal(planArrangement(marin, request({ offer: { downPaymentCents: 30_001 } }), today))?.id,
    ).toBe('nothing-to-arrange');
  });

  it('arranges what is left when the down payment leaves the minimum installment ($10.00)', () => {
    const d = planArrangement(
      marin,
      request({ offer: { downPaymentCents: 29_000, months: 1 } }),
      today,
    );
    expect(d.accepted && d.plan.installments.map((i) => i.amountCents)).toEqual([1_000]);
  });
});

describe('levelized budget billing', () => {
  const budget = (over: Partial<ArrangementRequest>) =>
    planArrangement(maine, request({ kind: 'budget', pastDueCents: 0, ...over }), today);

  it('refuses without a year of bills, and levels the year when it has them', () => {
    expect(refusal(budget({}))).toMatchObject({ id: 'budget-history', outcome: 'fail' });
    expect(refusal(budget({ annualBilledCents: 0 }))?.id).toBe('budget-history');
    const d = budget({ annualBilledCents: 38_405 });
    expect(d.accepted && d.plan.installments.reduce((a, i) => a + i.amountCents, 0)).toBe(38_405);
  });

  it('refuses a fifth adjustment within 12 months (at most 4 a year, Ch. 815 §9 by analogy)', () => {
    const three = ['2026-01-10', '2026-04-10', '2026-07-10'];
    const fourth = budget({ annualBilledCents: 38_405, budgetAdjustedOn: three });
    expect(fourth.accepted).toBe(true);
    expect(fourth.rules.find((r) => r.id === 'budget-adjustments')).toMatchObject({
      outcome: 'pass',
      params: { count: 3, max: 4 },
    });
    const fifth = budget({ annualBilledCents: 38_405, budgetAdjustedOn: [...three, '2026-10-10'] });
    expect(refusal(fifth)).toMatchObject({
      id: 'budget-adjustments',
      params: { count: 4, max: 4 },
    });
    expect(refusal(fifth)?.citation).toMatch(/Chapter 815 \(electric and gas\) §9/);
    // An adjustment exactly 12 months ago has left the year.
    expect(
      budget({ annualBilledCents: 38_405, budgetAdjustedOn: [...three, '2025-11-24'] }).accepted,
    ).toBe(true);
  });
});
