import { describe, expect, it } from 'vitest';
import { billingClasses, classFields } from '../../../shared/rates/calculator';
import { getUtilityProfile } from '../../../shared/rates/profiles';

const profile = (id: string) => getUtilityProfile(id)!;
const asked = (id: string) =>
  Object.fromEntries(
    billingClasses(profile(id)).map((c) => {
      const f = classFields(profile(id), c);
      return [c, [...f.fields, ...f.data.map((d) => `${d.name}=${d.values.join('|')}`)]];
    }),
  );

describe('what a calculator asks to price each class', () => {
  it('Santa Margarita: every class of its file, each with the customer data its rates read', () => {
    expect(asked('santa-margarita-ca')).toEqual({
      residential: ['meterSize', 'householdSize', 'irrigatedSqft', 'etInches'],
      'residential-multi': ['meterSize'],
      commercial: ['meterSize', 'rate_class=C1|C2|C3|C4'],
      irrigation: ['meterSize', 'irrigatedSqft', 'etInches', 'domestic_type=domestic|non_domestic'],
      LAKEFILL: ['meterSize'],
      DISTRICT_FACILITY: ['meterSize'],
    });
  });

  it('Marin: the season for its tiers, a water budget for its budget classes, fire service its own meters', () => {
    expect(asked('marin-water-ca')).toEqual({
      residential: ['meterSize', 'season'],
      'residential-multi': ['meterSize', 'season'],
      commercial: ['meterSize', 'commercial_budget='],
      irrigation: ['meterSize', 'commercial_budget='],
      INSTITUTIONAL: ['meterSize', 'commercial_budget='],
      FIRE_SERVICE: ['meterSize'],
      RAW: ['meterSize'],
      RECYCLED: ['meterSize', 'commercial_budget='],
    });
    expect(classFields(profile('marin-water-ca'), 'FIRE_SERVICE').meterSizes).toEqual([
      '2"',
      '4"',
      '6"',
      '8"',
      '10"',
    ]);
  });

  it('a native profile asks the same of every class, and a class the profile does not have asks only the meter', () => {
    const portland = profile('portland-water-me');
    expect(classFields(portland, 'commercial')).toEqual({
      fields: ['meterSize', 'municipality', 'imperviousSqft'],
      data: [],
      meterSizes: portland.kind === 'native' ? portland.meterSizes : [],
    });
    expect(billingClasses(profile('philadelphia-water-pa'))).toEqual(['residential']);
    expect(classFields(profile('marin-water-ca'), 'NO_SUCH_CLASS')).toEqual({
      fields: ['meterSize'],
      data: [],
      meterSizes: [],
    });
  });
});
