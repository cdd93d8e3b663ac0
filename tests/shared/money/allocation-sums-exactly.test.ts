import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateEvenly, dollarsToCents, parseDollars } from '../../../shared/money';

describe('allocateEvenly', () => {
  it('splits $100.00 in 3 with the odd cent where the rule says', () => {
    expect(allocateEvenly(10_000, 3, 'first')).toEqual([3_334, 3_333, 3_333]);
    expect(allocateEvenly(10_000, 3, 'last')).toEqual([3_333, 3_333, 3_334]);
    expect(allocateEvenly(10_002, 4, 'spread-first')).toEqual([2_501, 2_501, 2_500, 2_500]);
    expect(allocateEvenly(10_002, 4, 'spread-last')).toEqual([2_500, 2_500, 2_501, 2_501]);
  });

  it('always sums to the total, with parts at most one remainder apart', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom('first', 'last', 'spread-first', 'spread-last' as const),
        (total, parts, rule) => {
          const out = allocateEvenly(total, parts, rule);
          expect(out).toHaveLength(parts);
          expect(out.reduce((a, b) => a + b, 0)).toBe(total);
          expect(out.every(Number.isSafeInteger)).toBe(true);
          expect(Math.max(...out) - Math.min(...out)).toBeLessThan(
            rule.startsWith('spread') ? 2 : parts,
          );
        },
      ),
    );
  });

  it('refuses fractional cents and zero parts', () => {
    expect(() => allocateEvenly(10.5, 2, 'first')).toThrow(RangeError);
    expect(() => allocateEvenly(100, 0, 'first')).toThrow(RangeError);
  });
});

describe('dollars and cents', () => {
  it('rounds half up by default and half even on request', () => {
    expect(dollarsToCents('0.125')).toBe(13);
    expect(dollarsToCents('0.125', 'half-even')).toBe(12);
    expect(dollarsToCents('0.135', 'half-even')).toBe(14);
    expect(dollarsToCents('1.005')).toBe(101);
  });

  it('parses what an agent types, and nothing else', () => {
    expect(parseDollars('$1,234.50')).toBe(123_450);
    expect(parseDollars('12')).toBe(1_200);
    expect(parseDollars('0.1')).toBe(10);
    expect(parseDollars('1.234')).toBeNull();
    expect(parseDollars('abc')).toBeNull();
    expect(parseDollars('')).toBeNull();
  });
});
