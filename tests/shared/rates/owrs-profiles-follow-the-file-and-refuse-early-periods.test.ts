import { describe, expect, it } from 'vitest';
import {
  computeBill,
  getUtilityProfile,
  loadProfile,
  profileFromOwrs,
  type UtilityProfile,
} from '../../../shared/rates';

const marin = getUtilityProfile('marin-water-ca')!;
const smwd = getUtilityProfile('santa-margarita-ca')!;
const service = (bill: ReturnType<typeof computeBill>) =>
  bill.lines.find((l) => l.code === 'SERVICE_CHARGE')!;

describe('fixed charges of the OWRS profiles: as the file states them, whatever the days', () => {
  const marinBill = (days: number, profile: UtilityProfile = marin) =>
    computeBill(profile, { meterSize: '5/8', usage: 30, season: 'summer', days });

  it('bills Marin’s bi-monthly service charge in full at 30, 53, 60, 67 and 120 days', () => {
    // The file says `service_charge` per bill; neither it nor RateParser prorates by days.
    for (const days of [30, 53, 54, 60, 66, 67, 120]) {
      const bill = marinBill(days);
      expect(service(bill).amountCents).toBe(3679);
      expect(service(bill).quantity).toBe('1');
      expect(bill.prorated).toBe(false);
      expect(bill.notes).toEqual([]);
    }
  });

  it('never changes the usage charges with the days: the tiers are the same at 30 and 60', () => {
    const tiers = (bill: ReturnType<typeof computeBill>) =>
      bill.lines.filter((l) => l.tier).map((l) => [l.quantity, l.amountCents]);
    // Summer starts 0, 27: 26 × $4.07 = $105.82 and 4 × $7.13 = $28.52 either way.
    expect(tiers(marinBill(30))).toEqual([
      ['26', 10582],
      ['4', 2852],
    ]);
    expect(tiers(marinBill(60))).toEqual(tiers(marinBill(30)));
    expect(marinBill(30).totalCents).toBe(3679 + 10582 + 2852);
  });

  it('bills Santa Margarita’s service and fixed sewer charges in full for a 45-day period', () => {
    const bill = computeBill(smwd, {
      class: 'residential-multi',
      meterSize: '3/4',
      usage: 10,
      period: { from: '2017-03-01', to: '2017-04-15' },
    });
    expect(bill.period.days).toBe(45);
    const amount = (code: string) => bill.lines.find((l) => l.code === code)!.amountCents;
    expect(amount('SERVICE_CHARGE')).toBe(2179);
    expect(amount('FIXED_SEWER_CHARGE')).toBe(2551);
    expect(amount('SEWER_CHARGE')).toBe(1030);
    // Starts 0, 4, 7: 3 × $1.67 + 3 × $1.94 + 4 × $2.44.
    expect(bill.totalCents).toBe(2179 + 2551 + 1030 + 501 + 582 + 976);
    expect(bill.prorated).toBe(false);
  });

  it('moves with the days only where a formula reads days_in_period (the indoor budget)', () => {
    const tiers = (days: number) =>
      computeBill(smwd, {
        meterSize: '3/4',
        usage: 40,
        householdSize: 4,
        etInches: 3,
        irrigatedSqft: 1000,
        days,
      })
        .lines.filter((l) => l.code === 'COMMODITY_CHARGE')
        .map((l) => l.quantity);
    // Indoor 55 × 4 × days ÷ 748: 8.82 → 9 CCF at 30 days, 17.6 → 18 at 60.
    expect(tiers(30)[0]).toBe('9');
    expect(tiers(60)[0]).toBe('18');
    const fixed = (days: number) =>
      computeBill(smwd, { class: 'residential-multi', meterSize: '3/4', usage: 0, days }).lines[0];
    expect(fixed(15).amountCents).toBe(fixed(30).amountCents);
  });

  it('prorates only where a utility setting with its source says so, as that setting says', () => {
    const prorating = loadProfile({
      ...marin,
      proration: {
        normalMin: 54,
        normalMax: 66,
        standard: 60,
        source: { title: 'Rules and regulations of a utility that prorates by days' },
      },
    });
    for (const days of [54, 60, 66])
      expect(service(marinBill(days, prorating)).amountCents).toBe(3679);
    // $36.79 × 53/60 = $32.4978… → $32.50; × 67/60 = $41.0822… → $41.08; × 30/60 = $18.395 →
    // $18.40 (half up); × 120/60 = $73.58.
    expect(service(marinBill(53, prorating)).amountCents).toBe(3250);
    expect(service(marinBill(67, prorating)).amountCents).toBe(4108);
    expect(service(marinBill(120, prorating)).amountCents).toBe(7358);
    const short = marinBill(30, prorating);
    expect(service(short).amountCents).toBe(1840);
    expect(service(short).quantity).toBe('0.5');
    expect(service(short).unit).toBe('period');
    expect(short.prorated).toBe(true);
    expect(short.notes).toEqual([{ key: 'notes.prorated', params: { days: 30, standard: 60 } }]);
    // The tiers are not prorated.
    expect(short.totalCents).toBe(1840 + 10582 + 2852);
  });

  it('refuses a proration setting without its source', () => {
    expect(() =>
      loadProfile({ ...marin, proration: { normalMin: 54, normalMax: 66, standard: 60 } }),
    ).toThrow(/proration\.source/);
  });

  it('reports the file’s own period when no days are given', () => {
    const bill = computeBill(marin, { meterSize: '5/8', usage: 30, season: 'summer' });
    expect(service(bill).amountCents).toBe(3679);
    expect(bill.period.days).toBe(60);
  });

  it('bills a file of an unknown bill frequency as the file says too', () => {
    const annual = profileFromOwrs(
      'annual.owrs',
      'metadata:\n  effective_date: 2016-01-01\n  bill_frequency: Annually\nrate_structure:\n  A:\n    service_charge: 100\n    bill: service_charge\n',
    );
    const bill = computeBill(annual, { class: 'A', meterSize: '1', usage: 0, days: 30 });
    expect(bill.totalCents).toBe(10000);
    expect(bill.prorated).toBe(false);
    expect(bill.notes).toEqual([]);
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
