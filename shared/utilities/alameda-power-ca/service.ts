import type { FieldServiceProfileInput } from '../../service/profile';
import { morningWindow } from '../field-service-settings';

/** Field service of an electric utility: the morning window, no water emergencies. */
export const service: FieldServiceProfileInput = {
  utilityId: 'alameda-power-ca',
  state: 'CA',
  timeZone: 'America/Los_Angeles',
  appointment: morningWindow('Alameda Municipal Power'),
  // An electric utility: no water emergencies. Outages and wires down go to its own trouble
  // line, which is not an order type here.
  emergencies: {},
  notes: [
    'Electric trouble (outages, wires down) is reported to the utility\u2019s trouble line, not filed as an order from Tapline.',
  ],
};
