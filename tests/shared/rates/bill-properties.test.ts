import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BillInput,
  computeBill,
  getUtilityProfile,
  utilityProfiles,
} from '../../../shared/rates';

/** Inputs every launch profile accepts, by profile. */
const inputFor: Record<string, (usage: number, days: number) => BillInput> = {
  'portland-water-me': (usage, days) => ({
    meterSize: '3/4',
    usage,
    days,
    municipality: 'Cape Elizabeth',
  }),
  'philadelphia-water-pa': (usage, days) => ({
    meterSize: '5/8',
    usage,
    days,
    discounts: ['senior'],
  }),
  'santa-margarita-ca': (usage, days) => ({
    meterSize: '1',
    usage,
    days,
    householdSize: 3,
    etInches: 4.2,
    irrigatedSqft: 1800,
  }),
  'marin-water-ca': (usage, days) => ({ meterSize: '5/8', usage, days, season: 'summer' }),
  'alameda-power-ca': (usage, days) => ({ usage, days, season: 'winter', heating: 'electric' }),
};

const usage = fc.integer({ min: 0, max: 5_000_000 }).map((n) => n / 1000);

describe('every bill', () => {
  it('has lines that sum to its total, in whole cents', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...utilityProfiles.map((p) => p.id)),
        usage,
        fc.integer({ min: 5, max: 120 }),
        (id, u, days) => {
          const bill = computeBill(getUtilityProfile(id)!, inputFor[id](u, days));
          expect(bill.lines.every((l) => Number.isSafeInteger(l.amountCents))).toBe(true);
          expect(bill.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(bill.totalCents);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never costs less for more usage under inclining tiers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...utilityProfiles.map((p) => p.id)),
        usage,
        usage,
        (id, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const p = getUtilityProfile(id)!;
          expect(computeBill(p, inputFor[id](high, 30)).totalCents).toBeGreaterThanOrEqual(
            computeBill(p, inputFor[id](low, 30)).totalCents,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is the same whatever unit the usage is given in', () => {
    const pwd = getUtilityProfile('philadelphia-water-pa')!;
    const inMcf = computeBill(pwd, { meterSize: '5/8', usage: '1.2' });
    const inCcf = computeBill(pwd, { meterSize: '5/8', usage: '12', unit: 'ccf' });
    expect(inCcf.totalCents).toBe(inMcf.totalCents);
    expect(() => computeBill(pwd, { meterSize: '5/8', usage: 1, unit: 'kwh' })).toThrow(/convert/);
  });
});
