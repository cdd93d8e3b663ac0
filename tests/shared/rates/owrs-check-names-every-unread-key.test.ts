import { describe, expect, it } from 'vitest';
import { parseOwrs } from '../../../shared/rates';

const METADATA = 'metadata:\n  effective_date: 2017-07-01\n  bill_frequency: monthly\n';

/** The problems of one class, as `key: message`. */
function problemsOf(lines: string[], cls = 'A'): string[] {
  const { problems } = parseOwrs(
    `${METADATA}rate_structure:\n  ${cls}:\n${lines.map((l) => `    ${l}`).join('\n')}\n`,
  );
  return problems.filter((p) => p.class === cls).map((p) => `${p.key}: ${p.message}`);
}

describe('the OWRS check names every key it could not read', () => {
  it('finds nothing in a well-formed class', () => {
    expect(
      problemsOf([
        'service_charge: {depends_on: meter_size, values: {5/8": 10, 1": 20}}',
        'tier_starts: [0, indoor, 150%]',
        'tier_prices: [1, 2, 3]',
        'indoor: gpcd*hhsize*days_in_period/748',
        'gpcd: 55',
        'budget: indoor',
        'commodity_charge: Budget',
        'bill: service_charge+commodity_charge',
      ]),
    ).toEqual([]);
  });

  it('reads names inside lists and depends_on values', () => {
    expect(
      problemsOf([
        'tier_starts: [0, indoor]',
        'tier_prices: {depends_on: season, values: {summer: [1, two_rate], winter: [1, 2]}}',
        'commodity_charge: Tiered',
        'bill: commodity_charge',
      ]),
    ).toEqual([
      'tier_starts[1]: reads "indoor", which the file does not define',
      'tier_prices[summer][1]: reads "two_rate", which the file does not define',
    ]);
  });

  it('names a depends_on key that is neither in the class nor customer data', () => {
    expect(
      problemsOf([
        'service_charge: {depends_on: [city_limits, lot_area], values: {"inside|small": 1}}',
        'bill: service_charge',
      ]),
    ).toEqual([
      'service_charge: depends on "lot_area", which is neither a key of the class nor customer data the format names',
    ]);
  });

  it('names tier lists whose lengths disagree, variant by variant', () => {
    expect(
      problemsOf([
        'tier_starts_drought: [0, 5, 10, 15, 20]',
        'tier_prices_drought: [1, 2, 3, 4, 5, 6]',
        'variable_drought_surcharge: Tiered',
        'tier_starts: {depends_on: season, values: {summer: [0, 5], winter: [0, 5, 9]}}',
        'tier_prices: {depends_on: season, values: {summer: [1, 2], winter: [1, 2]}}',
        'commodity_charge: Tiered',
        'bill: commodity_charge+variable_drought_surcharge',
      ]),
    ).toEqual([
      'variable_drought_surcharge: tier_starts_drought has 5 starts but tier_prices_drought has 6 prices',
      'commodity_charge: tier_starts has 3 starts but tier_prices has 2 prices',
    ]);
  });

  it('names a Tiered or Budget charge without its tier keys or budget', () => {
    expect(
      problemsOf([
        'tier_starts_commodity: [0, 5]',
        'commodity_charge: Tiered',
        'IR_charge: Budget',
        'bill: commodity_charge+IR_charge',
      ]),
    ).toEqual([
      'commodity_charge: Tiered, but the class has no tier_prices_commodity or tier_prices',
      'IR_charge: Budget, but the class has no tier_starts',
      'IR_charge: Budget, but the class has no tier_prices',
      'IR_charge: Budget, but the class has no budget',
    ]);
  });

  it('names starts that go down, percentages outside a Budget, and lists read as numbers', () => {
    expect(
      problemsOf([
        'tier_starts: [0, 30, 13]',
        'tier_prices: [1, 2, 3]',
        'commodity_charge: Tiered',
        'tier_starts_other: [0, 50%]',
        'tier_prices_other: [1, 2]',
        'other_charge: Tiered',
        'flat: [1, 2]',
        'bill: commodity_charge+other_charge+flat',
      ]),
    ).toEqual([
      'tier_starts: tier starts go down: 0, 30, 13',
      'tier_starts_other: percentage starts need a Budget charge (the percent of what?)',
      'bill: reads "flat", a list of 2 values where a number is needed',
    ]);
  });

  it('names values nested unlike their depends_on, and a key that reads itself', () => {
    expect(
      problemsOf([
        'a: {depends_on: meter_size, values: {1": {inside: 1}}}',
        'b: {depends_on: [meter_size, city_limits], values: {1": 2}}',
        'c: d+1',
        'd: c*2',
        'bill: a+b+c',
      ]),
    ).toEqual([
      'a[1"]: nested deeper than its depends_on (meter_size)',
      'b[1"]: one value where depends_on lists 2 keys (meter_size, city_limits): write "meter_size|city_limits" or nest them',
      'c: depends on itself: c → d → c',
    ]);
  });

  it('names a key written twice, a formula it cannot parse, a map it cannot read, a missing bill', () => {
    expect(
      problemsOf([
        'rate: 1',
        'rate: 2',
        'odd: "1 +* 2"',
        'ranges: {depends_on: lot_area, area_starts: [0, 100], values: [1, 2]}',
      ]),
    ).toEqual([
      'rate: written more than once in the class: only the last one is read',
      'odd: formula not readable: Expected expression after + at character 3 in "1 +* 2"',
      'ranges: values is a list, not a map by lot_area',
      'bill: no bill formula',
    ]);
  });

  it('names what is outside the classes: unknown units and frequencies, stray keys', () => {
    const { file, problems } = parseOwrs(
      'metadata:\n  effective_date: someday\n  bill_frequency: Annually\n  bill_unit: acre-feet\ncapacity_charge: 4546\nrate_structure:\n  A:\n    bill: 1\n',
    );
    expect(file).not.toBeNull();
    expect(problems.map((p) => p.key)).toEqual([
      'metadata.effective_date',
      'metadata.bill_unit',
      'metadata.bill_frequency',
      'capacity_charge',
    ]);
    expect(problems[3].message).toBe('outside rate_structure and metadata: not read');
  });
});
