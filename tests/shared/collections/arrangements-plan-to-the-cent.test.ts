import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArrangementDecision,
  arrangementStanding,
  getCollectionPolicy,
  planArrangement,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const phila = getCollectionPolicy('philadelphia-water-pa')!;
const maine = getCollectionPolicy('portland-water-me')!;
const marin = getCollectionPolicy('marin-water-ca')!;
const today = plainDate('2026-11-24');

const accepted = (d: ArrangementDecision) => {
  if (!d.accepted) throw new Error(`refused: ${d.refusal.id}`);
  return d.plan;
};
const refused = (d: ArrangementDecision) => {
  if (d.accepted) throw new Error('accepted');
  return d;
};

describe('Philadelphia standard agreements (25% down, 6 to 12 months, at most 2)', () => {
  it('asks 25% down and splits the rest into equal installments summing to the cent', () => {
    const plan = accepted(
      planArrangement(
        phila,
        { class: 'residential', pastDueCents: 100_001, currentCents: 0, offer: { months: 7 } },
        today,
      ),
    );
    // 25% of $1,000.01 is $250.0025: the minimum rounds up to $250.01.
    expect(plan.downPaymentCents).toBe(25_001);
    expect(plan.installments.map((i) => i.amountCents)).toEqual([
      10_714, 10_714, 10_714, 10_714, 10_714, 10_714, 10_716,
    ]);
    expect(plan.totalCents).toBe(100_001);
    expect(plan.currentBillsMustBePaid).toBe(true);
  });

  it('falls due on the bill cycle', () => {
    const plan = accepted(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 80_000,
          currentCents: 0,
          offer: { months: 6 },
          billCycle: { nextDueDate: '2026-12-15' },
        },
        today,
      ),
    );
    expect(plan.installments.map((i) => i.due)).toEqual([
      '2026-12-15',
      '2027-01-15',
      '2027-02-15',
      '2027-03-15',
      '2027-04-15',
      '2027-05-15',
    ]);
  });

  it('refuses a down payment one cent short of 25%, offering the nearest plan', () => {
    const d = refused(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 80_000,
          currentCents: 0,
          offer: { downPaymentCents: 19_999, months: 10 },
        },
        today,
      ),
    );
    expect(d.refusal.id).toBe('down-payment');
    expect(d.refusal.params).toMatchObject({ down: 19_999, minimum: 20_000 });
    expect(d.nearest?.downPaymentCents).toBe(20_000);
    expect(d.nearest?.installments).toHaveLength(10);
    expect(
      accepted(
        planArrangement(
          phila,
          {
            class: 'residential',
            pastDueCents: 80_000,
            currentCents: 0,
            offer: { downPaymentCents: 20_000, months: 10 },
          },
          today,
        ),
      ).downPaymentCents,
    ).toBe(20_000);
  });

  it('refuses 13 months (beyond 12) and 5 months (below 6), with the nearest term', () => {
    const long = refused(
      planArrangement(
        phila,
        { class: 'residential', pastDueCents: 80_000, currentCents: 0, offer: { months: 13 } },
        today,
      ),
    );
    expect([long.refusal.id, long.nearest?.installments.length]).toEqual(['term-maximum', 12]);
    const short = refused(
      planArrangement(
        phila,
        { class: 'residential', pastDueCents: 80_000, currentCents: 0, offer: { months: 5 } },
        today,
      ),
    );
    expect([short.refusal.id, short.nearest?.installments.length]).toEqual(['term-minimum', 6]);
    expect(
      accepted(
        planArrangement(
          phila,
          { class: 'residential', pastDueCents: 80_000, currentCents: 0, offer: { months: 12 } },
          today,
        ),
      ).installments,
    ).toHaveLength(12);
  });

  it('turns a monthly offer into a term, and refuses one that takes too long', () => {
    const plan = accepted(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 80_000,
          currentCents: 0,
          offer: { monthlyCents: 6_000 },
        },
        today,
      ),
    );
    expect(plan.installments).toHaveLength(10);
    const slow = refused(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 80_000,
          currentCents: 0,
          offer: { monthlyCents: 4_000 },
        },
        today,
      ),
    );
    expect(slow.refusal.id).toBe('term-maximum');
  });

  it('refuses an installment below the minimum', () => {
    // $60 arranged over 6 months is $10.00 — exactly the minimum passes; $59.99 does not.
    expect(
      accepted(
        planArrangement(
          phila,
          {
            class: 'residential',
            pastDueCents: 8_000,
            currentCents: 0,
            offer: { downPaymentCents: 2_000, months: 6 },
          },
          today,
        ),
      ).installments[0].amountCents,
    ).toBe(1_000);
    const under = refused(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 7_999,
          currentCents: 0,
          offer: { downPaymentCents: 2_000, months: 6 },
        },
        today,
      ),
    );
    expect(under.refusal.id).toBe('installment-minimum');
    expect(under.refusal.params).toMatchObject({ installment: 999, minimum: 1_000 });
  });

  it('refuses a third agreement', () => {
    const d = refused(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 80_000,
          currentCents: 0,
          offer: {},
          prior: { count: 2, brokenOn: [] },
        },
        today,
      ),
    );
    expect(d.refusal).toMatchObject({ id: 'max-arrangements', params: { count: 2, max: 2 } });
    expect(d.nearest).toBeNull();
    expect(
      planArrangement(
        phila,
        {
          class: 'residential',
          pastDueCents: 80_000,
          currentCents: 0,
          offer: {},
          prior: { count: 1, brokenOn: [] },
        },
        today,
      ).accepted,
    ).toBe(true);
  });

  it('asks commercial customers 50% down over 3 to 6 months', () => {
    const plan = accepted(
      planArrangement(
        phila,
        { class: 'commercial', pastDueCents: 300_000, currentCents: 0, offer: { months: 6 } },
        today,
      ),
    );
    expect(plan.downPaymentCents).toBe(150_000);
    expect(
      refused(
        planArrangement(
          phila,
          { class: 'commercial', pastDueCents: 300_000, currentCents: 0, offer: { months: 7 } },
          today,
        ),
      ).refusal.id,
    ).toBe('term-maximum');
  });

  it('adds the current bill to each installment on an installment-plus-current plan', () => {
    const plan = accepted(
      planArrangement(
        phila,
        {
          class: 'residential',
          kind: 'installment-plus-current',
          pastDueCents: 80_000,
          currentCents: 5_000,
          currentMonthlyCents: 6_915,
          offer: { months: 6 },
        },
        today,
      ),
    );
    expect(plan.installments.every((i) => i.currentBillCents === 6_915)).toBe(true);
    expect(plan.installments.reduce((a, i) => a + i.amountCents, 0)).toBe(60_000);
  });

  it('refuses kinds the utility does not offer', () => {
    expect(
      refused(
        planArrangement(
          marin,
          {
            class: 'residential',
            kind: 'percent-of-income',
            pastDueCents: 1,
            currentCents: 0,
            offer: {},
          },
          today,
        ),
      ).refusal.id,
    ).toBe('kind-offered');
  });
});

