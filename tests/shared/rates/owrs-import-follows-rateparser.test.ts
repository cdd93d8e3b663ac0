import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeBill,
  getUtilityProfile,
  OwrsEvaluator,
  parseFormula,
  parseOwrs,
  profileFromOwrs,
} from '../../../shared/rates';
import { MARIN_2017, MARIN_2017_FILE } from '../../../shared/utilities/marin-water-ca/owrs-text';
import {
  SANTA_MARGARITA_2017,
  SANTA_MARGARITA_2017_FILE,
} from '../../../shared/utilities/santa-margarita-ca/owrs-text';

const tierQuantities = (bill: ReturnType<typeof computeBill>) =>
  bill.lines.filter((l) => l.code === 'COMMODITY_CHARGE').map((l) => Number(l.quantity));

describe('the OWRS importer', () => {
  it('embeds the launch utilities’ files exactly as published in data/owrs', () => {
    expect(SANTA_MARGARITA_2017).toBe(
      readFileSync(`data/owrs/${SANTA_MARGARITA_2017_FILE}`, 'utf8'),
    );
    expect(MARIN_2017).toBe(readFileSync(`data/owrs/${MARIN_2017_FILE}`, 'utf8'));
  });

  it('treats a tier start as the first unit at that price: starts 0, 27 hold 26 units first', () => {
    const marin = getUtilityProfile('marin-water-ca')!;
    expect(
      tierQuantities(computeBill(marin, { meterSize: '5/8', usage: 26, season: 'summer' })),
    ).toEqual([26]);
    expect(
      tierQuantities(computeBill(marin, { meterSize: '5/8', usage: 27, season: 'summer' })),
    ).toEqual([26, 1]);
    expect(
      tierQuantities(computeBill(marin, { meterSize: '5/8', usage: 100, season: 'summer' })),
    ).toEqual([26, 33, 40, 1]);
    expect(
      tierQuantities(computeBill(marin, { meterSize: '5/8', usage: 30, season: 'winter' })),
    ).toEqual([21, 9]);
  });

  it('prices Marin’s 70 CCF summer bill: $36.79 + 26×4.07 + 33×7.13 + 11×12.07', () => {
    const bill = computeBill(getUtilityProfile('marin-water-ca')!, {
      meterSize: '5/8"',
      usage: 70,
      season: 'summer',
    });
    expect(bill.totalCents).toBe(3679 + 10582 + 23529 + 13277);
  });

  it('reads meter sizes however the file writes them (1|1/2", 1 1/2", 1.5)', () => {
    const marin = getUtilityProfile('marin-water-ca')!;
    for (const size of ['1.5', '1 1/2', '1|1/2"', '1-1/2"']) {
      const bill = computeBill(marin, { meterSize: size, usage: 0, season: 'winter' });
      expect(bill.lines.find((l) => l.code === 'SERVICE_CHARGE')?.amountCents).toBe(11543);
    }
  });

  it('splits a Santa Margarita budget bill 10 / 5 / 8 / 7 / 2 (4 persons, 34 days, ET 3.0 in, 2,500 sq ft, 32 CCF)', () => {
    const bill = computeBill(getUtilityProfile('santa-margarita-ca')!, {
      meterSize: '3/4',
      usage: 32,
      householdSize: 4,
      days: 34,
      etInches: 3,
      irrigatedSqft: 2500,
    });
    expect(tierQuantities(bill)).toEqual([10, 5, 8, 7, 2]);
    // The file states the service charge ($21.79 for 3/4") and the fixed sewer charge ($25.51)
    // per bill, with no days: billed in full at 34 days as at 30. Only the indoor budget reads
    // the days. 10×1.67 + 5×1.94 + 8×2.44 + 7×2.95 + 2×4.84 + 32×1.03.
    expect(bill.totalCents).toBe(1670 + 970 + 1952 + 2065 + 968 + 2179 + 2551 + 3296);
    expect(bill.prorated).toBe(false);
  });

  it('gives the same split on a normal 30-day month, with the fixed charges in full', () => {
    const bill = computeBill(getUtilityProfile('santa-margarita-ca')!, {
      meterSize: '3/4',
      usage: 32,
      householdSize: 4,
      days: 30,
      etInches: 3,
      irrigatedSqft: 2500,
    });
    // indoor = 55 × 4 × 30 / 748 = 8.82 → 9; outdoor 5; budget 14; starts 0, 9, 14.14 → 14,
    // 21.14 → 21, 28.14 → 28: 32 CCF is 9 / 5 / 7 / 7 / 4.
    expect(tierQuantities(bill)).toEqual([9, 5, 7, 7, 4]);
    expect(bill.totalCents).toBe(1503 + 970 + 1708 + 2065 + 1936 + 2179 + 2551 + 3296);
    expect(bill.prorated).toBe(false);
  });

  it('rounds budget allocations and percentage starts half to even', () => {
    const { file } = parseOwrs(SANTA_MARGARITA_2017);
    // indoor = 55 × 3 × 30 / 748 = 6.617 → 7; outdoor 0; budget 7; 101% → 7.07 → 7; 151% → 10.57 → 11.
    const ev = new OwrsEvaluator(file!, 'RESIDENTIAL_SINGLE', {
      usage_ccf: 12,
      meter_size: '3/4"',
      hhsize: 3,
      et_amount: 0,
      irr_area: 0,
    });
    expect(ev.num('indoor').toString()).toBe('7');
    ev.num('commodity_charge');
    expect(ev.tierLines.get('commodity_charge')!.map((l) => l.quantity.toNumber())).toEqual([
      7, 0, 4, 1, 0,
    ]);
  });

  it('asks for the customer data a budget needs instead of guessing it', () => {
    expect(() =>
      computeBill(getUtilityProfile('santa-margarita-ca')!, { meterSize: '3/4', usage: 10 }),
    ).toThrow(/householdSize: needed/);
  });

  it('evaluates formulas exactly and refuses anything but arithmetic', () => {
    expect(() => parseFormula('process.exit(1)')).toThrow();
    expect(() => parseFormula('a.b')).toThrow(/not allowed/);
    expect(() => parseFormula('a > b')).toThrow(/not allowed/);
    const { file } = parseOwrs('rate_structure:\n  X:\n    a: "0.1+0.2"\n    bill: a\n');
    const ev = new OwrsEvaluator(file!, 'X', {});
    expect(ev.num('a').toString()).toBe('0.3');
  });

  it('reports every key it cannot read and loads the rest', () => {
    const { file, problems } = parseOwrs(
      'rate_structure:\n  A:\n    good: 1\n    bad: "1 +* 2"\n    odd: "ghost*2"\n    bill: good\n  B:\n    bill: "x("\n',
    );
    expect(file).not.toBeNull();
    expect(Object.keys(file!.classes.A)).toEqual(['good', 'odd', 'bill']);
    const inClasses = problems.filter((p) => p.class);
    expect(inClasses.map((p) => `${p.class}.${p.key}`)).toEqual(['A.bad', 'A.odd', 'B.bill']);
    expect(inClasses[1].message).toMatch(/ghost/);
    // The file has no metadata: its date and bill frequency are named too.
    expect(problems.filter((p) => !p.class).map((p) => p.key)).toEqual([
      'metadata.effective_date',
      'metadata.bill_frequency',
    ]);
  });

  it('refuses a file that is not YAML without throwing', () => {
    const { file, problems } = parseOwrs('rate_structure:\n\t- broken: [');
    expect(file).toBeNull();
    expect(problems[0].key).toBe('(file)');
  });

  it('bills any OWRS file of the corpus through profileFromOwrs', () => {
    const path =
      'data/owrs/full_utility_rates/California/Santa Margarita Water District - 2578/smwd-2017-01-01.owrs';
    const profile = profileFromOwrs('smwd.owrs', readFileSync(path, 'utf8'));
    const bill = computeBill(profile, { class: 'RESIDENTIAL_MULTI', meterSize: '1', usage: 10 });
    // Tiered starts 0, 4, 7: 3 CCF, 3 CCF, then 4 CCF.
    expect(tierQuantities(bill)).toEqual([3, 3, 4]);
    expect(profile.effective).toBe('2017-01-01');
  });
});
