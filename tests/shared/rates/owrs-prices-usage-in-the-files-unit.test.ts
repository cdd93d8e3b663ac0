import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeBill, convertUsage, profileFromOwrs } from '../../../shared/rates';

const corpus = (path: string) => {
  const name = path.split('/').pop()!;
  return profileFromOwrs(name, readFileSync(`data/owrs/full_utility_rates/${path}`, 'utf8'));
};
const tiers = (bill: ReturnType<typeof computeBill>, code = 'COMMODITY_CHARGE') =>
  bill.lines.filter((l) => l.code === code).map((l) => [l.quantity, l.rate, l.amountCents]);

describe('an OWRS file billed in thousands of gallons (Windsor, bill_unit: kgal)', () => {
  const windsor = corpus('California/Windsor  Town Of - 3226/07-01-2017.owrs');

  it('takes the file’s unit as the profile’s', () => {
    expect(windsor.unit).toBe('kgal');
    expect(windsor.billFrequency).toBe('bimonthly');
  });

  it('prices 10 kgal against the starts 0, 4, 7, 17 written in kgal: 3 / 3 / 4, $50.00', () => {
    const bill = computeBill(windsor, { class: 'RESIDENTIAL_SINGLE', meterSize: '5/8', usage: 10 });
    // 3 × $3.12 = $9.36; 3 × $3.40 = $10.20; 4 × $4.80 = $19.20; service charge $11.24.
    expect(tiers(bill)).toEqual([
      ['3', '3.12', 936],
      ['3', '3.4', 1020],
      ['4', '4.8', 1920],
    ]);
    expect(bill.lines.find((l) => l.code === 'SERVICE_CHARGE')?.amountCents).toBe(1124);
    expect(bill.totalCents).toBe(5000);
    expect(bill.usage).toEqual({ quantity: '10', unit: 'kgal' });
    expect(bill.lines.filter((l) => l.tier).every((l) => l.unit === 'kgal')).toBe(true);
  });

  it('holds each tier to its boundary: 3 kgal in tier 1, the 4th in tier 2, the 17th in tier 4', () => {
    const at = (usage: number) =>
      tiers(computeBill(windsor, { class: 'RESIDENTIAL_SINGLE', meterSize: '5/8', usage })).map(
        ([q]) => q,
      );
    expect(at(3)).toEqual(['3']);
    expect(at(4)).toEqual(['3', '1']);
    expect(at(6)).toEqual(['3', '3']);
    expect(at(7)).toEqual(['3', '3', '1']);
    expect(at(16)).toEqual(['3', '3', '10']);
    expect(at(17)).toEqual(['3', '3', '10', '1']);
  });

  it('converts usage given in CCF to kgal first: 10 CCF = 7.48 kgal, $37.90', () => {
    const bill = computeBill(windsor, {
      class: 'RESIDENTIAL_SINGLE',
      meterSize: '5/8',
      usage: 10,
      unit: 'ccf',
    });
    expect(bill.usage).toEqual({ quantity: '7.48', unit: 'kgal' });
    // 3 × 3.12 + 3 × 3.40 + 1.48 × 4.80 = 9.36 + 10.20 + 7.104 (→ 7.10), + 11.24.
    expect(tiers(bill)).toEqual([
      ['3', '3.12', 936],
      ['3', '3.4', 1020],
      ['1.48', '4.8', 710],
    ]);
    expect(bill.totalCents).toBe(3790);
  });
});

describe('an OWRS file billed in kilolitres (South East Water, bill_unit: kilolitre)', () => {
  const sew = corpus('Australia/07-01-2019.owrs');

  it('prices kL against kL starts, and reads a one-item list as its value', () => {
    expect(sew.unit).toBe('kl');
    const bill = computeBill(sew, { class: 'RESIDENTIAL_SINGLE', meterSize: '5/8', usage: 500 });
    // Starts 0, 440: 439 × $2.4441 = $1,072.9599 → $1,072.96; 61 × $3.1183 = $190.2163 →
    // $190.22; the service charge is written as a list of one value, $2.4441 → $2.44.
    expect(tiers(bill)).toEqual([
      ['439', '2.4441', 107296],
      ['61', '3.1183', 19022],
    ]);
    expect(bill.lines.find((l) => l.code === 'SERVICE_CHARGE')?.amountCents).toBe(244);
    expect(bill.totalCents).toBe(126562);
  });

  it('converts CCF to kL exactly (the foot is 0.3048 m): 10 CCF = 28.316846592 kL', () => {
    expect(convertUsage(10, 'ccf', 'kl').toString()).toBe('28.316846592');
    const bill = computeBill(sew, {
      class: 'RESIDENTIAL_SINGLE',
      meterSize: '5/8',
      usage: 10,
      unit: 'ccf',
    });
    // 28.316846592 × $2.4441 = $69.2092… → $69.21.
    expect(tiers(bill)).toEqual([['28.316846592', '2.4441', 6921]]);
  });
});

describe('an OWRS file without bill_unit', () => {
  it('is in CCF, the unit `usage_ccf` names', () => {
    const marin = corpus('California/Marin Municipal Water District - 1754/07-01-2017.owrs');
    expect(marin.unit).toBe('ccf');
    const smwd = corpus('California/Santa Margarita Water District - 2578/smwd-2017-01-01.owrs');
    expect(smwd.unit).toBe('ccf');
    const bill = computeBill(smwd, {
      class: 'RESIDENTIAL_MULTI',
      meterSize: '1',
      usage: 2,
      unit: 'kgal',
    });
    // 2 kgal = 2,000 gallons ÷ 748 = 2.673… CCF, all in the first tier at $1.67.
    expect(bill.usage.unit).toBe('ccf');
    expect(bill.usage.quantity.startsWith('2.67379679144385026737')).toBe(true);
    expect(tiers(bill).map(([, , cents]) => cents)).toEqual([447]);
  });

  it('refuses a file whose bill_unit it cannot convert, naming it', () => {
    const text =
      'metadata:\n  effective_date: 2020-01-01\n  bill_frequency: monthly\n  bill_unit: acre-feet\nrate_structure:\n  A:\n    bill: 1\n';
    expect(() => profileFromOwrs('af.owrs', text)).toThrow(/bill_unit "acre-feet"/);
  });
});
