import type { UtilityProfileInput } from '../../rates/schema';
import { OWRS_CLASSES as CLASSES } from '../owrs-classes';
import { SANTA_MARGARITA_2017, SANTA_MARGARITA_2017_FILE } from './owrs-text';

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
    'Monthly bills: the service charge and the fixed sewer charge are billed per bill as the file states them, whatever the days (neither the file nor the format\u2019s reference implementation prorates; no proration rule of the District was gathered, so `proration` is not set); the indoor budget counts the days, as its formula reads days_in_period. No rates before 2017-01-01 are loaded: an earlier period is refused.',
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
