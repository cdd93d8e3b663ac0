import { describe, expect, it } from 'vitest';
import {
  type ArrangementDecision,
  type ArrangementRequest,
  ArrangementRequestError,
  arrangementSchedule,
  type CollectionPolicy,
  getCollectionPolicy,
  loadPolicy,
  planArrangement,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/i18n/format';

const phila = getCollectionPolicy('philadelphia-water-pa')!;
const maine = getCollectionPolicy('portland-water-me')!;
const marin = getCollectionPolicy('marin-water-ca')!;
const today = plainDate('2026-11-24');

const plan = (d: ArrangementDecision) => {
  if (!d.accepted) throw new Error(`refused: ${d.refusal.id}`);
  return d.plan;
};
const request = (over: Partial<ArrangementRequest>): ArrangementRequest => ({
  class: 'residential',
  pastDueCents: 80_000,
  currentCents: 0,
  offer: { months: 6 },
  ...over,
});
const withArrangement = (
  policy: CollectionPolicy,
  over: Partial<CollectionPolicy['arrangement']>,
) => loadPolicy({ ...policy, arrangement: { ...policy.arrangement, ...over } });

describe('installments on a fixed day of the month', () => {
  const fifteenth = withArrangement(phila, { dueOn: { dayOfMonth: 15 } });
  const dues = (on: string, over: Partial<ArrangementRequest> = {}) =>
    plan(planArrangement(fifteenth, request(over), plainDate(on))).installments.map((i) => i.due);

  it('fall on that day, from the next one after today', () => {
    expect(dues('2026-11-24')).toEqual([
      '2026-12-15',
      '2027-01-15',
      '2027-02-15',
      '2027-03-15',
      '2027-04-15',
      '2027-05-15',
    ]);
    expect(dues('2026-11-14')[0]).toBe('2026-11-15');
    // The day itself is too soon: the first installment is next month's.
    expect(dues('2026-11-15')[0]).toBe('2026-12-15');
  });

  it('ignore the bill cycle', () => {
    expect(
      dues('2026-11-24', { billCycle: { nextDueDate: '2026-12-02', intervalMonths: 2 } }).slice(
        0,
        2,
      ),
    ).toEqual(['2026-12-15', '2027-01-15']);
  });

  it('keep the 28th in February', () => {
    const twentyEighth = withArrangement(phila, { dueOn: { dayOfMonth: 28 } });
    const d = plan(planArrangement(twentyEighth, request({}), plainDate('2027-01-30')));
    expect(d.installments.slice(0, 2).map((i) => i.due)).toEqual(['2027-02-28', '2027-03-28']);
  });
});

describe('installments on a two-month bill cycle (Marin bills every two months)', () => {
  const cycle = { nextDueDate: '2026-12-10', intervalMonths: 2 };
  const marinPlan = (offer: ArrangementRequest['offer']) =>
    planArrangement(marin, request({ pastDueCents: 60_000, offer, billCycle: cycle }), today);

  it('fall on each bill, two months apart, and count two months of the term each', () => {
    const p = plan(marinPlan({ months: 12 }));
    expect(p.installments.map((i) => i.due)).toEqual([
      '2026-12-10',
      '2027-02-10',
      '2027-04-10',
      '2027-06-10',
      '2027-08-10',
      '2027-10-10',
    ]);
    expect(p.installments.map((i) => i.amountCents)).toEqual([
      10_000, 10_000, 10_000, 10_000, 10_000, 10_000,
    ]);
  });

  it('refuse a term past 12 months (PUC §12823(c)) even though it is only 7 bills', () => {
    const d = marinPlan({ months: 13 });
    expect(d.accepted).toBe(false);
    if (d.accepted) return;
    expect(d.refusal).toMatchObject({ id: 'term-maximum', params: { months: 14, max: 12 } });
    expect(d.nearest?.installments).toHaveLength(6);
  });

  it('turn a monthly offer into bills of two months each', () => {
    // $50 a month is $100 a bill: $600 over 6 bills.
    expect(plan(marinPlan({ monthlyCents: 5_000 })).installments).toHaveLength(6);
    expect(marinPlan({ monthlyCents: 4_999 }).accepted).toBe(false);
  });

  it('level a budget over 6 bills and a percent-of-income amount at two months a bill', () => {
    const bimonthlyMaine = planArrangement(
      maine,
      request({
        kind: 'budget',
        pastDueCents: 0,
        annualBilledCents: 38_405,
        billCycle: cycle,
      }),
      today,
    );
    expect(plan(bimonthlyMaine).installments.map((i) => i.amountCents)).toEqual([
      6_400, 6_400, 6_400, 6_400, 6_400, 6_405,
    ]);
    const tap = planArrangement(
      phila,
      request({
        kind: 'percent-of-income',
        household: { annualIncomeCents: 1_366_000, size: 3 },
        billCycle: cycle,
      }),
      today,
    );
    // 2% of $13,660 is $22.77 a month: $45.54 a bill, $273.24 a year.
    expect(plan(tap).installments.map((i) => i.amountCents)).toEqual(Array(6).fill(4_554));
    expect(plan(tap).totalCents).toBe(27_324);
  });

  it('refuse a cycle that does not divide the year', () => {
    expect(() =>
      planArrangement(
        marin,
        request({ billCycle: { nextDueDate: '2026-12-10', intervalMonths: 5 } }),
        today,
      ),
    ).toThrow(ArrangementRequestError);
  });
});

describe('the current balance', () => {
  it('is shown beside the plan, never arranged, where current bills must be paid', () => {
    const d = planArrangement(phila, request({ currentCents: 6_915 }), today);
    const p = plan(d);
    expect([p.currentBalanceCents, p.totalCents, p.amountArrangedCents]).toEqual([
      6_915, 80_000, 60_000,
    ]);
    expect(d.rules.find((r) => r.id === 'current-bills')).toMatchObject({
      messageKey: 'rules.current-bills.passWithBalance',
      params: { current: 6_915 },
    });
    const refused = planArrangement(
      phila,
      request({ currentCents: 6_915, offer: { months: 13 } }),
      today,
    );
    expect(refused.accepted === false && refused.nearest?.currentBalanceCents).toBe(6_915);
  });

  it('is left out when nothing is current, or when the policy does not require current bills', () => {
    expect(plan(planArrangement(phila, request({}), today)).currentBalanceCents).toBeUndefined();
    const lenient = withArrangement(phila, {
      currentBillsMustBePaid: {
        value: false,
        source: { citation: 'a test policy', utilitySetting: true },
      },
    });
    const d = planArrangement(lenient, request({ currentCents: 6_915 }), today);
    expect(plan(d).currentBalanceCents).toBeUndefined();
    expect(d.rules.find((r) => r.id === 'current-bills')?.outcome).toBe('not-applicable');
  });

  it('is in the schedule the customer receives, in both languages', () => {
    const p = plan(planArrangement(phila, request({ currentCents: 6_915 }), today));
    const input = {
      customerName: '',
      accountNumber: '4471-0093',
      pastDueCents: 80_000,
      today: '2026-11-24',
    };
    const es = arrangementSchedule(phila, p, input, 'es');
    expect(es.after).toContain(
      `Su factura actual de ${formatMoney(6_915, 'es')} no forma parte de este acuerdo: páguela a más tardar en su fecha de vencimiento.`,
    );
    expect(es.before[0]).toBe('Estimado(a) cliente:');
    expect(arrangementSchedule(phila, p, input, 'en').before[0]).toBe('Dear customer,');
  });
});

describe('written confirmation of a plan of 2 or more payments (Maine Ch. 660 §9)', () => {
  const maineBy = (policy: CollectionPolicy, offer: ArrangementRequest['offer']) =>
    plan(planArrangement(policy, request({ pastDueCents: 30_000, offer }), today))
      .writtenConfirmationBy;

  it('is not needed for one payment, and due in 3 business days for two', () => {
    expect(maineBy(maine, { months: 1 })).toBeNull();
    // Tuesday 2026-11-24: Wednesday 25, Friday 27 (after Thanksgiving), Monday 30.
    expect(maineBy(maine, { months: 1, downPaymentCents: 5_000 })).toBe('2026-11-30');
    expect(maineBy(maine, { months: 2 })).toBe('2026-11-30');
  });

  it('counts payments from the policy’s number', () => {
    const three = withArrangement(maine, {
      writtenConfirmation: { ...maine.arrangement.writtenConfirmation!, minimumPayments: 3 },
    });
    expect(maineBy(three, { months: 2 })).toBeNull();
    expect(maineBy(three, { months: 2, downPaymentCents: 5_000 })).toBe('2026-11-30');
  });
});
