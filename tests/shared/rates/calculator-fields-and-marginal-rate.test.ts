import { describe, expect, it } from 'vitest';
import {
  calculatorFields,
  computeBill,
  getUtilityProfile,
  marginalRate,
} from '../../../shared/rates';

const profile = (id: string) => getUtilityProfile(id)!;

describe('the bill calculator asks what each utility’s rates depend on', () => {
  it('reads the fields from the rates, native and OWRS alike', () => {
    expect(calculatorFields(profile('philadelphia-water-pa'))).toEqual(['meterSize']);
    expect(calculatorFields(profile('portland-water-me'))).toEqual([
      'meterSize',
      'municipality',
      'imperviousSqft',
    ]);
    expect(calculatorFields(profile('alameda-power-ca'))).toEqual(['season', 'heating']);
    expect(calculatorFields(profile('marin-water-ca'))).toEqual(['meterSize', 'season']);
    expect(calculatorFields(profile('santa-margarita-ca'))).toEqual([
      'meterSize',
      'householdSize',
      'irrigatedSqft',
      'etInches',
    ]);
  });
});

describe('what one more unit costs, for a leak credit', () => {
  it('sums the top tier reached of each charge billed on use (Philadelphia: water, sewer and both TAP riders)', () => {
    const bill = computeBill(profile('philadelphia-water-pa'), {
      meterSize: '5/8',
      usage: '0.5',
      days: 30,
    });
    // $45.99 + $0.69 + $32.61 + $1.09 per Mcf.
    expect(marginalRate(bill.lines, 'mcf')).toBe('80.38');
  });

  it('is Portland’s water and the town’s wastewater per HCF', () => {
    const bill = computeBill(profile('portland-water-me'), {
      meterSize: '5/8',
      usage: 5,
      days: 30,
      municipality: 'Portland',
      imperviousSqft: 2_500,
    });
    expect(marginalRate(bill.lines, 'hcf')).toBe('11.8');
  });

  it('takes the highest tier reached, not the first', () => {
    const bill = computeBill(profile('alameda-power-ca'), {
      usage: 380,
      days: 30,
      season: 'summer',
      heating: 'gas',
    });
    expect(marginalRate(bill.lines, 'kwh')).toBe('0.29453');
    const small = computeBill(profile('alameda-power-ca'), {
      usage: 100,
      days: 30,
      season: 'summer',
      heating: 'gas',
    });
    expect(marginalRate(small.lines, 'kwh')).toBe('0.1243');
  });
});
