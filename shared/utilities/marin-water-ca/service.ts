import { water } from '../field-service-settings';

/** Field service: the CA calendar, crews on America/Los_Angeles time; windows and escalations are settings. */
export const service = water(
  'marin-water-ca',
  'Marin Municipal Water District',
  'CA',
  'America/Los_Angeles',
);
