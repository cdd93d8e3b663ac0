import { BAY_AREA_ELECTRIC_SEASON, type SeedModel } from '../seed';

/** Synthetic customers: where they live, what they use, and what their bills are priced on. */
export const seed: SeedModel = {
  places: {
    prefix: 'AP',
    state: 'CA',
    areaCodes: ['510', '341'],
    towns: [{ city: 'Alameda', municipality: 'Alameda', zips: ['94501', '94502'], weight: 1 }],
    spanishShare: 0.1,
    meterSizes: [],
    bimonthly: false,
  },
  typicalUse: 380,
  seasonalUse: BAY_AREA_ELECTRIC_SEASON,
  billInput: (base, usage, days, month) => ({
    usage,
    days,
    season: month >= 6 && month <= 9 ? 'summer' : 'winter',
    heating: base.heating,
  }),
};
