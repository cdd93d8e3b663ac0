import type { FlowSamples } from '../flow-samples';

/** A flow preview's account here: its street's town, its unit, and the situations offered. */
export const flowSamples: FlowSamples = {
  place: { city: 'Philadelphia', state: 'PA', zip: '19147', municipality: 'Philadelphia' },
  unit: 'Mcf',
  usageScale: 0.1,
  presets: [
    {
      id: 'pa-high-bill-leak',
      options: { number: '1000-2000-30', usage: [5, 5, 6, 6, 7, 7, 6, 6, 5, 5, 5, 12, 14] },
    },
    {
      id: 'pa-estimated-spanish',
      options: {
        number: '1000-4410-07',
        name: 'José Antonio Medina',
        language: 'es',
        estimated: true,
        pastDueCents: 24310,
        pastDueDays: 75,
        protections: ['low-income'],
      },
    },
  ],
};
