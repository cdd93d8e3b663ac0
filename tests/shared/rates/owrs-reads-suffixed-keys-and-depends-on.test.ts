import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeBill,
  OwrsEvaluator,
  parseOwrs,
  profileFromOwrs,
  type UtilityProfile,
} from '../../../shared/rates';

const corpus = (path: string) =>
  profileFromOwrs(
    path.split('/').pop()!,
    readFileSync(`data/owrs/full_utility_rates/${path}`, 'utf8'),
  );
const tierQuantities = (bill: ReturnType<typeof computeBill>) =>
  bill.lines.filter((l) => l.code === 'COMMODITY_CHARGE').map((l) => Number(l.quantity));

describe('suffixed keys', () => {
  const sjc = corpus('California/San Juan Capistrano  City Of - 2543/07-01-2017.owrs');

  it('reads indoor, outdoor and landscape_factor as their _commodity keys inside commodity_charge (San Juan Capistrano)', () => {
    const bill = computeBill(sjc, {
      class: 'RESIDENTIAL_MULTI',
      meterSize: '5/8',
      usage: 25,
      etInches: 6,
      irrigatedSqft: 3000,
    });
    // indoor_commodity = 9; outdoor_commodity = landscape_factor_commodity (0.7) × 6 × 3,000 ×
    // 0.62 ÷ 748 = 10.44 → 10; budget_commodity = 19. Budget starts 0, 9, 10, 100% = 19:
    // 25 CCF is 9 / 1 / 9 / 6.
    expect(tierQuantities(bill)).toEqual([9, 1, 9, 6]);
    // 9 × 3.96 + 1 × 5.51 + 9 × 5.98 + 6 × 5.98 + the 5/8" service charge, $25.54.
    expect(bill.totalCents).toBe(3564 + 551 + 5382 + 3588 + 2554);
  });

  it('names the file’s unreadable key and the option that stands in for it', () => {
    // RESIDENTIAL_SINGLE writes landscape_factor_commodity as ranges of lot_area, which the
    // format has no form for.
    expect(() =>
      computeBill(sjc, {
        class: 'RESIDENTIAL_SINGLE',
        meterSize: '5/8',
        usage: 25,
        etInches: 6,
        irrigatedSqft: 3000,
      }),
    ).toThrow(
      /owrsData\.landscape_factor: needed by .*landscape_factor_commodity could not be read/,
    );
    const bill = computeBill(sjc, {
      class: 'RESIDENTIAL_SINGLE',
      meterSize: '5/8',
      usage: 25,
      etInches: 6,
      irrigatedSqft: 3000,
      owrsData: { landscape_factor: '0.7' },
    });
    expect(tierQuantities(bill)).toEqual([9, 1, 9, 6]);
  });

  it('scopes a Tiered surcharge by the suffix in its name (variable_drought_surcharge → _drought)', () => {
    const windsor = corpus('California/Windsor  Town Of - 3226/07-01-2017.owrs');
    const { file } = parseOwrs(windsor.owrs);
    const ev = new OwrsEvaluator(file!, 'RESIDENTIAL_SINGLE', {
      usage_ccf: 10,
      meter_size: '5/8"',
    });
    // tier_starts_drought 0, 4, 7, 17 with tier_prices_drought 3.43, 3.74, 5.28, 6.82:
    // 3 × 3.43 + 3 × 3.74 + 4 × 5.28 = 10.29 + 11.22 + 21.12.
    expect(ev.num('variable_drought_surcharge').toString()).toBe('42.63');
    expect(ev.num('commodity_charge').toString()).toBe('38.76');
  });

  it('prefers the scoped key over the plain one, and falls back to the plain one', () => {
    const { file } = parseOwrs(
      [
        'rate_structure:',
        '  A:',
        '    tier_starts: [0, 11]',
        '    tier_prices: [1, 2]',
        '    tier_starts_drought: [0, 6]',
        '    tier_prices_drought: [0.5, 0.75]',
        '    commodity_charge: Tiered',
        '    variable_drought_surcharge: Tiered',
        '    gpcd: 50',
        '    gpcd_drought: 40',
        '    allowance_drought: gpcd*2',
        '    allowance: gpcd*2',
        '    bill: commodity_charge+variable_drought_surcharge',
      ].join('\n'),
    );
    const ev = new OwrsEvaluator(file!, 'A', { usage_ccf: 12 });
    // commodity_charge has no _commodity keys: 10 × 1 + 2 × 2; the surcharge: 5 × 0.5 + 7 × 0.75.
    expect(ev.num('commodity_charge').toString()).toBe('14');
    expect(ev.num('variable_drought_surcharge').toString()).toBe('7.75');
    expect(ev.num('allowance_drought').toString()).toBe('80');
    expect(ev.num('allowance').toString()).toBe('100');
  });

  it('refuses a tiered charge whose tier keys it cannot find, naming what it looked for', () => {
    const { file } = parseOwrs(
      'rate_structure:\n  A:\n    tier_starts_commodity: [0, 5]\n    tier_prices_commodity: [1, 2]\n    TRS_charge: Tiered\n    bill: TRS_charge\n',
    );
    const ev = new OwrsEvaluator(file!, 'A', { usage_ccf: 3 });
    expect(() => ev.num('TRS_charge')).toThrow(
      /TRS_charge is Tiered but the class has no tier_prices$/,
    );
  });
});

