import { describe, expect, it } from 'vitest';
import {
  type Bill,
  type BillInput,
  computeBill,
  convertUsage,
  getUtilityProfile,
} from '../../../shared/rates';
import { everyChargeProfile } from './fixtures/every-charge-profile';

const profile = everyChargeProfile;

const bill = (input: Partial<BillInput>): Bill =>
  computeBill(profile, {
    meterSize: '5/8',
    usage: 12,
    municipality: 'Meterton',
    period: { from: '2024-03-01', to: '2024-03-31' },
    ...input,
  });
const cents = (b: Bill) => Object.fromEntries(b.lines.map((l) => [l.code, l.amountCents]));
const amountsOf = (b: Bill, code: string) =>
  b.lines.filter((l) => l.code === code).map((l) => l.amountCents);

describe('every charge of a schedule, to the cent', () => {
  it('bills 12 kgal in Meterton with 2 ERUs line by line', () => {
    const b = bill({ eru: 2 });
    expect(amountsOf(b, 'WATER')).toEqual([1000, 2100]); // 5 × $2.00, 7 × $3.00
    expect(cents(b)).toEqual({
      SVC: 1000,
      ADMIN: 250,
      WATER: 2100,
      DROUGHT: 300, // 12 × $0.25
      FRANCHISE: 93, // 3% of the water, $31.00
      SEWER: 4920, // 12 × $4.10
      STORM: 850, // 2 ERU × $4.25
      TAX: 330, // 7.5% of $10 + $31 + $3 = $44.00
      UUT: 542, // 5% of every line before it, $108.43 → $5.4215
    });
    expect(b.lines.some((l) => l.code === 'MIN')).toBe(false);
    expect(b.totalCents).toBe(11385);
  });

  it('makes up a minimum charge, and taxes what the tax names', () => {
    const b = bill({ usage: 1, municipality: 'Flatville' });
    expect(cents(b)).toEqual({
      SVC: 1000,
      ADMIN: 250,
      WATER: 200,
      DROUGHT: 25,
      FRANCHISE: 6, // 3% of $2.00
      SEWER: 3000, // Flatville's flat $30.00
      MIN: 800, // service + water = $12.00, under the $20.00 minimum
      TAX: 92, // 7.5% of $12.25 = $0.91875
      UUT: 269, // 5% of $53.72875 = $2.6864375
    });
    expect(b.totalCents).toBe(5642);
    expect(b.lines.find((l) => l.code === 'MIN')!.rate).toBe('8');
  });

  it('prorates fixed charges, the minimum and a flat town charge; not one marked prorate: false', () => {
    // A bill given in days, not dates, is priced at the newest schedule ($12.00 service).
    const b = bill({ usage: 0, municipality: 'Flatville', period: undefined, days: 15 });
    expect(cents(b)).toEqual({
      SVC: 600, // $12.00 × 15/30
      ADMIN: 250, // not prorated
      WATER: 0,
      DROUGHT: 0,
      FRANCHISE: 0,
      SEWER: 1500, // $30.00 × 15/30
      MIN: 400, // a $10.00 minimum for half a month, less $6.00 of service
      TAX: 45, // 7.5% of $6.00
      UUT: 140, // 5% of $27.95 = $1.3975
    });
    expect(b.prorated).toBe(true);
  });

  it('caps wastewater at the town’s cap, prorated with the period', () => {
    expect(amountsOf(bill({ municipality: 'Captown' }), 'SEWER')).toEqual([4000]); // 8 × $5
    expect(amountsOf(bill({ municipality: 'Captown', usage: 7 }), 'SEWER')).toEqual([3500]);
    // 45 days: the cap is 12 kgal, so all 12 are billed.
    expect(
      amountsOf(bill({ municipality: 'Captown', period: undefined, days: 45 }), 'SEWER'),
    ).toEqual([6000]);
  });

  it('bills wastewater on the lesser of the use and the winter average', () => {
    const sewer = (winterAverage?: number) =>
      bill({
        municipality: 'Winterfield',
        ...(winterAverage === undefined ? {} : { winterAverage }),
      });
    expect(amountsOf(sewer(7), 'SEWER')).toEqual([4200]); // 7 × $6
    expect(amountsOf(sewer(15), 'SEWER')).toEqual([7200]); // 12 × $6
    const missing = sewer();
    expect(amountsOf(missing, 'SEWER')).toEqual([7200]);
    expect(missing.notes.map((n) => n.key)).toContain('notes.winterAverageMissing');
  });

  it('bills a minimum that covers the first units, then a rate per unit', () => {
    const sewer = (usage: number) => amountsOf(bill({ municipality: 'Minburg', usage }), 'SEWER');
    expect(sewer(0)).toEqual([1500]);
    expect(sewer(2)).toEqual([1500]);
    expect(sewer(3)).toEqual([1850]);
    expect(sewer(5)).toEqual([2550]); // $15 + 3 × $3.50
  });

  it('splits that minimum and its units by days when the rates change inside the period', () => {
    // 2024-12-17 → 2025-01-16: 15 days at each schedule; 10 kgal, 5 in each part. Each part:
    // $7.50 for 1 kgal, then 4 × $3.50 = $21.50 — the same $43.00 as one period.
    const b = bill({
      municipality: 'Minburg',
      usage: 10,
      period: { from: '2024-12-17', to: '2025-01-16' },
    });
    expect(b.split).toBe(true);
    expect(amountsOf(b, 'SEWER')).toEqual([2150, 2150]);
    expect(amountsOf(b, 'SVC')).toEqual([500, 600]); // $10 and $12, half a month each
    const whole = bill({ municipality: 'Minburg', usage: 10 });
    expect(amountsOf(whole, 'SEWER')).toEqual([4300]);
  });

  it('takes a discount off only the lines it names', () => {
    const b = bill({ eru: 2, discounts: ['low-income'] });
    // 20% of water $31.00 + sewer $49.20 = $16.04.
    expect(amountsOf(b, 'DISC_LOW_INCOME')).toEqual([-1604]);
    expect(b.totalCents).toBe(11385 - 1604);
  });

  it('leaves stormwater out, saying why, when the ERUs are not given', () => {
    const b = bill({});
    expect(amountsOf(b, 'STORM')).toEqual([]);
    expect(b.notes.map((n) => n.key)).toContain('notes.stormwaterNeedsArea');
  });
});

