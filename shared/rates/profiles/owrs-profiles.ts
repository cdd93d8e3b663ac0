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
    'Every class of the file can be billed: residential, residential-multi, commercial and irrigation by those names, LAKEFILL and DISTRICT_FACILITY by the file\u2019s. Commercial sewer depends on the customer\u2019s rate_class (C1\u2013C4) and irrigation prices on domestic_type (domestic, non_domestic): customer data the file reads by name (on the command line, --data rate_class=C2).',
    'Monthly bills: the service charge and the fixed sewer charge are prorated by days over 30 outside 27\u201333 days, as the native profiles do; water and sewer per CCF are not, and the indoor budget already counts the days. No rates before 2017-01-01 are loaded: an earlier period is refused.',
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
    'Every class of the file can be billed: residential, residential-multi, commercial and irrigation by those names, INSTITUTIONAL, FIRE_SERVICE, RAW and RECYCLED by the file\u2019s. The budget classes (commercial, irrigation, INSTITUTIONAL, RECYCLED) need the customer\u2019s commercial_budget in CCF, customer data the file reads by name (on the command line, --data commercial_budget=40); fire service has meters of 2" and up only.',
    'Bi-monthly bills: the service charge is prorated by days over 60 outside 54\u201366 days (the native profiles\u2019 27\u201333 around 30, in proportion); the tiers are not. No rates before 2017-07-01 are loaded: an earlier period is refused.',
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
