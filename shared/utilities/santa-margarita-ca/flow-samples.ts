import type { FlowSamples } from '../flow-samples';

/** A flow preview's account here: its street's town, its unit, and the situations offered. */
export const flowSamples: FlowSamples = {
  place: { city: 'Mission Viejo', state: 'CA', zip: '92691', municipality: 'Mission Viejo' },
  unit: 'CCF',
  usageScale: 1,
  presets: [
    {
      id: 'ca-notice-medical',
      options: {
        number: '3104-7781-02',
        name: 'María Elena Ruiz',
        language: 'es',
        pastDueCents: 18240,
        pastDueDays: 64,
        notice: true,
        protections: ['medical'],
      },
    },
  ],
};
