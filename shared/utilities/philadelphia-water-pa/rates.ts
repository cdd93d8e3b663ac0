import type { UtilityProfileInput } from '../../rates/schema';

const RATES_2021 = {
  title: 'Philadelphia Water Department, "Rate changes effective September 2021" (water.phila.gov)',
  url: 'https://water.phila.gov/rates/',
  published: '2021-09-01',
};

/**
 * Philadelphia Water Department, residential, rates effective 2021-09-01. Monthly bill, usage in
 * Mcf (thousand cubic feet).
 */
export const philadelphiaWater: UtilityProfileInput = {
  kind: 'native',
  id: 'philadelphia-water-pa',
  name: 'Philadelphia Water Department',
  state: 'PA',
  service: 'water',
  effective: '2021-09-01',
  sources: [RATES_2021],
  notes: [
    'First water tier: the rate table prints $49.99 per Mcf, the worked example on the same page uses $45.99. Only $45.99 reproduces the published typical bill of $69.15 at 0.5 Mcf, so the profile uses $45.99 (tests/shared/rates check the $69.15).',
    'Rounding: the published $69.15 is the exact sum of the charges (22.995 + 16.305 + 0.345 + 0.545 + 12.10 + 16.86); rounding each line first would give $69.17. The profile rounds the bill total half-up and allocates the cents to the lines by largest remainder.',
    'The TAP rider (Tiered Assistance Program cost recovery) is shown as its own lines, $0.69 per Mcf on water and $1.09 per Mcf on sewer.',
    'Service charges for meters larger than 5/8" and non-residential stormwater (gross and impervious area rates) were not gathered; only the residential 5/8" bill is computed.',
    'Senior citizens receive a 25% discount on the bill (the `senior` discount).',
  ],
  billFrequency: 'monthly',
  unit: 'mcf',
  rounding: { mode: 'half-up', scope: 'bill' },
  classes: ['residential'],
  meterSizes: ['5/8'],
  periodDays: { normalMin: 27, normalMax: 33, standard: 30 },
  stormwater: { method: 'flat', amount: '16.86' },
  schedules: [
    {
      effective: '2021-09-01',
      source: RATES_2021,
      charges: [
        {
          kind: 'fixed',
          code: 'SVC',
          descriptionKey: 'lines.serviceCharge',
          byMeterSize: { '5/8': '12.10' },
        },
        {
          kind: 'volumetric',
          code: 'WATER',
          descriptionKey: 'lines.water',
          rates: ['45.99', '42.33', '32.84', '31.94'],
          // First 2 Mcf, next 98, next 1,900, over 2,000.
          limits: [{ upTo: [2, 100, 2000, null] }],
        },
        {
          kind: 'surcharge',
          code: 'TAP_WATER',
          descriptionKey: 'lines.tapRiderWater',
          perUnit: '0.69',
        },
        {
          kind: 'volumetric',
          code: 'SEWER',
          descriptionKey: 'lines.sewer',
          rates: ['32.61'],
          limits: [{ upTo: [null] }],
        },
        {
          kind: 'surcharge',
          code: 'TAP_SEWER',
          descriptionKey: 'lines.tapRiderSewer',
          perUnit: '1.09',
        },
        { kind: 'stormwater', code: 'STORM', descriptionKey: 'lines.stormwater' },
      ],
    },
  ],
  discounts: [
    {
      id: 'senior',
      descriptionKey: 'lines.seniorDiscount',
      percent: '25',
      source: RATES_2021,
    },
  ],
};