describe('percent-of-income plans (Philadelphia TAP)', () => {
  const tap = (income: number, size: number) =>
    planArrangement(
      phila,
      {
        class: 'residential',
        kind: 'percent-of-income',
        pastDueCents: 50_000,
        currentCents: 0,
        offer: {},
        household: { annualIncomeCents: income, size },
      },
      today,
    );

  it('sets the monthly amount by income tier of the poverty guideline in force (2026)', () => {
    // Household of 3, 2026 guideline $27,320. $13,660 is exactly 50%: 2% → $22.77 a month.
    expect(accepted(tap(1_366_000, 3)).installments[0].amountCents).toBe(2_277);
    // $13,660.01 is just above 50%: 2.5%.
    expect(accepted(tap(1_366_001, 3)).installments[0].amountCents).toBe(2_846);
    // 150% exactly ($40,980) qualifies at 3%: $102.45.
    expect(accepted(tap(4_098_000, 3)).installments[0].amountCents).toBe(10_245);
  });

  it('never goes below the $12 minimum', () => {
    expect(accepted(tap(500_00, 1)).installments[0].amountCents).toBe(1_200);
  });

  it('refuses a household above 150% of the guideline', () => {
    expect(refused(tap(4_098_001, 3)).refusal.id).toBe('income-eligibility');
  });
});

