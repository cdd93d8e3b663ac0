import type { UtilityProfileInput } from '../../rates/schema';
import { OWRS_CLASSES as CLASSES } from '../owrs-classes';
import { MARIN_2017, MARIN_2017_FILE } from './owrs-text';

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
    'Bi-monthly bills: the service charge is billed per bill as the file states it, whatever the days (neither the file nor the format\u2019s reference implementation prorates; no proration rule of the District was gathered, so `proration` is not set). No rates before 2017-07-01 are loaded: an earlier period is refused.',
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
