import { NORTHEAST_WATER_SEASON, type SeedModel } from '../seed';

/** Synthetic customers: where they live, what they use, and what their bills are priced on. */
export const seed: SeedModel = {
  places: {
    prefix: 'PA',
    state: 'PA',
    areaCodes: ['215', '267', '445'],
    towns: [
      {
        city: 'Philadelphia',
        municipality: 'Philadelphia',
        zips: [
          '19104',
          '19111',
          '19120',
          '19124',
          '19125',
          '19133',
          '19134',
          '19140',
          '19143',
          '19148',
        ],
        weight: 1,
      },
    ],
    spanishShare: 0.12,
    meterSizes: [{ size: '5/8', weight: 1 }],
    bimonthly: false,
  },
  typicalUse: 0.6,
  seasonalUse: NORTHEAST_WATER_SEASON,
  billInput: (_base, usage, days) => ({ meterSize: '5/8', usage: usage.toFixed(1), days }),
};
