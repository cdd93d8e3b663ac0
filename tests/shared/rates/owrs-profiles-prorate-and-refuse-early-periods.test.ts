import { describe, expect, it } from 'vitest';
import { computeBill, getUtilityProfile, profileFromOwrs } from '../../../shared/rates';

const marin = getUtilityProfile('marin-water-ca')!;
const smwd = getUtilityProfile('santa-margarita-ca')!;
const service = (bill: ReturnType<typeof computeBill>) =>
  bill.lines.find((l) => l.code === 'SERVICE_CHARGE')!;

describe('fixed charges of the OWRS profiles, prorated by days', () => {
  const marinBill = (days: number) =>
    computeBill(marin, { meterSize: '5/8', usage: 30, season: 'summer', days });

  it('bills Marin’s bi-monthly service charge in full from 54 to 66 days', () => {
    for (const days of [54, 60, 66]) {
      const bill = marinBill(days);
      expect(service(bill).amountCents).toBe(3679);
      expect(bill.prorated).toBe(false);
      expect(bill.notes).toEqual([]);
    }
  });

  it('prorates it over 60 days outside that: 53, 67, 30 and 120 days', () => {
    // $36.79 × 53/60 = $32.4978… → $32.50; × 67/60 = $41.0822… → $41.08; × 30/60 = $18.395 →
    // $18.40 (half up); × 120/60 = $73.58.
    expect(service(marinBill(53)).amountCents).toBe(3250);
    expect(service(marinBill(67)).amountCents).toBe(4108);
    expect(service(marinBill(30)).amountCents).toBe(1840);
    expect(service(marinBill(120)).amountCents).toBe(7358);
    const short = marinBill(30);
    expect(service(short).quantity).toBe('0.5');
    expect(service(short).unit).toBe('period');
    expect(short.prorated).toBe(true);
    expect(short.notes).toEqual([{ key: 'notes.prorated', params: { days: 30, standard: 60 } }]);
  });

  it('never prorates the usage charges: the tiers are the same at 30 and 60 days', () => {
    const tiers = (bill: ReturnType<typeof computeBill>) =>
      bill.lines.filter((l) => l.tier).map((l) => [l.quantity, l.amountCents]);
    // Summer starts 0, 27: 26 × $4.07 = $105.82 and 4 × $7.13 = $28.52 either way.
    expect(tiers(marinBill(30))).toEqual([
      ['26', 10582],
      ['4', 2852],
    ]);
    expect(tiers(marinBill(60))).toEqual(tiers(marinBill(30)));
    expect(marinBill(30).totalCents).toBe(1840 + 10582 + 2852);
  });

  it('prorates Santa Margarita’s service and fixed sewer charges, not its sewer per CCF', () => {
    const bill = computeBill(smwd, {
      class: 'residential-multi',
      meterSize: '3/4',
      usage: 10,
      period: { from: '2017-03-01', to: '2017-04-15' },
    });
    expect(bill.period.days).toBe(45);
    // 45/30 = 1.5: $21.79 → $32.685 → $32.69; $25.51 → $38.265 → $38.27. Sewer 10 × $1.03.
    const amount = (code: string) => bill.lines.find((l) => l.code === code)!.amountCents;
    expect(amount('SERVICE_CHARGE')).toBe(3269);
    expect(amount('FIXED_SEWER_CHARGE')).toBe(3827);
    expect(amount('SEWER_CHARGE')).toBe(1030);
    // Starts 0, 4, 7: 3 × $1.67 + 3 × $1.94 + 4 × $2.44.
    expect(bill.totalCents).toBe(3269 + 3827 + 1030 + 501 + 582 + 976);
  });

  it('does not prorate when no days are given (a calculator question at the file’s period)', () => {
    const bill = computeBill(marin, { meterSize: '5/8', usage: 30, season: 'summer' });
    expect(service(bill).amountCents).toBe(3679);
    expect(bill.period.days).toBe(60);
  });

  it('says so when a file’s bill frequency is unknown, and bills the fixed charges in full', () => {
    const annual = profileFromOwrs(
      'annual.owrs',
      'metadata:\n  effective_date: 2016-01-01\n  bill_frequency: Annually\nrate_structure:\n  A:\n    service_charge: 100\n    bill: service_charge\n',
    );
    const bill = computeBill(annual, { class: 'A', meterSize: '1', usage: 0, days: 30 });
    expect(bill.totalCents).toBe(10000);
    expect(bill.prorated).toBe(false);
    expect(bill.notes).toEqual([{ key: 'notes.notProratedFrequency', params: { days: 30 } }]);
  });
});

describe('a billing period before the rates take effect', () => {
  it('is refused for Marin (2017-07-01) and Santa Margarita (2017-01-01), naming the date', () => {
    expect(() =>
      computeBill(marin, {
        meterSize: '5/8',
        usage: 10,
        season: 'summer',
        period: { from: '2017-06-30', to: '2017-08-31' },
      }),
    ).toThrow(/period\.from: before the rates of marin-water-ca take effect \(2017-07-01\)/);
    expect(() =>
      computeBill(smwd, {
        class: 'residential-multi',
        meterSize: '3/4',
        usage: 10,
        period: { from: '2016-12-01', to: '2017-01-01' },
      }),
    ).toThrow(/before the rates of santa-margarita-ca take effect \(2017-01-01\)/);
  });

  it('is billed from the effective date on', () => {
    const bill = computeBill(marin, {
      meterSize: '5/8',
      usage: 10,
      season: 'summer',
      period: { from: '2017-07-01', to: '2017-08-31' },
    });
    expect(bill.period).toEqual({ from: '2017-07-01', to: '2017-08-31', days: 61 });
    expect(service(bill).amountCents).toBe(3679);
  });
});
