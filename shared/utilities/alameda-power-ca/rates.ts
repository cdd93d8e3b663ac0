import type { UtilityProfileInput } from '../../rates/schema';

const RATE_TIERS = {
  title: 'Alameda Municipal Power, "Residential Rate Tiers", rate D-1 (alamedamp.com)',
  url: 'https://www.alamedamp.com/',
};

/**
 * Alameda Municipal Power, residential rate D-1. Monthly, energy in kWh, three tiers whose blocks
 * depend on the season and on gas or electric heat.
 */
export const alamedaPower: UtilityProfileInput = {
  kind: 'native',
  id: 'alameda-power-ca',
  name: 'Alameda Municipal Power',
  state: 'CA',
  service: 'electric',
  effective: '2023-07-01',
  sources: [RATE_TIERS],
  notes: [
    'Tier blocks from 2023-07-01 as published for gas and electric heat, summer and winter.',
    'For 2022-07-01 only the summer gas-heat blocks are known: the 2022 page gives Tier II as 260–336 kWh (Tier I 1–259). Its example split of 420 kWh as 259 / 76 / 85 is arithmetically wrong (260–336 holds 77 kWh); the engine computes 259 / 77 / 84 from the blocks. Other 2022 blocks were not gathered: a 2022 bill for winter or electric heat is refused with that reason.',
    'Whether each tier line is rounded before adding is not published: the profile rounds each line half-up (the default), a setting of the profile.',
    'Season months (which months are summer) and deposit rules were not gathered: the season is an input.',
    'A period that spans 2023-07-01 is split by days; usage and tier blocks are shared out by the same days.',
  ],
  billFrequency: 'monthly',
  unit: 'kwh',
  rounding: { mode: 'half-up', scope: 'line' },
  classes: ['residential'],
  meterSizes: [],
  periodDays: { normalMin: 27, normalMax: 33, standard: 30 },
  schedules: [
    {
      effective: '2022-07-01',
      source: { ...RATE_TIERS, published: '2022-07-01' },
      charges: [
        { kind: 'fixed', code: 'CUST', descriptionKey: 'lines.customerCharge', amount: '18.17' },
        {
          kind: 'volumetric',
          code: 'ENERGY',
          descriptionKey: 'lines.energy',
          rates: ['0.11726', '0.18851', '0.28595'],
          limits: [{ when: { season: 'summer', heating: 'gas' }, upTo: [259, 336, null] }],
        },
      ],
    },
    {
      effective: '2023-07-01',
      source: { ...RATE_TIERS, published: '2023-07-01' },
      charges: [
        { kind: 'fixed', code: 'CUST', descriptionKey: 'lines.customerCharge', amount: '19.99' },
        {
          kind: 'volumetric',
          code: 'ENERGY',
          descriptionKey: 'lines.energy',
          rates: ['0.12430', '0.19794', '0.29453'],
          limits: [
            { when: { season: 'summer', heating: 'gas' }, upTo: [246, 319, null] },
            { when: { season: 'winter', heating: 'gas' }, upTo: [295, 384, null] },
            { when: { season: 'summer', heating: 'electric' }, upTo: [301, 391, null] },
            { when: { season: 'winter', heating: 'electric' }, upTo: [552, 718, null] },
          ],
        },
      ],
    },
  ],
};
