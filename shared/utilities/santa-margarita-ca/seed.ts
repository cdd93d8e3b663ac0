import { CA_WATER_SEASON, isSummer, type SeedModel } from '../seed';

/** Synthetic customers: where they live, what they use, and what their bills are priced on. */
export const seed: SeedModel = {
  places: {
    prefix: 'SM',
    state: 'CA',
    areaCodes: ['949'],
    towns: [
      {
        city: 'Rancho Santa Margarita',
        municipality: 'Rancho Santa Margarita',
        zips: ['92688'],
        weight: 35,
      },
      {
        city: 'Mission Viejo',
        municipality: 'Mission Viejo',
        zips: ['92691', '92692'],
        weight: 30,
      },
      { city: 'Ladera Ranch', municipality: 'Ladera Ranch', zips: ['92694'], weight: 15 },
      { city: 'Coto de Caza', municipality: 'Coto de Caza', zips: ['92679'], weight: 8 },
      { city: 'San Clemente', municipality: 'Talega', zips: ['92673'], weight: 12 },
    ],
    spanishShare: 0.2,
    meterSizes: [
      { size: '3/4', weight: 70 },
      { size: '1', weight: 30 },
    ],
    bimonthly: false,
  },
  typicalUse: 13,
  seasonalUse: CA_WATER_SEASON,
  billInput: (base, usage, days, month) => ({
    meterSize: base.meterSize,
    usage,
    days,
    householdSize: base.household,
    irrigatedSqft: base.irrigated,
    etInches: Number((isSummer(month) ? 5.5 : 2.2).toFixed(1)),
  }),
};