describe('units', () => {
  it('converts between water units exactly (1 CCF = 748 gallons)', () => {
    expect(convertUsage(1, 'hcf', 'ccf').toString()).toBe('1');
    expect(convertUsage(1, 'mcf', 'ccf').toString()).toBe('10');
    expect(convertUsage(1, 'ccf', 'mcf').toString()).toBe('0.1');
    expect(convertUsage(10, 'ccf', 'kgal').toString()).toBe('7.48');
    expect(convertUsage(1, 'mcf', 'kgal').toString()).toBe('7.48');
    expect(convertUsage('7.48', 'kgal', 'ccf').toDecimalPlaces(20).toString()).toBe('10');
    expect(convertUsage(420, 'kwh', 'kwh').toString()).toBe('420');
    expect(() => convertUsage(1, 'kwh', 'ccf')).toThrow(RangeError);
  });

  it('bills usage given in CCF, HCF or Mcf in the profile’s kgal', () => {
    // 10 CCF = 10 HCF = 1 Mcf = 7.48 kgal: 5 × $2.00 + 2.48 × $3.00 = $17.44.
    for (const unit of ['ccf', 'hcf'] as const) {
      const b = bill({ usage: 10, unit });
      expect(b.usage).toEqual({ quantity: '7.48', unit: 'kgal' });
      expect(amountsOf(b, 'WATER')).toEqual([1000, 744]);
    }
    expect(amountsOf(bill({ usage: 1, unit: 'mcf' }), 'WATER')).toEqual([1000, 744]);
    // And kgal given as kgal is billed as is.
    expect(amountsOf(bill({ usage: 7.48, unit: 'kgal' }), 'WATER')).toEqual([1000, 744]);
  });

  it('refuses a water bill in kWh and an electric bill in CCF, naming the units it takes', () => {
    expect(() => bill({ unit: 'kwh' })).toThrow(/unit: the rates are in kgal.*valid: ccf, hcf/);
    const amp = getUtilityProfile('alameda-power-ca')!;
    expect(() =>
      computeBill(amp, { usage: 10, unit: 'ccf', season: 'summer', heating: 'gas' }),
    ).toThrow(/unit: the rates are in kwh.*\(valid: kwh\)/);
  });

  it('bills an electric profile in kWh', () => {
    const amp = getUtilityProfile('alameda-power-ca')!;
    const b = computeBill(amp, { usage: 100, unit: 'kwh', season: 'summer', heating: 'gas' });
    // $19.99 customer charge + 100 × $0.12430.
    expect(b.totalCents).toBe(1999 + 1243);
  });
});
