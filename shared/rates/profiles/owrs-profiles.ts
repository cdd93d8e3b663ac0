import type { UtilityProfileInput } from '../schema';
import {
  MARIN_2017,
  MARIN_2017_FILE,
  SANTA_MARGARITA_2017,
  SANTA_MARGARITA_2017_FILE,
} from './owrs-texts';

const CLASSES = {
  residential: 'RESIDENTIAL_SINGLE',
  'residential-multi': 'RESIDENTIAL_MULTI',
  commercial: 'COMMERCIAL',
  irrigation: 'IRRIGATION',
};

/** Santa Margarita Water District, from its OWRS file effective 2017-01-01 (budget-based tiers). */
export const santaMargarita: UtilityProfileInput = {
  kind: 'owrs',
  id: 'santa-margarita-ca',
  name: 'Santa Margarita Water District',
  state: 'CA',
  service: 'water',
  effective: '2017-01-01',
  sources: [
    {
      title: `Open Water Rate Specification, California Data Collaborative: ${SANTA_MARGARITA_2017_FILE}`,
      published: '2017-01-01',
    },
  ],
  notes: [
    'Residential single-family water is budget-based: indoor = 55 gpcd × household size × days ÷ 748, outdoor = 0.8 × ET × irrigated area ÷ 1,200; both rounded to whole CCF half to even, as the format\u2019s reference implementation does. A bill needs the household size, ET (inches) and irrigated area.',
    'The 2017 file is the newest gathered; check the District\u2019s current rates before production use.',
  ],
  billFrequency: 'monthly',
  unit: 'ccf',
  rounding: { mode: 'half-up', scope: 'line' },
  classes: Object.keys(CLASSES),
  owrs: SANTA_MARGARITA_2017,
  owrsFile: SANTA_MARGARITA_2017_FILE,
  classMap: CLASSES,
  defaults: {},
};

/** Marin Municipal Water District, from its OWRS file effective 2017-07-01 (seasonal tiers). */
export const marinWater: UtilityProfileInput = {
  kind: 'owrs',
  id: 'marin-water-ca',
  name: 'Marin Municipal Water District',
  state: 'CA',
  service: 'water',
  effective: '2017-07-01',
  sources: [
    {
      title: `Open Water Rate Specification, California Data Collaborative: ${MARIN_2017_FILE}`,
      published: '2017-07-01',
    },
  ],
  notes: [
    'Bi-monthly bills; residential tiers depend on the season (summer starts 0, 27, 60, 100 CCF; winter 0, 22, 49, 81). Tier starts are the first unit of each tier (RateParser): with starts 0 and 27 the first tier holds 26 CCF.',
    'Non-residential budget classes need the customer\u2019s `commercial_budget` (an input).',
    'The 2017 file is the newest gathered; check the District\u2019s current rates before production use.',
  ],
  billFrequency: 'bimonthly',
  unit: 'ccf',
  rounding: { mode: 'half-up', scope: 'line' },
  classes: Object.keys(CLASSES),
  owrs: MARIN_2017,
  owrsFile: MARIN_2017_FILE,
  classMap: { ...CLASSES, irrigation: 'IRRIGATION' },
  defaults: {},
};
