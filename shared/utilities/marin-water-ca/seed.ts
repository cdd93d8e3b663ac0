import { CA_WATER_SEASON, isSummer, type SeedModel } from '../seed';

/** Synthetic customers: where they live, what they use, and what their bills are priced on. */
export const seed: SeedModel = {
  places: {
    prefix: 'MM',
    state: 'CA',
    areaCodes: ['415', '628'],
    towns: [
      { city: 'San Rafael', municipality: 'San Rafael', zips: ['94901', '94903'], weight: 35 },
      { city: 'Mill Valley', municipality: 'Mill Valley', zips: ['94941'], weight: 15 },
      { city: 'Corte Madera', municipality: 'Corte Madera', zips: ['94925'], weight: 8 },
      { city: 'Larkspur', municipality: 'Larkspur', zips: ['94939'], weight: 8 },
      { city: 'San Anselmo', municipality: 'San Anselmo', zips: ['94960'], weight: 10 },
      { city: 'Fairfax', municipality: 'Fairfax', zips: ['94930'], weight: 8 },
      { city: 'Sausalito', municipality: 'Sausalito', zips: ['94965'], weight: 8 },
      { city: 'Tiburon', municipality: 'Tiburon', zips: ['94920'], weight: 8 },
    ],
    spanishShare: 0.12,
    meterSizes: [
      { size: '5/8', weight: 80 },
      { size: '3/4', weight: 20 },
    ],
    bimonthly: true,
  },
  typicalUse: 9,
  seasonalUse: CA_WATER_SEASON,
  billInput: (base, usage, days, month) => ({
    meterSize: base.meterSize,
    usage,
    days,
    season: isSummer(month) ? 'summer' : 'winter',
  }),
};
