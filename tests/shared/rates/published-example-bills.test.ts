import { describe, expect, it } from 'vitest';
import { computeBill, getUtilityProfile, type UtilityProfile } from '../../../shared/rates';

const profile = (id: string): UtilityProfile => {
  const p = getUtilityProfile(id);
  if (!p) throw new Error(id);
  return p;
};
const amounts = (bill: ReturnType<typeof computeBill>, code: string) =>
  bill.lines.filter((l) => l.code === code).map((l) => l.amountCents);
const quantities = (bill: ReturnType<typeof computeBill>, code: string) =>
  bill.lines.filter((l) => l.code === code).map((l) => Number(l.quantity));

describe('Philadelphia Water Department (rates of 2021-09-01)', () => {
  const pwd = profile('philadelphia-water-pa');

  it('reproduces the published typical residential bill: $69.15 at 0.5 Mcf', () => {
    const bill = computeBill(pwd, { meterSize: '5/8', usage: '0.5' });
    expect(bill.totalCents).toBe(6915);
    expect(bill.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(6915);
    expect(amounts(bill, 'SVC')).toEqual([1210]);
    expect(amounts(bill, 'STORM')).toEqual([1686]);
  });

  it('uses $45.99 for the first water tier, the rate that matches the worked example', () => {
    const bill = computeBill(pwd, { meterSize: '5/8', usage: '1' });
    expect(bill.lines.find((l) => l.code === 'WATER')?.rate).toBe('45.99');
    expect(amounts(bill, 'WATER')).toEqual([4599]);
  });

  it('moves to the second tier after the first 2 Mcf', () => {
    expect(quantities(computeBill(pwd, { meterSize: '5/8', usage: '2' }), 'WATER')).toEqual([2]);
    const over = computeBill(pwd, { meterSize: '5/8', usage: '2.5' });
    expect(quantities(over, 'WATER')).toEqual([2, 0.5]);
    expect(amounts(over, 'WATER')).toEqual([9198, 2117]);
  });

  it('gives seniors 25% off the whole bill', () => {
    const bill = computeBill(pwd, { meterSize: '5/8', usage: '0.5', discounts: ['senior'] });
    const discount = bill.lines.find((l) => l.code === 'DISC_SENIOR');
    // 25% of the exact $69.15 is $17.2875: the bill total rounds half up to $51.86.
    expect(bill.totalCents).toBe(5186);
    expect(discount?.amountCents).toBeLessThan(0);
  });

  it('refuses a meter size it has no service charge for, listing the valid ones', () => {
    expect(() => computeBill(pwd, { meterSize: '2', usage: 1 })).toThrow(
      /meterSize: not a meter size.*5\/8/,
    );
  });
});

describe('Alameda Municipal Power, residential D-1', () => {
  const amp = profile('alameda-power-ca');

  it('splits 420 kWh in summer with gas heat as 246 / 73 / 101 (AMP 2023 example)', () => {
    const bill = computeBill(amp, { usage: 420, season: 'summer', heating: 'gas' });
    expect(quantities(bill, 'ENERGY')).toEqual([246, 73, 101]);
    // $19.99 + 246 × 0.12430 + 73 × 0.19794 + 101 × 0.29453, each line half-up.
    expect(amounts(bill, 'ENERGY')).toEqual([3058, 1445, 2975]);
    expect(bill.totalCents).toBe(1999 + 3058 + 1445 + 2975);
  });

  it('computes the 2022 split from the blocks (259 / 77 / 84), not the published 259 / 76 / 85', () => {
    const bill = computeBill(amp, {
      usage: 420,
      season: 'summer',
      heating: 'gas',
      period: { from: '2022-08-01', to: '2022-08-31' },
    });
    expect(quantities(bill, 'ENERGY')).toEqual([259, 77, 84]);
    expect(amounts(bill, 'CUST')).toEqual([1817]);
  });

  it('uses each heating and season block set at its boundary', () => {
    const at = (usage: number, season: 'summer' | 'winter', heating: 'gas' | 'electric') =>
      quantities(computeBill(amp, { usage, season, heating }), 'ENERGY');
    expect(at(246, 'summer', 'gas')).toEqual([246]);
    expect(at(247, 'summer', 'gas')).toEqual([246, 1]);
    expect(at(319, 'summer', 'gas')).toEqual([246, 73]);
    expect(at(320, 'summer', 'gas')).toEqual([246, 73, 1]);
    expect(at(552, 'winter', 'electric')).toEqual([552]);
    expect(at(719, 'winter', 'electric')).toEqual([552, 166, 1]);
    expect(at(385, 'winter', 'gas')).toEqual([295, 89, 1]);
    expect(at(392, 'summer', 'electric')).toEqual([301, 90, 1]);
  });

  it('refuses a 2022 bill for blocks that were not gathered, saying so', () => {
    expect(() =>
      computeBill(amp, {
        usage: 300,
        season: 'winter',
        heating: 'gas',
        period: { from: '2022-12-01', to: '2022-12-31' },
      }),
    ).toThrow(/not gathered/);
  });

  it('asks for the season and heating when they are missing', () => {
    expect(() => computeBill(amp, { usage: 300 })).toThrow(/season/);
  });
});

describe('Portland Water District and its towns', () => {
  const pwd = profile('portland-water-me');

  it('lands a typical household (5/8", 5 HCF) at the published ~$32 a month, marked illustrative', () => {
    const bill = computeBill(pwd, { meterSize: '5/8', usage: 5, municipality: 'Gorham' });
    expect(bill.totalCents).toBe(3200);
    expect(bill.profile.illustrative).toBe(true);
    expect(bill.notes.map((n) => n.key)).toContain('notes.wastewaterNotLoaded');
  });

  it('bills Portland wastewater at $8.20 per HCF, citing the town', () => {
    const bill = computeBill(pwd, { meterSize: '5/8', usage: 5, municipality: 'portland' });
    const sewer = bill.lines.find((l) => l.code === 'SEWER')!;
    expect(sewer.amountCents).toBe(4100);
    expect(sewer.rule.source).toMatch(/Portland.*8\.20/);
    expect(sewer.rule.effective).toBe('2017-01-01');
  });

  it('counts whole 1,200 sq ft units of impervious area for Portland stormwater', () => {
    const storm = (sqft: number) =>
      amounts(
        computeBill(pwd, {
          meterSize: '5/8',
          usage: 5,
          municipality: 'Portland',
          imperviousSqft: sqft,
        }),
        'STORM',
      );
    expect(storm(1199)).toEqual([0]);
    expect(storm(1200)).toEqual([600]);
    expect(storm(2399)).toEqual([600]);
  });

  it('reproduces the published $246 for a property of 20,000 + 29,500 sq ft of impervious area', () => {
    const bill = computeBill(pwd, {
      meterSize: '5/8',
      usage: 5,
      municipality: 'Portland',
      imperviousSqft: 20_000 + 29_500,
    });
    const storm = bill.lines.find((l) => l.code === 'STORM')!;
    // 49,500 ÷ 1,200 = 41.25: 41 whole units × $6 = $246 (each area apart would be 16 + 24 = $240).
    expect(storm.quantity).toBe('41');
    expect(storm.rate).toBe('6.00');
    expect(storm.amountCents).toBe(24_600);
    expect(storm.rule.source).toMatch(/stormwater/);
  });

  it('bills Cape Elizabeth its $37.70 minimum for the first 100 cu ft, then $4.95 per 100 cu ft', () => {
    const sewer = (usage: number) =>
      amounts(
        computeBill(pwd, { meterSize: '5/8', usage, municipality: 'Cape Elizabeth' }),
        'SEWER',
      );
    expect(sewer(0)).toEqual([3770]);
    expect(sewer(1)).toEqual([3770]);
    expect(sewer(2)).toEqual([4265]);
    expect(sewer(10)).toEqual([3770 + 9 * 495]);
  });

  it('refuses an unknown town, listing the towns it bills for', () => {
    expect(() => computeBill(pwd, { meterSize: '5/8', usage: 5, municipality: 'Bangor' })).toThrow(
      /Bangor|municipality.*South Portland/,
    );
    expect(() => computeBill(pwd, { meterSize: '5/8', usage: 5 })).toThrow(/municipality/);
  });
});
