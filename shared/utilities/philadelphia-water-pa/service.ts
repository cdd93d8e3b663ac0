import { water } from '../field-service-settings';

/** Field service: the PA calendar, crews on America/New_York time; windows and escalations are settings. */
export const service = water(
  'philadelphia-water-pa',
  'Philadelphia Water Department',
  'PA',
  'America/New_York',
);
