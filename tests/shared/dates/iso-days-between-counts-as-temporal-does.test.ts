import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, isoDaysBetween, plainDate, Temporal } from '../../../shared/dates';

/** The fast count of days over ISO text, used in loops over reads, against Temporal's own. */
describe('days between two ISO days', () => {
  it('counts as Temporal does across months, leap days and years', () => {
    const day = fc
      .integer({ min: 0, max: 365 * 60 })
      .map((n) => Temporal.PlainDate.from('1990-01-01').add({ days: n }).toString());
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(isoDaysBetween(a, b)).toBe(daysBetween(plainDate(a), plainDate(b)));
      }),
    );
    expect(isoDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(isoDaysBetween('2025-02-28', '2025-03-01')).toBe(1);
  });

  it('refuses a day that is not on the calendar, or not ISO', () => {
    for (const bad of ['2025-02-29', '2026-13-01', '2026-04-31', '2026-1-5', 'today'])
      expect(() => isoDaysBetween('2026-01-01', bad), bad).toThrow(RangeError);
  });
});
