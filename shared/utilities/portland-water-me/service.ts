import { water } from '../field-service-settings';

/** Field service: the ME calendar, crews on America/New_York time; windows and escalations are settings. */
export const service = water(
  'portland-water-me',
  'Portland Water District',
  'ME',
  'America/New_York',
);
