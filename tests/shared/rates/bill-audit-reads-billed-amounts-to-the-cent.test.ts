import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dollarsToCents } from '../../../shared/money';
import { auditRow } from '../../../shared/rates';

/** The billed cents the audit read for one code, or its error. */
function billed(line: string, code = 'X'): number | string | null {
  const r = auditRow(
    {
      account: 'A',
      utility: 'philadelphia-water-pa',
      meter_size: '5/8',
      usage: '0.5',
      billed_lines: line,
    },
    2,
  );
  if (!r.ok) return r.error;
  const d = r.discrepancies.find((x) => x.code === code && x.kind !== 'missing');
  return d ? d.billedCents : null;
}

describe('the audit reads billed amounts exactly, as decimal.js does', () => {
  it('reads any amount of up to 15 digits and two decimals to the same cents', () => {
    const amount = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,15}$/),
        fc.option(fc.stringMatching(/^\d{1,2}$/), { nil: undefined }),
      )
      .map(([neg, whole, frac]) => `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);
    fc.assert(
      fc.property(amount, (a) => {
        const cents = dollarsToCents(a);
        expect(billed(`X=${a}`)).toBe(cents === 0 ? 0 : cents);
      }),
      { numRuns: 400 },
    );
  });

  it('sums tier lines of one code, with spaces around = and in any case', () => {
    expect(billed('svc=1.5; SVC = 2.05', 'SVC')).toBe(355);
    expect(billed('SVC=12.10', 'SVC')).toBeNull(); // billed right: no discrepancy
  });

  it('refuses what is not CODE=amount, naming the part', () => {
    for (const bad of [
      'X=1.',
      'X=.5',
      'X=1.234',
      'X=abc',
      '=1',
      'X=',
      'X=+1',
      'Ü=1',
      'X=1.2.3',
      'X=--1',
    ]) {
      expect(billed(bad)).toBe(`billed line "${bad}" is not CODE=amount`);
    }
  });
});