describe('depends_on with several keys', () => {
  const arcata = corpus('California/Arcata  City Of - 133/10-01-2017.owrs');
  const bill = (profile: UtilityProfile, city: string) =>
    computeBill(profile, {
      class: 'RESIDENTIAL_SINGLE',
      meterSize: '5/8',
      usage: 10,
      owrsData: { city_limits: city },
    });

  it('reads values keyed "5/8\\"|inside_city", as RateParser joins them', () => {
    // Service $12.16 inside, $23.42 outside; starts 0, 3, 5 → 2 / 2 / 6 CCF.
    const inside = bill(arcata, 'inside_city');
    expect(tierQuantities(inside)).toEqual([2, 2, 6]);
    expect(inside.totalCents).toBe(1216 + 620 + 668 + 3924);
    const outside = bill(arcata, 'outside_city');
    expect(outside.totalCents).toBe(2342 + 652 + 702 + 4128);
  });

  it('names the key whose value is missing or refused, with the values the file has', () => {
    expect(() =>
      computeBill(arcata, { class: 'RESIDENTIAL_SINGLE', meterSize: '5/8', usage: 10 }),
    ).toThrow(/owrsData\.city_limits: needed .*\(valid: inside_city, outside_city\)/);
    expect(() => bill(arcata, 'downtown')).toThrow(
      /owrsData\.city_limits: not accepted .*\(valid: inside_city, outside_city\)/,
    );
    expect(() =>
      computeBill(arcata, {
        class: 'RESIDENTIAL_SINGLE',
        meterSize: '1',
        usage: 10,
        owrsData: { city_limits: 'inside_city' },
      }),
    ).toThrow(/meterSize: not accepted .*\(valid: 5\/8", 3\/4"\)/);
  });

  it('reads nested values one depends_on key per level, and a meter size holding a "|"', () => {
    const { file } = parseOwrs(
      [
        'rate_structure:',
        '  A:',
        '    service_charge:',
        '      depends_on: [meter_size, city_limits]',
        '      values:',
        '        1|1/2":',
        '          inside: 10',
        '          outside: 20',
        '    flat:',
        '      depends_on: [meter_size, city_limits]',
        '      values:',
        '        1|1/2"|outside: 7',
        '    bill: service_charge+flat',
      ].join('\n'),
    );
    const ev = new OwrsEvaluator(file!, 'A', { meter_size: '1 1/2"', city_limits: 'outside' });
    expect(ev.num('bill').toString()).toBe('27');
  });
});
