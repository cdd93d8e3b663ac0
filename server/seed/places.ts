/** Where each launch utility's customers live: towns, ZIP codes, area codes, and its customers' languages. */
export interface UtilityPlaces {
  prefix: string;
  state: string;
  areaCodes: string[];
  towns: { city: string; municipality: string; zips: string[]; weight: number }[];
  /** Share of customers who prefer Spanish. */
  spanishShare: number;
  meterSizes: { size: string; weight: number }[];
  bimonthly: boolean;
}

export const places: Record<string, UtilityPlaces> = {
  'portland-water-me': {
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
  'philadelphia-water-pa': {
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
  'santa-margarita-ca': {
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
  'marin-water-ca': {
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
  'alameda-power-ca': {
    prefix: 'AP',
    state: 'CA',
    areaCodes: ['510', '341'],
    towns: [{ city: 'Alameda', municipality: 'Alameda', zips: ['94501', '94502'], weight: 1 }],
    spanishShare: 0.1,
    meterSizes: [],
    bimonthly: false,
  },
};
