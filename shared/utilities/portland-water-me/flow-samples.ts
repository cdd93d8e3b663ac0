import type { FlowSamples } from '../flow-samples';

/** A flow preview's account here: its street's town, its unit, and the situations offered. */
export const flowSamples: FlowSamples = {
  place: { city: 'Portland', state: 'ME', zip: '04101', municipality: 'Portland' },
  unit: 'CCF',
  usageScale: 1,
  presets: [
    {
      id: 'me-arrangement',
      options: {
        number: '5520-0193-44',
        name: 'Thomas Gagnon',
        pastDueCents: 9650,
        pastDueDays: 40,
        arrangement: true,
      },
    },
  ],
};
