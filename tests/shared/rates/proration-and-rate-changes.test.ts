import { describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import {
  computeBill,
  getUtilityProfile,
  loadProfile,
  ProfileError,
  roundLines,
} from '../../../shared/rates';

const portland = getUtilityProfile('portland-water-me')!;
const amp = getUtilityProfile('alameda-power-ca')!;

describe('fixed charges for short and long periods', () => {
  it('bills a normal 27–33 day month in full', () => {
    for (const to of ['2026-03-28', '2026-04-01', '2026-04-03']) {
      const bill = computeBill(portland, {
        meterSize: '5/8',
        usage: 0,
        municipality: 'Gorham',
        period: { from: '2026-03-01', to },
      });
      expect(bill.lines.find((l) => l.code === 'CUST')?.amountCents).toBe(1400);
      expect(bill.prorated).toBe(false);
    }
  });

  it('prorates by days outside it (a 45-day final bill, a 15-day first bill)', () => {
    const long = computeBill(portland, {
      meterSize: '5/8',
      usage: 0,
      municipality: 'Gorham',
      days: 45,
    });
    expect(long.lines.find((l) => l.code === 'CUST')?.amountCents).toBe(2100);
    const short = computeBill(portland, {
      meterSize: '5/8',
      usage: 0,
      municipality: 'Gorham',
      days: 15,
    });
    expect(short.lines.find((l) => l.code === 'CUST')?.amountCents).toBe(700);
    expect(short.notes.map((n) => n.key)).toContain('notes.prorated');
  });
});

describe('a rate change inside a billing period', () => {
  it('splits the period by days at the new rate’s effective date', () => {
    // 2023-06-16 → 2023-07-16: 15 days at 2022 rates, 15 days at 2023 rates.
    const bill = computeBill(amp, {
      usage: 420,
      season: 'summer',
      heating: 'gas',
      period: { from: '2023-06-16', to: '2023-07-16' },
    });
    expect(bill.split).toBe(true);
    const cust = bill.lines.filter((l) => l.code === 'CUST');
    expect(cust.map((l) => [l.rate, l.quantity, l.amountCents])).toEqual([
      ['18.17', '0.5', 909],
      ['19.99', '0.5', 1000],
    ]);
    const energy = bill.lines.filter((l) => l.code === 'ENERGY');
    expect(energy.reduce((a, l) => a + Number(l.quantity), 0)).toBe(420);
    // Tier blocks are shared out by the same days: 259/2 and 246/2 kWh in tier I.
    expect(energy.map((l) => l.quantity)).toEqual(['129.5', '38.5', '42', '123', '36.5', '50.5']);
    expect(energy.map((l) => l.rule.effective)).toEqual([
      '2022-07-01',
      '2022-07-01',
      '2022-07-01',
      '2023-07-01',
      '2023-07-01',
      '2023-07-01',
    ]);
  });

  it('does not split a period that ends the day the new rates start', () => {
    const bill = computeBill(amp, {
      usage: 300,
      season: 'summer',
      heating: 'gas',
      period: { from: '2023-06-01', to: '2023-07-01' },
    });
    expect(bill.split).toBe(false);
    expect(bill.profile.effective).toBe('2022-07-01');
  });

  it('refuses a period before the earliest schedule', () => {
    expect(() =>
      computeBill(amp, {
        usage: 1,
        season: 'summer',
        heating: 'gas',
        period: { from: '2021-01-01', to: '2021-02-01' },
      }),
    ).toThrow(/earliest/);
  });
});

describe('rounding', () => {
  const exact = ['22.995', '16.305', '0.345', '0.545', '12.10', '16.86'].map((d) => new Dec(d));

  it('rounds each line half up by default', () => {
    expect(roundLines(exact, { mode: 'half-up', scope: 'line' })).toEqual({
      lines: [2300, 1631, 35, 55, 1210, 1686],
      total: 6917,
    });
  });

  it('rounds the total and allocates the cents by largest remainder when the profile says so', () => {
    const { lines, total } = roundLines(exact, { mode: 'half-up', scope: 'bill' });
    expect(total).toBe(6915);
    expect(lines.reduce((a, b) => a + b, 0)).toBe(6915);
  });

  it('rounds half to even when the profile says so', () => {
    expect(
      roundLines([new Dec('0.125'), new Dec('0.135')], { mode: 'half-even', scope: 'line' }).lines,
    ).toEqual([12, 14]);
  });
});

describe('profile validation', () => {
  it('refuses a malformed profile, naming the field and the reason', () => {
    const bad = {
      ...portland,
      schedules: [
        {
          effective: '2026-13-01',
          source: { title: 'x' },
          charges: [{ kind: 'fixed', code: 'x', descriptionKey: 'k', amount: 'ten' }],
        },
      ],
    };
    try {
      loadProfile(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ProfileError);
      const paths = (err as ProfileError).issues.map((i) => i.path);
      expect(paths).toContain('schedules.0.effective');
      expect(paths.some((p) => p.startsWith('schedules.0.charges.0'))).toBe(true);
    }
  });

  it('refuses tiers whose limits do not increase or whose last tier is closed', () => {
    const tiers = (upTo: (number | null)[]) => ({
      ...portland,
      schedules: [
        {
          effective: '2026-01-01',
          source: { title: 'x' },
          charges: [
            {
              kind: 'volumetric',
              code: 'W',
              descriptionKey: 'k',
              rates: ['1', '2'],
              limits: [{ upTo }],
            },
          ],
        },
      ],
    });
    expect(() => loadProfile(tiers([10, 5]))).toThrow(/last tier must be open/);
    expect(() => loadProfile(tiers([10, null]))).not.toThrow();
    expect(() => loadProfile(tiers([10]))).toThrow(/needs 2 limits/);
  });
});
