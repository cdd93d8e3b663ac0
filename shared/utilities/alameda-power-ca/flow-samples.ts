import type { FlowSamples } from '../flow-samples';

/** A flow preview's account here: its street's town, its unit, and the situations offered. */
export const flowSamples: FlowSamples = {
  place: { city: 'Alameda', state: 'CA', zip: '94501', municipality: 'Alameda' },
  unit: 'kWh',
  usageScale: 60,
  presets: [
    {
      id: 'ca-electric-inactive',
      options: {
        number: '7700-1020-55',
        name: 'Priya Natarajan',
        status: 'inactive',
        balanceCents: 0,
      },
    },
  ],
};
