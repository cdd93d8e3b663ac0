import { describe, expect, it } from 'vitest';
import {
  depositInterest,
  getCollectionPolicy,
  lateFee,
  loadPolicy,
} from '../../../shared/collections';
import { plainDate } from '../../../shared/dates';

const marin = getCollectionPolicy('marin-water-ca')!;
const maine = getCollectionPolicy('portland-water-me')!;
const today = plainDate('2026-11-24');
// Household of 4, 2026 guideline $33,000: 200% is $66,000.
const household = (annualIncomeCents: number) => ({ annualIncomeCents, size: 4 });

describe('California SB 998 §116914: a late charge waived once every 12 months below 200% of poverty', () => {
  it('is data in the California policies, with its citation', () => {
    expect(marin.fees.lateFeeLowIncomeWaiver).toMatchObject({
      belowPercentOfPoverty: 200,
      oncePerMonths: 12,
    });
    expect(marin.fees.lateFeeLowIncomeWaiver?.source.citation).toMatch(/§116914/);
    expect(maine.fees.lateFeeLowIncomeWaiver).toBeNull();
  });

  it('waives the fee just below 200%, and charges it at exactly 200%', () => {
    const below = lateFee(marin, 25_000, 31, {
      household: household(6_599_999),
      previousWaivers: [],
      today,
    });
    expect(below.amountCents).toBe(0);
    expect(below.rule).toMatchObject({ id: 'late-fee-waiver', outcome: 'pass' });
    expect(below.rule.params).toMatchObject({ fee: 2_500, limit: 200, months: 12 });
    expect(below.rules?.map((r) => r.id)).toEqual(['late-fee', 'late-fee-waiver']);
    const at = lateFee(marin, 25_000, 31, {
      household: household(6_600_000),
      previousWaivers: [],
      today,
    });
    expect(at.amountCents).toBe(2_500);
    expect(at.rules?.[1]).toMatchObject({ id: 'late-fee-waiver', outcome: 'not-applicable' });
  });

  it('waives once in 12 months: a waiver a day less than a year ago refuses, one a year ago does not', () => {
    const recent = lateFee(marin, 25_000, 31, {
      household: household(3_000_000),
      previousWaivers: ['2025-11-25'],
      today,
    });
    expect(recent.amountCents).toBe(2_500);
    expect(recent.rules?.[1]).toMatchObject({
      outcome: 'fail',
      params: { last: '2025-11-25' },
    });
    expect(
      lateFee(marin, 25_000, 31, {
        household: household(3_000_000),
        previousWaivers: ['2025-11-24'],
        today,
      }).amountCents,
    ).toBe(0);
  });

  it('charges nothing to waive within the grace days, and waives nothing without the household', () => {
    expect(
      lateFee(marin, 25_000, 30, { household: household(3_000_000), previousWaivers: [], today })
        .rule.id,
    ).toBe('late-fee');
    expect(lateFee(marin, 25_000, 31).amountCents).toBe(2_500);
    expect(
      lateFee(maine, 100_000, 35, { household: household(3_000_000), previousWaivers: [], today })
        .amountCents,
    ).toBe(219);
  });
});

describe('deposit interest where a state requires it', () => {
  // No launch policy's reference gives a deposit interest rate (Maine §7(H) was not gathered);
  // a policy with one shows the computation.
  const withInterest = loadPolicy({
    ...marin,
    deposit: { ...marin.deposit, annualInterestPercent: '1.5' },
  });

  it('is simple interest on a 365-day year, rounded half up to the cent', () => {
    // $168.74 at 1.5% for a year: $2.5311 → $2.53.
    expect(depositInterest(withInterest, 16_874, 365)).toBe(253);
    // $365.00 at 0.5% for one day is exactly half a cent: it rounds up.
    const half = loadPolicy({
      ...marin,
      deposit: { ...marin.deposit, annualInterestPercent: '0.5' },
    });
    expect(depositInterest(half, 36_500, 1)).toBe(1);
    expect(depositInterest(half, 36_499, 1)).toBe(0);
  });
});
