import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../../../shared/dates';
import type { MeterRead } from '../../../shared/usage';
import { type ReadFindingCode, validateRead } from '../../../shared/usage/validate-read';

const meter = { dials: 4, multiplier: 1, installedOn: '2024-01-01' };
const window = { highRatio: '1.5', lowRatio: '0.5' };
const today = '2026-12-07';

/** Fourteen months of reads every 30 days, one unit a day: any 30 days expect 30 units. */
function history(last = '2026-11-01', value = 5000): MeterRead[] {
  const end = Temporal.PlainDate.from(last);
  return Array.from({ length: 15 }, (_, i) => ({
    date: end.subtract({ days: 30 * (14 - i) }).toString(),
    value: value - 30 * (14 - i),
    kind: 'actual' as const,
  }));
}

const check = (value: number, date = '2026-12-01', occupied = true, reads = history()) =>
  validateRead(meter, reads, { date, value, kind: 'actual' }, { today, occupied, window });
const codes = (value: number, date?: string, occupied?: boolean) =>
  check(value, date, occupied).findings.map((f) => f.code);

describe('a read checked against its meter’s history', () => {
  it('expects thirty units in thirty days from the same period last year', () => {
    const v = check(5030);
    expect(v).toMatchObject({ acceptable: true, needsReason: false, usage: '30', findings: [] });
    expect(v.expected?.usage.toNumber()).toBe(30);
    expect(v.expected?.method).toBe('same-period-last-year');
  });

  it('takes 1.5 times the expected use and asks a reason one unit above it', () => {
    expect(codes(5045)).toEqual([]);
    expect(check(5046)).toMatchObject({
      needsReason: true,
      findings: [{ code: 'high', usage: '46', expected: '30', limit: '45' }],
    });
  });

  it('takes half the expected use and asks a reason one unit below it', () => {
    expect(codes(5015)).toEqual([]);
    expect(check(5014).findings).toEqual([
      { code: 'low', severity: 'reason', usage: '14', expected: '30', limit: '15' },
    ]);
  });

  it('asks a reason for no use at an occupied premise, not at a vacant one', () => {
    expect(codes(5000)).toEqual(['zero-on-occupied']);
    expect(codes(5000, '2026-12-01', false)).toEqual([]);
  });

  it('reads a register below the last as a rollover when the use through zero fits', () => {
    const reads = history('2026-11-01', 9990);
    const v = check(20, '2026-12-01', true, reads);
    expect(v.usage).toBe('30');
    expect(v.findings).toEqual([
      {
        code: 'lower-than-last',
        severity: 'reason',
        last: 9990,
        usageIfRollover: '30',
        rolloverLikely: true,
      },
    ]);
  });

  it('reads a register below the last as a likely misread when the rollover would be huge', () => {
    const v = check(4990);
    expect(v.findings[0]).toMatchObject({
      code: 'lower-than-last',
      usageIfRollover: '9990',
      rolloverLikely: false,
    });
    expect(v.needsReason).toBe(true);
  });

  it('refuses a read dated after today, on or before the last read, or before the meter was set', () => {
    expect(codes(5031, '2026-12-08')).toEqual(['in-future']);
    expect(codes(5031, '2026-12-07')).toEqual([]);
    expect(codes(5031, '2026-11-01')).toEqual(['not-after-last']);
    const v = validateRead(
      { ...meter, installedOn: '2026-11-15' },
      [],
      { date: '2026-11-14', value: 3, kind: 'actual' },
      { today, occupied: true, window },
    );
    expect(v).toMatchObject({ acceptable: false, findings: [{ code: 'before-installed' }] });
  });

  it('refuses a register the dials cannot show', () => {
    expect(codes(10_000)).toEqual(['exceeds-dials']);
    expect(codes(9999)).not.toContain('exceeds-dials');
    expect(codes(-1)).toEqual(['exceeds-dials']);
    expect(codes(5030.5)).toEqual([]);
  });

  it('reads a register that shows tenths exactly, and refuses one beyond three decimals', () => {
    const tenths = history().map((r) => ({ ...r, value: r.value / 10 + 0.3 }));
    // Thirty days of 3 units each: 500.3 last; 503.3 on the 1st of December is 3.0, as expected.
    const v = check(503.3, '2026-12-01', true, tenths);
    expect(v).toMatchObject({ acceptable: true, usage: '3', findings: [] });
    expect(check(503.4, '2026-12-01', true, tenths).usage).toBe('3.1');
    expect(codes(5030.1234)).toEqual(['exceeds-dials']);
    expect(codes(5030.125)).not.toContain('exceeds-dials');
  });

  it('takes the first read of a changed meter without comparing it to the old one', () => {
    const changed = { ...meter, installedOn: '2026-11-20' };
    const v = validateRead(
      changed,
      history(),
      { date: '2026-12-01', value: 11, kind: 'actual' },
      { today, occupied: true, window },
    );
    expect(v).toMatchObject({ acceptable: true, needsReason: false, usage: null });
    expect(v.findings.map((f) => f.code)).toEqual(['first-read-on-meter']);
  });

  it('never throws and always says whether a read may post, whatever is typed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 12_000 }),
        fc.integer({ min: -40, max: 40 }),
        fc.boolean(),
        (value, offset, occupied) => {
          const date = Temporal.PlainDate.from('2026-12-01').add({ days: offset }).toString();
          const v = check(value, date, occupied);
          const refused: ReadFindingCode[] = ['in-future', 'not-after-last', 'exceeds-dials'];
          const isRefused = v.findings.some((f) => refused.includes(f.code));
          expect(v.acceptable).toBe(!isRefused);
          if (v.acceptable && v.usage !== null) expect(Number(v.usage)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
