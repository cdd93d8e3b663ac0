import { NORTHEAST_WATER_SEASON, type SeedModel } from '../seed';

/** Synthetic customers: where they live, what they use, and what their bills are priced on. */
export const seed: SeedModel = {
  places: {
    prefix: 'ME',
    state: 'ME',
    areaCodes: ['207'],
    towns: [
      { city: 'Portland', municipality: 'Portland', zips: ['04101', '04102', '04103'], weight: 30 },
      { city: 'South Portland', municipality: 'South Portland', zips: ['04106'], weight: 12 },
      { city: 'Westbrook', municipality: 'Westbrook', zips: ['04092'], weight: 9 },
      { city: 'Gorham', municipality: 'Gorham', zips: ['04038'], weight: 7 },
      { city: 'Falmouth', municipality: 'Falmouth', zips: ['04105'], weight: 6 },
      { city: 'Cape Elizabeth', municipality: 'Cape Elizabeth', zips: ['04107'], weight: 5 },
      { city: 'Cumberland', municipality: 'Cumberland', zips: ['04021'], weight: 4 },
      { city: 'Scarborough', municipality: 'Scarborough', zips: ['04074'], weight: 10 },
      { city: 'Windham', municipality: 'Windham', zips: ['04062'], weight: 8 },
      { city: 'Raymond', municipality: 'Raymond', zips: ['04071'], weight: 3 },
      { city: 'Standish', municipality: 'Standish', zips: ['04084'], weight: 6 },
    ],
    spanishShare: 0.03,
    meterSizes: [
      { size: '5/8', weight: 85 },
      { size: '3/4', weight: 10 },
      { size: '1', weight: 5 },
    ],
    bimonthly: false,
  },
  typicalUse: 5,
  seasonalUse: NORTHEAST_WATER_SEASON,
  billInput: (base, usage, days) => ({
    meterSize: base.meterSize,
    usage,
    days,
    municipality: base.municipality,
    ...(base.municipality === 'Portland' ? { imperviousSqft: base.impervious } : {}),
  }),
};
