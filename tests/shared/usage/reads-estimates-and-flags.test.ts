import { describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import {
  type Consumption,
  compareUsage,
  consumptionHistory,
  estimateUsage,
  usageBetween,
} from '../../../shared/usage';

const meter = { dials: 4, multiplier: 1 };
const thresholds = { highRatio: '1.5', lowRatio: '0.5', leakRatio: '2' };

function period(from: string, to: string, usage: number, estimated = false): Consumption {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return { from, to, days, usage: new Dec(usage), rolledOver: false, estimated };
}

describe('usage between reads', () => {
  it('subtracts the previous register', () => {
    const c = usageBetween(
      meter,
      { date: '2026-01-01', value: 1200, kind: 'actual' },
      { date: '2026-01-31', value: 1215, kind: 'actual' },
    );
    expect([c.usage.toNumber(), c.days, c.rolledOver]).toEqual([15, 30, false]);
  });

  it('turns a register that went down into a rollover through zero', () => {
    const c = usageBetween(
      meter,
      { date: '2026-01-01', value: 9990, kind: 'actual' },
      { date: '2026-01-31', value: 5, kind: 'actual' },
    );
    expect([c.usage.toNumber(), c.rolledOver]).toEqual([15, true]);
  });

  it('applies the meter multiplier', () => {
    const c = usageBetween(
      { dials: 4, multiplier: 10 },
      { date: '2026-01-01', value: 100, kind: 'actual' },
      { date: '2026-01-31', value: 103, kind: 'estimated' },
    );
    expect([c.usage.toNumber(), c.estimated]).toEqual([30, true]);
  });

  it('refuses reads out of date order', () => {
    expect(() =>
      usageBetween(
        meter,
        { date: '2026-02-01', value: 1, kind: 'actual' },
        { date: '2026-01-01', value: 2, kind: 'actual' },
      ),
    ).toThrow(/order/);
  });

  it('builds a history from unsorted reads', () => {
    const h = consumptionHistory(meter, [
      { date: '2026-03-01', value: 40, kind: 'actual' },
      { date: '2026-01-01', value: 10, kind: 'actual' },
      { date: '2026-02-01', value: 25, kind: 'actual' },
    ]);
    expect(h.map((c) => c.usage.toNumber())).toEqual([15, 15]);
  });
});

describe('estimated reads', () => {
  const history = [
    period('2025-01-01', '2025-01-31', 30),
    period('2025-01-31', '2025-03-02', 15),
    period('2025-12-01', '2025-12-31', 12),
    period('2025-12-31', '2026-01-30', 9),
    period('2026-01-30', '2026-03-01', 18, true),
  ];

  it('uses the average daily use of the same period last year, times the days', () => {
    const e = estimateUsage(history, { from: '2026-01-01', to: '2026-01-31' })!;
    expect(e.method).toBe('same-period-last-year');
    // Last year's 2025-01-01..2025-01-31 (30 in 30 days); the next period starts after it.
    expect(e.basedOn).toEqual([{ from: '2025-01-01', to: '2025-01-31' }]);
    expect(e.dailyUse.toString()).toBe('1');
    expect(e.usage.toString()).toBe('30');
  });

  it('falls back to the recent actual periods when last year is missing, skipping estimates', () => {
    const e = estimateUsage(history.slice(2), { from: '2026-03-01', to: '2026-03-31' })!;
    expect(e.method).toBe('recent-average');
    expect(e.basedOn).toEqual([
      { from: '2025-12-01', to: '2025-12-31' },
      { from: '2025-12-31', to: '2026-01-30' },
    ]);
    expect(e.usage.toString()).toBe('10.5');
  });

  it('answers null with no history at all', () => {
    expect(estimateUsage([], { from: '2026-03-01', to: '2026-03-31' })).toBeNull();
  });
});

describe('usage comparison and flags', () => {
  const year = Array.from({ length: 12 }, (_, i) => {
    const from = new Date(Date.UTC(2025, i, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(2025, i + 1, 1)).toISOString().slice(0, 10);
    return period(from, to, 10);
  });

  it('compares this period with the same period last year and the 12-month average', () => {
    const current = period('2026-01-01', '2026-02-01', 31);
    const cmp = compareUsage([...year, current], current, thresholds);
    expect(cmp.sameLastYear?.usage).toBe('10');
    expect(cmp.ratioToLastYear).toBe('3.1');
    expect(cmp.twelveMonthAverage?.periods).toBe(12);
    expect(cmp.flags).toContain('high');
    expect(cmp.flags).not.toContain('probable-leak');
  });

  it('flags a probable leak only when high use is sustained over two periods', () => {
    const prior = period('2025-12-01', '2026-01-01', 20);
    const history = [...year.slice(0, 11), prior];
    const current = period('2026-01-01', '2026-02-01', 30);
    expect(compareUsage([...history, current], current, thresholds).flags).toEqual([
      'high',
      'probable-leak',
    ]);
  });

  it('flags zero and low use, estimated reads, and any use at a vacant premise', () => {
    const zero = period('2026-01-01', '2026-02-01', 0, true);
    expect(compareUsage([...year, zero], zero, thresholds).flags).toEqual(['estimated', 'zero']);
    const low = period('2026-01-01', '2026-02-01', 3);
    expect(compareUsage([...year, low], low, thresholds).flags).toEqual(['low']);
    expect(compareUsage([...year, low], low, thresholds, { vacant: true }).flags).toEqual([
      'vacant-use',
      'low',
      'probable-leak',
    ]);
  });

  it('keeps the boundary: exactly 1.5 times the average is not high, a hair above is', () => {
    // Twelve 30-day periods of 30 units: exactly 1 unit a day on average.
    const even = Array.from({ length: 12 }, (_, i) => ({
      from: `p${String(i).padStart(2, '0')}`,
      to: `p${String(i + 1).padStart(2, '0')}`,
      days: 30,
      usage: new Dec(30),
      rolledOver: false,
      estimated: false,
    }));
    const at = (usage: string): Consumption => ({
      from: '2026-01-01',
      to: '2026-01-31',
      days: 30,
      usage: new Dec(usage),
      rolledOver: false,
      estimated: false,
    });
    const history = even.map((c, i) => ({
      ...c,
      from: `2025-${String(i + 1).padStart(2, '0')}-01`,
      to: i === 11 ? '2026-01-01' : `2025-${String(i + 2).padStart(2, '0')}-01`,
    }));
    expect(compareUsage(history, at('45'), thresholds).flags).not.toContain('high');
    expect(compareUsage(history, at('45.03'), thresholds).flags).toContain('high');
    expect(compareUsage(history, at('15'), thresholds).flags).not.toContain('low');
    expect(compareUsage(history, at('14.97'), thresholds).flags).toContain('low');
  });
});