describe('Maine (Chapter 660) arrangements', () => {
  it('must be confirmed in writing within 3 business days when there are 2 or more payments', () => {
    const plan = accepted(
      planArrangement(
        maine,
        { class: 'residential', pastDueCents: 30_000, currentCents: 0, offer: { months: 3 } },
        plainDate('2026-11-25'),
      ),
    );
    // Wednesday before Thanksgiving: Thu 26 and Fri 27 are holidays in Maine? Thanksgiving only; the
    // three business days are Fri 27, Mon 30, Tue Dec 1.
    expect(plan.writtenConfirmationBy).toBe('2026-12-01');
  });

  it('refuses a new plan after one broken in the last 12 months', () => {
    const d = refused(
      planArrangement(
        maine,
        {
          class: 'residential',
          pastDueCents: 30_000,
          currentCents: 0,
          offer: {},
          prior: { count: 1, brokenOn: ['2026-03-01'] },
        },
        today,
      ),
    );
    expect(d.refusal.id).toBe('broken-lookback');
    expect(
      planArrangement(
        maine,
        {
          class: 'residential',
          pastDueCents: 30_000,
          currentCents: 0,
          offer: {},
          prior: { count: 1, brokenOn: ['2025-11-24'] },
        },
        today,
      ).accepted,
    ).toBe(true);
  });

  it('levels a budget plan over 12 months summing to the year’s bills', () => {
    const plan = accepted(
      planArrangement(
        maine,
        {
          class: 'residential',
          kind: 'budget',
          pastDueCents: 0,
          currentCents: 0,
          offer: {},
          annualBilledCents: 38_405,
        },
        today,
      ),
    );
    expect(plan.installments).toHaveLength(12);
    expect(plan.installments.reduce((a, i) => a + i.amountCents, 0)).toBe(38_405);
  });
});

describe('installments (properties)', () => {
  it('always sum to the amount arranged and never fall below the policy minimum', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(phila, maine, marin),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.record(
          {
            months: fc.integer({ min: 1, max: 24 }),
            monthlyCents: fc.integer({ min: 1, max: 500_000 }),
            downPaymentCents: fc.integer({ min: 0, max: 5_000_000 }),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('residential', 'commercial' as const),
        fc.constantFrom(1, 2, 3),
        (policy, pastDue, offer, cls, intervalMonths) => {
          // --months and --monthly are one or the other.
          const { monthlyCents, ...rest } = offer;
          const chosen = offer.months !== undefined ? rest : offer;
          const d = planArrangement(
            policy,
            {
              class: cls,
              pastDueCents: pastDue,
              currentCents: 0,
              offer: chosen,
              billCycle: { nextDueDate: '2026-12-10', intervalMonths },
            },
            today,
          );
          const plans = d.accepted ? [d.plan] : d.nearest ? [d.nearest] : [];
          const terms = policy.arrangement[cls];
          for (const plan of plans) {
            expect(
              plan.downPaymentCents + plan.installments.reduce((a, i) => a + i.amountCents, 0),
            ).toBe(pastDue);
            expect(plan.totalCents).toBe(pastDue);
            expect(plan.downPaymentCents).toBeLessThan(pastDue);
            expect(plan.downPaymentCents * 100).toBeGreaterThanOrEqual(
              pastDue * Number(terms.minDownPercent),
            );
            expect(Math.min(...plan.installments.map((i) => i.amountCents))).toBeGreaterThanOrEqual(
              terms.minInstallmentCents,
            );
            // Each installment covers one bill cycle of the term.
            expect(plan.installments.length * intervalMonths).toBeLessThanOrEqual(terms.maxMonths);
          }
          if (d.accepted && chosen.downPaymentCents !== undefined)
            expect(d.plan.downPaymentCents).toBe(chosen.downPaymentCents);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('tracking an arrangement', () => {
  const plan = accepted(
    planArrangement(
      phila,
      {
        class: 'residential',
        pastDueCents: 80_000,
        currentCents: 0,
        offer: { months: 6 },
        billCycle: { nextDueDate: '2026-12-15' },
      },
      today,
    ),
  );

  it('stays good while installments are paid within the grace', () => {
    const s = arrangementStanding(
      phila,
      plan,
      [
        { date: '2026-11-24', amountCents: 20_000 },
        { date: '2026-12-20', amountCents: 10_000 },
      ],
      plainDate('2027-01-10'),
    );
    expect(s.status).toBe('good');
    expect(s.status === 'good' && s.nextDue?.number).toBe(2);
  });

  it('turns broken the day after the grace of a missed installment', () => {
    const payments = [{ date: '2026-11-24', amountCents: 20_000 }];
    expect(arrangementStanding(phila, plan, payments, plainDate('2026-12-20')).status).toBe('good');
    const broken = arrangementStanding(phila, plan, payments, plainDate('2026-12-21'));
    expect(broken.status).toBe('broken');
    expect(broken.status === 'broken' && [broken.brokenOn, broken.missed.number]).toEqual([
      '2026-12-21',
      1,
    ]);
  });

  it('is completed when everything is paid', () => {
    expect(
      arrangementStanding(
        phila,
        plan,
        [{ date: '2026-11-24', amountCents: 80_000 }],
        plainDate('2027-09-01'),
      ).status,
    ).toBe('completed');
  });
});
